package igvfiles

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"encoding/binary"
	"hash/crc32"
	"math/rand/v2"
	"testing"
)

// The sample files below are built byte by byte from the specifications, so
// that Detect is tested on what samtools, bcftools and tabix write.

// bgzfBlock compresses data into one BGZF block (SAM spec §4.1): a gzip member
// with FLG.FEXTRA, OS=255 and the extra subfield BC holding BSIZE, the total
// block size minus one.
func bgzfBlock(t testing.TB, data []byte) []byte {
	t.Helper()
	var cdata bytes.Buffer
	fw, err := flate.NewWriter(&cdata, flate.DefaultCompression)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := fw.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := fw.Close(); err != nil {
		t.Fatal(err)
	}
	const header = 18 // 12 fixed bytes and the 6-byte BC subfield
	total := header + cdata.Len() + 8
	if total > 1<<16 {
		t.Fatalf("BGZF block of %d bytes: a block holds at most 64 KiB", total)
	}
	b := []byte{0x1f, 0x8b, 8, 4, 0, 0, 0, 0, 0, 0xff, 6, 0, 'B', 'C', 2, 0, 0, 0}
	binary.LittleEndian.PutUint16(b[16:], uint16(total-1))
	b = append(b, cdata.Bytes()...)
	b = binary.LittleEndian.AppendUint32(b, crc32.ChecksumIEEE(data))
	return binary.LittleEndian.AppendUint32(b, uint32(len(data)))
}

// bgzfEOF is the empty block that ends every BGZF file (SAM spec §4.1.2).
var bgzfEOF = []byte{0x1f, 0x8b, 0x08, 0x04, 0, 0, 0, 0, 0, 0xff, 0x06, 0, 0x42, 0x43, 0x02, 0, 0x1b, 0, 0x03, 0, 0, 0, 0, 0, 0, 0, 0, 0}

// bgzf is a BGZF file of one block per chunk.
func bgzf(t testing.TB, chunks ...[]byte) []byte {
	t.Helper()
	var b []byte
	for _, c := range chunks {
		b = append(b, bgzfBlock(t, c)...)
	}
	return append(b, bgzfEOF...)
}

// gzipped is data compressed with plain gzip, as gzip(1) or htsjdk's CRAI writer does.
func gzipped(t testing.TB, data []byte) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	if _, err := zw.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func le32(b []byte, v int) []byte { return binary.LittleEndian.AppendUint32(b, uint32(int32(v))) }

// bamHeader is the start of a BAM's uncompressed data (SAM spec §4.2): magic,
// SAM header text, and the reference list.
func bamHeader() []byte {
	text := "@HD\tVN:1.6\tSO:coordinate\n@SQ\tSN:chr1\tLN:248956422\n"
	b := append([]byte("BAM\x01"), le32(nil, len(text))...)
	b = append(b, text...)
	b = le32(b, 1) // n_ref
	b = le32(b, 5) // l_name
	b = append(b, "chr1\x00"...)
	return le32(b, 248956422) // l_ref
}

func bamFile(t testing.TB) []byte { return bgzf(t, bamHeader()) }

// baiFile is an uncompressed BAM index (SAM spec §5.2) for one reference with no bins.
func baiFile() []byte {
	b := append([]byte("BAI\x01"), le32(nil, 1)...) // n_ref
	b = le32(b, 0)                                  // n_bin
	return le32(b, 0)                               // n_intv
}

// csiFile is a BGZF CSI index (CSI spec): magic, min_shift, depth, l_aux, n_ref.
func csiFile(t testing.TB) []byte {
	b := append([]byte("CSI\x01"), le32(nil, 14)...)
	b = le32(b, 5)
	b = le32(b, 0)
	return bgzf(t, le32(b, 0))
}

// tbiFile is a BGZF tabix index (tabix spec) of a VCF on chr1.
func tbiFile(t testing.TB) []byte {
	b := append([]byte("TBI\x01"), le32(nil, 1)...)  // n_ref
	for _, v := range []int{2, 1, 2, 0, '#', 0, 5} { // format=VCF, col_seq, col_beg, col_end, meta, skip, l_nm
		b = le32(b, v)
	}
	b = append(b, "chr1\x00"...)
	b = le32(b, 0) // n_bin
	return bgzf(t, le32(b, 0))
}

// craiFile is a CRAM index (CRAM spec §12): gzipped lines of six tab-separated integers.
func craiFile(t testing.TB) []byte {
	return gzipped(t, []byte("0\t10001\t5000\t1234\t245\t56789\n0\t15001\t4000\t58023\t245\t61234\n"))
}

// cramFile is the start of a CRAM of the given version (CRAM spec §6): magic,
// major and minor version, 20-byte file id, then the SAM header container.
func cramFile(major, minor byte) []byte {
	b := append([]byte("CRAM"), major, minor)
	id := make([]byte, 20)
	copy(id, "NA12878.cram")
	b = append(b, id...)
	b = le32(b, 57) // container length
	return append(b, 0xff, 0xff, 0xff, 0xff, 0x0f, 0xe0, 0x45, 0x4f, 0x46)
}

const vcfText = "##fileformat=VCFv4.2\n##contig=<ID=chr1,length=248956422>\n" +
	"#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n" +
	"chr1\t10177\trs367896724\tA\tAC\t100\tPASS\tAF=0.425\n"

func vcfGzFile(t testing.TB) []byte { return bgzf(t, []byte(vcfText)) }

// noise is incompressible bytes, to make BGZF blocks as large as they get.
func noise(n int, seed uint64) []byte {
	r := rand.New(rand.NewPCG(seed, seed))
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	return b
}
