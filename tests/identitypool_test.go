package tests

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"igv-aws-backend/policies"
	"igv-aws-backend/policies/iamsim"
	"igv-aws-backend/stackconfig"
	"igv-aws-backend/synth"
)

func TestIdentityPoolDisallowsGuestIdentities(t *testing.T) {
	forEachExample(t, func(t *testing.T, r *synth.Result) {
		pool := only(t, r, typeIdentityPool)
		assert.Equal(t, false, input(pool, "allowUnauthenticatedIdentities"), "Security Hub Cognito.2, CKV_AWS_366")
	})
}

func TestIdentityPoolAllowsTheClassicFlowIGVNeeds(t *testing.T) {
	forEachExample(t, func(t *testing.T, r *synth.Result) {
		pool := only(t, r, typeIdentityPool)
		assert.Equal(t, true, input(pool, "allowClassicFlow"),
			"documented exception: IGV calls GetId, GetOpenIdToken and AssumeRoleWithWebIdentity")
	})
}

func TestIdentityPoolTrustsOnlyThisUserPoolAndClient(t *testing.T) {
	forEachExample(t, func(t *testing.T, r *synth.Result) {
		pool := only(t, r, typeIdentityPool)
		userPool := only(t, r, typeUserPool)
		client := only(t, r, typeUserPoolClient)
		providers, _ := input(pool, "cognitoIdentityProviders").([]any)
		require.Len(t, providers, 1)
		assert.Equal(t, userPool.Outputs["endpoint"], input(pool, "cognitoIdentityProviders", 0, "providerName"))
		assert.Equal(t, client.ID, input(pool, "cognitoIdentityProviders", 0, "clientId"))
		assert.Equal(t, true, input(pool, "cognitoIdentityProviders", 0, "serverSideTokenCheck"))
		for _, other := range []string{"supportedLoginProviders", "openidConnectProviderArns", "samlProviderArns", "developerProviderName"} {
			assert.Nil(t, input(pool, other), "no other identity provider: %s", other)
		}
	})
}

func TestOnlyTheAuthenticatedRoleIsAttached(t *testing.T) {
	forEachExample(t, func(t *testing.T, r *synth.Result) {
		att := only(t, r, typeRoleAttachment)
		roles, _ := input(att, "roles").(map[string]any)
		assert.Equal(t, []string{"authenticated"}, keys(roles), "no unauthenticated role at all")
		assert.Equal(t, only(t, r, typeRole).Outputs["arn"], roles["authenticated"])
		assert.Equal(t, only(t, r, typeIdentityPool).ID, input(att, "identityPoolId"))
		assert.Nil(t, input(att, "roleMappings"), "classic flow ignores role mappings; none are set")
	})
}

func TestTheOnlyRoleIsTheAuthenticatedOne(t *testing.T) {
	forEachExample(t, func(t *testing.T, r *synth.Result) {
		role := only(t, r, typeRole)
		doc := policyDoc(t, role, "assumeRolePolicy")
		for _, s := range doc.Statement {
			amr := s.Condition["ForAnyValue:StringLike"]["cognito-identity.amazonaws.com:amr"]
			assert.Equal(t, policies.Values{"authenticated"}, amr, "never unauthenticated")
		}
	})
}

func TestTrustPolicyAcceptsOnlyAuthenticatedUsersOfThisIdentityPool(t *testing.T) {
	forEachExample(t, func(t *testing.T, r *synth.Result) {
		trust := []policies.Document{policyDoc(t, only(t, r, typeRole), "assumeRolePolicy")}
		poolID := only(t, r, typeIdentityPool).ID
		assume := func(aud string, amr ...string) iamsim.Decision {
			d, err := iamsim.Evaluate(trust, iamsim.Request{
				PrincipalType: "Federated", Principal: "cognito-identity.amazonaws.com",
				Action: "sts:AssumeRoleWithWebIdentity",
				Context: map[string][]string{
					"cognito-identity.amazonaws.com:aud": {aud},
					"cognito-identity.amazonaws.com:amr": amr,
				},
			})
			require.NoError(t, err)
			return d
		}
		// What IGV presents after a login: this pool, authenticated, with the provider in amr.
		assert.Equal(t, iamsim.Allowed, assume(poolID, "authenticated", "cognito-idp.eu-west-2.amazonaws.com/x"))
		assert.Equal(t, iamsim.ImplicitDeny, assume(poolID, "unauthenticated"), "guest identities")
		assert.Equal(t, iamsim.ImplicitDeny, assume("eu-west-2:00000000-0000-4000-a000-000000000000", "authenticated"),
			"another identity pool, even of the same account")
		assert.Equal(t, iamsim.ImplicitDeny, assume(poolID), "a token without amr")

		d, err := iamsim.Evaluate(trust, iamsim.Request{
			PrincipalType: "Federated", Principal: "accounts.google.com", Action: "sts:AssumeRoleWithWebIdentity",
			Context: map[string][]string{"cognito-identity.amazonaws.com:aud": {poolID}, "cognito-identity.amazonaws.com:amr": {"authenticated"}},
		})
		require.NoError(t, err)
		assert.Equal(t, iamsim.ImplicitDeny, d, "another web-identity provider")
		d, err = iamsim.Evaluate(trust, iamsim.Request{
			PrincipalType: "AWS", Principal: "arn:aws:iam::123456789012:root", Action: "sts:AssumeRole",
		})
		require.NoError(t, err)
		assert.Equal(t, iamsim.ImplicitDeny, d, "plain AssumeRole from the account")
	})
}

func TestRoleSessionsLastOneHour(t *testing.T) {
	forEachExample(t, func(t *testing.T, r *synth.Result) {
		assert.Equal(t, int64(3600), input(only(t, r, typeRole), "maxSessionDuration"))
	})
}

func TestRoleARNCarriesItsPath(t *testing.T) {
	forEachExample(t, func(t *testing.T, r *synth.Result) {
		role := only(t, r, typeRole)
		assert.Equal(t, "/igv/", input(role, "path"))
		assert.Equal(t, "arn:aws:iam::123456789012:role/igv/"+role.Outputs["name"].(string), role.Outputs["arn"])
		assert.Equal(t, role.Outputs["arn"], outputString(t, r, "authenticatedRoleArn"))
	})
}

func TestEveryDataPolicyIsAttachedToTheRole(t *testing.T) {
	forEachExample(t, func(t *testing.T, r *synth.Result) {
		role := only(t, r, typeRole)
		attached := map[any]bool{}
		for _, a := range ofType(r, typePolicyAttachment) {
			assert.Equal(t, role.Outputs["name"], input(a, "role"))
			attached[input(a, "policyArn")] = true
		}
		policiesOfStack := ofType(r, typePolicy)
		require.NotEmpty(t, policiesOfStack)
		assert.Len(t, attached, len(policiesOfStack))
		for _, p := range policiesOfStack {
			assert.True(t, attached[p.Outputs["arn"]], "%s is attached", p.Name)
		}
		assert.Equal(t, role.Outputs["name"], input(only(t, r, typeRolePolicy), "role"))
	})
}

func keys(m map[string]any) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return sorted(out)
}

func TestRoleCarriesThePermissionsBoundaryWhenConfigured(t *testing.T) {
	forEachExample(t, func(t *testing.T, r *synth.Result) {
		assert.Equal(t, "arn:aws:iam::123456789012:policy/ci/igv-aws-backend-ci-role-boundary",
			input(only(t, r, typeRole), "permissionsBoundary"), "the CI deploy role creates roles only with it")
	})
	r := run(t, withConfig(exampleStack(t, "dev"), map[string]string{stackconfig.KeyRoleBoundaryARN: ""}))
	assert.Nil(t, input(only(t, r, typeRole), "permissionsBoundary"), "none unless configured")
}
