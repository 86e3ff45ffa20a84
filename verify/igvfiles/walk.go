package igvfiles

import (
	"context"
	"errors"

	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// S3 is the part of *s3.Client that Walk uses.
type S3 interface {
	ListBuckets(ctx context.Context, in *s3.ListBucketsInput, optFns ...func(*s3.Options)) (*s3.ListBucketsOutput, error)
	ListObjectsV2(ctx context.Context, in *s3.ListObjectsV2Input, optFns ...func(*s3.Options)) (*s3.ListObjectsV2Output, error)
	HeadObject(ctx context.Context, in *s3.HeadObjectInput, optFns ...func(*s3.Options)) (*s3.HeadObjectOutput, error)
	GetObject(ctx context.Context, in *s3.GetObjectInput, optFns ...func(*s3.Options)) (*s3.GetObjectOutput, error)
}

var _ S3 = (*s3.Client)(nil)

// Step is one checked step: its name, whether it passed, a one-line detail,
// and the error. Err wraps the AWS error when there is one (errors.As with a
// smithy.APIError gives its code), or one of this package's sentinel errors.
type Step struct {
	Name   string
	Passed bool
	Detail string
	Err    error
}

// Errors that Walk's steps wrap besides AWS errors.
var (
	// ErrNotListed is a bucket or object that IGV's Load from S3 would not show.
	ErrNotListed = errors.New("not shown by IGV's S3 browser")
	// ErrArchived is an object IGV refuses because of its storage class.
	ErrArchived = errors.New("archived object")
	// ErrNameMismatch is content that is not what the file name says, or a
	// name IGV cannot pick a reader from.
	ErrNameMismatch = errors.New("content does not match the file name")
	// ErrNoIndex is a BAM, CRAM or VCF.gz without the index IGV looks for.
	ErrNoIndex = errors.New("no index found")
)

// Walk does what IGV does to open object (s3://BUCKET/KEY) through
// Amazon > Load from S3, and reports each step:
//
//  1. ListBuckets, or, when buckets is non-empty, no call: IGV 3.0 skips
//     ListBuckets when its AWS_S3_BUCKETS preference is set and shows those.
//     The object's bucket must be listed.
//  2. ListObjectsV2 with delimiter "/" at the bucket root and at each folder
//     down to the object's, as IGV's S3 browser expands one level at a time.
//     Each level must show the next folder, and the last the object.
//  3. HeadObject, as IGV does before loading (AmazonUtils.isObjectAccessible).
//  4. GetObject of the first HeadSize bytes with a Range header, as IGV reads.
//  5. Detect on those bytes, compared with ExpectedKind of the key.
//  6. HeadObject on IndexCandidates to find the index IGV would use, and a
//     ranged GetObject of it to check its type.
//
// A failed step stops the walk only when later steps would mean nothing: a
// listing that fails stops the deeper listings, and a failed HeadObject or
// GetObject of the object stops everything after it.
func Walk(ctx context.Context, c S3, object string, buckets []string) []Step {
	bucket, key, err := ParseS3URL(object)
	if err != nil {
		return []Step{{Name: "parse " + object, Detail: err.Error(), Err: err}}
	}
	w := &walker{c: c, bucket: bucket, key: key}

	steps := []Step{w.bucketList(ctx, buckets)}
	steps = append(steps, w.folders(ctx)...)

	head, size, ok := w.headObject(ctx)
	steps = append(steps, head)
	if !ok {
		return steps
	}
	get, data, ok := w.readHead(ctx, key, size)
	steps = append(steps, get)
	if !ok {
		return steps
	}
	steps = append(steps, w.fileType(data))
	return append(steps, w.index(ctx)...)
}

// walker holds what every step needs.
type walker struct {
	c      S3
	bucket string
	key    string
}

// url is the s3:// URL of a key in the walker's bucket.
func (w *walker) url(key string) string {
	return "s3://" + w.bucket + "/" + key
}
