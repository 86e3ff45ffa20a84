package tests

import (
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"igv-aws-backend/components"
	"igv-aws-backend/stackconfig"
	"igv-aws-backend/synth"
	"igv-aws-backend/tests/providertruth"
)

const typeIdentityProvider = "aws:cognito/identityProvider:IdentityProvider"

// federated is prod signing in through Entra ID (SAML, with its groups claim) and Okta (OIDC).
func federated(t *testing.T, extra map[string]string) *synth.Result {
	t.Helper()
	changes := map[string]string{
		stackconfig.KeyIdentityProviders: `[` +
			`{"name":"Entra","type":"SAML","metadataUrl":"` + entraMetadata + `","emailAttribute":"` + samlEmail + `",` +
			`"groupsAttribute":"http://schemas.microsoft.com/ws/2008/06/identity/claims/groups","idpIdentifiers":["genomics-lab.example.org"],"emailDomains":["genomics-lab.example.org"]},` +
			`{"name":"Okta","type":"OIDC","issuer":"https://partner.okta.com","clientId":"0oa1b2c3d4","emailVerifiedAttribute":"email_verified"}]`,
		stackconfig.KeyIdentityProviderSecrets: `{"Okta":"okta-client-secret-value"}`,
		stackconfig.KeyAdminContact:            "igv-admins@genomics-lab.example.org",
	}
	for k, v := range extra {
		changes[k] = v
	}
	return run(t, withConfig(exampleStack(t, "prod"), changes))
}

func idp(t *testing.T, r *synth.Result, name string) synth.Resource {
	t.Helper()
	for _, res := range ofType(r, typeIdentityProvider) {
		if input(res, "providerName") == name {
			return res
		}
	}
	t.Fatalf("no identity provider %s", name)
	return synth.Resource{}
}

func TestWithoutIdentityProvidersThePlanIsUnchanged(t *testing.T) {
	r := example(t, "prod")
	assert.Empty(t, ofType(r, typeIdentityProvider))
	client := only(t, r, typeUserPoolClient)
	assert.Equal(t, []string{"COGNITO"}, strs(input(client, "supportedIdentityProviders")))
	assert.Nil(t, input(client, "writeAttributes"))
	assert.NotContains(t, r.Outputs, "identityProviderSetup")
}

func TestEachIdentityProviderIsRegisteredWithItsDetailsAndEmailMapping(t *testing.T) {
	r := federated(t, nil)
	entra := idp(t, r, "Entra")
	assert.Equal(t, "SAML", input(entra, "providerType"))
	assert.Equal(t, map[string]any{"MetadataURL": entraMetadata}, input(entra, "providerDetails"))
	assert.Equal(t, samlEmail, input(entra, "attributeMapping", "email"))
	assert.Equal(t, "http://schemas.microsoft.com/ws/2008/06/identity/claims/groups", input(entra, "attributeMapping", "custom:groups"))
	assert.Equal(t, []string{"genomics-lab.example.org"}, strs(input(entra, "idpIdentifiers")))

	okta := idp(t, r, "Okta")
	assert.Equal(t, "OIDC", input(okta, "providerType"))
	assert.Equal(t, "https://partner.okta.com", input(okta, "providerDetails", "oidc_issuer"))
	assert.Equal(t, "openid email", input(okta, "providerDetails", "authorize_scopes"))
	assert.Equal(t, "GET", input(okta, "providerDetails", "attributes_request_method"))
	assert.Equal(t, map[string]any{"email": "email", "email_verified": "email_verified", "username": "sub"}, input(okta, "attributeMapping"))
}

func TestAClientSecretIsASecretInTheInputsAndNowhereInPlainText(t *testing.T) {
	r := federated(t, nil)
	okta := idp(t, r, "Okta")
	details := okta.Inputs["providerDetails"]
	m, _ := synth.Unsecret(details).(map[string]any)
	require.NotNil(t, m)
	assert.True(t, synth.IsSecret(m["client_secret"]) || synth.IsSecret(details), "the client secret reaches the provider as a secret")
	files, err := r.Files()
	require.NoError(t, err)
	for name, body := range files {
		assert.NotContains(t, string(body), "okta-client-secret-value", "%s holds the secret in plain text", name)
	}
	assert.Contains(t, string(files[synth.ResourcesFile]), `"[secret]": "`+synth.Redacted+`"`, "the file shows where a secret goes")
}

func TestOnlyTheDetailsAWSFillsInAreIgnoredSoARotatedSecretDeploys(t *testing.T) {
	r := federated(t, nil)
	assert.ElementsMatch(t, []string{`providerDetails["ActiveEncryptionCertificate"]`, `providerDetails["SLORedirectBindingURI"]`, `providerDetails["SSORedirectBindingURI"]`},
		idp(t, r, "Entra").Options.IgnoreChanges)
	okta := idp(t, r, "Okta").Options.IgnoreChanges
	assert.NotContains(t, okta, `providerDetails["client_secret"]`)
	assert.Contains(t, okta, `providerDetails["attributes_url_add_attributes"]`)
	for _, p := range ofType(r, typeIdentityProvider) {
		assert.True(t, p.Options.DeleteBeforeReplace, "%s: the name is the provider's id", p.Name)
	}
}

func TestTheClientOffersCognitoAndTheProvidersAndMayWriteWhatTheyMap(t *testing.T) {
	r := federated(t, nil)
	client := only(t, r, typeUserPoolClient)
	assert.Equal(t, []string{"COGNITO", "Entra", "Okta"}, strs(input(client, "supportedIdentityProviders")))
	assert.Equal(t, []string{"custom:groups", "email", "email_verified"}, strs(input(client, "writeAttributes")))
	assert.Equal(t, []string{"email", "email_verified"}, strs(input(client, "readAttributes")), "the id token still carries only what IGV needs")

	sso := federated(t, map[string]string{stackconfig.KeyLocalUsers: "false", stackconfig.KeyUsers: "[]"})
	assert.Equal(t, []string{"Entra", "Okta"}, strs(input(only(t, sso, typeUserPoolClient), "supportedIdentityProviders")))
}

func TestAGroupsClaimAddsAMutableOptionalCustomAttribute(t *testing.T) {
	r := federated(t, nil)
	pool := only(t, r, typeUserPool)
	schemas, _ := input(pool, "schemas").([]any)
	i := slices.IndexFunc(schemas, func(s any) bool { m, _ := s.(map[string]any); return m["name"] == "groups" })
	require.GreaterOrEqual(t, i, 0, "a groups attribute in the pool's schema")
	groups := schemas[i].(map[string]any)
	assert.Equal(t, true, groups["mutable"])
	assert.Equal(t, false, groups["required"])
	assert.Equal(t, "String", groups["attributeDataType"])
}

func TestTheOutputsTellEachIdentityProvidersAdministratorWhatToEnter(t *testing.T) {
	r := federated(t, nil)
	setup, _ := r.Outputs["identityProviderSetup"].(map[string]any)
	require.NotNil(t, setup)
	poolID := outputString(t, r, "userPoolId")
	domain := strings.TrimPrefix(outputString(t, r, "hostedUiUrl"), "https://")
	assert.Equal(t, map[string]any{"type": "SAML", "acsUrl": "https://" + domain + "/saml2/idpresponse", "entityId": "urn:amazon:cognito:sp:" + poolID}, setup["Entra"])
	assert.Equal(t, map[string]any{"type": "OIDC", "redirectUri": "https://" + domain + "/oauth2/idpresponse"}, setup["Okta"])
}

func TestTheIgnoredProviderDetailsAreExactlyThoseTheProviderTruthSaysAWSFillsIn(t *testing.T) {
	require.Len(t, components.FilledProviderDetails, len(providertruth.IdentityProviderDetailsFilledByAWS))
	for typ, keys := range providertruth.IdentityProviderDetailsFilledByAWS {
		assert.ElementsMatch(t, keys, components.FilledProviderDetails[typ], typ)
	}
}

func TestTheClientNamesOnlyProvidersThatExistAndMayWriteEveryMappedAttribute(t *testing.T) {
	for name, r := range map[string]*synth.Result{"federated": federated(t, nil)} {
		var idps []map[string]any
		for _, p := range ofType(r, typeIdentityProvider) {
			idps = append(idps, plainInputs(p))
		}
		vs := providertruth.CheckFederation(plainInputs(only(t, r, typeUserPool)), plainInputs(only(t, r, typeUserPoolClient)), idps)
		assert.Empty(t, vs, name)
	}
}
