package igvfiles

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"io"
	"strconv"
)

// isGzip reports whether b starts with the gzip magic ID1 ID2 (RFC 1952 §2.3.1).
func isGzip(b []byte) bool {
	return len(b) >= 2 && b[0] == 0x1f && b[1] == 0x8b
}

// bgzfBlockSize returns the total size of the BGZF block at the start of b. A
// BGZF block (SAM spec §4.1) is a gzip member (RFC 1952) with FLG.FEXTRA set
// whose extra field holds the subfield SI1='B' (66), SI2='C' (67), SLEN=2 and
// BSIZE, the block size minus one. ok is false for gzip without that subfield,
// i.e. plain gzip, and for a head cut inside the gzip header.
func bgzfBlockSize(b []byte) (size int, ok bool) {
	const (
		deflate = 8      // CM (RFC 1952 §2.3.1)
		fextra  = 1 << 2 // FLG.FEXTRA
		fixed   = 12     // ID1 ID2 CM FLG MTIME(4) XFL OS XLEN(2)
	)
	if len(b) < fixed || !isGzip(b) || b[2] != deflate || b[3]&fextra == 0 {
		return 0, false
	}
	xlen := int(binary.LittleEndian.Uint16(b[10:12]))
	if len(b) < fixed+xlen {
		return 0, false
	}
	// RFC 1952 §2.3.1.1: the extra field is a list of subfields SI1 SI2 LEN(2) data.
	extra := b[fixed : fixed+xlen]
	for len(extra) >= 4 {
		slen := int(binary.LittleEndian.Uint16(extra[2:4]))
		if len(extra) < 4+slen {
			break
		}
		if extra[0] == 'B' && extra[1] == 'C' && slen == 2 {
			return int(binary.LittleEndian.Uint16(extra[4:6])) + 1, true
		}
		extra = extra[4+slen:]
	}
	return 0, false
}

// inflate gunzips the first gzip member of b, returning at most HeadSize bytes:
// enough for any magic number, and a bound on what a small compressed head can
// expand to. When b may be cut short, what inflated before the cut is returned
// without error, since magic numbers sit at the start.
func inflate(b []byte, mayBeCut bool) ([]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	zr.Multistream(false)
	data, err := io.ReadAll(io.LimitReader(zr, HeadSize))
	if mayBeCut && errors.Is(err, io.ErrUnexpectedEOF) && len(data) > 0 {
		return data, nil
	}
	return data, err
}

// isCRAI reports whether the first line of data has the shape of a CRAM index
// line (CRAM spec §12): six tab-separated integers, namely reference id (-1 for
// unmapped), alignment start, alignment span, container offset, slice offset
// within the container and slice size.
func isCRAI(data []byte) bool {
	line, _, _ := bytes.Cut(data, []byte("\n"))
	fields := bytes.Split(bytes.TrimSuffix(line, []byte("\r")), []byte("\t"))
	if len(fields) != 6 {
		return false
	}
	for _, f := range fields {
		if _, err := strconv.ParseInt(string(f), 10, 64); err != nil {
			return false
		}
	}
	return true
}
