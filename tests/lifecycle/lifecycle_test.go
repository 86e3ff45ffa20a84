// Package lifecycle runs the stack's program on Pulumi's real engine (the CLI built from pkg/v3 at the
// SDK's version, driven by the Automation API with the program inline and a local file backend), against
// a provider double that knows what the provider-truth tables record. The engine plans, updates,
// replaces and deletes for real; every scenario starts from a copy of the first `pulumi up` of an
// example stack, makes one everyday edit, and asserts from the engine's own events what was created,
// updated, replaced, deleted or retained.
package lifecycle

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Resource types, as the engine names them.
const (
	typeUserPool       = "aws:cognito/userPool:UserPool"
	typeUserPoolClient = "aws:cognito/userPoolClient:UserPoolClient"
	typeUserPoolDomain = "aws:cognito/userPoolDomain:UserPoolDomain"
	typeUser           = "aws:cognito/user:User"
	typeIdentityPool   = "aws:cognito/identityPool:IdentityPool"
	typeRoleAttachment = "aws:cognito/identityPoolRoleAttachment:IdentityPoolRoleAttachment"
	typeRole           = "aws:iam/role:Role"
	typePolicy         = "aws:iam/policy:Policy"
	typeAttachment     = "aws:iam/rolePolicyAttachment:RolePolicyAttachment"
	typeBucket         = "aws:s3/bucketV2:BucketV2"
	typeLogging        = "aws:s3/bucketLoggingV2:BucketLoggingV2"
	typeObject         = "aws:s3/bucketObjectv2:BucketObjectv2"
	typeDistribution   = "aws:cloudfront/distribution:Distribution"
	typeTrail          = "aws:cloudtrail/trail:Trail"
	typeObjectLock     = "aws:s3/bucketObjectLockConfigurationV2:BucketObjectLockConfigurationV2"
	typeLifecycle      = "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2"
)

var exampleStacks = []string{"dev", "prod"}

// forEachStack runs a scenario on a fresh copy of each example stack's first deployment.
func forEachStack(t *testing.T, scenario func(t *testing.T, e *env)) {
	for _, name := range exampleStacks {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			scenario(t, deployed(t, name))
		})
	}
}

func TestFirstDeploymentCreatesEverythingAndFailsNothing(t *testing.T) {
	t.Parallel()
	for _, name := range exampleStacks {
		t.Run(name, func(t *testing.T) {
			d := firstDeployment(t, name)
			for _, op := range d.first.ops() {
				assert.True(t, strings.HasPrefix(op, "create "), "a first deployment only creates: %s", op)
			}
			assert.NotEmpty(t, d.first.on(typeUserPool))
			assert.Empty(t, d.first.Diags)
		})
	}
}

func TestUpWithNoChangeDoesNothing(t *testing.T) {
	t.Parallel()
	forEachStack(t, func(t *testing.T, e *env) {
		r := e.mustUp()
		assert.Empty(t, r.ops(), "an up with no change must do nothing")
		assert.Empty(t, e.double.Calls(), "and send nothing to AWS")
	})
}

// assertPoolAndDataSafe checks the invariant of every edit: the user pool and the identity pool are
// neither replaced nor deleted, and no created data bucket is deleted in AWS.
func assertPoolAndDataSafe(t *testing.T, e *env, r *run) {
	t.Helper()
	for _, typ := range []string{typeUserPool, typeIdentityPool} {
		for _, op := range r.on(typ) {
			assert.True(t, strings.HasPrefix(op, "update "), "%s may only be updated: %s", typ, op)
		}
	}
	for _, c := range e.double.Calls() {
		assert.False(t, c.Op == "delete" && c.Token == typeBucket && !strings.Contains(c.URN, "igv-config"),
			"a data bucket was deleted in AWS: %s", c.URN)
	}
	require.NotNil(t, e.double.World().OfType(typeUserPool))
}
