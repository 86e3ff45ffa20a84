package tests

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"igv-aws-backend/policies"
	"igv-aws-backend/policies/iamsim"
	"igv-aws-backend/stackconfig"
	"igv-aws-backend/synth"
)

const (
	typeTrail      = "aws:cloudtrail/trail:Trail"
	typeObjectLock = "aws:s3/bucketObjectLockConfigurationV2:BucketObjectLockConfigurationV2"
	typeLifecycle  = "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2"
)

// selectorValues are a trail's advanced selector field values by field, over all its selectors.
func selectorValues(trail synth.Resource, selector int, field, op string) []string {
	for i := 0; ; i++ {
		f := input(trail, "advancedEventSelectors", selector, "fieldSelectors", i)
		if f == nil {
			return nil
		}
		if input(trail, "advancedEventSelectors", selector, "fieldSelectors", i, "field") == field {
			return strs(input(trail, "advancedEventSelectors", selector, "fieldSelectors", i, op))
		}
	}
}

func TestAnAuditTrailIsOffByDefaultAndOnInProduction(t *testing.T) {
	assert.Empty(t, ofType(example(t, "dev"), typeTrail))
	assert.Len(t, ofType(example(t, "prod"), typeTrail), 1)
}

func TestTheTrailRecordsLoginsAndTheReadsOfExactlyTheDataBuckets(t *testing.T) {
	r := example(t, "prod")
	trail := only(t, r, typeTrail)
	assert.Equal(t, "igv-aws-backend-prod-audit", input(trail, "name"))
	assert.Equal(t, false, input(trail, "isMultiRegionTrail"), "in the stack's region")
	assert.Equal(t, true, input(trail, "includeGlobalServiceEvents"), "global service events, where the region receives them")
	assert.Equal(t, true, input(trail, "enableLogFileValidation"), "digest files prove the logs unchanged")
	assert.Equal(t, true, input(trail, "enableLogging"))
	assert.Equal(t, []string{"Management"}, selectorValues(trail, 0, "eventCategory", "equals"),
		"management events: the STS AssumeRoleWithWebIdentity of every IGV login")
	assert.Equal(t, []string{"Data"}, selectorValues(trail, 1, "eventCategory", "equals"))
	assert.Equal(t, []string{"AWS::S3::Object"}, selectorValues(trail, 1, "resources.type", "equals"))
	assert.Equal(t, []string{"true"}, selectorValues(trail, 1, "readOnly", "equals"), "reads and listings, nothing else")
	var want []string
	for _, b := range bucketsOf(t, exampleStack(t, "prod")) {
		want = append(want, "arn:aws:s3:::"+b.Name+"/")
	}
	assert.ElementsMatch(t, want, selectorValues(trail, 1, "resources.ARN", "startsWiths"),
		"one value per data bucket, the whole bucket: IGV's listings of parent folders are logged under the bucket's prefix")
}

func TestTheCreatedLogBucketIsLockCapableHardenedRetainedAndExpiresItsLogs(t *testing.T) {
	r := example(t, "prod")
	bucketName := outputString(t, r, "auditLogBucket")
	var bucket synth.Resource
	for _, b := range ofType(r, typeBucket) {
		if b.ID == bucketName {
			bucket = b
		}
	}
	require.NotEmpty(t, bucket.URN, "the created log bucket")
	assert.Equal(t, true, input(bucket, "objectLockEnabled"), "lock-capable from the start: S3 allows it only at creation")
	assert.True(t, bucket.Options.RetainOnDelete)
	assert.Contains(t, bucket.Options.IgnoreChanges, "objectLockEnabled")
	for _, typ := range []string{typePublicAccess, typeOwnership, typeEncryption, typeVersioning, typeBucketPolicy, typeLifecycle, typeObjectLock} {
		res := forBucket(t, r, typ, bucketName)
		assert.True(t, res.Options.RetainOnDelete, "%s stays with the logs", res.URN)
	}
	lifecycle := forBucket(t, r, typeLifecycle, bucketName)
	assert.Equal(t, int64(2557), input(lifecycle, "rules", 0, "expiration", "days"))
	assert.Equal(t, int64(1), input(lifecycle, "rules", 0, "noncurrentVersionExpiration", "noncurrentDays"), "old versions go too")
	assert.Equal(t, "Enabled", input(lifecycle, "rules", 0, "status"))
	lock := forBucket(t, r, typeObjectLock, bucketName)
	assert.Equal(t, "GOVERNANCE", input(lock, "rule", "defaultRetention", "mode"))
	assert.Equal(t, int64(2557), input(lock, "rule", "defaultRetention", "days"))
	assert.Equal(t, bucketName, input(only(t, r, typeTrail), "s3BucketName"))
}

// CloudTrail may read the bucket's ACL and write under AWSLogs/ACCOUNT/ with the owner in control, and
// only for this stack's trail: another trail, or CloudTrail writing elsewhere, is refused.
func TestTheLogBucketPolicyLetsOnlyThisTrailDeliver(t *testing.T) {
	r := example(t, "prod")
	bucketName := outputString(t, r, "auditLogBucket")
	doc := policyDoc(t, forBucket(t, r, typeBucketPolicy, bucketName), "policy")
	trail := only(t, r, typeTrail).Outputs["arn"].(string)
	deliver := func(action, resource, sourceArn string, acl bool) iamsim.Decision {
		ctx := map[string][]string{"aws:SourceArn": {sourceArn}, "aws:SecureTransport": {"true"}}
		if acl {
			ctx["s3:x-amz-acl"] = []string{"bucket-owner-full-control"}
		}
		d, err := iamsim.Evaluate([]policies.Document{doc}, iamsim.Request{PrincipalType: "Service", Principal: "cloudtrail.amazonaws.com",
			Action: action, Resource: resource, Context: ctx})
		require.NoError(t, err)
		return d
	}
	logs := "arn:aws:s3:::" + bucketName + "/AWSLogs/123456789012/CloudTrail/eu-west-2/2026/11/30/log.json.gz"
	assert.Equal(t, iamsim.Allowed, deliver("s3:GetBucketAcl", "arn:aws:s3:::"+bucketName, trail, false))
	assert.Equal(t, iamsim.Allowed, deliver("s3:PutObject", logs, trail, true))
	other := "arn:aws:cloudtrail:eu-west-2:123456789012:trail/someone-elses"
	assert.NotEqual(t, iamsim.Allowed, deliver("s3:PutObject", logs, other, true), "another trail")
	assert.NotEqual(t, iamsim.Allowed, deliver("s3:PutObject", logs, trail, false), "without the owner in control")
	assert.NotEqual(t, iamsim.Allowed, deliver("s3:PutObject", "arn:aws:s3:::"+bucketName+"/elsewhere.json", trail, true))
	assert.NotEqual(t, iamsim.Allowed, deliver("s3:DeleteObject", logs, trail, true))
}

func TestAnExistingLogBucketIsUsedButNeverModified(t *testing.T) {
	st := withConfig(exampleStack(t, "prod"), map[string]string{stackconfig.KeyAuditTrail: `{"enabled": true, "logBucket": "genomics-lab-cloudtrail"}`})
	r := run(t, st)
	assert.Equal(t, "genomics-lab-cloudtrail", input(only(t, r, typeTrail), "s3BucketName"))
	for _, res := range r.Resources {
		assert.NotEqual(t, "genomics-lab-cloudtrail", input(res, "bucket"), "%s would change the existing log bucket", res.URN)
	}
	assert.Empty(t, ofType(r, typeObjectLock))
	assert.Empty(t, ofType(r, typeLifecycle))
}

func TestAKMSKeyEncryptsTheLogFiles(t *testing.T) {
	key := "arn:aws:kms:eu-west-2:123456789012:key/3d2c1b0a-9e8f-4a6b-8c5d-4e3f2a1b0c9d"
	r := run(t, withConfig(exampleStack(t, "prod"), map[string]string{stackconfig.KeyAuditTrail: `{"enabled": true, "kmsKeyArn": "` + key + `"}`}))
	assert.Equal(t, key, input(only(t, r, typeTrail), "kmsKeyId"))
	assert.Nil(t, input(only(t, example(t, "prod"), typeTrail), "kmsKeyId"), "SSE-S3 unless a key is given")
}

// A trail holds at most 500 selector values in all, one per bucket and four fixed ones: more buckets get a
// second trail, which records no management events (the first copy is free, a second is charged).
func TestBeyond500BucketsASecondTrailRecordsTheRest(t *testing.T) {
	st := withConfig(exampleStack(t, "prod"), map[string]string{
		stackconfig.KeyBuckets:            manyBuckets(600),
		stackconfig.KeyMaxManagedPolicies: "20",
	})
	r := run(t, st)
	trails := ofType(r, typeTrail)
	require.Len(t, trails, 2)
	slices.SortFunc(trails, func(a, b synth.Resource) int { return strings.Compare(a.Name, b.Name) })
	first, second := trails[0], trails[1]
	assert.Equal(t, "igv-aws-backend-prod-audit-2", input(second, "name"))
	covered := append(selectorValues(first, 1, "resources.ARN", "startsWiths"), selectorValues(second, 0, "resources.ARN", "startsWiths")...)
	assert.Len(t, selectorValues(first, 1, "resources.ARN", "startsWiths"), 496,
		"500 values in all: 496 buckets beside Management, Data, AWS::S3::Object and true")
	assert.Len(t, covered, 600)
	slices.Sort(covered)
	assert.Len(t, slices.Compact(covered), 600, "each bucket in exactly one trail")
	assert.Equal(t, []string{"Data"}, selectorValues(second, 0, "eventCategory", "equals"), "no management events in the second")
	assert.Equal(t, false, input(second, "includeGlobalServiceEvents"))
	doc := policyDoc(t, forBucket(t, r, typeBucketPolicy, outputString(t, r, "auditLogBucket")), "policy")
	assert.Contains(t, mustJSON(t, doc), "trail/igv-aws-backend-prod-audit-2", "both trails may deliver")
}

func TestAuditTrailMistakesAreRefused(t *testing.T) {
	for name, c := range map[string]struct{ trail, key, says string }{
		"lock on an existing bucket": {`{"enabled": true, "logBucket": "genomics-lab-cloudtrail", "objectLock": "COMPLIANCE"}`,
			stackconfig.KeyAuditTrail + ".objectLock", "never modifies"},
		"the access-log bucket": {`{"enabled": true, "logBucket": "genomics-lab-access-logs-eu-west-2"}`,
			stackconfig.KeyAuditTrail + ".logBucket", "is also"},
		"a data bucket": {`{"enabled": true, "logBucket": "genomics-lab-reference-genomes"}`,
			stackconfig.KeyAuditTrail + ".logBucket", "data bucket"},
		"no retention": {`{"enabled": true, "retentionDays": -1}`, stackconfig.KeyAuditTrail + ".retentionDays", "out of range"},
		"unknown mode": {`{"enabled": true, "objectLock": "LEGAL_HOLD"}`, stackconfig.KeyAuditTrail + ".objectLock", "not one of NONE, GOVERNANCE, COMPLIANCE"},
		"key in another region": {`{"enabled": true, "kmsKeyArn": "arn:aws:kms:us-east-1:123456789012:key/3d2c1b0a-9e8f-4a6b-8c5d-4e3f2a1b0c9d"}`,
			stackconfig.KeyAuditTrail + ".kmsKeyArn", "is in us-east-1"},
		"misspelt field": {`{"enabled": true, "retention_days": 30}`, stackconfig.KeyAuditTrail, `unknown field "retention_days"`},
	} {
		t.Run(name, func(t *testing.T) {
			st := withConfig(exampleStack(t, "prod"), map[string]string{stackconfig.KeyAuditTrail: c.trail})
			_, err := synthRunErr(st)
			var cfgErr *stackconfig.Error
			require.ErrorAs(t, err, &cfgErr)
			found := false
			for _, p := range cfgErr.Problems {
				if p.Key == c.key && strings.Contains(p.String(), c.says) {
					found = true
					assert.NotEmpty(t, p.Fix)
				}
			}
			assert.True(t, found, "want %s saying %q; got %v", c.key, c.says, err)
		})
	}
}

func TestMoreBucketsThanFourTrailsHoldAreRefused(t *testing.T) {
	most := stackconfig.BucketsPerFirstTrail + 3*stackconfig.BucketsPerTrail
	st := withConfig(exampleStack(t, "prod"), map[string]string{
		stackconfig.KeyBuckets:    manyBuckets(most + 1),
		stackconfig.KeyAuditTrail: `{"enabled": true}`,
	})
	_, err := synthRunErr(st)
	var cfgErr *stackconfig.Error
	require.ErrorAs(t, err, &cfgErr)
	assert.Contains(t, err.Error(), fmt.Sprintf("%s = %d buckets: need more than 4 audit trails, which hold %d buckets", stackconfig.KeyBuckets, most+1, most))
	assert.Contains(t, err.Error(), "split the buckets across stacks")

	st = withConfig(st, map[string]string{stackconfig.KeyAuditTrail: `{"enabled": false}`})
	_, err = synthRunErr(st)
	assert.NotContains(t, fmt.Sprint(err), "audit trails", "without a trail, the selector cap does not apply")
}

// lockedBefore is prod after a deployment whose log bucket lock was recorded as given.
func lockedBefore(t *testing.T, record, trail string) synth.Stack {
	st := withConfig(exampleStack(t, "prod"), map[string]string{stackconfig.KeyAuditTrail: trail})
	st.Previous = map[string]any{"userPoolId": "eu-west-2_AbCdEf123", "auditLogLock": record}
	return st
}

func TestWeakeningTheLogLockIsRefused(t *testing.T) {
	for name, trail := range map[string]string{
		"a weaker mode":       `{"enabled": true, "retentionDays": 2557, "objectLock": "GOVERNANCE"}`,
		"no lock":             `{"enabled": true, "retentionDays": 2557}`,
		"a shorter retention": `{"enabled": true, "retentionDays": 365, "objectLock": "COMPLIANCE"}`,
	} {
		t.Run(name, func(t *testing.T) {
			r, err := synthRunErr(lockedBefore(t, "COMPLIANCE/2557", trail))
			var cfgErr *stackconfig.Error
			require.ErrorAs(t, err, &cfgErr)
			assert.Contains(t, err.Error(), stackconfig.KeyAuditTrail)
			assert.Contains(t, err.Error(), "tamper-proof")
			assert.Contains(t, err.Error(), "keep objectLock COMPLIANCE and retentionDays 2557 or more")
			assert.Empty(t, r.Resources)
		})
	}
}

func TestAStrongerModeCannotShortenALockedRetention(t *testing.T) {
	_, err := synthRunErr(lockedBefore(t, "GOVERNANCE/2557", `{"enabled": true, "retentionDays": 365, "objectLock": "COMPLIANCE"}`))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "shortens the log bucket's locked retention from 2557 to 365 days")
}

func TestStrengtheningOrKeepingTheLogLockIsAllowed(t *testing.T) {
	for _, c := range []struct{ before, trail string }{
		{"GOVERNANCE/2557", `{"enabled": true, "retentionDays": 2557, "objectLock": "COMPLIANCE"}`},
		{"COMPLIANCE/2557", `{"enabled": true, "retentionDays": 3650, "objectLock": "COMPLIANCE"}`},
		{"NONE/30", `{"enabled": true, "retentionDays": 10}`},
		{"COMPLIANCE/2557", `{"enabled": false}`},
	} {
		r := run(t, lockedBefore(t, c.before, c.trail))
		assert.NotEmpty(t, r.Resources, "%s then %s", c.before, c.trail)
	}
}

func TestTheStackRecordsTheLogLock(t *testing.T) {
	assert.Equal(t, "GOVERNANCE/2557", example(t, "prod").Outputs["auditLogLock"])
	assert.Nil(t, example(t, "dev").Outputs["auditLogLock"])
}
