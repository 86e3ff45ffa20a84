package igvconfig

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var values = Values{
	Region:         "eu-west-2",
	HostedUIDomain: "lab-igv.auth.eu-west-2.amazoncognito.com",
	ClientID:       "3f4ujenfmr77tg12iofbebpkoh",
	RedirectURIs:   []string{"http://localhost:60151/oauthCallback"},
	IdentityPoolID: "eu-west-2:15b7bf93-18ca-40d5-99e9-38b4eb69363e",
	RoleARN:        "arn:aws:iam::123456789012:role/igv/auth",
	UserPoolID:     "eu-west-2_IYMvlZzmv",
}

func TestRenderIsStableAndParsesBack(t *testing.T) {
	a, err := Render(values)
	require.NoError(t, err)
	b, err := Render(values)
	require.NoError(t, err)
	assert.Equal(t, a, b)
	f, err := Parse(a)
	require.NoError(t, err)
	assert.Equal(t, "Amazon", f.AuthProvider)
	assert.Equal(t, "https://lab-igv.auth.eu-west-2.amazoncognito.com/oauth2/authorize", f.AuthorizationEndpoint)
	assert.Equal(t, "https://lab-igv.auth.eu-west-2.amazoncognito.com/oauth2/token", f.TokenEndpoint)
	assert.NotContains(t, string(a), "client_secret", "absent, not empty, for a public client")
}

func TestRenderWritesTheSecretOnlyWhenGiven(t *testing.T) {
	v := values
	v.ClientSecret = "s3cr3t"
	b, err := Render(v)
	require.NoError(t, err)
	assert.Contains(t, string(b), `"client_secret": "s3cr3t"`)
}

func TestRenderRefusesIncompleteValues(t *testing.T) {
	_, err := Render(Values{Region: "eu-west-2"})
	assert.ErrorContains(t, err, "ClientID, HostedUIDomain, IdentityPoolID, RedirectURIs, RoleARN, UserPoolID")
}

func TestEncodeScopePercentEncodesSpaces(t *testing.T) {
	assert.Equal(t, "email%20openid%20profile", EncodeScope([]string{"email", "openid", "profile"}))
}

func TestParseRejectsHostsAndArrays(t *testing.T) {
	_, err := Parse([]byte(`{"auth_provider":"Amazon","hosts":["x"]}`))
	assert.ErrorContains(t, err, "hosts")
	_, err = Parse([]byte(`{"auth_provider":"Amazon"}{"auth_provider":"Amazon"}`))
	assert.ErrorContains(t, err, "exactly one JSON object")
}
