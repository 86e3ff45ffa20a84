package igvfiles

import (
	"slices"
	"testing"
)

func TestIndexCandidatesFollowIGVsS3Rules(t *testing.T) {
	for _, tc := range []struct {
		key  string
		want []string
	}{
		// ResourceLocator.detectIndexPath: one explicit candidate, no fallback.
		{"a/NA12878.bam", []string{"a/NA12878.bam.bai"}},
		{"a/calls.vcf.gz", []string{"a/calls.vcf.gz.tbi"}},
		// SamReaderPool.getIndexPath, URL branch.
		{"a/NA12878.cram", []string{"a/NA12878.cram.crai", "a/NA12878.crai"}},
		// TribbleFeatureSource via ResourceLocator.indexFile: optional.
		{"a/calls.vcf", []string{"a/calls.vcf.idx"}},
		{"a/calls.VCF.GZ", []string{"a/calls.VCF.GZ.tbi"}},
		// The ".bam" test is a substring test over the whole path.
		{"runs/x.bam.d/calls.vcf.gz", []string{"runs/x.bam.d/calls.vcf.gz.bai"}},
		// The suffix tests are case-sensitive: IGV asks the user instead.
		{"a/NA12878.BAM", nil},
		{"a/NA12878.CRAM", nil},
		{"a/README", nil},
	} {
		if got := IndexCandidates(tc.key); !slices.Equal(got, tc.want) {
			t.Errorf("IndexCandidates(%q) = %q; want %q", tc.key, got, tc.want)
		}
	}
}

func TestIndexCandidatesInABucketNamedWithDotBamAreAlwaysDotBai(t *testing.T) {
	got := indexCandidates("lab.bams", "a/NA12878.cram")
	if want := []string{"a/NA12878.cram.bai"}; !slices.Equal(got, want) {
		t.Errorf("indexCandidates = %q; want %q", got, want)
	}
}
