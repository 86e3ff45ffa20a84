package igvfiles

import "strings"

// IndexCandidates returns the keys of the index files IGV looks for when it
// opens s3://BUCKET/key, in the order IGV tries them, or nil when IGV looks for
// none (it then asks the user for an index path, or reads the file whole).
//
// Read in IGV's source, tag v3.0.0-beta.4 (package org.igv; the same code is
// in org.broad.igv from v2.16.0 to v2.19.7):
//
//   - src/main/java/org/igv/util/ResourceLocator.java, setPath and
//     detectIndexPath: for a path starting "s3://", IGV sets the index path
//     itself. If the path contains ".bam" anywhere it is path + ".bai"; else if
//     it ends in ".gz" it is path + ".tbi"; else it is left empty.
//   - That index path is then explicit, and explicit paths are used as they
//     are: src/main/java/org/igv/alignment/reader/SamReaderPool.java,
//     createReader (getExplicitIndexPath) for BAM, and
//     src/main/java/org/igv/track/TribbleFeatureSource.java, getFeatureSource,
//     for VCF. So over S3 a BAM has exactly one candidate, KEY.bam.bai (never
//     KEY.bai or .csi), and a VCF.gz exactly one, KEY.vcf.gz.tbi (never .csi).
//   - A CRAM gets no index path from detectIndexPath, so SamReaderPool.getIndexPath
//     guesses, in its URL branch: path + ".crai", then path without ".cram" +
//     ".crai". These suffix tests are case-sensitive.
//   - A plain VCF gets none either; TribbleFeatureSource.getFeatureSource then
//     uses ResourceLocator.indexFile, path + ".idx" (a Tribble index), if it
//     exists, and otherwise reads the whole file.
//
// An index named otherwise (KEY.bai, KEY.bam.csi, KEY.vcf.gz.csi) is used only
// if the user selects it together with the data file in IGV's Load from S3
// dialog (src/main/java/org/igv/aws/S3LoadDialog.java,
// getResourceLocatorsFromBucketKeys).
func IndexCandidates(key string) []string {
	return indexCandidates("", key)
}

// indexCandidates is IndexCandidates for the whole path, as IGV sees it:
// detectIndexPath tests the s3:// URL, bucket included, for ".bam", so in a
// bucket named like "lab.bams" every file's index is expected at KEY.bai.
func indexCandidates(bucket, key string) []string {
	path := "s3://" + bucket + "/" + key
	switch {
	case strings.Contains(path, ".bam"):
		return []string{key + ".bai"}
	case strings.HasSuffix(path, ".gz"):
		return []string{key + ".tbi"}
	}
	// IGV picks the reader from the lower-cased name (ResourceLocator.deriveFormat),
	// but the index guesses below compare case-sensitively.
	lower := strings.ToLower(key)
	switch {
	case strings.HasSuffix(key, ".cram"):
		return []string{key + ".crai", strings.TrimSuffix(key, ".cram") + ".crai"}
	case strings.HasSuffix(lower, ".gz"):
		// ResourceLocator.indexFile lower-cases before testing for ".gz".
		return []string{key + ".tbi"}
	case strings.HasSuffix(lower, ".vcf"):
		return []string{key + ".idx"}
	}
	return nil
}

// selectableIndexes are the index names a user can pair with a data file by
// selecting both in IGV's Load from S3 dialog: S3LoadDialog pairs KEY.ext with
// KEY, and with KEY.bam or KEY.cram (Picard's naming), for ext among bai, csi,
// crai, idx and tbi. Only the index types that fit the format are listed. Walk
// mentions them when IGV's own candidates are missing.
func selectableIndexes(f Format, key string) []string {
	switch f {
	case BAM:
		base := strings.TrimSuffix(key, ".bam")
		return []string{key + ".bai", key + ".csi", base + ".bai", base + ".csi"}
	case CRAM:
		return []string{key + ".crai", strings.TrimSuffix(key, ".cram") + ".crai"}
	case VCFGz:
		return []string{key + ".tbi", key + ".csi"}
	}
	return nil
}
