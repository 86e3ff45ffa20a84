package lifecycle

import (
	"testing"

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
	e.set(stackconfig.KeyIdentityProviderSecrets, map[string]any{"Okta": secret})
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
