package igvfiles

import (
	"errors"
	"strings"
	"testing"
)

func TestDetectRecognisesEverySupportedFormat(t *testing.T) {
	for _, tc := range []struct {
		name string
		file []byte
		want Kind
	}{
		{"BAM", bamFile(t), Kind{Format: BAM}},
		{"CRAM 3.1", cramFile(3, 1), Kind{Format: CRAM, Version: "3.1"}},
		{"CRAM 3.0", cramFile(3, 0), Kind{Format: CRAM, Version: "3.0"}},
		{"BAI", baiFile(), Kind{Format: BAI}},
		{"CRAI", craiFile(t), Kind{Format: CRAI}},
		{"CSI", csiFile(t), Kind{Format: CSI}},
		{"TBI", tbiFile(t), Kind{Format: TBI}},
		{"VCF.gz", vcfGzFile(t), Kind{Format: VCFGz}},
		{"VCF", []byte(vcfText), Kind{Format: VCF}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Detect(tc.file)
			if err != nil || got != tc.want {
				t.Errorf("Detect = %v, %v; want %v", got, err, tc.want)
			}
		})
	}
}

func TestDetectNamesTheCRAMVersion(t *testing.T) {
	got, err := Detect(cramFile(3, 1))
	if err != nil || got.String() != "CRAM 3.1" {
		t.Errorf("Detect = %q, %v; want CRAM 3.1", got, err)
	}
}

// A 64 KiB head usually ends inside the second or a later block: only the
// first, cut out by its BSIZE, is inflated.
func TestDetectReadsAHeadCutInsideALaterBGZFBlock(t *testing.T) {
	first := bgzfBlock(t, []byte(vcfText))
	file := bgzf(t, []byte(vcfText), noise(60000, 1), noise(60000, 2))
	if len(first) >= HeadSize || len(file) <= HeadSize+100 {
		t.Fatalf("test file: first block %d bytes, file %d bytes; want the cut inside the second block", len(first), len(file))
	}
	got, err := Detect(file[:HeadSize])
	if err != nil || got.Format != VCFGz {
		t.Errorf("Detect = %v, %v; want VCF.gz", got, err)
	}
}

// A caller may read less than HeadSize: the first block is then cut, and what
// inflates before the cut is enough.
func TestDetectReadsAFirstBGZFBlockLargerThanTheHead(t *testing.T) {
	file := bgzf(t, append(bamHeader(), noise(60000, 3)...))
	head := file[:1000]
	if size, ok := bgzfBlockSize(head); !ok || size <= len(head) {
		t.Fatalf("first block %d bytes, BGZF %v; want one larger than the %d-byte head", size, ok, len(head))
	}
	got, err := Detect(head)
	if err != nil || got.Format != BAM {
		t.Errorf("Detect = %v, %v; want BAM", got, err)
	}
}

func TestDetectFailsOnACorruptFirstBGZFBlock(t *testing.T) {
	file := bamFile(t)
	file[20] ^= 0xff // inside the deflate data
	_, err := Detect(file)
	if !errors.Is(err, ErrUnrecognised) {
		t.Errorf("Detect error = %v; want ErrUnrecognised", err)
	}
}

func TestDetectReportsAPlainGzipVCFAsNotBGZF(t *testing.T) {
	_, err := Detect(gzipped(t, []byte(vcfText)))
	if !errors.Is(err, ErrNotBGZF) || !strings.Contains(err.Error(), "bgzip") {
		t.Errorf("Detect error = %v; want ErrNotBGZF telling to use bgzip", err)
	}
}

func TestDetectReportsAPlainGzipBAMAsNotBGZF(t *testing.T) {
	_, err := Detect(gzipped(t, bamHeader()))
	if !errors.Is(err, ErrNotBGZF) || !strings.Contains(err.Error(), "BAM") {
		t.Errorf("Detect error = %v; want ErrNotBGZF naming BAM", err)
	}
}

func TestDetectReportsAnEmptyFile(t *testing.T) {
	if _, err := Detect(nil); !errors.Is(err, ErrEmpty) {
		t.Errorf("Detect error = %v; want ErrEmpty", err)
	}
}

func TestDetectSaysWhatUnrecognisedBytesLookLike(t *testing.T) {
	for _, tc := range []struct {
		name, head, want string
	}{
		{"S3 error document", `<?xml version="1.0" encoding="UTF-8"?>` + "\n<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>", "S3 error document (XML with code AccessDenied)"},
		{"other XML", `<?xml version="1.0"?><session genome="hg38"/>`, "XML, which is what an S3 error document looks like"},
		{"HTML page", "<!DOCTYPE html>\n<html><body>Sign in</body></html>", "an HTML page"},
		{"JSON", `{"message": "Forbidden"}`, "JSON"},
		{"SAM text", "@HD\tVN:1.6\n@SQ\tSN:chr1\tLN:1000\n", "uncompressed SAM"},
		{"BED text", "chr1\t100\t200\tpeak1\n", `text starting "chr1\t100\t200\tpeak1"`},
		{"binary", "\x00\x01\x02\x03\xfe\xff\x00\x00\x00", "binary data starting 00 01 02 03 fe ff 00 00"},
		{"CRAM without version", "CRAM", "ends before the version bytes"},
		{"BGZF of BED", string(bgzf(t, []byte("chr1\t100\t200\n"))), `BGZF holding text starting "chr1\t100\t200"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Detect([]byte(tc.head))
			if !errors.Is(err, ErrUnrecognised) || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Detect error = %v; want ErrUnrecognised saying %q", err, tc.want)
			}
		})
	}
}

// A gzip member with an extra field but no BC subfield is plain gzip.
func TestDetectTreatsGzipWithoutTheBCSubfieldAsPlainGzip(t *testing.T) {
	file := bgzfBlock(t, []byte(vcfText))
	file[12], file[13] = 'X', 'Y'
	if _, err := Detect(file); !errors.Is(err, ErrNotBGZF) {
		t.Errorf("Detect error = %v; want ErrNotBGZF", err)
	}
}

func TestExpectedKindFollowsTheFileName(t *testing.T) {
	for key, want := range map[string]Format{
		"a/NA12878.bam":       BAM,
		"a/NA12878.BAM":       BAM,
		"a/NA12878.cram":      CRAM,
		"a/NA12878.bam.bai":   BAI,
		"a/NA12878.bai":       BAI,
		"a/NA12878.cram.crai": CRAI,
		"a/NA12878.bam.csi":   CSI,
		"a/calls.vcf.gz.tbi":  TBI,
		"a/calls.vcf.gz":      VCFGz,
		"a/calls.vcf":         VCF,
	} {
		if got, ok := ExpectedKind(key); !ok || got.Format != want {
			t.Errorf("ExpectedKind(%q) = %v, %v; want %v", key, got, ok, want)
		}
	}
	for _, key := range []string{"a/peaks.bed.gz", "a/README", "a/calls.vcf.bgz"} {
		if got, ok := ExpectedKind(key); ok {
			t.Errorf("ExpectedKind(%q) = %v; want none", key, got)
		}
	}
}
