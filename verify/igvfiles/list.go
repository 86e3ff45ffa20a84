package igvfiles

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// bucketList is the bucket list of IGV's Load from S3 dialog
// (AmazonUtils.ListBucketsForUser): the AWS_S3_BUCKETS preference when set
// (IGV 3.0), else ListBuckets.
func (w *walker) bucketList(ctx context.Context, buckets []string) Step {
	if len(buckets) > 0 {
		s := Step{Name: "bucket list (AWS_S3_BUCKETS)"}
		if slices.Contains(buckets, w.bucket) {
			s.Passed = true
			s.Detail = fmt.Sprintf("ListBuckets not called, as IGV 3.0 skips it when its AWS_S3_BUCKETS preference is set; %s is among the buckets given", w.bucket)
		} else {
			s.Detail = fmt.Sprintf("%s is not among the buckets given (%s), so IGV's Load from S3 would not show it", w.bucket, strings.Join(buckets, ","))
			s.Err = fmt.Errorf("bucket %s: %w", w.bucket, ErrNotListed)
		}
		return s
	}

	s := Step{Name: "ListBuckets"}
	out, err := w.c.ListBuckets(ctx, &s3.ListBucketsInput{})
	if err != nil {
		s.Detail = short(err) + "; IGV's Load from S3 cannot open without s3:ListAllMyBuckets, unless the user sets IGV 3.0's AWS_S3_BUCKETS preference"
		s.Err = fmt.Errorf("ListBuckets: %w", err)
		return s
	}
	for _, b := range out.Buckets {
		if aws.ToString(b.Name) == w.bucket {
			s.Passed = true
			s.Detail = fmt.Sprintf("%s is among the %d buckets listed", w.bucket, len(out.Buckets))
			return s
		}
	}
	s.Detail = fmt.Sprintf("%s is not among the %d buckets ListBuckets returned, so IGV's Load from S3 would not show it", w.bucket, len(out.Buckets))
	s.Err = fmt.Errorf("bucket %s: %w", w.bucket, ErrNotListed)
	return s
}

// folders lists each level of the object's path as IGV's S3 browser does when
// the user expands the bucket and then each folder
// (S3LoadDialog.treeWillExpandActionPerformed, AmazonUtils.ListBucketObjects):
// one ListObjectsV2 with the folder as prefix and "/" as delimiter. It stops at
// the first level that does not lead on, since the user cannot go deeper.
func (w *walker) folders(ctx context.Context) []Step {
	parts := strings.Split(w.key, "/")
	var steps []Step
	prefix := ""
	for i := range parts {
		last := i == len(parts)-1
		want := prefix + parts[i] // the object at the last level
		if !last {
			want += "/" // a folder, a common prefix, above it
		}
		s := w.listLevel(ctx, prefix, want, last)
		steps = append(steps, s)
		if !s.Passed {
			break
		}
		prefix = want
	}
	return steps
}

// listLevel lists one level and checks that it shows want.
func (w *walker) listLevel(ctx context.Context, prefix, want string, object bool) Step {
	s := Step{Name: "ListObjectsV2 " + w.url(prefix)}
	// IGV always sends a prefix, "" at the root (AmazonUtils.ListBucketObjects). A policy condition on
	// s3:prefix, as the stack writes for prefix-limited buckets, does not match a request without one.
	in := &s3.ListObjectsV2Input{Bucket: aws.String(w.bucket), Delimiter: aws.String("/"), Prefix: aws.String(prefix)}
	out, err := w.c.ListObjectsV2(ctx, in)
	if err != nil {
		// IGV ignores listing errors: the folder just looks empty. In IGV 2.16
		// to 2.19.1 a bucket whose root listing is empty is left out entirely.
		s.Detail = short(err) + "; IGV would show this level as empty"
		if prefix == "" {
			s.Detail += " (IGV 2.16 to 2.19.1 would not show the bucket at all)"
		}
		s.Err = fmt.Errorf("ListObjectsV2 %s: %w", w.url(prefix), err)
		return s
	}
	if aws.ToBool(out.IsTruncated) {
		// AmazonUtils.ListBucketObjects loops on the first page while it is
		// truncated instead of following the continuation token.
		s.Detail = fmt.Sprintf("more than %d entries at this level; IGV's S3 browser does not follow continuation tokens and hangs here", aws.ToInt32(out.KeyCount))
		s.Err = fmt.Errorf("ListObjectsV2 %s truncated: %w", w.url(prefix), ErrNotListed)
		return s
	}
	var found bool
	if object {
		found = slices.ContainsFunc(out.Contents, func(o s3types.Object) bool { return aws.ToString(o.Key) == want })
	} else {
		found = slices.ContainsFunc(out.CommonPrefixes, func(p s3types.CommonPrefix) bool { return aws.ToString(p.Prefix) == want })
	}
	counts := fmt.Sprintf("%d folders and %d objects", len(out.CommonPrefixes), len(out.Contents))
	if !found {
		s.Detail = fmt.Sprintf("%s not among the %s listed, so IGV's S3 browser cannot reach the object", want, counts)
		s.Err = fmt.Errorf("%s: %w", w.url(want), ErrNotListed)
		return s
	}
	s.Passed = true
	s.Detail = fmt.Sprintf("shows %s among %s", want, counts)
	return s
}
