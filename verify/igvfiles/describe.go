package igvfiles

import (
	"bytes"
	"fmt"
	"unicode/utf8"
)

// describe says in a few words what bytes that are none of the supported
// formats look like, so that a report reads "x.bam is not a BAM: it is an
// HTML page". The usual culprits are named: an S3 error document saved as the
// file, a web page, JSON, uncompressed SAM, another compressor.
func describe(b []byte) string {
	if len(b) == 0 {
		return "nothing"
	}
	t := bytes.TrimLeft(b, " \t\r\n\ufeff")
	lower := bytes.ToLower(t[:min(len(t), 64)])
	has := func(prefix string) bool { return bytes.HasPrefix(lower, []byte(prefix)) }
	switch {
	case has("<?xml") || has("<error>"):
		if code := between(t, "<Code>", "</Code>"); code != "" {
			return fmt.Sprintf("an S3 error document (XML with code %s) stored as the file's content", code)
		}
		return fmt.Sprintf("XML, which is what an S3 error document looks like (starts with %q)", firstLine(t))
	case has("<!doctype html") || has("<html"):
		return fmt.Sprintf("an HTML page (starts with %q)", firstLine(t))
	case has("{") || has("["):
		return fmt.Sprintf("JSON (starts with %q)", firstLine(t))
	case has("@hd\t") || has("@sq\t") || has("@rg\t") || has("@pg\t") || has("@co\t"):
		return "uncompressed SAM text; IGV reads alignments by region only from BAM or CRAM"
	case bytes.HasPrefix(b, magicBAM):
		return "uncompressed BAM data; BAM must be BGZF-compressed"
	case isGzip(b):
		return "gzip data (compressed twice)"
	case bytes.HasPrefix(b, []byte("BZh")):
		return "bzip2-compressed data"
	case bytes.HasPrefix(b, []byte{0x28, 0xb5, 0x2f, 0xfd}):
		return "zstd-compressed data"
	case bytes.HasPrefix(b, []byte("PK\x03\x04")):
		return "a zip archive"
	case looksLikeText(b):
		return fmt.Sprintf("text starting %q", firstLine(t))
	}
	return fmt.Sprintf("binary data starting % x", b[:min(len(b), 8)])
}

// firstLine is the start of b's first line, short enough for a one-line report.
func firstLine(b []byte) string {
	line, _, _ := bytes.Cut(b, []byte("\n"))
	line = bytes.TrimRight(line, "\r")
	if len(line) > 40 {
		return string(line[:40]) + "..."
	}
	return string(line)
}

// between returns the text between the first open and the following close.
func between(b []byte, open, close string) string {
	_, after, ok := bytes.Cut(b, []byte(open))
	if !ok {
		return ""
	}
	inner, _, ok := bytes.Cut(after, []byte(close))
	if !ok {
		return ""
	}
	return string(inner)
}

// looksLikeText reports whether the first bytes of b are UTF-8 without control
// characters other than tab and line ends. A rune cut at the end of the
// sample is allowed.
func looksLikeText(b []byte) bool {
	sample := b[:min(len(b), 512)]
	for i := 0; i < len(sample); {
		r, n := utf8.DecodeRune(sample[i:])
		if r == utf8.RuneError && n <= 1 && len(sample)-i >= utf8.UTFMax {
			return false
		}
		if r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0x7f {
			return false
		}
		i += max(n, 1)
	}
	return true
}
