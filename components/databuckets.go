package components

import (
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/s3"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"igv-aws-backend/policies"
)

// DataBucketsArgs lists the buckets IGV users read.
type DataBucketsArgs struct {
	// Buckets, created or existing. Required.
	Buckets []DataBucket
	// AccessLogBucket receives server access logs of the created buckets. Optional, default off.
	AccessLogBucket string
	// Tags for created buckets. Optional.
	Tags map[string]string
}

// DataBucket is one data bucket.
type DataBucket struct {
	Name string
	// Create makes the stack create and harden the bucket. An existing bucket is never touched.
	Create bool
	// KMSKeyARN of a created bucket selects SSE-KMS with that key. Optional, default SSE-S3.
	KMSKeyARN string
}

// DataBuckets holds the buckets the stack creates for sequencing data. They are always retained on
// delete: removing a bucket from the config, or destroying the stack, leaves it and its data in place.
// They are not protected: Pulumi refuses to delete a protected resource before it looks at
// retainOnDelete, so removing a bucket from the config would fail. Nothing replaces one: its only
// replacing input set is its name, which is also its resource name, and changes of the replacing
// inputs are ignored (PrivateBucketArgs.Irreplaceable).
type DataBuckets struct {
	pulumi.ResourceState

	// BucketNames are all data buckets IGV users can read, created and existing, in config order.
	BucketNames pulumi.StringArrayOutput `pulumi:"bucketNames"`
}

// NewDataBuckets registers the created buckets with their TLS-only policies.
func NewDataBuckets(ctx *pulumi.Context, name string, args *DataBucketsArgs, opts ...pulumi.ResourceOption) (*DataBuckets, error) {
	if args == nil {
		return nil, fmt.Errorf("data buckets %s: args are required", name)
	}
	c := &DataBuckets{}
	if err := ctx.RegisterComponentResource(typePrefix+"storage:DataBuckets", name, c, opts...); err != nil {
		return nil, err
	}

	names := make(pulumi.StringArray, 0, len(args.Buckets))
	for _, b := range args.Buckets {
		names = append(names, pulumi.String(b.Name))
		if !b.Create {
			continue
		}
		// Named after the bucket, never its position: reordering or removing entries touches nothing else.
		res := name + "-" + b.Name
		pb, err := NewPrivateBucket(ctx, res, &PrivateBucketArgs{
			BucketName:      b.Name,
			KMSKeyARN:       b.KMSKeyARN,
			AccessLogBucket: args.AccessLogBucket,
			Retain:          true,
			Irreplaceable:   true,
			Tags:            args.Tags,
		}, pulumi.Parent(c))
		if err != nil {
			return nil, fmt.Errorf("data buckets %s: %w", name, err)
		}
		if _, err := s3.NewBucketPolicy(ctx, res+"-policy", &s3.BucketPolicyArgs{
			Bucket: pb.BucketName,
			Policy: pulumi.String(policies.BucketPolicy(b.Name).MustJSON()),
		}, pulumi.Parent(pb), pulumi.RetainOnDelete(true), pulumi.DependsOn([]pulumi.Resource{pb.PublicAccessBlock})); err != nil {
			return nil, fmt.Errorf("data buckets %s: %s policy: %w", name, b.Name, err)
		}
	}

	c.BucketNames = names.ToStringArrayOutput()
	if err := ctx.RegisterResourceOutputs(c, pulumi.Map{"bucketNames": c.BucketNames}); err != nil {
		return nil, err
	}
	return c, nil
}
