package providertruth

import (
	"fmt"
	"math"
)

// S3 for the audit log bucket: Object Lock default retention and the lifecycle configuration.
//
// Facts were read in terraform-provider-aws internal/service/s3 (bucket_object_lock_configuration.go: the
// stored revision is the late v5.x SDK-v2 resource on aws-sdk-go-v2; bucket_lifecycle_configuration.go: the
// stored revision is the plugin-framework resource (migrated in v5.86.0) as v6 ships it, with the same
// expand/flatten logic as v5.100.0 but a filter validator that v5.100.0 did not yet have, see rules[].filter),
// in the pulumi-aws v6.83.4 Go SDK (sdk/go/aws/s3), in the S3 API reference and user guide, and in issue reports.

const (
	lockTF       = s3TF + "bucket_object_lock_configuration.go"
	lifecycleTF  = s3TF + "bucket_lifecycle_configuration.go"
	lockSDK      = s3SDK + "bucketObjectLockConfigurationV2.go"
	lifecycleSDK = s3SDK + "bucketLifecycleConfigurationV2.go"
	lockAPI      = s3API + "API_PutObjectLockConfiguration.html"
	lockRetAPI   = s3API + "API_DefaultRetention.html"
	lockGuide    = s3Guide + "object-lock.html"
	lifecycleAPI = s3API + "API_PutBucketLifecycleConfiguration.html"
	ruleAPI      = s3API + "API_LifecycleRule.html"
	lifecycleDoc = s3Guide + "object-lifecycle-mgmt.html"
	// lockExisting: since November 2023 Object Lock can be enabled on an existing, versioned bucket.
	lockExisting = "https://aws.amazon.com/about-aws/whats-new/2023/11/amazon-s3-enabling-object-lock-buckets/"
	// auditAWSDays: the S3 error texts for non-positive day counts, reproduced against AWS in this PR.
	auditAWSDays = "https://github.com/scality/Arsenal/pull/2648"
	// lifecycleFilterWarn: issues reporting v5.90.0..v5.100.0's warnings for a rule without filter or prefix,
	// and for an empty filter block.
	lifecycleFilterWarn = "https://github.com/hashicorp/terraform-provider-aws/issues/41725; " +
		"https://github.com/vantage-sh/terraform-aws-vantage-integration/issues/19 (\"AWS provider version: 5.100.0\"); " +
		"https://github.com/hashicorp/terraform-provider-aws/issues/42714; https://github.com/hashicorp/terraform-provider-aws/issues/42126"
)

// auditPositiveDays: a whole number of days, at least 1 (the API's Integer is 32-bit); refusal is the
// error text with %d for the value.
func auditPositiveDays(refusal string) Check {
	return func(v any) error {
		n, ok := integer(v)
		if !ok {
			return fmt.Errorf("Value %v is not a whole number", v)
		}
		if n < 1 || n > math.MaxInt32 {
			return fmt.Errorf(refusal, n)
		}
		return nil
	}
}

// auditLockPeriod: the provider omits a Days or Years of 0, which leaves DefaultRetention without a period.
func auditLockPeriod(member string) Check {
	return auditPositiveDays("MalformedXML: " + member + " is %d: the provider sends only a positive " + member +
		", and a DefaultRetention without Days or Years lacks the period S3 requires with the mode")
}

// auditRules returns the lifecycle rules of the inputs as plain maps.
func auditRules(in map[string]any) []map[string]any {
	raw, _ := Get(in, "rules").([]any)
	var out []map[string]any
	for _, r := range raw {
		if m, ok := r.(map[string]any); ok {
			out = append(out, m)
		}
	}
	return out
}

func init() {
	register(
		Resource{
			Token:     "aws:s3/bucketObjectLockConfigurationV2:BucketObjectLockConfigurationV2",
			Terraform: "aws_s3_bucket_object_lock_configuration",
			Source:    lockTF,
			API:       lockAPI,
			Overrides: "token with the V2 suffix; rule and rule.default_retention (MaxItems 1) are objects in Pulumi; the SDK requires " +
				"bucket and wraps the deprecated token as a secret (AdditionalSecretOutputs token, " + lockSDK + "); no aliases, no " +
				"auto-name, no delete-before-replace. Terraform: create, update and delete are all PutObjectLockConfiguration (create " +
				"retried while NoSuchBucket, then read until GetObjectLockConfiguration finds it); the ID is the bucket name " +
				"(\"bucket,owner\" with expected_bucket_owner).",
			Properties: []Property{
				{
					Path:     "bucket",
					ForceNew: true,
					Required: true,
					Sends:    "PutObjectLockConfiguration Bucket.",
					AWS:      "Bucket: an existing bucket of the caller with versioning Enabled (or created with Object Lock).",
					Check:    s3BucketName(),
					Source:   lockTF + " (schema bucket: Required, ForceNew, StringLenBetween(1, 63))",
				},
				{
					Path:     "objectLockEnabled",
					ForceNew: true,
					Sends: "ObjectLockConfiguration.ObjectLockEnabled, always: schema Default \"Enabled\" (\"ObjectLockEnabled is required by the " +
						"API, even if configured directly on the S3 bucket during creation, else a MalformedXML error will be returned\"). " +
						"A string, not the boolean of BucketV2.objectLockEnabled. ForceNew, but \"Enabled\" is its only value.",
					AWS:    "ObjectLockEnabled: Enabled (the only value).",
					Check:  OneOf("Enabled"),
					Source: lockTF + " (schema object_lock_enabled: Optional, ForceNew, Default types.ObjectLockEnabledEnabled; resourceBucketObjectLockConfigurationCreate); " + s3API + "API_ObjectLockConfiguration.html",
				},
				{
					Path:   "rule",
					Sends:  "ObjectLockConfiguration.Rule when present (expandObjectLockRule); absent, the request carries no Rule: no default retention. A change is an in-place PutObjectLockConfiguration.",
					AWS:    "Rule: optional; its DefaultRetention needs a mode and a period.",
					Source: lockTF + " (schema rule: TypeList, Optional, MaxItems 1)",
				},
				{
					Path:     "rule.defaultRetention",
					Required: true,
					Sends:    "Rule.DefaultRetention (expandDefaultRetention).",
					AWS:      "DefaultRetention: Mode and exactly one of Days or Years.",
					Source:   lockTF + " (schema rule.default_retention: Required within rule, MaxItems 1); " + lockRetAPI,
				},
				{
					Path:     "rule.defaultRetention.mode",
					Required: true,
					Sends:    "DefaultRetention.Mode only when non-empty; in place.",
					AWS: "Mode: GOVERNANCE | COMPLIANCE; required with a period (\"The DefaultRetention settings require both a mode and a " +
						"period\"). Applies to object versions written after the change; versions already locked keep their mode and date.",
					Check:  OneOf("GOVERNANCE", "COMPLIANCE"),
					Source: lockTF + " (schema mode: Optional, enum.Validate[types.ObjectLockRetentionMode]; expandDefaultRetention); " + lockRetAPI,
				},
				{
					Path: "rule.defaultRetention.days",
					Sends: "DefaultRetention.Days only when > 0 (0 or unset: omitted, and the request then lacks a period unless years is " +
						"set); in place. ConflictsWith years.",
					AWS:    "Days: a positive integer; Days and Years are exclusive. No maximum is stated in the API reference.",
					Check:  auditLockPeriod("Days"),
					Source: lockTF + " (schema days: Optional, ConflictsWith rule.0.default_retention.0.years; expandDefaultRetention `v > 0`); " + lockRetAPI,
				},
				{
					Path:   "rule.defaultRetention.years",
					Sends:  "DefaultRetention.Years only when > 0; in place. ConflictsWith days. The stack does not set it.",
					AWS:    "Years: a positive integer; exclusive with Days.",
					Check:  auditLockPeriod("Years"),
					Source: lockTF + " (schema years: Optional, ConflictsWith rule.0.default_retention.0.days); " + lockRetAPI,
				},
			},
			Rules: []Rule{
				{
					Name: "a default retention has a mode and exactly one period",
					Check: func(in map[string]any) error {
						dr, ok := Get(in, "rule.defaultRetention").(map[string]any)
						if !ok {
							return nil
						}
						days, years := dr["days"] != nil, dr["years"] != nil
						switch {
						case days && years:
							return fmt.Errorf("\"rule.0.default_retention.0.days\": conflicts with rule.0.default_retention.0.years")
						case !days && !years:
							return fmt.Errorf("MalformedXML: the DefaultRetention settings require both a mode and a period (Days or Years)")
						}
						return nil
					},
					Source: lockTF + " (ConflictsWith); " + lockRetAPI,
				},
			},
			World: []Fact{
				{Name: "Object Lock needs a versioned bucket",
					Detail: "PutObjectLockConfiguration succeeds on a bucket created with Object Lock, or (since November 2023) on an " +
						"existing bucket whose versioning is Enabled; on an unversioned or suspended bucket it fails with " +
						"InvalidBucketState. The pre-2023 refusal \"Object Lock configuration cannot be enabled on existing buckets\" no " +
						"longer applies to versioned buckets. So the versioning resource must be created first (dependsOn).",
					Source: lockExisting + "; " + lockAPI + " (\"You can enable Object Lock for new or existing buckets\"); " + lockSDK +
						" (\"To enable Object Lock for an existing bucket, you must first enable versioning\"); https://github.com/ceph/ceph/pull/61946"},
				{Name: "Object Lock cannot be turned off",
					Detail: "Once enabled, Object Lock stays enabled and versioning can no longer be suspended: PutBucketVersioning Suspended " +
						"fails with InvalidBucketState \"An Object Lock configuration is present on this bucket, so the versioning state " +
						"cannot be changed.\" The BucketVersioningV2 resource's delete (which suspends versioning) therefore fails on a locked " +
						"bucket unless it is removed from the stack with retainOnDelete or the bucket goes first.",
					Source: lockGuide + "; " + s3TF + "bucket_versioning.go (resourceBucketVersioningDelete); https://github.com/versity/versitygw/issues/838"},
				{Name: "delete removes only the default retention",
					Detail: "Delete calls PutObjectLockConfiguration with ObjectLockEnabled=Enabled and no Rule (NoSuchBucket and " +
						"ObjectLockConfigurationNotFoundError count as deleted) and does not wait: new objects get no default retention; " +
						"Object Lock stays enabled; every version already written keeps its mode and retain-until date. It is not a no-op, " +
						"and it cannot unlock anything.",
					Source: lockTF + " (resourceBucketObjectLockConfigurationDelete: \"Don't wait for the object lock configuration to disappear as may still exist.\")"},
				{Name: "COMPLIANCE retention cannot be shortened or removed",
					Detail: "An object version locked in COMPLIANCE mode cannot be overwritten, deleted, or have its retention shortened or " +
						"its mode changed by any user, the root user included, until its retain-until date; the bucket's default retention can " +
						"still be changed or removed, which affects only versions written later. GOVERNANCE-locked versions can be deleted or " +
						"their retention shortened by a principal with s3:BypassGovernanceRetention sending x-amz-bypass-governance-retention: " +
						"true. A DELETE without a version ID still succeeds and adds a delete marker: the locked version stays.",
					Source: lockGuide + "; " + s3Guide + "object-lock-managing.html"},
				{Name: "a locked bucket cannot be emptied",
					Detail: "DeleteBucket needs every version gone. The provider's forceDestroy emptying sends DeleteObjects with " +
						"BypassGovernanceRetention=true and lifts legal holds on AccessDenied, so GOVERNANCE versions go when the deployer has " +
						"s3:BypassGovernanceRetention; COMPLIANCE versions fail with AccessDenied until their retention ends, and the bucket " +
						"delete fails with BucketNotEmpty.",
					Source: s3TF + "delete.go (deletePageOfObjectVersions: `if force { input.BypassGovernanceRetention = aws.Bool(true) }`); " + lockGuide},
				{Name: "uploads to a locked bucket need a checksum",
					Detail: "S3 refuses a PutObject that gets a retention period (explicitly or from the default retention) without Content-MD5 " +
						"or an x-amz-checksum-* header: 400 InvalidRequest \"Content-MD5 OR x-amz-checksum- HTTP header is required for Put " +
						"Object requests with Object Lock parameters\". AWS services' own delivery and current SDKs (checksums on by default) " +
						"send one; older clients and some agents do not.",
					Source: s3API + "API_PutObject.html; https://github.com/percona/percona-xtrabackup/pull/1522; " +
						"https://github.com/aws/amazon-ssm-agent/issues/682"},
				{Name: "server access logs cannot target a locked bucket",
					Detail: "S3 server access logging does not deliver to a target bucket with Object Lock (the troubleshooting guide: Object " +
						"Lock enabled; the logging guide: default retention); the audit bucket cannot double as the access-log target.",
					Source: s3Guide + "troubleshooting-server-access-logging.html; https://github.com/cloudposse/terraform-aws-cloudtrail-s3-bucket/pull/113"},
			},
		},

		Resource{
			Token:     "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2",
			Terraform: "aws_s3_bucket_lifecycle_configuration",
			Source:    lifecycleTF,
			API:       lifecycleAPI,
			Overrides: "token with the V2 suffix; the Terraform block rule becomes rules, and its MaxItems-1 blocks (filter, expiration, " +
				"noncurrent_version_expiration, abort_incomplete_multipart_upload) are objects; the SDK requires bucket (" + lifecycleSDK +
				"); no aliases, no auto-name, no delete-before-replace. Terraform (plugin framework since v5.86.0): create and update are " +
				"PutBucketLifecycleConfiguration with the whole configuration (retried while NoSuchBucket), then waitLifecycleConfigEquals " +
				"polls GetBucketLifecycleConfiguration every 5 s after 10 s until 10 consecutive reads equal what was sent (at least about " +
				"a minute; create and update time out after 3 minutes by default, timeouts.create/update). State upgrades across " +
				"pulumi-aws releases failed for some shapes (\"objectEncoder failed on property \\\"filter\\\"\" after 6.69, fixed in 6.73.0).",
			Properties: []Property{
				{
					Path:     "bucket",
					ForceNew: true,
					Required: true,
					Sends:    "PutBucketLifecycleConfiguration Bucket; the ID is the bucket name.",
					AWS:      "Bucket: an existing bucket of the caller.",
					Check:    s3BucketName(),
					Source:   lifecycleTF + " (schema bucket: Required, RequiresReplace, LengthBetween(1, 63))",
				},
				{
					Path: "transitionDefaultMinimumObjectSize",
					Sends: "x-amz-transition-default-minimum-object-size, always for a general purpose bucket: unset, the plan modifier " +
						"transitionDefaultMinimumObjectSizeDefault fills in all_storage_classes_128K and that is sent. A configuration created " +
						"before September 2024 reads back varies_by_storage_class, so adopting it shows an in-place change. The stack does " +
						"not set it (it has no transitions). The SDK doc's \"variesByStorageClass\" is a docs rename: the value is varies_by_storage_class.",
					AWS:    "TransitionDefaultMinimumObjectSize: all_storage_classes_128K | varies_by_storage_class.",
					Check:  OneOf("all_storage_classes_128K", "varies_by_storage_class"),
					Source: lifecycleTF + " (schema transition_default_minimum_object_size: Optional, Computed, transitionDefaultMinimumObjectSizeDefault); https://github.com/cloudposse/terraform-aws-s3-bucket/pull/274",
				},
				{
					Path: "rules",
					// Required in practice, but Validate counts only leaves as set: the members carry Required.
					Sends:  "LifecycleConfiguration.Rules: one LifecycleRule per element, the whole list on every create and update.",
					AWS:    "Rules: 1..1,000 rules per bucket.",
					Source: lifecycleTF + " (schema rule: ListNestedBlock, SizeAtLeast(1)); " + lifecycleAPI,
				},
				{
					Path:     "rules[].id",
					Required: true,
					Sends:    "LifecycleRule.ID.",
					AWS:      "ID: at most 255 characters, unique among the bucket's rules.",
					Check:    Length(1, 255),
					Source:   lifecycleTF + " (schema rule.id: Required, LengthBetween(1, 255)); " + ruleAPI,
				},
				{
					Path:     "rules[].status",
					Required: true,
					Sends:    "LifecycleRule.Status.",
					AWS:      "Status: Enabled | Disabled.",
					Check:    OneOf("Enabled", "Disabled"),
					Source:   lifecycleTF + " (schema rule.status: Required, OneOf(lifecycleRuleStatus_Values())); " + ruleAPI,
				},
				{
					Path: "rules[].filter",
					Sends: "LifecycleRule.Filter. An empty filter object is sent as Filter{Prefix: \"\"} (isFilterModelZero); no filter and " +
						"no rule prefix sends an empty Filter{} (\"For null `filter`, send an empty LifecycleRuleFilter\"); all three apply " +
						"the rule to every object. Warnings, not errors: in v5.90.0..v5.100.0 a rule with neither filter nor prefix warns " +
						"\"No attribute specified when one (and only one) of [rule[0].filter,rule[0].prefix] is required ... This will be an " +
						"error in a future version of the provider\", and an empty filter {} warns likewise about " +
						"[rule[0].filter[0].prefix.<.object_size_greater_than,...]; filter {prefix: \"\"} draws neither. Pulumi shows them as " +
						"warnings of the resource.",
					AWS:    "Filter: at most one of Prefix, Tag, ObjectSizeGreaterThan, ObjectSizeLessThan, And; Prefix \"\" matches every key.",
					Source: lifecycleTF + " (lifecycleRuleModel.Expand, isFilterModelZero, emptyFilterPlanModifier; WarnExactlyOneOfChildren(filter, prefix)); " + lifecycleFilterWarn,
				},
				{
					Path: "rules[].filter.prefix",
					Sends: "Filter.Prefix, the empty string included (Filter{Prefix: \"\"}). Read back as \"\" (Computed, legacy value), so " +
						"no diff.",
					AWS:    "Prefix: an object key prefix, up to 1,024 bytes; \"\" matches every object.",
					Check:  s3Bytes(0, 1024),
					Source: lifecycleTF + " (schema filter.prefix: Optional, Computed); " + s3API + "API_LifecycleRuleFilter.html",
				},
				{
					Path: "rules[].prefix",
					Sends: "LifecycleRule.Prefix (deprecated: \"Specify a prefix using 'filter' instead\"); \"\" is treated as unset " +
						"(EmptyStringAsNull), and then, without a filter, an empty Filter{} is sent. The stack should use filter.prefix.",
					AWS:    "Prefix: deprecated rule-level prefix; not together with Filter.",
					Check:  s3Bytes(0, 1024),
					Source: lifecycleTF + " (schema rule.prefix: Optional, Computed, DeprecationMessage; lifecycleRuleModel.Expand); " + ruleAPI,
				},
				{
					Path: "rules[].expiration",
					Sends: "LifecycleRule.Expiration when present. With days set, ExpiredObjectDeleteMarker is omitted (nil); with neither " +
						"days nor date, ExpiredObjectDeleteMarker=false is sent. Setting days and expiredObjectDeleteMarker together is refused " +
						"by S3 and gave spurious diffs in pulumi-aws.",
					AWS:    "Expiration: exactly one of Date, Days, ExpiredObjectDeleteMarker.",
					Source: lifecycleTF + " (lifecycleExpirationModel.Expand; WarnExactlyOneOfChildren(date, days, expired_object_delete_marker)); https://github.com/pulumi/pulumi-aws/issues/2128",
				},
				{
					Path: "rules[].expiration.days",
					Sends: "Expiration.Days; 0 is treated as unset (ZeroInt32AsNull), so days 0 sends an Expiration with " +
						"ExpiredObjectDeleteMarker=false instead of an error. In place.",
					AWS: "Days: a positive integer (\"'Days' for Expiration action must be a positive integer\"). On a versioned bucket it " +
						"makes the current version noncurrent by adding a delete marker; it deletes nothing.",
					Check:  auditPositiveDays("InvalidArgument: 'Days' for Expiration action must be a positive integer (got %d)"),
					Source: lifecycleTF + " (schema expiration.days: Int32, Optional, Computed; lifecycleExpirationModel.Expand); " + auditAWSDays,
				},
				{
					Path:   "rules[].noncurrentVersionExpiration",
					Sends:  "LifecycleRule.NoncurrentVersionExpiration when present; newerNoncurrentVersions unset is planned null and not sent.",
					AWS:    "NoncurrentVersionExpiration: NoncurrentDays (required), NewerNoncurrentVersions (optional).",
					Source: lifecycleTF + " (schema noncurrent_version_expiration: ListNestedBlock, SizeAtMost(1); newer_noncurrent_versions NullValue plan modifier)",
				},
				{
					Path:     "rules[].noncurrentVersionExpiration.noncurrentDays",
					Required: true,
					Sends:    "NoncurrentVersionExpiration.NoncurrentDays. In place.",
					AWS: "NoncurrentDays: a positive integer (\"'NoncurrentDays' for NoncurrentVersionExpiration action must be a positive " +
						"integer\"); the provider refuses < 1 at preview. Counted from when the version became noncurrent.",
					Check:  auditPositiveDays("InvalidArgument: 'NoncurrentDays' for NoncurrentVersionExpiration action must be a positive integer (got %d)"),
					Source: lifecycleTF + " (schema noncurrent_days: Required, int32validator.AtLeast(1)); " + auditAWSDays,
				},
			},
			Rules: []Rule{
				{
					Name: "at most 1,000 rules",
					Check: func(in map[string]any) error {
						if n := len(auditRules(in)); n > 1000 {
							return fmt.Errorf("the lifecycle configuration has %d rules; S3 allows at most 1,000", n)
						}
						return nil
					},
					Source: lifecycleDoc + "; " + lifecycleAPI,
				},
				{
					Name: "rule IDs are unique",
					Check: func(in map[string]any) error {
						seen := map[string]bool{}
						for _, r := range auditRules(in) {
							id, _ := r["id"].(string)
							if id == "" || isUnknown(id) {
								continue
							}
							if seen[id] {
								return fmt.Errorf("InvalidArgument: Rule ID must be unique. Found same ID for more than one rule: %q", id)
							}
							seen[id] = true
						}
						return nil
					},
					Source: ruleAPI + " (ID: unique identifier for the rule)",
				},
				{
					Name: "a rule takes filter or the deprecated prefix, not both",
					Check: func(in map[string]any) error {
						for i, r := range auditRules(in) {
							p, _ := r["prefix"].(string)
							if r["filter"] != nil && p != "" {
								return fmt.Errorf("rule %d: 2 attributes specified when one (and only one) of [rule[%d].filter,rule[%d].prefix] is required", i, i, i)
							}
						}
						return nil
					},
					Source: lifecycleTF + " (WarnExactlyOneOfChildren(filter, prefix)); " + ruleAPI,
				},
			},
			World: []Fact{
				{Name: "one lifecycle configuration per bucket",
					Detail: "PutBucketLifecycleConfiguration replaces the bucket's whole configuration: two resources on one bucket overwrite " +
						"each other (a perpetual diff), and rules added outside the stack are removed at the next update.",
					Source: lifecycleSDK + " (\"S3 Buckets only support a single lifecycle configuration\"); " + lifecycleAPI},
				{Name: "delete removes every rule",
					Detail: "Delete calls DeleteBucketLifecycle (NoSuchBucket and NoSuchLifecycleConfiguration count as deleted) and waits " +
						"until GetBucketLifecycleConfiguration no longer finds it: the bucket keeps every object and version from then on.",
					Source: lifecycleTF + " (Delete); " + s3API + "API_DeleteBucketLifecycle.html"},
				{Name: "expiration on a versioned bucket adds delete markers",
					Detail: "In a versioned bucket, Expiration.Days makes the current version noncurrent by adding a delete marker (storage " +
						"is still billed); NoncurrentVersionExpiration permanently deletes noncurrent versions NoncurrentDays after they " +
						"became noncurrent. Both are needed to actually remove data. Lifecycle actions run asynchronously, not at the exact day.",
					Source: lifecycleDoc + "; " + s3Guide + "lifecycle-expire-general-considerations.html; https://www.ibm.com/docs/en/coss/3.20.1?topic=capabilities-expiration-lifecycle-versioning-enabled-buckets"},
				{Name: "lifecycle cannot delete locked versions",
					Detail: "Object Lock overrides lifecycle: a version under retention (or legal hold) is not permanently deleted by " +
						"NoncurrentVersionExpiration until its retain-until date has passed; Expiration of the current version can still add a " +
						"delete marker. A noncurrent-version expiration shorter than the default retention therefore deletes versions only " +
						"when their retention ends.",
					Source: lockGuide + "; https://repost.aws/questions/QUcY5SLgUTQYWMq_YpzwQJDA/is-it-possible-to-have-an-s3-rule-that-expires-objects-only-when-they-do-not-have-object-retention"},
				{Name: "create and update wait for the configuration to settle",
					Detail: "After each Put the provider needs 10 consecutive identical reads 5 s apart (after a 10 s delay) before it " +
						"succeeds, up to the 3-minute default timeout; S3's eventual consistency can make a create or update time out.",
					Source: lifecycleTF + " (waitLifecycleConfigEquals: ContinuousTargetOccurence 10, PollInterval 5s, Delay 10s; SetDefaultCreateTimeout(3m))"},
			},
		},
	)
}
