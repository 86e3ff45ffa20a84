package igvfiles

import (
	"bytes"
	"errors"
	"fmt"
)

// HeadSize is how much of a file Detect needs and Walk reads: 64 KiB. A BGZF
// block is at most 64 KiB (its size field, BSIZE, is 16 bits: SAM spec §4.1),
// so a full head always holds the whole first block.
const HeadSize = 64 << 10

// Errors Detect wraps, so a caller can tell the cases apart with errors.Is.
var (
	// ErrEmpty is a file of no bytes.
	ErrEmpty = errors.New("empty file")
	// ErrNotBGZF is gzip without the BGZF block structure. IGV seeks into BAM
	// and VCF.gz files by BGZF block offsets (SAM spec §4.1.1 virtual file
	// offsets); a plain gzip stream cannot be indexed or read by region.
	ErrNotBGZF = errors.New("gzip but not BGZF")
	// ErrUnrecognised is content that is none of the supported formats.
	ErrUnrecognised = errors.New("not a recognised genomics file")
)

// Magic numbers at the start of each format's (uncompressed) data.
var (
	magicBAM  = []byte("BAM\x01")          // SAM spec §4.2
	magicBAI  = []byte("BAI\x01")          // SAM spec §5.2
	magicCSI  = []byte("CSI\x01")          // CSI spec (CSIv1.pdf)
	magicTBI  = []byte("TBI\x01")          // tabix spec (tabix.pdf)
	magicCRAM = []byte("CRAM")             // CRAM spec §6
	magicVCF  = []byte("##fileformat=VCF") // VCFv4.3 §1.4.1: the first line names the version
)

// Detect says what a file is from head, its first bytes (up to HeadSize; a
// shorter head is fine as long as it holds the magic number). The error says
// what the bytes look like when they are none of the supported kinds, and wraps
// ErrEmpty, ErrNotBGZF or ErrUnrecognised.
func Detect(head []byte) (Kind, error) {
	switch {
	case len(head) == 0:
		return Kind{}, ErrEmpty
	case isGzip(head):
		return detectGzip(head)
	case bytes.HasPrefix(head, magicCRAM):
		return detectCRAM(head)
	case bytes.HasPrefix(head, magicBAI):
		return Kind{Format: BAI}, nil
	case bytes.HasPrefix(head, magicVCF):
		return Kind{Format: VCF}, nil
	}
	return Kind{}, fmt.Errorf("%w: it is %s", ErrUnrecognised, describe(head))
}

// detectGzip looks inside a gzip file. BAM, CSI, TBI and bgzipped VCF are
// BGZF: only the first block is inflated, cut out by its BSIZE, because the
// head may end in the middle of a later block. CRAI is gzipped text, written
// with plain gzip by samtools and htsjdk.
func detectGzip(head []byte) (Kind, error) {
	size, isBGZF := bgzfBlockSize(head)
	if !isBGZF {
		data, err := inflate(head, true)
		if err != nil {
			return Kind{}, fmt.Errorf("%w: gzip data that does not inflate: %w", ErrUnrecognised, err)
		}
		if isCRAI(data) {
			return Kind{Format: CRAI}, nil
		}
		return Kind{}, notBGZF(data)
	}

	// A head shorter than the block (the caller read less than HeadSize) still
	// inflates far enough to show the magic number.
	cut := size > len(head)
	data, err := inflate(head[:min(size, len(head))], cut)
	if err != nil {
		return Kind{}, fmt.Errorf("%w: BGZF whose first block does not inflate: %w", ErrUnrecognised, err)
	}
	switch {
	case bytes.HasPrefix(data, magicBAM):
		return Kind{Format: BAM}, nil
	case bytes.HasPrefix(data, magicCSI):
		return Kind{Format: CSI}, nil
	case bytes.HasPrefix(data, magicTBI):
		return Kind{Format: TBI}, nil
	case bytes.HasPrefix(data, magicVCF):
		return Kind{Format: VCFGz}, nil
	case isCRAI(data):
		// BGZF is valid gzip, and CRAI readers simply gunzip.
		return Kind{Format: CRAI}, nil
	}
	return Kind{}, fmt.Errorf("%w: it is BGZF holding %s", ErrUnrecognised, describe(data))
}

// notBGZF is the error for a plain gzip file, naming the likely mistake.
func notBGZF(data []byte) error {
	switch {
	case bytes.HasPrefix(data, magicVCF):
		return fmt.Errorf("%w: VCF text compressed with plain gzip, which cannot be indexed; compress it with bgzip and index it with tabix", ErrNotBGZF)
	case bytes.HasPrefix(data, magicBAM):
		return fmt.Errorf("%w: BAM data recompressed with plain gzip, which cannot be indexed; keep the BAM as samtools wrote it", ErrNotBGZF)
	}
	return fmt.Errorf("%w: it holds %s", ErrNotBGZF, describe(data))
}

// detectCRAM reads the CRAM file definition (CRAM spec §6): "CRAM", then the
// major and minor format numbers as one byte each, then a 20-byte file id.
func detectCRAM(head []byte) (Kind, error) {
	if len(head) < 6 {
		return Kind{}, fmt.Errorf("%w: it starts with \"CRAM\" but ends before the version bytes", ErrUnrecognised)
	}
	major, minor := head[4], head[5]
	// Published versions are 1.0, 2.0, 2.1, 3.0 and 3.1; 4.0 is a draft.
	if major < 1 || major > 4 || minor > 9 {
		return Kind{}, fmt.Errorf("%w: it starts with \"CRAM\" but %d.%d is not a CRAM version", ErrUnrecognised, major, minor)
	}
	return Kind{Format: CRAM, Version: fmt.Sprintf("%d.%d", major, minor)}, nil
}
