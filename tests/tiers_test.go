package tests

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/aws/aws-lambda-go/events"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"igv-aws-backend/components"
	"igv-aws-backend/gate"
	"igv-aws-backend/policies"
	"igv-aws-backend/policies/iamsim"
	"igv-aws-backend/stackconfig"
	"igv-aws-backend/synth"
)

const (
	typeUserGroup   = "aws:cognito/userGroup:UserGroup"
	typeUserInGroup = "aws:cognito/userInGroup:UserInGroup"
)

// Prod split into two tiers: clinical exomes for Jane, whole genomes for Raj and Entra ID's research
// group, the reference genomes shared.
const twoTiers = `[` +
	`{"name":"clinical","buckets":["genomics-lab-clinical-exomes"],"members":["jane.doe@genomics-lab.example.org"]},` +
	`{"name":"research","buckets":["genomics-lab-wgs-2026"],"members":["raj.patel@genomics-lab.example.org"],"idpGroups":["3f2a9c1e-7b4d-4e8a-9c0f-1d2e3f4a5b6c"]}]`

func tieredStack(t testing.TB, extra map[string]string) synth.Stack {
	t.Helper()
	changes := map[string]string{
		stackconfig.KeyTiers:         twoTiers,
		stackconfig.KeySharedBuckets: `["genomics-lab-reference-genomes"]`,
		stackconfig.KeyIdentityProviders: `[{"name":"Entra","type":"SAML","metadataUrl":"` + entraMetadata + `","emailAttribute":"` + samlEmail + `",` +
			`"groupsAttribute":"http://schemas.microsoft.com/ws/2008/06/identity/claims/groups","emailDomains":["genomics-lab.example.org"]}]`,
		stackconfig.KeyAdminContact: "igv-admins@genomics-lab.example.org",
	}
	for k, v := range extra {
		changes[k] = v
	}
	return withConfig(exampleStack(t, "prod"), changes)
}

func tiered(t testing.TB, extra map[string]string) *synth.Result {
	t.Helper()
	return run(t, tieredStack(t, extra))
}

// tierResources are the resources of one tier's identity pool component (its pool, role and policies).
func tierResources(r *synth.Result, tier string) []synth.Resource {
	var out []synth.Resource
	for _, res := range r.Resources {
		if strings.HasSuffix(res.Parent, "::igv-identity-"+tier) || res.Name == "igv-identity-"+tier && res.Type == typeIdentityPool {
			out = append(out, res)
		}
	}
	return out
}

func tierOf(t testing.TB, r *synth.Result, tier, typ string) synth.Resource {
	t.Helper()
	var found []synth.Resource
	for _, res := range tierResources(r, tier) {
		if res.Type == typ {
			found = append(found, res)
		}
	}
	require.Len(t, found, 1, "tier %s: one %s", tier, typ)
	return found[0]
}

// tierRoleDocuments are the identity policies of a tier's role, inline and attached.
func tierRoleDocuments(t testing.TB, r *synth.Result, tier string) []policies.Document {
	t.Helper()
	var docs []policies.Document
	for _, res := range tierResources(r, tier) {
		switch res.Type {
		case typeRolePolicy, typePolicy:
			docs = append(docs, policyDoc(t, res, "policy"))
		}
	}
	require.NotEmpty(t, docs)
	return docs
}

func clientNamed(t testing.TB, r *synth.Result, name string) synth.Resource {
	t.Helper()
	return withInput(t, r, typeUserPoolClient, "name", name)
}

func TestEachTierHasItsOwnGroupClientIdentityPoolRoleAndConfig(t *testing.T) {
	r := tiered(t, nil)
	for _, tier := range []string{"clinical", "research"} {
		client := clientNamed(t, r, "igv-desktop-"+tier)
		pool := tierOf(t, r, tier, typeIdentityPool)
		assert.Equal(t, "igv-aws-backend-prod-"+tier, input(pool, "identityPoolName"))
		providers, _ := input(pool, "cognitoIdentityProviders").([]any)
		require.Len(t, providers, 1, "the tier's identity pool trusts one client")
		assert.Equal(t, client.ID, providers[0].(map[string]any)["clientId"], "and it is the tier's own")
		tierOf(t, r, tier, typeRole)

		var group synth.Resource
		for _, g := range ofType(r, typeUserGroup) {
			if input(g, "name") == "igv-tier-"+tier {
				group = g
			}
		}
		assert.NotEmpty(t, group.URN, "the tier's Cognito group")

		urls, _ := r.Outputs["provisioningUrls"].(map[string]any)
		assert.Contains(t, urls[tier], "/"+tier+"/oauth-config.json.gz")
		assert.Contains(t, urls[tier+":60152"], "/"+tier+"/port-60152/oauth-config.json.gz")
		var cfg map[string]any
		configs, _ := r.Outputs["oauthConfigs"].(map[string]any)
		require.NoError(t, json.Unmarshal([]byte(configs[tier].(string)), &cfg))
		assert.Equal(t, client.ID, cfg["client_id"], "the tier's config names its client")
		assert.Equal(t, pool.ID, cfg["aws_cognito_fed_pool_id"], "its identity pool")
		assert.Equal(t, tierOf(t, r, tier, typeRole).Outputs["arn"], cfg["aws_cognito_role_arn"], "and its role")
	}
}

// With tiers, nothing reads the data outside a tier: no untiered client, identity pool, role or URL.
func TestWithTiersNoUntieredPathRemains(t *testing.T) {
	r := tiered(t, nil)
	for _, c := range ofType(r, typeUserPoolClient) {
		assert.True(t, strings.HasPrefix(input(c, "name").(string), "igv-desktop-"), "every client is a tier's: %v", input(c, "name"))
	}
	assert.Len(t, ofType(r, typeUserPoolClient), 2)
	assert.Len(t, ofType(r, typeIdentityPool), 2)
	for _, out := range []string{"provisioningUrl", "userPoolClientId", "identityPoolId", "authenticatedRoleArn", "oauthConfig"} {
		assert.NotContains(t, r.Outputs, out, "no untiered %s", out)
	}
	for _, o := range ofType(r, typeObject) {
		key := input(o, "key").(string)
		assert.True(t, strings.HasPrefix(key, "clinical/") || strings.HasPrefix(key, "research/"), "config object %s lies in a tier's folder", key)
	}
	// No role of the stack reads another tier's buckets; every role reads the shared one.
	own := map[string]string{"clinical": "genomics-lab-clinical-exomes", "research": "genomics-lab-wgs-2026"}
	for tier, bucket := range own {
		docs := tierRoleDocuments(t, r, tier)
		can := func(bucket string) bool {
			return roleCan(t, docs, "s3:GetObject", "arn:aws:s3:::"+bucket+"/releases/2026/a.bam", nil)
		}
		assert.True(t, can("genomics-lab-reference-genomes"), "%s reads the shared bucket", tier)
		assert.True(t, can(bucket), "%s reads its own bucket", tier)
		for other, theirs := range own {
			if other != tier {
				assert.False(t, can(theirs), "%s reads %s's bucket", tier, other)
			}
		}
	}
}

// A member of one tier is denied the other tier's buckets, by IAM evaluation of the roles' policies.
func TestAMemberOfATierIsDeniedTheOtherTiersBuckets(t *testing.T) {
	r := tiered(t, nil)
	clinical, research := tierRoleDocuments(t, r, "clinical"), tierRoleDocuments(t, r, "research")
	get := func(docs []policies.Document, object string) bool {
		return roleCan(t, docs, "s3:GetObject", "arn:aws:s3:::"+object, nil)
	}
	list := func(docs []policies.Document, bucket string) bool {
		return roleCan(t, docs, "s3:ListBucket", "arn:aws:s3:::"+bucket, map[string][]string{"s3:prefix": {""}, "s3:delimiter": {"/"}})
	}
	assert.True(t, get(clinical, "genomics-lab-clinical-exomes/releases/2026/p1.cram"))
	assert.False(t, get(research, "genomics-lab-clinical-exomes/releases/2026/p1.cram"), "research cannot read clinical data")
	assert.True(t, get(research, "genomics-lab-wgs-2026/s1.bam"))
	assert.False(t, get(clinical, "genomics-lab-wgs-2026/s1.bam"), "clinical cannot read research data")
	assert.False(t, list(clinical, "genomics-lab-wgs-2026"), "nor list it")
	assert.False(t, list(research, "genomics-lab-clinical-exomes"))
	assert.True(t, list(research, "genomics-lab-reference-genomes"), "both list the shared bucket")
	assert.True(t, list(clinical, "genomics-lab-reference-genomes"))
}

// A token of tier A's identity pool cannot assume tier B's role: each role trusts only its own pool.
func TestATokenOfOneTiersIdentityPoolCannotAssumeAnotherTiersRole(t *testing.T) {
	r := tiered(t, nil)
	assume := func(roleTier, poolTier string) iamsim.Decision {
		trust := []policies.Document{policyDoc(t, tierOf(t, r, roleTier, typeRole), "assumeRolePolicy")}
		d, err := iamsim.Evaluate(trust, iamsim.Request{
			PrincipalType: "Federated", Principal: "cognito-identity.amazonaws.com", Action: "sts:AssumeRoleWithWebIdentity",
			Context: map[string][]string{
				"cognito-identity.amazonaws.com:aud": {tierOf(t, r, poolTier, typeIdentityPool).ID},
				"cognito-identity.amazonaws.com:amr": {"authenticated"},
			},
		})
		require.NoError(t, err)
		return d
	}
	assert.Equal(t, iamsim.Allowed, assume("clinical", "clinical"))
	assert.Equal(t, iamsim.Allowed, assume("research", "research"))
	assert.Equal(t, iamsim.ImplicitDeny, assume("clinical", "research"), "a research token for the clinical role")
	assert.Equal(t, iamsim.ImplicitDeny, assume("research", "clinical"))
}

// The gate is what keeps a user out of a tier's client: the policy the stack deploys admits a tier's
// client only to the tier's group and identity provider groups, for every token source.
func TestTheGateAdmitsATiersClientOnlyToItsMembers(t *testing.T) {
	r := tiered(t, nil)
	fn := only(t, r, typeFunction)
	env, _ := input(fn, "environment", "variables").(map[string]any)
	p, err := gate.ParsePolicy(env[gate.EnvPolicy].(string))
	require.NoError(t, err)
	assert.Equal(t, map[string][]string{"Entra": {"3f2a9c1e-7b4d-4e8a-9c0f-1d2e3f4a5b6c"}}, p.Clients["igv-desktop-research"].IdPGroups,
		"the research group's value counts only from Entra, the provider that sends it")
	assert.Empty(t, p.Clients["igv-desktop-clinical"].IdPGroups)
	event := func(source, idpGroups string, cognitoGroups ...string) events.CognitoEventUserPoolsPreTokenGen {
		ev := events.CognitoEventUserPoolsPreTokenGen{}
		ev.TriggerSource = source
		ev.Request.UserAttributes = map[string]string{"email": "someone@genomics-lab.example.org"}
		if idpGroups != "" {
			ev.Request.UserAttributes["identities"] = `[{"providerName":"Entra","providerType":"SAML"}]`
			ev.Request.UserAttributes[components.GroupsAttribute] = idpGroups
		}
		ev.Request.GroupConfiguration.GroupsToOverride = cognitoGroups
		return ev
	}
	for _, source := range gate.TriggerSources {
		assert.True(t, gate.Decide(p, "igv-desktop-clinical", event(source, "", "igv-tier-clinical")).Allow, source)
		assert.False(t, gate.Decide(p, "igv-desktop-research", event(source, "", "igv-tier-clinical")).Allow, "%s: clinical member, research client", source)
		assert.True(t, gate.Decide(p, "igv-desktop-research", event(source, "[3f2a9c1e-7b4d-4e8a-9c0f-1d2e3f4a5b6c]")).Allow, "%s: Entra research group", source)
		assert.False(t, gate.Decide(p, "igv-desktop-clinical", event(source, "[3f2a9c1e-7b4d-4e8a-9c0f-1d2e3f4a5b6c]")).Allow, "%s: Entra research group, clinical client", source)
		assert.False(t, gate.Decide(p, "igv-desktop", event(source, "", "igv-tier-clinical")).Allow, "%s: the untiered client no longer exists", source)
	}
	refused := gate.Decide(p, "igv-desktop-clinical", event("TokenGeneration_HostedAuth", ""))
	assert.Contains(t, refused.Message, "clinical")
	assert.Contains(t, refused.Message, "igv-admins@genomics-lab.example.org")
}

func TestTierMembersAreInTheirTiersGroupOnly(t *testing.T) {
	r := tiered(t, nil)
	members := map[string]string{}
	for _, m := range ofType(r, typeUserInGroup) {
		members[m.Name] = input(m, "groupName").(string)
	}
	assert.Equal(t, map[string]string{
		"igv-users-member-clinical-jane.doe@genomics-lab.example.org":  "igv-tier-clinical",
		"igv-users-member-research-raj.patel@genomics-lab.example.org": "igv-tier-research",
	}, members)
}

// Adding a tier changes no resource of another tier: every resource of the first two is identical.
func TestAddingATierChangesNoResourceOfAnotherTier(t *testing.T) {
	before := tiered(t, nil)
	third := strings.TrimSuffix(twoTiers, "]") + `,{"name":"reference","buckets":["genomics-lab-reference-genomes"],"members":["jane.doe@genomics-lab.example.org"]}]`
	after := tiered(t, map[string]string{stackconfig.KeyTiers: third})
	now := byURN(after)
	compared := 0
	for _, res := range before.Resources {
		// Every resource named after an existing tier: its client, group, members, identity pool, role,
		// policies and config objects.
		if strings.Contains(res.Name, "clinical") || strings.Contains(res.Name, "research") {
			compared++
			require.Contains(t, now, res.URN, "%s is gone", res.URN)
			assert.Equal(t, res.Inputs, now[res.URN].Inputs, "%s changed", res.URN)
		}
	}
	assert.Greater(t, compared, 20, "the tiers' resources were found by name")
	assert.Len(t, ofType(after, typeIdentityPool), 3)
}

func TestWithoutTiersTheStackPlansWhatItPlannedBefore(t *testing.T) {
	r := example(t, "prod")
	assert.Empty(t, ofType(r, typeUserGroup))
	assert.Empty(t, ofType(r, typeUserInGroup))
	assert.Equal(t, "igv-desktop", input(only(t, r, typeUserPoolClient), "name"))
	assert.Contains(t, r.Outputs, "provisioningUrl")
	assert.NotContains(t, r.Outputs, "oauthConfigs")
}
