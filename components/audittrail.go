package components

import (
	"fmt"
	"strings"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudtrail"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/s3"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"igv-aws-backend/policies"
)

// AuditTrailArgs configures the audit trail of IGV reads.
type AuditTrailArgs struct {
	// Name of the first trail; further trails get "-2", "-3", ... Required, fixed for the stack (the log
	// bucket's policy names the trails).
	Name string
	// Region of the trails. Required.
	Region string
	// AccountID of the stack's account, for the trails' ARNs in the log bucket's policy. Required.
	AccountID pulumi.StringInput
	// Buckets are the data buckets each trail records (stackconfig.TrailBuckets). Required.
	Buckets [][]string
	// LogBucket is an existing bucket for the logs, never modified. Optional: empty creates one.
	LogBucket string
	// RetentionDays of the created log bucket's logs (and of their lock). Required with a created bucket.
	RetentionDays int
	// ObjectLock is the created log bucket's default retention: "NONE", "GOVERNANCE" or "COMPLIANCE".
	ObjectLock string
	// KMSKeyARN encrypts the log files (SSE-KMS). Optional: SSE-S3.
	KMSKeyARN string
	// AccessLogBucket receives the created log bucket's own server access logs: who read the audit
	// logs. Optional.
	AccessLogBucket string
	// Tags for the trails and the created bucket. Optional.
	Tags map[string]string
}

// AuditTrail is one or more CloudTrail trails in the stack's region, recording the management events
// (the STS calls that hand out IGV credentials) and the reads and listings of the data buckets, and the
// bucket they deliver to: an existing one, or one the stack creates lock-capable, hardened like the data
// buckets, expiring logs after the retention, and retained on delete.
type AuditTrail struct {
	pulumi.ResourceState

	TrailARNs pulumi.StringArrayOutput `pulumi:"trailArns"`
	LogBucket pulumi.StringOutput      `pulumi:"logBucket"`
	// Lock is the created log bucket's lock, "MODE/DAYS", once it is in place ("" with an existing
	// bucket): a record for the next deployment, which must not weaken it.
	Lock pulumi.StringOutput `pulumi:"lock"`
}

// AuditLogPrefix is where CloudTrail writes under the log bucket: AWSLogs/ACCOUNT/CloudTrail/REGION/...
const AuditLogPrefix = "AWSLogs/"

// NewAuditTrail registers the trails and, unless given one, their log bucket.
func NewAuditTrail(ctx *pulumi.Context, name string, args *AuditTrailArgs, opts ...pulumi.ResourceOption) (*AuditTrail, error) {
	if args == nil || args.Name == "" || args.Region == "" || args.AccountID == nil || len(args.Buckets) == 0 {
		return nil, fmt.Errorf("audit trail %s: Name, Region, AccountID and Buckets are required", name)
	}
	c := &AuditTrail{}
	if err := ctx.RegisterComponentResource(typePrefix+"audit:AuditTrail", name, c, opts...); err != nil {
		return nil, err
	}
	parent := pulumi.Parent(c)

	trailNames := make([]string, len(args.Buckets))
	for i := range args.Buckets {
		trailNames[i] = args.Name
		if i > 0 {
			trailNames[i] = fmt.Sprintf("%s-%d", args.Name, i+1)
		}
	}
	trailARNs := args.AccountID.ToStringOutput().ApplyT(func(account string) []string {
		arns := make([]string, len(trailNames))
		for i, n := range trailNames {
			arns[i] = policies.TrailARN(args.Region, account, n)
		}
		return arns
	}).(pulumi.StringArrayOutput)

	// The trails wait for what CloudTrail checks at CreateTrail: the bucket's policy.
	var waitFor []pulumi.Resource
	logBucket := pulumi.String(args.LogBucket).ToStringOutput()
	lock := pulumi.String("").ToStringOutput()
	if args.LogBucket == "" {
		bucket, err := NewPrivateBucket(ctx, name+"-logs", &PrivateBucketArgs{
			AccessLogBucket: args.AccessLogBucket,
			// Lock-capable from the start: S3 allows Object Lock only at creation (ForceNew in the
			// provider), so turning objectLock on later changes a setting, not the bucket.
			ObjectLockEnabled: true,
			Retain:            true,
			Irreplaceable:     true,
			Tags:              args.Tags,
		}, parent)
		if err != nil {
			return nil, fmt.Errorf("audit trail %s: %w", name, err)
		}
		keep := []pulumi.ResourceOption{pulumi.Parent(bucket), pulumi.RetainOnDelete(true)}

		policy := pulumi.All(bucket.BucketName, args.AccountID, trailARNs).ApplyT(func(v []any) (string, error) {
			b, account, arns := v[0].(string), v[1].(string), v[2].([]string)
			return policies.BucketPolicy(b, policies.CloudTrailDelivery(b, account, arns)...).JSON()
		}).(pulumi.StringOutput)
		bp, err := s3.NewBucketPolicy(ctx, name+"-logs-policy", &s3.BucketPolicyArgs{Bucket: bucket.BucketName, Policy: policy},
			append(keep, pulumi.DependsOn([]pulumi.Resource{bucket.PublicAccessBlock}))...)
		if err != nil {
			return nil, fmt.Errorf("audit trail %s: log bucket policy: %w", name, err)
		}
		waitFor = append(waitFor, bp)

		// Logs, and their old versions, go after the retention: current versions expire (a delete
		// marker), and a noncurrent version is deleted a day later.
		mode := args.ObjectLock
		if mode == "" {
			mode = "NONE"
		}
		record := fmt.Sprintf("%s/%d", mode, args.RetentionDays)
		retention, err := s3.NewBucketLifecycleConfigurationV2(ctx, name+"-logs-retention", &s3.BucketLifecycleConfigurationV2Args{
			Bucket: bucket.BucketName,
			Rules: s3.BucketLifecycleConfigurationV2RuleArray{&s3.BucketLifecycleConfigurationV2RuleArgs{
				Id:     pulumi.String("expire-audit-logs"),
				Status: pulumi.String("Enabled"),
				Filter: &s3.BucketLifecycleConfigurationV2RuleFilterArgs{Prefix: pulumi.String("")},
				Expiration: &s3.BucketLifecycleConfigurationV2RuleExpirationArgs{
					Days: pulumi.Int(args.RetentionDays),
				},
				NoncurrentVersionExpiration: &s3.BucketLifecycleConfigurationV2RuleNoncurrentVersionExpirationArgs{
					NoncurrentDays: pulumi.Int(1),
				},
			}},
		}, keep...)
		if err != nil {
			return nil, fmt.Errorf("audit trail %s: log retention: %w", name, err)
		}
		lock = retention.ID().ApplyT(func(pulumi.ID) string { return record }).(pulumi.StringOutput)
		waitFor = append(waitFor, retention)

		if mode != "NONE" {
			objectLock, err := s3.NewBucketObjectLockConfigurationV2(ctx, name+"-logs-lock", &s3.BucketObjectLockConfigurationV2Args{
				Bucket: bucket.BucketName,
				Rule: &s3.BucketObjectLockConfigurationV2RuleArgs{
					DefaultRetention: &s3.BucketObjectLockConfigurationV2RuleDefaultRetentionArgs{
						Mode: pulumi.String(args.ObjectLock),
						Days: pulumi.Int(args.RetentionDays),
					},
				},
			}, append(keep, pulumi.DependsOn([]pulumi.Resource{bucket.Versioning}))...)
			if err != nil {
				return nil, fmt.Errorf("audit trail %s: object lock: %w", name, err)
			}
			lock = objectLock.ID().ApplyT(func(pulumi.ID) string { return record }).(pulumi.StringOutput)
			waitFor = append(waitFor, objectLock) // no log file is written before its lock
		}
		logBucket = bucket.BucketName
	}

	arns := make(pulumi.StringArray, 0, len(args.Buckets))
	for i, buckets := range args.Buckets {
		var selectors cloudtrail.TrailAdvancedEventSelectorArray
		if i == 0 {
			// The STS calls that hand out IGV's credentials are management events; one trail records
			// them (the first copy of management events is free, a second would be charged).
			selectors = append(selectors, &cloudtrail.TrailAdvancedEventSelectorArgs{
				Name: pulumi.String("Management events, including the STS calls of IGV logins"),
				FieldSelectors: cloudtrail.TrailAdvancedEventSelectorFieldSelectorArray{
					&cloudtrail.TrailAdvancedEventSelectorFieldSelectorArgs{
						Field: pulumi.String("eventCategory"), Equals: pulumi.ToStringArray([]string{"Management"}),
					},
				},
			})
		}
		prefixes := make([]string, len(buckets))
		for j, b := range buckets {
			// The bucket's whole key space: IGV's listings of the root and parent folders are logged
			// under the bucket's own ARN prefix, so grants' prefixes would miss them.
			prefixes[j] = policies.BucketARN(b) + "/"
		}
		selectors = append(selectors, &cloudtrail.TrailAdvancedEventSelectorArgs{
			Name: pulumi.String("Reads and listings of the IGV data buckets"),
			FieldSelectors: cloudtrail.TrailAdvancedEventSelectorFieldSelectorArray{
				&cloudtrail.TrailAdvancedEventSelectorFieldSelectorArgs{Field: pulumi.String("eventCategory"), Equals: pulumi.ToStringArray([]string{"Data"})},
				&cloudtrail.TrailAdvancedEventSelectorFieldSelectorArgs{Field: pulumi.String("resources.type"), Equals: pulumi.ToStringArray([]string{"AWS::S3::Object"})},
				&cloudtrail.TrailAdvancedEventSelectorFieldSelectorArgs{Field: pulumi.String("readOnly"), Equals: pulumi.ToStringArray([]string{"true"})},
				&cloudtrail.TrailAdvancedEventSelectorFieldSelectorArgs{Field: pulumi.String("resources.ARN"), StartsWiths: pulumi.ToStringArray(prefixes)},
			},
		})
		trailArgs := &cloudtrail.TrailArgs{
			Name:                       pulumi.String(trailNames[i]),
			S3BucketName:               logBucket,
			IncludeGlobalServiceEvents: pulumi.Bool(i == 0),
			IsMultiRegionTrail:         pulumi.Bool(false),
			EnableLogFileValidation:    pulumi.Bool(true),
			EnableLogging:              pulumi.Bool(true),
			AdvancedEventSelectors:     selectors,
			Tags:                       tagMap(args.Tags),
		}
		if args.KMSKeyARN != "" {
			trailArgs.KmsKeyId = pulumi.String(args.KMSKeyARN)
		}
		res := name
		if i > 0 {
			res = fmt.Sprintf("%s-%d", name, i+1)
		}
		trail, err := cloudtrail.NewTrail(ctx, res, trailArgs, parent, pulumi.DependsOn(waitFor))
		if err != nil {
			return nil, fmt.Errorf("audit trail %s: trail %s: %w", name, trailNames[i], err)
		}
		arns = append(arns, trail.Arn)
	}

	c.TrailARNs = arns.ToStringArrayOutput()
	c.LogBucket = logBucket
	c.Lock = lock
	if err := ctx.RegisterResourceOutputs(c, pulumi.Map{"trailArns": c.TrailARNs, "logBucket": c.LogBucket, "lock": c.Lock}); err != nil {
		return nil, err
	}
	return c, nil
}

// AccountOf is the account id in an ARN ("arn:aws:iam::123456789012:role/x" → "123456789012").
func AccountOf(arn string) (string, error) {
	parts := strings.SplitN(arn, ":", 6)
	if len(parts) < 6 || len(parts[4]) != 12 {
		return "", fmt.Errorf("%q is not an ARN with an account", arn)
	}
	return parts[4], nil
}
