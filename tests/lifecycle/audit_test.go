package lifecycle

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"igv-aws-backend/stackconfig"
	"igv-aws-backend/tests/lifecycle/awsdouble"
)

// trailPrefixes are the bucket prefixes the account's trail records reads of.
func trailPrefixes(t *testing.T, e *env) []string {
	t.Helper()
	trails := e.World().OfType(typeTrail)
	require.NotEmpty(t, trails)
	var out []string
	for _, tr := range trails {
		selectors, _ := tr.Inputs["advancedEventSelectors"].([]any)
		for _, s := range selectors {
			fields, _ := s.(map[string]any)["fieldSelectors"].([]any)
			for _, f := range fields {
				fm := f.(map[string]any)
				if fm["field"] == "resources.ARN" {
					for _, v := range fm["startsWiths"].([]any) {
						out = append(out, v.(string))
					}
				}
			}
		}
	}
	return out
}

func TestTurningTheAuditTrailOnCreatesTheTrailAndItsLogBucket(t *testing.T) {
	t.Parallel()
	e := deployed(t, "dev")
	e.set(stackconfig.KeyAuditTrail, map[string]any{"enabled": true, "retentionDays": 400})
	r := e.mustUp()
	assert.Equal(t, []string{"create igv-audit"}, r.on(typeTrail))
	assert.Equal(t, []string{"create igv-audit-logs"}, r.on(typeBucket))
	assert.Equal(t, []string{"create igv-audit-logs-retention"}, r.on(typeLifecycle))
	assert.Empty(t, r.on(typeObjectLock), "objectLock NONE: the bucket can hold a lock, none is set")
	for _, op := range r.ops() {
		assert.True(t, strings.HasPrefix(op, "create "), "turning the trail on only adds: %s", op)
	}
	assert.ElementsMatch(t, []string{"arn:aws:s3:::genomics-lab-igv-dev-scratch/", "arn:aws:s3:::genomics-lab-reference-genomes/"}, trailPrefixes(t, e))
}

func TestAddingABucketExtendsTheTrailToIt(t *testing.T) {
	t.Parallel()
	e := deployed(t, "prod")
	e.World().External["genomics-lab-new-cohort"] = &externalData
	e.setBuckets(append(e.buckets(), map[string]any{"name": "genomics-lab-new-cohort"}))
	r := e.mustUp()
	assert.Equal(t, []string{"update igv-audit"}, r.on(typeTrail), "the trail's selectors follow the buckets, in place")
	assert.Contains(t, trailPrefixes(t, e), "arn:aws:s3:::genomics-lab-new-cohort/")
}

func TestTurningObjectLockOnForTheCreatedLogBucketAddsTheLockInPlace(t *testing.T) {
	t.Parallel()
	e := deployed(t, "dev")
	e.set(stackconfig.KeyAuditTrail, map[string]any{"enabled": true, "retentionDays": 400})
	e.mustUp()
	e.set(stackconfig.KeyAuditTrail, map[string]any{"enabled": true, "retentionDays": 400, "objectLock": "GOVERNANCE"})
	r := e.mustUp()
	assertOps(t, r, "create "+typeObjectLock+"::igv-audit-logs-lock")
	lock := e.World().OfType(typeObjectLock)
	require.Len(t, lock, 1)
	assert.Equal(t, "GOVERNANCE", lock[0].Inputs["rule"].(map[string]any)["defaultRetention"].(map[string]any)["mode"])
}

// The stack records the lock it set (output auditLogLock) and reads it back through its reference to
// itself: a weaker lock is refused at preview, before anything changes.
func TestWeakeningTheLogLockIsRefusedAtPreview(t *testing.T) {
	t.Parallel()
	e := deployed(t, "prod")
	e.set(stackconfig.KeyAuditTrail, map[string]any{"enabled": true, "retentionDays": 2557})
	r := e.preview()
	require.Error(t, r.Err)
	assert.Contains(t, strings.Join(r.Diags, "\n"), "tamper-proof")
	e.set(stackconfig.KeyAuditTrail, map[string]any{"enabled": true, "retentionDays": 3650, "objectLock": "COMPLIANCE"})
	r = e.mustUp()
	assert.Equal(t, []string{"update igv-audit-logs-lock"}, r.on(typeObjectLock), "a stronger lock is an update")
}

func TestTurningTheTrailOffDeletesItAndKeepsTheLogs(t *testing.T) {
	t.Parallel()
	e := deployed(t, "prod")
	logs := e.outputs()["auditLogBucket"].Value.(string)
	e.set(stackconfig.KeyAuditTrail, map[string]any{"enabled": false})
	r := e.mustUp()
	assert.Equal(t, []string{"delete igv-audit"}, r.on(typeTrail))
	assert.Empty(t, e.World().OfType(typeTrail), "the trail is gone")
	assert.NotNil(t, e.World().Bucket(logs), "the log bucket stays")
	assert.NotNil(t, e.World().BucketSetting(typeObjectLock, logs), "locked")
	assert.NotNil(t, e.World().BucketSetting(typeLifecycle, logs), "and expiring on schedule")
	assert.Contains(t, r.on(typeBucket), "delete (retained) igv-audit-logs")
}

// An existing log bucket is used as it is: without the statements the README gives, CloudTrail refuses
// the trail when it is created.
func TestAnExistingLogBucketMustAlreadyLetCloudTrailWrite(t *testing.T) {
	t.Parallel()
	e := deployed(t, "dev")
	e.World().External["genomics-lab-cloudtrail"] = &awsdouble.ExternalBucket{Region: "eu-west-2"}
	e.set(stackconfig.KeyAuditTrail, map[string]any{"enabled": true, "logBucket": "genomics-lab-cloudtrail"})
	r := e.up()
	require.Error(t, r.Err)
	assert.Contains(t, strings.Join(r.Diags, "\n"), "InsufficientS3BucketPolicyException")

	// The README's two statements.
	trail := "arn:aws:cloudtrail:eu-west-2:123456789012:trail/igv-aws-backend-dev-audit"
	e.World().External["genomics-lab-cloudtrail"].Policy = `{"Statement":[` +
		`{"Sid":"AWSCloudTrailAclCheck","Effect":"Allow","Principal":{"Service":"cloudtrail.amazonaws.com"},"Action":"s3:GetBucketAcl",` +
		`"Resource":"arn:aws:s3:::genomics-lab-cloudtrail","Condition":{"StringEquals":{"aws:SourceArn":"` + trail + `"}}},` +
		`{"Sid":"AWSCloudTrailWrite","Effect":"Allow","Principal":{"Service":"cloudtrail.amazonaws.com"},"Action":"s3:PutObject",` +
		`"Resource":"arn:aws:s3:::genomics-lab-cloudtrail/AWSLogs/123456789012/*",` +
		`"Condition":{"StringEquals":{"aws:SourceArn":"` + trail + `","s3:x-amz-acl":"bucket-owner-full-control"}}}]}`
	r = e.mustUp()
	assert.Equal(t, []string{"create igv-audit"}, r.on(typeTrail))
	assert.Empty(t, r.on(typeBucket), "the existing bucket is not touched")
}
