package tests

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"igv-aws-backend/stack"
	"igv-aws-backend/stackconfig"
	"igv-aws-backend/synth"
)

const (
	entraMetadata = "https://login.microsoftonline.com/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0/federationmetadata/2007-06/federationmetadata.xml?appid=5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9"
	samlEmail     = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress"
)

func entra(extra string) string {
	return `[{"name":"Entra","type":"SAML","metadataUrl":"` + entraMetadata + `","emailAttribute":"` + samlEmail + `"` + extra + `}]`
}

// federationMistakes are the identity-provider configurations the issue names, and the others Cognito
// would refuse at `up`, each refused before anything is registered.
var federationMistakes = []configMistake{
	{"SAML without an email mapping", map[string]string{stackconfig.KeyIdentityProviders: `[{"name":"Entra","type":"SAML","metadataUrl":"` + entraMetadata + `"}]`, stackconfig.KeyAdminContact: "igv@lab.example.org"},
		stackconfig.KeyIdentityProviders + "[0].emailAttribute", "must be mapped"},
	{"a malformed metadata URL", map[string]string{stackconfig.KeyIdentityProviders: `[{"name":"Entra","type":"SAML","metadataUrl":"login.microsoftonline.com/x","emailAttribute":"` + samlEmail + `"}]`, stackconfig.KeyAdminContact: "igv@lab.example.org"},
		stackconfig.KeyIdentityProviders + "[0].metadataUrl", "not an https:// URL"},
	{"both metadata URL and file", map[string]string{stackconfig.KeyIdentityProviders: entra(`,"metadataFile":"entra.xml"`), stackconfig.KeyAdminContact: "igv@lab.example.org"},
		stackconfig.KeyIdentityProviders + "[0].metadataUrl", "exactly one of metadataUrl and metadataFile"},
	{"a provider named twice", map[string]string{stackconfig.KeyIdentityProviders: `[` + strings.Trim(entra(""), "[]") + `,` + strings.Trim(entra(""), "[]") + `]`, stackconfig.KeyAdminContact: "igv@lab.example.org"},
		stackconfig.KeyIdentityProviders + "[1].name", "used by two providers"},
	{"a name with an underscore at the end", map[string]string{stackconfig.KeyIdentityProviders: strings.Replace(entra(""), `"Entra"`, `"Entra_"`, 1), stackconfig.KeyAdminContact: "igv@lab.example.org"},
		stackconfig.KeyIdentityProviders + "[0].name", "no underscore or space at either end"},
	{"OIDC without its secret", map[string]string{stackconfig.KeyIdentityProviders: `[{"name":"Okta","type":"OIDC","issuer":"https://lab.okta.com","clientId":"0oa1b2c3"}]`, stackconfig.KeyAdminContact: "igv@lab.example.org"},
		stackconfig.KeyIdentityProviderSecrets + ".Okta", "--secret"},
	{"Google named otherwise", map[string]string{stackconfig.KeyIdentityProviders: `[{"name":"Workspace","type":"Google","clientId":"1-x.apps.googleusercontent.com","emailDomains":["lab.example.org"]}]`,
		stackconfig.KeyIdentityProviderSecrets: `{"Workspace":"s3cr3t"}`, stackconfig.KeyAdminContact: "igv@lab.example.org"},
		stackconfig.KeyIdentityProviders + "[0].name", `must be "Google"`},
	{"Google without email domains", map[string]string{stackconfig.KeyIdentityProviders: `[{"name":"Google","type":"Google","clientId":"1-x.apps.googleusercontent.com"}]`,
		stackconfig.KeyIdentityProviderSecrets: `{"Google":"s3cr3t"}`, stackconfig.KeyAdminContact: "igv@lab.example.org"},
		stackconfig.KeyIdentityProviders + "[0].emailDomains", "any Google account"},
	{"scopes without email", map[string]string{stackconfig.KeyIdentityProviders: `[{"name":"Okta","type":"OIDC","issuer":"https://lab.okta.com","clientId":"0oa1b2c3","scopes":["openid","profile"]}]`,
		stackconfig.KeyIdentityProviderSecrets: `{"Okta":"s3cr3t"}`, stackconfig.KeyAdminContact: "igv@lab.example.org"},
		stackconfig.KeyIdentityProviders + "[0].scopes", "do not ask for email"},
	{"a secret for no provider", map[string]string{stackconfig.KeyIdentityProviders: entra(""), stackconfig.KeyIdentityProviderSecrets: `{"Okta":"s3cr3t"}`, stackconfig.KeyAdminContact: "igv@lab.example.org"},
		stackconfig.KeyIdentityProviderSecrets + ".Okta", "names no provider"},
	{"a domain routed to two providers", map[string]string{stackconfig.KeyIdentityProviders: `[` + strings.Trim(entra(`,"idpIdentifiers":["lab.example.org"]`), "[]") + `,{"name":"Okta","type":"OIDC","issuer":"https://lab.okta.com","clientId":"0oa1","idpIdentifiers":["LAB.example.org"]}]`,
		stackconfig.KeyIdentityProviderSecrets: `{"Okta":"s3cr3t"}`, stackconfig.KeyAdminContact: "igv@lab.example.org"},
		stackconfig.KeyIdentityProviders + "[1].idpIdentifiers", "also an identifier of Entra"},
	{"no admin contact", map[string]string{stackconfig.KeyIdentityProviders: entra("")}, stackconfig.KeyAdminContact, "whom to ask"},
	{"single sign-on without a provider", map[string]string{stackconfig.KeyLocalUsers: "false"}, stackconfig.KeyLocalUsers, "no way to sign in"},
	{"password users with single sign-on only", map[string]string{stackconfig.KeyIdentityProviders: entra(""), stackconfig.KeyLocalUsers: "false", stackconfig.KeyAdminContact: "igv@lab.example.org"},
		stackconfig.KeyUsers, "could not sign in"},
	{"an OIDC issuer with a trailing slash", map[string]string{stackconfig.KeyIdentityProviders: `[{"name":"Okta","type":"OIDC","issuer":"https://partner.okta.com/","clientId":"0oa1"}]`,
		stackconfig.KeyIdentityProviderSecrets: `{"Okta":"s"}`, stackconfig.KeyAdminContact: "igv@lab.example.org"},
		stackconfig.KeyIdentityProviders + "[0].issuer", "ends in /"},
	{"OIDC scopes without openid", map[string]string{stackconfig.KeyIdentityProviders: `[{"name":"Okta","type":"OIDC","issuer":"https://partner.okta.com","clientId":"0oa1","scopes":["email","profile"]}]`,
		stackconfig.KeyIdentityProviderSecrets: `{"Okta":"s"}`, stackconfig.KeyAdminContact: "igv@lab.example.org"},
		stackconfig.KeyIdentityProviders + "[0].scopes", "openid"},
	{"a provider name with a colon", map[string]string{stackconfig.KeyIdentityProviders: `[{"name":"Lab:Entra","type":"SAML","metadataUrl":"` + entraMetadata + `","emailAttribute":"` + samlEmail + `"}]`,
		stackconfig.KeyAdminContact: "igv@lab.example.org"},
		stackconfig.KeyIdentityProviders + "[0].name", "colon"},
	{"an unknown type", map[string]string{stackconfig.KeyIdentityProviders: `[{"name":"Lab","type":"LDAP","emailAttribute":"mail"}]`, stackconfig.KeyAdminContact: "igv@lab.example.org"},
		stackconfig.KeyIdentityProviders + "[0].type", "not one of SAML, OIDC, Google"},
}

func TestEachFederationMistakeGivesItsErrorAndRegistersNothing(t *testing.T) {
	for _, m := range federationMistakes {
		t.Run(m.name, func(t *testing.T) {
			refusedBeforeAnythingIsRegistered(t, withConfig(exampleStack(t, "dev"), m.changes), m)
		})
	}
}

// configMistake is a configuration change that must be refused: the problem's key and what it says.
type configMistake struct {
	name    string
	changes map[string]string
	key     string
	says    string
}

// refusedBeforeAnythingIsRegistered asserts that a stack fails with a config error holding the mistake's
// problem, with a fix, and that no resource was registered.
func refusedBeforeAnythingIsRegistered(t *testing.T, st synth.Stack, m configMistake) {
	t.Helper()
	r, err := synth.Run(stack.Program, st)
	var cfgErr *stackconfig.Error
	require.ErrorAs(t, err, &cfgErr)
	found := false
	for _, p := range cfgErr.Problems {
		if p.Key == m.key && strings.Contains(p.String(), m.says) {
			found = true
			assert.NotEmpty(t, p.Fix)
		}
	}
	assert.True(t, found, "want a problem on %s saying %q; got:\n%v", m.key, m.says, err)
	assert.Empty(t, r.Resources)
}

func TestASecretIsNeverRepeatedInAnError(t *testing.T) {
	_, err := synth.Run(stack.Program, withConfig(exampleStack(t, "dev"), map[string]string{
		stackconfig.KeyIdentityProviders:       entra(""),
		stackconfig.KeyIdentityProviderSecrets: `{"Entra":"very-secret-value"}`,
	}))
	require.Error(t, err)
	assert.NotContains(t, err.Error(), "very-secret-value")
}

func TestASAMLMetadataFileIsReadAndChecked(t *testing.T) {
	dir := t.TempDir()
	good, notSAML := filepath.Join(dir, "entra.xml"), filepath.Join(dir, "page.html")
	require.NoError(t, os.WriteFile(good, []byte(`<EntityDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://sts.windows.net/x/"/>`), 0o600))
	require.NoError(t, os.WriteFile(notSAML, []byte(`<html>sign in</html>`), 0o600))
	for file, says := range map[string]string{good: "", notSAML: "not SAML metadata", filepath.Join(dir, "missing.xml"): "cannot be read"} {
		idps := fmt.Sprintf(`[{"name":"Entra","type":"SAML","metadataFile":%q,"emailAttribute":%q}]`, file, samlEmail)
		_, err := stackconfig.Parse("igv-aws-backend", "dev", withConfig(exampleStack(t, "dev"), map[string]string{
			stackconfig.KeyIdentityProviders: idps, stackconfig.KeyAdminContact: "igv@lab.example.org"}).Config)
		if says == "" {
			assert.NoError(t, err)
			continue
		}
		require.Error(t, err)
		assert.Contains(t, err.Error(), says)
	}
}

// A client secret in plain text would sit in Pulumi.<stack>.yaml, in the repository: refused, without
// repeating it, and with how to set it as a secret.
func TestClientSecretsInPlainTextConfigAreRefused(t *testing.T) {
	st := withConfig(exampleStack(t, "dev"), map[string]string{
		stackconfig.KeyIdentityProviders:       `[{"name":"Okta","type":"OIDC","issuer":"https://partner.okta.com","clientId":"0oa1b2c3d4"}]`,
		stackconfig.KeyIdentityProviderSecrets: `{"Okta":"plain-text-secret"}`,
		stackconfig.KeyAdminContact:            "igv@lab.example.org",
	})
	require.NoError(t, func() error { _, err := synth.Run(stack.Program, st); return err }(), "set as a secret, it is accepted")
	st.SecretKeys = nil
	refusedBeforeAnythingIsRegistered(t, st, configMistake{key: stackconfig.KeyIdentityProviderSecrets, says: "in plain text"})
	_, err := synth.Run(stack.Program, st)
	assert.NotContains(t, err.Error(), "plain-text-secret")
	assert.Contains(t, err.Error(), "pulumi config set --secret")
}
