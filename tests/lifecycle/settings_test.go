package lifecycle

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"igv-aws-backend/stackconfig"
	"igv-aws-backend/tests/lifecycle/awsdouble"
)

// The config objects IGV downloads (one pair per callback port): they change whenever a value in
// them does.
var configObjects = []string{
	"update " + typeObject + "::igv-config-oauth-config.json",
	"update " + typeObject + "::igv-config-oauth-config.json.gz",
	"?update " + typeObject + "::igv-config-port-*/oauth-config.json*",
}

func TestChangingTheDomainPrefixReplacesOnlyTheDomainAndRepublishesTheConfig(t *testing.T) {
	t.Parallel()
	forEachStack(t, func(t *testing.T, e *env) {
		e.set(stackconfig.KeyDomainPrefix, "genomics-lab-igv-renamed")
		r := e.mustUp()
		assertOps(t, r, append([]string{
			"delete-replaced " + typeUserPoolDomain + "::igv-users-domain",
			"create-replacement " + typeUserPoolDomain + "::igv-users-domain",
			"replace " + typeUserPoolDomain + "::igv-users-domain",
		}, configObjects...)...)
		// Cognito holds one domain per pool: the old one had to go first.
		domains := e.World().OfType(typeUserPoolDomain)
		require.Len(t, domains, 1)
		assert.Equal(t, "genomics-lab-igv-renamed", domains[0].Inputs["domain"])
		assertPoolAndDataSafe(t, e, r)
	})
}

func TestTogglingTheClientSecretReplacesOnlyTheAppClient(t *testing.T) {
	t.Parallel()
	forEachStack(t, func(t *testing.T, e *env) {
		e.set(stackconfig.KeyClientSecret, true)
		r := e.mustUp()
		// Cognito cannot add a secret to a client: a new client, which the identity pool then trusts
		// instead, and a republished config naming it.
		assertOps(t, r, append([]string{
			"create-replacement " + typeUserPoolClient + "::igv-users-client",
			"replace " + typeUserPoolClient + "::igv-users-client",
			"delete-replaced " + typeUserPoolClient + "::igv-users-client",
			"update " + typeIdentityPool + "::igv-identity",
		}, configObjects...)...)
		assertPoolAndDataSafe(t, e, r)
	})
}

func TestChangingCallbackPortsUpdatesTheClientAndTheConfigFiles(t *testing.T) {
	t.Parallel()
	forEachStack(t, func(t *testing.T, e *env) {
		e.set(stackconfig.KeyCallbackPorts, []any{60151, 60155})
		r := e.mustUp()
		ops := strings.Join(r.ops(), "\n")
		assert.Contains(t, ops, "update "+typeUserPoolClient+"::igv-users-client")
		assert.Contains(t, ops, "igv-config-port-60155/oauth-config.json.gz", "the new port gets its own config file")
		assert.NotContains(t, ops, "replace")
		urls, ok := e.outputs()["provisioningUrls"].Value.(map[string]any)
		require.True(t, ok)
		assert.Contains(t, urls["60155"], "/port-60155/oauth-config.json.gz")
		assertPoolAndDataSafe(t, e, r)
	})
}

func TestChangingMFAUpdatesThePoolInPlace(t *testing.T) {
	t.Parallel()
	forEachStack(t, func(t *testing.T, e *env) {
		mfa := "ON"
		if v, _ := e.config()[stackconfig.KeyMFA].(string); v == "ON" {
			mfa = "OPTIONAL"
		}
		e.set(stackconfig.KeyMFA, mfa)
		r := e.mustUp()
		assertOps(t, r, "update "+typeUserPool+"::igv-users")
	})
}

func TestTurningOnThreatProtectionUpdatesThePoolInPlace(t *testing.T) {
	t.Parallel()
	for _, name := range exampleStacks {
		t.Run(name, func(t *testing.T) {
			e := deployed(t, name)
			e.set(stackconfig.KeyThreatProtection, "OFF")
			e.mustUp()
			e.set(stackconfig.KeyThreatProtection, "AUDIT")
			r := e.mustUp()
			assertOps(t, r, "update "+typeUserPool+"::igv-users")
		})
	}
}

func TestRaisingMaxManagedPoliciesRepacksThePoliciesWithoutTouchingTheRole(t *testing.T) {
	t.Parallel()
	forEachStack(t, func(t *testing.T, e *env) {
		e.set(stackconfig.KeyMaxManagedPolicies, 20)
		r := e.mustUp()
		require.NotEmpty(t, r.ops(), "the buckets move to new slots")
		for _, op := range r.ops() {
			ok := strings.Contains(op, typePolicy+"::igv-identity-data-") || strings.Contains(op, typeAttachment+"::igv-identity-data-")
			assert.True(t, ok, "only data policies and their attachments change: %s", op)
			assert.NotContains(t, op, "replace", op)
		}
		assert.Empty(t, r.touched(typeRole, "igv-identity-authenticated"))
		assertPoolAndDataSafe(t, e, r)
	})
}

func TestTurningAccessLoggingOffTurnsItOffInAWS(t *testing.T) {
	t.Parallel()
	e := deployed(t, "prod")
	bucket := createdBucket(t, e)
	require.NotNil(t, e.World().BucketSetting(typeLogging, bucket))
	e.set(stackconfig.KeyAccessLogBucket, nil)
	r := e.mustUp()
	assertOps(t, r, "delete "+typeLogging+"::igv-data-"+bucket+"-access-logging",
		"delete "+typeLogging+"::igv-config-access-logging", "delete "+typeLogging+"::igv-audit-logs-access-logging")
	assert.Nil(t, e.World().BucketSetting(typeLogging, bucket), "S3 still logs the bucket: the logging resource was retained")
	assertPoolAndDataSafe(t, e, r)
}

func TestChangingTagsUpdatesInPlace(t *testing.T) {
	t.Parallel()
	forEachStack(t, func(t *testing.T, e *env) {
		tags, _ := e.config()[stackconfig.KeyTags].(map[string]any)
		tags["owner"] = "genomics-platform-team"
		e.set(stackconfig.KeyTags, tags)
		r := e.mustUp()
		require.NotEmpty(t, r.ops())
		for _, op := range r.ops() {
			assert.True(t, strings.HasPrefix(op, "update "), "tags change in place: %s", op)
		}
		assertPoolAndDataSafe(t, e, r)
	})
}

func TestDestroyWithProtectOnDeletesNothing(t *testing.T) {
	t.Parallel()
	e := deployed(t, "prod")
	before := len(e.World().Objects)
	r := e.destroy()
	require.Error(t, r.Err, "destroy must stop at the protected user pool")
	assert.Contains(t, strings.Join(r.Diags, "\n"), "protect")
	for _, c := range e.double.Calls() {
		t.Errorf("destroy sent %s of %s to AWS before it stopped", c.Op, c.URN)
	}
	assert.Equal(t, before, len(e.World().Objects))
}

func TestDestroyWithProtectOffDeletesAllButTheDataBuckets(t *testing.T) {
	t.Parallel()
	e := deployed(t, "dev")
	bucket := createdBucket(t, e)
	r := e.destroy()
	require.NoError(t, r.Err, strings.Join(r.Diags, "\n"))
	assertBucketKeptHardened(t, e, bucket)
	assert.Empty(t, e.World().OfType(typeUserPool), "dev's pool goes with the stack")
	for tok, o := range e.World().Objects {
		if !strings.Contains(o.URN, "igv-data-"+bucket) {
			t.Errorf("left in AWS after destroy: %s", tok)
		}
	}
}

func TestDestroyOfProdAfterUnprotectingKeepsTheDataBuckets(t *testing.T) {
	t.Parallel()
	e := deployed(t, "prod")
	bucket := createdBucket(t, e)
	e.set(stackconfig.KeyProtect, false)
	e.set(stackconfig.KeyDeletionProtection, false)
	e.mustUp()
	r := e.destroy()
	require.NoError(t, r.Err, strings.Join(r.Diags, "\n"))
	assertBucketKeptHardened(t, e, bucket)
	assert.Empty(t, e.World().OfType(typeUserPool))
}

// S3 would accept a log bucket its logging service cannot write to, and deliver nothing: the stack
// refuses it at preview instead, before anything changes.
func TestALogBucketThatCannotReceiveLogsIsRefusedAtPreview(t *testing.T) {
	t.Parallel()
	e := deployed(t, "prod")
	e.World().External["genomics-lab-unprepared-logs"] = &awsdouble.ExternalBucket{Region: "eu-west-2", ObjectOwnership: "BucketOwnerEnforced"}
	e.set(stackconfig.KeyAccessLogBucket, "genomics-lab-unprepared-logs")
	r := e.preview()
	require.Error(t, r.Err)
	assert.Contains(t, strings.Join(r.Diags, "\n"), "has no bucket policy")
	assert.Empty(t, r.ops(), "nothing is planned")
	r = e.up()
	require.Error(t, r.Err)
	assert.Empty(t, e.double.Calls(), "nothing reached AWS")
}

// The old domain goes first, so a new prefix that another AWS customer holds leaves the pool without a
// hosted UI until the prefix is set back (or to a free one) and `pulumi up` runs again.
func TestChangingTheDomainPrefixToATakenOneFailsAndSettingItBackRestoresTheDomain(t *testing.T) {
	t.Parallel()
	e := deployed(t, "dev")
	original := e.config()[stackconfig.KeyDomainPrefix]
	e.World().ForeignDomains["genomics-lab-igv-taken"] = true
	e.set(stackconfig.KeyDomainPrefix, "genomics-lab-igv-taken")
	r := e.up()
	require.Error(t, r.Err)
	assert.Contains(t, strings.Join(r.Diags, "\n"), "Domain already exists")
	assert.Empty(t, e.World().OfType(typeUserPoolDomain), "the old domain was deleted first")

	e.set(stackconfig.KeyDomainPrefix, original)
	r = e.mustUp()
	domains := e.World().OfType(typeUserPoolDomain)
	require.Len(t, domains, 1)
	assert.Equal(t, original, domains[0].Inputs["domain"])
	assertPoolAndDataSafe(t, e, r)
}

func TestChangingPasswordLengthAndDeletionProtectionUpdatesThePoolInPlace(t *testing.T) {
	t.Parallel()
	forEachStack(t, func(t *testing.T, e *env) {
		e.set(stackconfig.KeyPasswordMinLength, 16)
		protected, _ := e.config()[stackconfig.KeyDeletionProtection].(bool)
		e.set(stackconfig.KeyDeletionProtection, !protected)
		r := e.mustUp()
		assertOps(t, r, "update "+typeUserPool+"::igv-users")
	})
}

func TestTurningProtectOffSendsNothingToAWS(t *testing.T) {
	t.Parallel()
	e := deployed(t, "prod")
	e.set(stackconfig.KeyProtect, false)
	r := e.mustUp()
	assertOps(t, r)
	assert.Empty(t, e.double.Calls())
}

// Where bucket names are sensitive, listing the account's buckets is turned off: only the inline policy
// goes, and turning it back on adds it again.
func TestTurningListAllBucketsOffDeletesOnlyTheListingPolicy(t *testing.T) {
	t.Parallel()
	e := deployed(t, "dev")
	e.set(stackconfig.KeyListAllBuckets, false)
	r := e.mustUp()
	assertOps(t, r, "delete aws:iam/rolePolicy:RolePolicy::igv-identity-list-buckets")
	assert.Empty(t, e.World().OfType("aws:iam/rolePolicy:RolePolicy"), "no inline policy is left on the role")

	e.set(stackconfig.KeyListAllBuckets, true)
	r = e.mustUp()
	assertOps(t, r, "create aws:iam/rolePolicy:RolePolicy::igv-identity-list-buckets")
}
