package igvlogin

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestAuthorizeURLIsByteForByteIGVsShape(t *testing.T) {
	cfg := Config{
		AuthorizationEndpoint: "https://lab-igv.auth.eu-west-2.amazoncognito.com/oauth2/authorize",
		TokenEndpoint:         "https://lab-igv.auth.eu-west-2.amazoncognito.com/oauth2/token",
		ClientID:              "3f4ujenfmr77tg12iofbebpkoh",
		RedirectURI:           "http://localhost:60151/oauthCallback",
		Scope:                 "email%20openid%20profile",
	}

	got := AuthorizeURL(cfg, "0b6e2f4a-8c1d-4e3f-9a5b-7c6d5e4f3a2b", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM")

	assert.Equal(t, "https://lab-igv.auth.eu-west-2.amazoncognito.com/oauth2/authorize"+
		"?state=0b6e2f4a-8c1d-4e3f-9a5b-7c6d5e4f3a2b"+
		"&redirect_uri=http%3A%2F%2Flocalhost%3A60151%2FoauthCallback"+
		"&client_id=3f4ujenfmr77tg12iofbebpkoh"+
		"&response_type=code"+
		"&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"+
		"&code_challenge_method=S256"+
		"&scope=email%20openid%20profile", got)
}

func TestAuthorizeURLOmitsScopeWhenTheConfigHasNone(t *testing.T) {
	got := AuthorizeURL(Config{AuthorizationEndpoint: "https://h/oauth2/authorize", ClientID: "c",
		RedirectURI: "http://localhost:60151/oauthCallback"}, "s", "ch")

	assert.NotContains(t, got, "scope")
}

func TestRedirectURIIsEncodedLikeJavasURLEncoder(t *testing.T) {
	// URLEncoder keeps '*', encodes '~' and writes spaces as '+', unlike url.QueryEscape.
	assert.Equal(t, "a+b*%7E%C3%AB", javaURLEncode("a b*~ë"))
}

func TestCodeChallengeIsTheS256OfTheVerifier(t *testing.T) {
	// RFC 7636 appendix B.
	assert.Equal(t, "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
		codeChallengeS256("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"))
}

func TestCodeVerifierAndStateHaveIGVsForm(t *testing.T) {
	v, err := newCodeVerifier()
	assert.NoError(t, err)
	assert.Regexp(t, `^[A-Za-z0-9_-]{43}$`, v) // 32 bytes, base64url, no padding
	s, err := newState()
	assert.NoError(t, err)
	assert.Regexp(t, `^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`, s) // UUID.randomUUID()
}

func TestConfigWithAQueryInTheAuthorizationEndpointIsRefused(t *testing.T) {
	_, err := checkConfig(Config{
		AuthorizationEndpoint: "https://h/oauth2/authorize?identity_provider=COGNITO",
		TokenEndpoint:         "https://h/oauth2/token",
		ClientID:              "c",
		RedirectURI:           "http://localhost:60151/oauthCallback",
	})

	assert.ErrorIs(t, err, ErrBadConfig)
}
