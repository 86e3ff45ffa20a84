package lifecycle

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/auto"
	"github.com/stretchr/testify/require"

	"github.com/stretchr/testify/assert"

	"igv-aws-backend/stackconfig"
)

const (
	typeIdentityProvider = "aws:cognito/identityProvider:IdentityProvider"
	typeFunction         = "aws:lambda/function:Function"
)

// withOkta signs dev in through Okta (OIDC), whose client secret comes from the secret map.
func withOkta(e *env, secret string) {
	e.set(stackconfig.KeyIdentityProviders, []map[string]any{{
		"name": "Okta", "type": "OIDC", "issuer": "https://partner.okta.com", "clientId": "0oa1b2c3d4",
		"emailDomains": []string{"partner.example.org"},
	}})
	e.setSecrets(map[string]string{"Okta": secret})
	e.set(stackconfig.KeyAdminContact, "igv-admins@genomics-lab.example.org")
}

// Adding an identity provider creates it and the token gate, and updates the pool and its client in
// place; a second `up` does nothing, although Cognito adds provider details of its own on read.
func TestAddingAnIdentityProviderCreatesItAndTheGateAndASecondUpDoesNothing(t *testing.T) {
	t.Parallel()
	e := deployed(t, "dev")
	withOkta(e, "first-secret")
	r := e.mustUp()
	assert.Equal(t, []string{"create igv-users-idp-Okta"}, r.on(typeIdentityProvider))
	assert.Equal(t, []string{"create igv-gate"}, r.on(typeFunction))
	assert.Equal(t, []string{"update igv-users"}, r.on(typeUserPool), "the pool gets its trigger in place")
	assert.Equal(t, []string{"update igv-users-client"}, r.on(typeUserPoolClient), "the client offers Okta in place")
	assertPoolAndDataSafe(t, e, r)

	r = e.mustUp()
	assert.Empty(t, r.ops(), "the provider details AWS filled in are ignored, and nothing else differs")
}

// A rotated client secret reaches Cognito: only the filled-in details are ignored, never the secret.
func TestRotatingAnIdentityProvidersSecretUpdatesItInPlace(t *testing.T) {
	t.Parallel()
	e := deployed(t, "dev")
	withOkta(e, "first-secret")
	e.mustUp()
	withOkta(e, "rotated-secret")
	r := e.mustUp()
	assert.Equal(t, []string{"update aws:cognito/identityProvider:IdentityProvider::igv-users-idp-Okta"}, r.ops())
	idp := e.World().OfType(typeIdentityProvider)
	if assert.Len(t, idp, 1) {
		details, _ := idp[0].Inputs["providerDetails"].(map[string]any)
		assert.Equal(t, "rotated-secret", details["client_secret"])
	}
}

// index is the position of a resource's first step of an operation in a run (-1 if none).
func (r *run) index(op, typ, name string) int {
	for i, s := range r.Steps {
		if string(s.Op) == op && s.Type == typ && s.Name == name {
			return i
		}
	}
	return -1
}

// Removing the last identity provider: the client stops offering it and the pool stops running the
// gate first, then the provider and the gate are deleted; nothing else changes.
func TestRemovingTheLastIdentityProviderDeletesItAndTheGateAfterThePoolAndClientLetGo(t *testing.T) {
	t.Parallel()
	e := deployed(t, "dev")
	withOkta(e, "first-secret")
	e.mustUp()
	e.set(stackconfig.KeyIdentityProviders, nil)
	e.setSecrets(nil)
	r := e.mustUp()
	assert.Equal(t, []string{"delete igv-users-idp-Okta"}, r.on(typeIdentityProvider))
	assert.Equal(t, []string{"delete igv-gate"}, r.on(typeFunction))
	assert.Equal(t, []string{"update igv-users"}, r.on(typeUserPool))
	assert.Equal(t, []string{"update igv-users-client"}, r.on(typeUserPoolClient))
	assertPoolAndDataSafe(t, e, r)
	client := r.index("update", typeUserPoolClient, "igv-users-client")
	idp := r.index("delete", typeIdentityProvider, "igv-users-idp-Okta")
	assert.True(t, client >= 0 && client < idp, "the client lets go of the provider before it is deleted")
	pool := r.index("update", typeUserPool, "igv-users")
	fn := r.index("delete", typeFunction, "igv-gate")
	assert.True(t, pool >= 0 && pool < fn, "the pool stops calling the gate before the gate is deleted")
	assert.Empty(t, e.World().OfType(typeIdentityProvider))
	assert.Empty(t, e.World().OfType(typeFunction))
	pools := e.World().OfType(typeUserPool)
	if assert.Len(t, pools, 1) {
		assert.Nil(t, pools[0].Inputs["lambdaConfig"], "no trigger names a deleted function")
	}
}

// Single sign-on only: the client stops offering Cognito's passwords in place; the password users
// (which the config must drop) are deleted, the pool is kept.
func TestSwitchingToSingleSignOnOnlyUpdatesTheClientInPlace(t *testing.T) {
	t.Parallel()
	e := deployed(t, "dev")
	withOkta(e, "first-secret")
	e.mustUp()
	users := len(e.users())
	e.set(stackconfig.KeyLocalUsers, false)
	e.set(stackconfig.KeyUsers, nil)
	r := e.mustUp()
	assert.Equal(t, []string{"update igv-users-client"}, r.on(typeUserPoolClient))
	assert.Len(t, r.on(typeUser), users)
	for _, op := range r.on(typeUser) {
		assert.True(t, strings.HasPrefix(op, "delete "), op)
	}
	assert.Empty(t, r.on(typeIdentityProvider), "the provider is untouched")
	assertPoolAndDataSafe(t, e, r)
	clients := e.World().OfType(typeUserPoolClient)
	if assert.Len(t, clients, 1) {
		assert.Equal(t, []any{"Okta"}, clients[0].Inputs["supportedIdentityProviders"])
	}
}

// A provider's type cannot change in Cognito: the provider is replaced, and since its name is its id
// in the pool, the old one is deleted before the new one is created.
func TestChangingAProvidersTypeReplacesItDeletingTheOldOneFirst(t *testing.T) {
	t.Parallel()
	e := deployed(t, "dev")
	withOkta(e, "first-secret")
	e.mustUp()
	e.set(stackconfig.KeyIdentityProviders, []map[string]any{{
		"name": "Okta", "type": "SAML", "metadataUrl": "https://partner.okta.com/app/exk1/sso/saml/metadata",
		"emailAttribute": "email", "emailDomains": []string{"partner.example.org"},
	}})
	e.setSecrets(nil)
	r := e.mustUp()
	assert.ElementsMatch(t, []string{"replace igv-users-idp-Okta", "delete-replaced igv-users-idp-Okta", "create-replacement igv-users-idp-Okta"},
		r.on(typeIdentityProvider))
	deleted := r.index("delete-replaced", typeIdentityProvider, "igv-users-idp-Okta")
	created := r.index("create-replacement", typeIdentityProvider, "igv-users-idp-Okta")
	assert.True(t, deleted >= 0 && deleted < created, "delete before create: the name is the provider's id")
	assertPoolAndDataSafe(t, e, r)
	idps := e.World().OfType(typeIdentityProvider)
	if assert.Len(t, idps, 1) {
		assert.Equal(t, "SAML", idps[0].Inputs["providerType"])
	}
}

// Cognito cannot remove a custom attribute: when no provider maps groups any more, the pool keeps
// custom:groups (the last deployment recorded it) with a warning, and the deployment goes through.
func TestAGroupsAttributeNoLongerMappedStaysInThePoolWithAWarning(t *testing.T) {
	t.Parallel()
	e := deployed(t, "dev")
	okta := map[string]any{
		"name": "Okta", "type": "OIDC", "issuer": "https://partner.okta.com", "clientId": "0oa1b2c3d4",
		"emailDomains": []string{"partner.example.org"}, "groupsAttribute": "groups",
	}
	withOkta(e, "first-secret")
	e.set(stackconfig.KeyIdentityProviders, []map[string]any{okta})
	r := e.mustUp()
	assert.Equal(t, []string{"update igv-users"}, r.on(typeUserPool), "the attribute is added in place")
	assert.Equal(t, []any{"groups"}, e.outputs()["userPoolCustomAttributes"].Value)

	delete(okta, "groupsAttribute")
	e.set(stackconfig.KeyIdentityProviders, []map[string]any{okta})
	r = e.mustUp()
	assert.Contains(t, strings.Join(r.Diags, "\n"), "keeps the attribute")
	assert.Empty(t, r.on(typeUserPool), "the schema is unchanged: nothing asks Cognito to remove the attribute")
	assert.Equal(t, []string{"update igv-users-idp-Okta"}, r.on(typeIdentityProvider), "the mapping goes")
	pools := e.World().OfType(typeUserPool)
	if assert.Len(t, pools, 1) {
		assert.Contains(t, fmt.Sprint(pools[0].Inputs["schemas"]), "name:groups")
	}
	assert.Equal(t, []any{"groups"}, e.outputs()["userPoolCustomAttributes"].Value, "still recorded for the next deployment")
}

// setSecrets sets identityProviderSecrets as the README says to, one secret per provider
// (pulumi config set --secret --path 'identityProviderSecrets.NAME'); nil removes them.
func (e *env) setSecrets(secrets map[string]string) {
	e.t.Helper()
	e.set(stackconfig.KeyIdentityProviderSecrets, nil)
	for name, v := range secrets {
		require.NoError(e.t, e.stack.SetConfigWithOptions(context.Background(), stackconfig.KeyIdentityProviderSecrets+"."+name,
			auto.ConfigValue{Value: v, Secret: true}, &auto.ConfigOptions{Path: true}))
	}
}
