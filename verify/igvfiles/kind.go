package igvfiles

import "strings"

// Format is a file format IGV opens from S3, or an index IGV reads beside one.
type Format string

// The formats Detect recognises.
const (
	BAM   Format = "BAM"    // BGZF-compressed alignments (SAM spec §4)
	CRAM  Format = "CRAM"   // reference-compressed alignments (CRAM spec)
	BAI   Format = "BAI"    // BAM index (SAM spec §5.2)
	CRAI  Format = "CRAI"   // CRAM index: gzipped text (CRAM spec §12)
	CSI   Format = "CSI"    // coordinate-sorted index, BGZF (CSI spec)
	TBI   Format = "TBI"    // tabix index, BGZF (tabix spec)
	VCFGz Format = "VCF.gz" // VCF compressed with bgzip, readable by region
	VCF   Format = "VCF"    // uncompressed VCF, read whole by IGV
)

// Kind is what a file is: its format and, for CRAM, its version.
type Kind struct {
	Format Format
	// Version is the CRAM major.minor version, e.g. "3.1"; empty for other formats.
	Version string
}

func (k Kind) String() string {
	if k.Version == "" {
		return string(k.Format)
	}
	return string(k.Format) + " " + k.Version
}

// IsIndex reports whether the format is an index rather than data.
func (f Format) IsIndex() bool {
	return f == BAI || f == CRAI || f == CSI || f == TBI
}

// extensions maps file name endings to formats. Only the last ending counts:
// "x.bam.bai" is a BAI, "x.vcf.gz" a VCF.gz.
var extensions = []struct {
	suffix string
	format Format
}{
	{".bam", BAM},
	{".cram", CRAM},
	{".bai", BAI},
	{".crai", CRAI},
	{".csi", CSI},
	{".tbi", TBI},
	{".vcf.gz", VCFGz},
	{".vcf", VCF},
}

// ExpectedKind is the kind a file should be, judged from its name as IGV
// judges it: IGV picks a reader from the extension (ResourceLocator.deriveFormat
// lower-cases the path first), never from the content. It reports false for
// names with none of the extensions above.
func ExpectedKind(key string) (Kind, bool) {
	name := strings.ToLower(key)
	for _, e := range extensions {
		if strings.HasSuffix(name, e.suffix) {
			return Kind{Format: e.format}, true
		}
	}
	return Kind{}, false
}
