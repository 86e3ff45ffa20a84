package lifecycle

import (
	"fmt"
	"path"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"igv-aws-backend/policies"
	"igv-aws-backend/stackconfig"
)

// assertOps requires the run's operations (ops()) to be exactly those the patterns describe: every
// operation matches a pattern (path.Match syntax, e.g. "update aws:iam/policy:Policy::igv-identity-data-*"),
// and every pattern matches an operation, unless it starts with "?" (optional).
func assertOps(t *testing.T, r *run, patterns ...string) {
	t.Helper()
	ops := r.ops()
	match := func(p, op string) bool { ok, _ := path.Match(strings.TrimPrefix(p, "?"), op); return ok }
	for _, op := range ops {
		if !slices.ContainsFunc(patterns, func(p string) bool { return match(p, op) }) {
			t.Errorf("unexpected operation: %s", op)
		}
	}
	for _, p := range patterns {
		if !strings.HasPrefix(p, "?") && !slices.ContainsFunc(ops, func(op string) bool { return match(p, op) }) {
			t.Errorf("expected an operation matching %q; the run did:\n  %s", p, strings.Join(ops, "\n  "))
		}
	}
}

// slotOf is the data policy a bucket's grant lands in.
func slotOf(e *env, bucket string) string {
	max := 10
	if v, ok := e.config()[stackconfig.KeyMaxManagedPolicies].(int); ok {
		max = v
	}
	return fmt.Sprintf("igv-identity-data-%d", policies.Slot(bucket, max))
}

// dataPolicyOps are the operations on one data policy slot: an update, or a create with its
// attachment when the slot was empty, or a delete with its attachment when it empties.
func dataPolicyOps(e *env, before []string, bucket string) []string {
	slot := slotOf(e, bucket)
	if slices.Contains(before, slot) {
		return []string{"update " + typePolicy + "::" + slot}
	}
	return []string{"create " + typePolicy + "::" + slot, "create " + typeAttachment + "::" + slot}
}

// slots lists the data policies the account holds for the stack.
func slots(e *env) []string {
	var out []string
	for _, o := range e.double.World().OfType(typePolicy) {
		name := o.URN[strings.LastIndex(o.URN, "::")+2:]
		out = append(out, name)
	}
	return out
}

// createdBucketOps are the operations that create or delete a created bucket and its hardening.
func createdBucketOps(op, bucket string, logging bool) []string {
	out := []string{
		op + " aws:s3/bucketV2:BucketV2::igv-data-" + bucket,
		op + " aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock::igv-data-" + bucket + "-public-access-block",
		op + " aws:s3/bucketOwnershipControls:BucketOwnershipControls::igv-data-" + bucket + "-ownership",
		op + " aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2::igv-data-" + bucket + "-encryption",
		op + " aws:s3/bucketVersioningV2:BucketVersioningV2::igv-data-" + bucket + "-versioning",
		op + " aws:s3/bucketPolicy:BucketPolicy::igv-data-" + bucket + "-policy",
	}
	if logging {
		out = append(out, op+" "+typeLogging+"::igv-data-"+bucket+"-access-logging")
	}
	return out
}

func logging(e *env) bool {
	s, _ := e.config()[stackconfig.KeyAccessLogBucket].(string)
	return s != ""
}

func TestAddingAnExistingBucketChangesOnlyTheDataPolicyItLandsIn(t *testing.T) {
	t.Parallel()
	forEachStack(t, func(t *testing.T, e *env) {
		const name = "genomics-lab-new-cohort"
		e.World().External[name] = &externalData
		before := slots(e)
		e.setBuckets(append(e.buckets(), map[string]any{"name": name}))
		r := e.mustUp()
		assertOps(t, r, append(dataPolicyOps(e, before, name), auditFollows)...)
		assertPoolAndDataSafe(t, e, r)
	})
}

// auditFollows is the audit trail's update when the data buckets change (prod has a trail, dev none).
const auditFollows = "?update " + typeTrail + "::igv-audit"

func TestAddingACreatedBucketCreatesItHardenedAndGrantsIt(t *testing.T) {
	t.Parallel()
	forEachStack(t, func(t *testing.T, e *env) {
		const name = "genomics-lab-new-cohort"
		before := slots(e)
		e.setBuckets(append(e.buckets(), map[string]any{"name": name, "create": true}))
		r := e.mustUp()
		assertOps(t, r, append(append(createdBucketOps("create", name, logging(e)), dataPolicyOps(e, before, name)...), auditFollows)...)
		assert.NotNil(t, e.World().Bucket(name))
	})
}

func TestRemovingAnExistingBucketRevokesOnlyItsGrant(t *testing.T) {
	t.Parallel()
	forEachStack(t, func(t *testing.T, e *env) {
		const name = "genomics-lab-reference-genomes"
		var kept []map[string]any
		for _, b := range e.buckets() {
			if b["name"] != name {
				kept = append(kept, b)
			}
		}
		e.setBuckets(kept)
		r := e.mustUp()
		slot := slotOf(e, name)
		if slices.ContainsFunc(kept, func(b map[string]any) bool { return slotOf(e, b["name"].(string)) == slot }) {
			assertOps(t, r, "update "+typePolicy+"::"+slot, auditFollows)
		} else {
			assertOps(t, r, "delete "+typePolicy+"::"+slot, "delete "+typeAttachment+"::"+slot, auditFollows)
		}
		assertPoolAndDataSafe(t, e, r)
	})
}

// createdBucket is the first bucket the example stack creates.
func createdBucket(t *testing.T, e *env) string {
	for _, b := range e.buckets() {
		if c, _ := b["create"].(bool); c {
			return b["name"].(string)
		}
	}
	t.Fatal("the example stack creates no bucket")
	return ""
}

// assertBucketKeptHardened checks that a bucket left the stack but not AWS: it, its data and every
// protective setting are still in the account.
func assertBucketKeptHardened(t *testing.T, e *env, name string) {
	t.Helper()
	w := e.World()
	require.NotNil(t, w.Bucket(name), "the bucket is gone from AWS")
	assert.Positive(t, w.DataObjects[name], "its data is gone")
	for _, typ := range []string{
		"aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
		"aws:s3/bucketOwnershipControls:BucketOwnershipControls",
		"aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
		"aws:s3/bucketVersioningV2:BucketVersioningV2",
		"aws:s3/bucketPolicy:BucketPolicy",
	} {
		assert.NotNil(t, w.BucketSetting(typ, name), "%s of %s is gone from AWS", typ, name)
	}
}

func TestRemovingACreatedBucketKeepsItItsDataAndItsHardeningInAWS(t *testing.T) {
	t.Parallel()
	forEachStack(t, func(t *testing.T, e *env) {
		name := createdBucket(t, e)
		var kept []map[string]any
		for _, b := range e.buckets() {
			if b["name"] != name {
				kept = append(kept, b)
			}
		}
		e.setBuckets(kept)
		r := e.mustUp()
		retained := createdBucketOps("delete (retained)", name, false)
		if logging(e) {
			// Logging into the stack's log bucket ends with the stack's management of the bucket.
			retained = append(retained, "delete "+typeLogging+"::igv-data-"+name+"-access-logging")
		}
		slot := slotOf(e, name)
		policyOp := "update " + typePolicy + "::" + slot
		if !slices.ContainsFunc(kept, func(b map[string]any) bool { return slotOf(e, b["name"].(string)) == slot }) {
			retained = append(retained, "delete "+typeAttachment+"::"+slot)
			policyOp = "delete " + typePolicy + "::" + slot
		}
		assertOps(t, r, append(retained, policyOp, auditFollows)...)
		assertBucketKeptHardened(t, e, name)
		assertPoolAndDataSafe(t, e, r)
	})
}

func TestTurningCreateOffKeepsTheBucketInAWSAndItsGrant(t *testing.T) {
	t.Parallel()
	forEachStack(t, func(t *testing.T, e *env) {
		name := createdBucket(t, e)
		bs := e.buckets()
		for _, b := range bs {
			if b["name"] == name {
				delete(b, "create")
			}
		}
		e.setBuckets(bs)
		r := e.mustUp()
		want := createdBucketOps("delete (retained)", name, false)
		if logging(e) {
			want = append(want, "delete "+typeLogging+"::igv-data-"+name+"-access-logging")
		}
		assertOps(t, r, want...)
		assertBucketKeptHardened(t, e, name)
		assertPoolAndDataSafe(t, e, r)
	})
}

func TestAddingAUserCreatesOnlyThatUser(t *testing.T) {
	t.Parallel()
	forEachStack(t, func(t *testing.T, e *env) {
		e.setUsers(append(e.users(), map[string]any{"email": "new.analyst@genomics-lab.example.org", "givenName": "New"}))
		r := e.mustUp()
		assertOps(t, r, "create "+typeUser+"::igv-users-user-new.analyst@genomics-lab.example.org")
	})
}

func TestRemovingAUserDeletesOnlyThatUser(t *testing.T) {
	t.Parallel()
	forEachStack(t, func(t *testing.T, e *env) {
		users := e.users()
		gone := users[0]["email"].(string)
		e.setUsers(users[1:])
		r := e.mustUp()
		assertOps(t, r, "delete "+typeUser+"::igv-users-user-"+strings.ToLower(gone))
		assertPoolAndDataSafe(t, e, r)
	})
}

func TestChangingTheCaseOfAUsersEmailChangesNothing(t *testing.T) {
	t.Parallel()
	forEachStack(t, func(t *testing.T, e *env) {
		users := e.users()
		users[0]["email"] = strings.ToUpper(users[0]["email"].(string)[:1]) + users[0]["email"].(string)[1:]
		e.setUsers(users)
		r := e.mustUp()
		assertOps(t, r)
	})
}

func TestAddingAPrefixChangesOnlyThatBucketsDataPolicy(t *testing.T) {
	t.Parallel()
	forEachStack(t, func(t *testing.T, e *env) {
		const name = "genomics-lab-reference-genomes"
		bs := e.buckets()
		for _, b := range bs {
			if b["name"] == name {
				b["prefixes"] = []any{"GRCh38/"}
			}
		}
		e.setBuckets(bs)
		r := e.mustUp()
		assertOps(t, r, "update "+typePolicy+"::"+slotOf(e, name))
	})
}

func TestAddingAKMSKeyGrantsDecryptAndEncryptsACreatedBucketWithIt(t *testing.T) {
	t.Parallel()
	forEachStack(t, func(t *testing.T, e *env) {
		key := "arn:aws:kms:eu-west-2:123456789012:key/0e3f6a52-8d7b-4c1e-9a0f-5b6c7d8e9f01"
		existing, created := "genomics-lab-reference-genomes", "genomics-lab-new-kms"
		bs := e.buckets()
		for _, b := range bs {
			if b["name"] == existing {
				b["kmsKeyArn"] = key
			}
		}
		e.setBuckets(bs)
		r := e.mustUp()
		assertOps(t, r, "update "+typePolicy+"::"+slotOf(e, existing))

		// A created bucket: its default encryption switches to its own key, in place.
		e.setBuckets(append(e.buckets(), map[string]any{"name": created, "create": true}))
		e.mustUp()
		bs = e.buckets()
		bs[len(bs)-1]["kmsKeyArn"] = "arn:aws:kms:eu-west-2:123456789012:key/7d2c1b0a-9e8f-4a6b-8c5d-4e3f2a1b0c9d"
		e.setBuckets(bs)
		r = e.mustUp()
		assertOps(t, r,
			"update aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2::igv-data-"+created+"-encryption",
			"update "+typePolicy+"::"+slotOf(e, created))
		assertPoolAndDataSafe(t, e, r)
	})
}

// externalData is an existing data bucket in the example region.
var externalData = externalBucket()
