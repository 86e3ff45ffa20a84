package igvlogin

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// tokenRequest is what a recording token endpoint saw.
type tokenRequest struct {
	body          string
	authorization string
	contentType   string
}

// recordingTokenEndpoint answers every POST with a valid token answer and records the request.
func recordingTokenEndpoint(t *testing.T, seen *tokenRequest) *httptest.Server {
	t.Helper()
	idToken := unsignedJWT(t, map[string]any{
		"iss":   "https://cognito-idp.eu-west-2.amazonaws.com/eu-west-2_AbC",
		"email": "jane.doe@example.com",
	})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		*seen = tokenRequest{string(body), r.Header.Get("Authorization"), r.Header.Get("Content-Type")}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]any{
			"access_token": "at", "refresh_token": "rt", "id_token": idToken, "expires_in": 3600, "token_type": "Bearer",
		})
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestTokenRequestSendsTheClientSecretInTheBodyOnlyWhenConfiguredNeverAsBasicAuth(t *testing.T) {
	var seen tokenRequest
	srv := recordingTokenEndpoint(t, &seen)
	cfg := Config{TokenEndpoint: srv.URL, ClientID: "cid", RedirectURI: "http://localhost:60151/oauthCallback"}

	_, err := exchangeCode(context.Background(), srv.Client(), cfg, "the-code", "the-state", "the-verifier")
	require.NoError(t, err)
	assert.NotContains(t, seen.body, "client_secret")
	assert.Empty(t, seen.authorization)

	cfg.ClientSecret = "s3cr3t"
	_, err = exchangeCode(context.Background(), srv.Client(), cfg, "the-code", "the-state", "the-verifier")
	require.NoError(t, err)
	assert.Contains(t, seen.body, "&client_secret=s3cr3t&")
	assert.Empty(t, seen.authorization)
}

func TestTokenRequestIsIGVsRawFormWithPKCEVerifierAndState(t *testing.T) {
	var seen tokenRequest
	srv := recordingTokenEndpoint(t, &seen)
	cfg := Config{TokenEndpoint: srv.URL, ClientID: "cid", RedirectURI: "http://localhost:60151/oauthCallback"}

	tokens, err := exchangeCode(context.Background(), srv.Client(), cfg, "the-code", "the-state", "the-verifier")

	require.NoError(t, err)
	// HttpUtils.doPost encodes nothing: the redirect URI goes raw.
	assert.Equal(t, "code=the-code&client_id=cid&state=the-state&redirect_uri=http://localhost:60151/oauthCallback"+
		"&grant_type=authorization_code&code_verifier=the-verifier", seen.body)
	assert.Equal(t, "application/x-www-form-urlencoded", seen.contentType)
	assert.Equal(t, &Tokens{
		AccessToken: "at", RefreshToken: "rt", IDToken: tokens.IDToken, ExpiresIn: 3600,
		Email: "jane.doe@example.com", Issuer: "https://cognito-idp.eu-west-2.amazonaws.com/eu-west-2_AbC",
	}, tokens)
}

func TestTokenAnswerLackingFieldsNamesEveryMissingField(t *testing.T) {
	_, err := parseTokenAnswer(200, []byte(`{"access_token":"at","token_type":"Bearer"}`))

	var te *TokenError
	require.ErrorAs(t, err, &te)
	assert.Equal(t, []string{"refresh_token", "expires_in", "id_token"}, te.Missing)
	assert.Contains(t, err.Error(), "lacks refresh_token, expires_in, id_token")
}

func TestTokenAnswerExpiresInIsReadLikeOrgJSONGetInt(t *testing.T) {
	for raw, want := range map[string]int{`3600`: 3600, `"3600"`: 3600, `3600.9`: 3600} {
		got, ok := javaGetInt(json.RawMessage(raw))
		assert.True(t, ok, raw)
		assert.Equal(t, want, got, raw)
	}
	_, ok := javaGetInt(json.RawMessage(`"an hour"`))
	assert.False(t, ok)
}

func TestTokenRefusalWithoutOAuthJSONKeepsTheBodyText(t *testing.T) {
	err := refusal(502, []byte("<html>\nBad Gateway\n</html>"))

	var te *TokenError
	require.ErrorAs(t, err, &te)
	assert.Equal(t, "token endpoint refused the code: HTTP 502: <html> Bad Gateway </html>", err.Error())
}
