// Package igvfiles does the S3 part of what IGV desktop does after login, and
// recognises the genomics files IGV opens from S3.
//
// It has three parts:
//
//   - Detect and ExpectedKind recognise BAM, CRAM, VCF and their indexes from
//     the first bytes of a file and from its name.
//   - IndexCandidates names the index files IGV looks for beside a data file
//     opened from an s3:// URL, in IGV's order.
//   - Walk makes IGV's S3 calls for one object (ListBuckets, ListObjectsV2 down
//     the folders, HeadObject, a ranged GetObject, HeadObject on the index) and
//     reports each as a Step, keeping the AWS error so a caller can explain it.
//
// The format references are the SAM/BAM specification (SAMv1.pdf, §4 "The BAM
// format", §4.1 "BGZF compression format", §5 "Indexing BAM"), the CSI
// specification (CSIv1.pdf), the tabix specification (tabix.pdf), the CRAM 3.1
// specification (CRAMv3.pdf, §6 "File definition", §12 "Indexing"), all at
// https://github.com/samtools/hts-specs, and RFC 1952 (gzip).
package igvfiles
