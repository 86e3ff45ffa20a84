package lifecycle

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/apitype"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"igv-aws-backend/policies"
	"igv-aws-backend/policies/iamsim"
	"igv-aws-backend/stackconfig"
)

const (
	typeUserGroup   = "aws:cognito/userGroup:UserGroup"
	typeUserInGroup = "aws:cognito/userInGroup:UserInGroup"
)

// dev's buckets, each in a tier of its own: the scratch bucket for the analyst's "alpha" tier, the
// reference genomes for "beta".
func twoDevTiers() []map[string]any {
	return []map[string]any{
		{"name": "alpha", "buckets": []string{"genomics-lab-igv-dev-scratch"}, "members": []string{"dev.analyst@genomics-lab.example.org"}},
		{"name": "beta", "buckets": []string{"genomics-lab-reference-genomes"}, "members": []string{"dev.analyst@genomics-lab.example.org"}},
	}
}

func withTiers(e *env, tiers []map[string]any) {
	e.set(stackconfig.KeyTiers, tiers)
	e.set(stackconfig.KeyAdminContact, "igv-admins@genomics-lab.example.org")
}

// assertUserPoolAndDataSafe: tiers come and go with their identity pools, but the user pool is only
// ever updated and no data bucket is deleted.
func assertUserPoolAndDataSafe(t *testing.T, e *env, r *run) {
	t.Helper()
	for _, op := range r.on(typeUserPool) {
		assert.True(t, strings.HasPrefix(op, "update "), "the user pool may only be updated: %s", op)
	}
	for _, c := range e.double.Calls() {
		assert.False(t, c.Op == "delete" && c.Token == typeBucket && !strings.Contains(c.URN, "igv-config"),
			"a data bucket was deleted in AWS: %s", c.URN)
	}
}

// assertTiersUntouched: no resource named after one of the tiers changed in the run.
func assertTiersUntouched(t *testing.T, r *run, tiers ...string) {
	t.Helper()
	for _, op := range r.ops() {
		for _, tier := range tiers {
			if strings.Contains(op, tier) {
				t.Errorf("tier %s's resource changed: %s", tier, op)
			}
		}
	}
}

func identityPoolNames(e *env) []string {
	var out []string
	for _, p := range e.World().OfType(typeIdentityPool) {
		out = append(out, p.URN[strings.LastIndex(p.URN, "::")+2:])
	}
	return out
}

// tieredDev is dev deployed with two tiers.
func tieredDev(t *testing.T) *env {
	e := deployed(t, "dev")
	withTiers(e, twoDevTiers())
	e.mustUp()
	return e
}

// Moving a stack to tiers leaves no untiered path: the old client, identity pool, role, data policies
// and config objects are deleted, the provisioning URL output is gone, and each tier has its own.
func TestMovingToTiersDeletesTheUntieredClientRoleAndURL(t *testing.T) {
	t.Parallel()
	e := deployed(t, "dev")
	oldRole := e.outputs()["authenticatedRoleArn"].Value.(string)
	withTiers(e, twoDevTiers())
	r := e.mustUp()
	assert.Contains(t, r.on(typeUserPoolClient), "delete igv-users-client")
	assert.Contains(t, r.on(typeIdentityPool), "delete igv-identity")
	assert.Contains(t, r.on(typeRole), "delete igv-identity-authenticated")
	assert.Contains(t, r.on(typeObject), "delete igv-config-oauth-config.json.gz")
	assertUserPoolAndDataSafe(t, e, r)
	for _, role := range e.World().OfType(typeRole) {
		assert.NotEqual(t, oldRole, role.Outputs["arn"], "the untiered role is gone from the account")
	}
	for _, o := range e.World().OfType(typeObject) {
		key, _ := o.Inputs["key"].(string)
		assert.True(t, strings.HasPrefix(key, "alpha/") || strings.HasPrefix(key, "beta/"), "config object %s outside a tier", key)
	}
	out := e.outputs()
	assert.NotContains(t, out, "provisioningUrl")
	assert.NotContains(t, out, "authenticatedRoleArn")
	urls, _ := out["provisioningUrls"].Value.(map[string]any)
	assert.Contains(t, urls["alpha"], "/alpha/oauth-config.json.gz")
	assert.Contains(t, urls["beta"], "/beta/oauth-config.json.gz")
	assert.Len(t, e.World().OfType(typeIdentityPool), 2)
	assert.Len(t, e.World().OfType(typeUserInGroup), 2)
}

// A protected stack keeps its identity pool until the admin unprotects it (the README's migration):
// the move to tiers is refused, then goes through once the old pool is unprotected.
func TestMovingAProtectedStackToTiersNeedsTheOldIdentityPoolUnprotected(t *testing.T) {
	t.Parallel()
	e := deployed(t, "prod")
	withTiers(e, []map[string]any{
		{"name": "clinical", "buckets": []string{"genomics-lab-clinical-exomes"}, "members": []string{"jane.doe@genomics-lab.example.org"}},
		{"name": "research", "buckets": []string{"genomics-lab-wgs-2026"}, "members": []string{"raj.patel@genomics-lab.example.org"}},
	})
	e.set(stackconfig.KeySharedBuckets, []string{"genomics-lab-reference-genomes"})
	r := e.up()
	require.Error(t, r.Err)
	assert.Contains(t, strings.Join(r.Diags, "\n"), "protected")
	assert.Contains(t, identityPoolNames(e), "igv-identity", "the old identity pool is kept")

	e.unprotect(typeIdentityPool, "igv-identity")
	r = e.mustUp()
	assert.Contains(t, r.on(typeIdentityPool), "delete igv-identity")
	assertUserPoolAndDataSafe(t, e, r)
	assert.ElementsMatch(t, []string{"igv-identity-clinical", "igv-identity-research"}, identityPoolNames(e))
}

// Adding a tier creates its own resources; no resource of another tier changes.
func TestAddingATierCreatesOnlyItsResources(t *testing.T) {
	t.Parallel()
	e := tieredDev(t)
	tiers := append(twoDevTiers(), map[string]any{"name": "gamma", "buckets": []string{"genomics-lab-reference-genomes"},
		"members": []string{"dev.analyst@genomics-lab.example.org"}})
	withTiers(e, tiers)
	r := e.mustUp()
	assertTiersUntouched(t, r, "alpha", "beta")
	assert.Contains(t, r.on(typeIdentityPool), "create igv-identity-gamma")
	assert.Contains(t, r.on(typeUserPoolClient), "create igv-users-client-gamma")
	assert.Contains(t, r.on(typeUserGroup), "create igv-users-group-gamma")
	assertUserPoolAndDataSafe(t, e, r)
}

// Removing a tier deletes its resources and nothing of another tier.
func TestRemovingATierDeletesOnlyItsResources(t *testing.T) {
	t.Parallel()
	e := tieredDev(t)
	three := append(twoDevTiers(), map[string]any{"name": "gamma", "buckets": []string{"genomics-lab-reference-genomes"},
		"members": []string{"dev.analyst@genomics-lab.example.org"}})
	withTiers(e, three)
	e.mustUp()
	withTiers(e, twoDevTiers())
	r := e.mustUp()
	assertTiersUntouched(t, r, "alpha", "beta")
	assert.Contains(t, r.on(typeIdentityPool), "delete igv-identity-gamma")
	assert.Contains(t, r.on(typeUserPoolClient), "delete igv-users-client-gamma")
	assert.Contains(t, r.on(typeUserGroup), "delete igv-users-group-gamma")
	assertUserPoolAndDataSafe(t, e, r)
	assert.ElementsMatch(t, []string{"igv-identity-alpha", "igv-identity-beta"}, identityPoolNames(e))
}

// Moving a bucket from one tier to another changes the two tiers' data policies, and nothing else of
// either tier.
func TestMovingABucketBetweenTiersChangesOnlyTheTwoTiersDataPolicies(t *testing.T) {
	t.Parallel()
	e := tieredDev(t)
	tiers := twoDevTiers()
	tiers[0]["buckets"] = []string{"genomics-lab-igv-dev-scratch", "genomics-lab-reference-genomes"}
	tiers[1]["buckets"] = []string{"genomics-lab-igv-dev-scratch"}
	withTiers(e, tiers)
	r := e.mustUp()
	for _, op := range r.ops() {
		if !strings.Contains(op, typePolicy+"::") && !strings.Contains(op, typeAttachment+"::") {
			t.Errorf("more than the data policies changed: %s", op)
		}
	}
	assert.NotEmpty(t, r.on(typePolicy))
	assertUserPoolAndDataSafe(t, e, r)
	read := func(tier, bucket string) bool {
		var docs []policies.Document
		for _, p := range e.World().OfType(typePolicy) {
			if strings.Contains(p.URN, "::igv-identity-"+tier+"-data-") {
				doc, err := policies.Parse(p.Inputs["policy"].(string))
				require.NoError(t, err)
				docs = append(docs, doc)
			}
		}
		d, err := iamsim.Evaluate(docs, iamsim.Request{Action: "s3:GetObject", Resource: "arn:aws:s3:::" + bucket + "/GRCh38/GRCh38.fa"})
		require.NoError(t, err)
		return d == iamsim.Allowed
	}
	assert.True(t, read("alpha", "genomics-lab-reference-genomes"), "alpha gained the reference genomes")
	assert.False(t, read("beta", "genomics-lab-reference-genomes"), "beta lost them")
	assert.True(t, read("beta", "genomics-lab-igv-dev-scratch"), "beta gained the scratch bucket")
}

// unprotect clears protect on one resource of the stack's state, as `pulumi state unprotect URN` does.
func (e *env) unprotect(typ, name string) {
	e.t.Helper()
	ctx := context.Background()
	state, err := e.stack.Export(ctx)
	require.NoError(e.t, err)
	var d apitype.DeploymentV3
	require.NoError(e.t, json.Unmarshal(state.Deployment, &d))
	found := false
	for i, res := range d.Resources {
		if string(res.Type) == typ && res.URN.Name() == name {
			d.Resources[i].Protect, found = false, true
		}
	}
	require.True(e.t, found, "no %s %s in the state", typ, name)
	state.Deployment, err = json.Marshal(d)
	require.NoError(e.t, err)
	require.NoError(e.t, e.stack.Import(ctx, state))
}
