package components

import (
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/s3"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// PrivateBucketArgs configures a hardened private S3 bucket.
type PrivateBucketArgs struct {
	// BucketName is the bucket's S3 name. Optional: empty lets Pulumi auto-name it after the resource.
	BucketName string
	// KMSKeyARN selects SSE-KMS with this key. Optional, default SSE-S3.
	KMSKeyARN string
	// AccessLogBucket receives the bucket's server access logs under "s3/<bucket>/". Optional, default off.
	AccessLogBucket string
	// Retain keeps the bucket and every one of its hardening settings when the resource leaves the
	// stack or the stack is destroyed. Server access logging is the exception: it stops with the
	// stack's management of the bucket, so that turning accessLogBucket off turns logging off in AWS.
	// Optional, default false.
	Retain bool
	// Protect sets Pulumi's protect option on the bucket. Optional, default false.
	Protect bool
	// ForceDestroy lets Pulumi empty the bucket on delete; only for buckets whose content the stack
	// generates. Optional, default false.
	ForceDestroy bool
	// Tags for the bucket. Optional.
	Tags map[string]string
	// ObjectLockEnabled creates the bucket able to hold Object Lock retention, which S3 allows only at
	// creation; the retention itself is a separate setting. Optional, default false.
	ObjectLockEnabled bool
	// Irreplaceable makes the bucket ignore later changes of the inputs that would replace it
	// (ReplacingInputs): a code change that would replace it applies only to buckets created after it.
	// For buckets of data, which must never be replaced. Optional, default false.
	Irreplaceable bool
}

// ReplacingInputs are the BucketV2 inputs whose change replaces the bucket (the provider-truth tables):
// an irreplaceable bucket ignores their changes. "bucket" is also the bucket's resource name, so it can
// only change with a code change.
var ReplacingInputs = []string{"bucket", "bucketPrefix", "objectLockEnabled"}

// PrivateBucket is an S3 bucket no one outside the account can reach: Block Public Access (all four),
// ACLs disabled, default encryption and versioning. Its owner adds the bucket policy, which always
// includes policies.DenyInsecureTransport, with DependsOn(PublicAccessBlock).
type PrivateBucket struct {
	pulumi.ResourceState

	BucketName pulumi.StringOutput `pulumi:"bucketName"`
	ARN        pulumi.StringOutput `pulumi:"arn"`
	// Bucket is the bucket resource, for settings its owner adds.
	Bucket *s3.BucketV2
	// RegionalDomainName is the bucket's regional endpoint, the CloudFront origin form.
	RegionalDomainName pulumi.StringOutput `pulumi:"regionalDomainName"`
	// PublicAccessBlock is what a bucket policy must wait for: S3 rejects concurrent changes.
	PublicAccessBlock *s3.BucketPublicAccessBlock
	// Versioning is what an Object Lock configuration must wait for.
	Versioning *s3.BucketVersioningV2
}

// NewPrivateBucket registers the bucket and its hardening.
func NewPrivateBucket(ctx *pulumi.Context, name string, args *PrivateBucketArgs, opts ...pulumi.ResourceOption) (*PrivateBucket, error) {
	if args == nil {
		args = &PrivateBucketArgs{}
	}
	c := &PrivateBucket{}
	if err := ctx.RegisterComponentResource(typePrefix+"storage:PrivateBucket", name, c, opts...); err != nil {
		return nil, err
	}
	// Every child is retained with the bucket: a retained bucket without its Block Public Access or
	// encryption settings would be worse than a deleted one.
	childOpts := []pulumi.ResourceOption{pulumi.Parent(c), pulumi.RetainOnDelete(args.Retain)}

	bucketArgs := &s3.BucketV2Args{
		ForceDestroy: pulumi.Bool(args.ForceDestroy),
		Tags:         tagMap(args.Tags),
	}
	if args.BucketName != "" {
		bucketArgs.Bucket = pulumi.String(args.BucketName)
	}
	if args.ObjectLockEnabled {
		bucketArgs.ObjectLockEnabled = pulumi.Bool(true)
	}
	bucketOpts := append(childOpts, pulumi.Protect(args.Protect))
	if args.Irreplaceable {
		// Not protect: Pulumi refuses to delete a protected resource before it looks at
		// retainOnDelete, so a protected bucket could not leave the stack. A replacement of an explicitly
		// named bucket would delete first (skipped, retained) and then fail to create the existing name,
		// leaving the bucket out of the state; ignoring the replacing inputs rules that out.
		bucketOpts = append(bucketOpts, pulumi.IgnoreChanges(ReplacingInputs))
	}
	bucket, err := s3.NewBucketV2(ctx, name, bucketArgs, bucketOpts...)
	if err != nil {
		return nil, fmt.Errorf("bucket %s: %w", name, err)
	}

	pab, err := s3.NewBucketPublicAccessBlock(ctx, name+"-public-access-block", &s3.BucketPublicAccessBlockArgs{
		Bucket:                bucket.ID(),
		BlockPublicAcls:       pulumi.Bool(true),
		BlockPublicPolicy:     pulumi.Bool(true),
		IgnorePublicAcls:      pulumi.Bool(true),
		RestrictPublicBuckets: pulumi.Bool(true),
	}, childOpts...)
	if err != nil {
		return nil, fmt.Errorf("bucket %s: public access block: %w", name, err)
	}

	if _, err := s3.NewBucketOwnershipControls(ctx, name+"-ownership", &s3.BucketOwnershipControlsArgs{
		Bucket: bucket.ID(),
		// ACLs off: only policies grant access (Security Hub S3.12).
		Rule: &s3.BucketOwnershipControlsRuleArgs{ObjectOwnership: pulumi.String("BucketOwnerEnforced")},
	}, childOpts...); err != nil {
		return nil, fmt.Errorf("bucket %s: ownership controls: %w", name, err)
	}

	sse := &s3.BucketServerSideEncryptionConfigurationV2RuleApplyServerSideEncryptionByDefaultArgs{
		SseAlgorithm: pulumi.String("AES256"),
	}
	var bucketKey pulumi.BoolPtrInput
	if args.KMSKeyARN != "" {
		sse.SseAlgorithm = pulumi.String("aws:kms")
		sse.KmsMasterKeyId = pulumi.String(args.KMSKeyARN)
		// An S3 Bucket Key cuts the KMS requests (and their cost) of reading many BAM byte ranges.
		bucketKey = pulumi.Bool(true)
	}
	if _, err := s3.NewBucketServerSideEncryptionConfigurationV2(ctx, name+"-encryption",
		&s3.BucketServerSideEncryptionConfigurationV2Args{
			Bucket: bucket.ID(),
			Rules: s3.BucketServerSideEncryptionConfigurationV2RuleArray{
				&s3.BucketServerSideEncryptionConfigurationV2RuleArgs{
					ApplyServerSideEncryptionByDefault: sse,
					BucketKeyEnabled:                   bucketKey,
				},
			},
		}, childOpts...); err != nil {
		return nil, fmt.Errorf("bucket %s: encryption: %w", name, err)
	}

	versioning, err := s3.NewBucketVersioningV2(ctx, name+"-versioning", &s3.BucketVersioningV2Args{
		Bucket:                  bucket.ID(),
		VersioningConfiguration: &s3.BucketVersioningV2VersioningConfigurationArgs{Status: pulumi.String("Enabled")},
	}, childOpts...)
	if err != nil {
		return nil, fmt.Errorf("bucket %s: versioning: %w", name, err)
	}

	if args.AccessLogBucket != "" {
		// Not retained: its delete is what switches logging off (PutBucketLogging with no target).
		if _, err := s3.NewBucketLoggingV2(ctx, name+"-access-logging", &s3.BucketLoggingV2Args{
			Bucket:       bucket.ID(),
			TargetBucket: pulumi.String(args.AccessLogBucket),
			TargetPrefix: pulumi.Sprintf("s3/%s/", bucket.ID()),
		}, pulumi.Parent(c)); err != nil {
			return nil, fmt.Errorf("bucket %s: access logging: %w", name, err)
		}
	}

	c.Bucket = bucket
	c.BucketName = bucket.ID().ToStringOutput()
	c.ARN = bucket.Arn
	c.RegionalDomainName = bucket.BucketRegionalDomainName
	c.PublicAccessBlock = pab
	c.Versioning = versioning
	if err := ctx.RegisterResourceOutputs(c, pulumi.Map{
		"bucketName":         c.BucketName,
		"arn":                c.ARN,
		"regionalDomainName": c.RegionalDomainName,
	}); err != nil {
		return nil, err
	}
	return c, nil
}
