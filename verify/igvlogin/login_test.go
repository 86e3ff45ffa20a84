package igvlogin

import (
	"context"
	"encoding/json"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/oauth2-proxy/mockoidc"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestLoginSendsPKCES256AndTheStateAndGetsTokens(t *testing.T) {
	m := startMock(t)
	cfg := configFor(m, freePort(t))
	b := &browser{}

	tokens, err := Login(loginCtx(t), cfg, b.open, nil)
	require.NoError(t, err)

	assert.Equal(t, "jane.doe@example.com", tokens.Email)
	assert.Equal(t, m.Issuer(), tokens.Issuer)
	assert.NotEmpty(t, tokens.AccessToken)
	assert.NotEmpty(t, tokens.RefreshToken)
	assert.NotEmpty(t, tokens.IDToken)
	assert.Positive(t, tokens.ExpiresIn)
	assert.Contains(t, b.callbackPage, "return to the terminal")

	sent, err := url.Parse(b.opened)
	require.NoError(t, err)
	q := sent.Query()
	assert.Equal(t, "S256", q.Get("code_challenge_method"))
	require.Len(t, m.SessionStore.Store, 1)
	for _, s := range m.SessionStore.Store {
		// The server kept the challenge and, since it has one, checked the verifier against it
		// (mockoidc's validateCodeChallenge) before granting the code.
		assert.Equal(t, "S256", s.CodeChallengeMethod)
		assert.Equal(t, q.Get("code_challenge"), s.CodeChallenge)
		assert.True(t, s.Granted)
	}
}

func TestTokenExchangeWithAWrongVerifierIsRefused(t *testing.T) {
	m := startMock(t)
	cfg := configFor(m, freePort(t))
	verifier, err := newCodeVerifier()
	require.NoError(t, err)
	const state = "6f1c2d0e-3b7a-4c55-9a3e-0f2b8d9c7e11"
	code := authorize(t, AuthorizeURL(cfg, state, codeChallengeS256(verifier)))

	tampered, err := newCodeVerifier()
	require.NoError(t, err)
	_, err = exchangeCode(context.Background(), http.DefaultClient, cfg, code, state, tampered)

	var te *TokenError
	require.ErrorAs(t, err, &te)
	assert.Equal(t, http.StatusUnauthorized, te.Status)
	assert.Equal(t, mockoidc.InvalidGrant, te.Code)
	assert.Contains(t, te.Description, "Code challenge did not match")
}

// authorize does the browser's half without a listener and returns the code.
func authorize(t *testing.T, authorizeURL string) string {
	t.Helper()
	noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := noFollow.Get(authorizeURL)
	require.NoError(t, err)
	defer resp.Body.Close()
	require.Equal(t, http.StatusFound, resp.StatusCode)
	loc, err := resp.Location()
	require.NoError(t, err)
	return loc.Query().Get("code")
}

func TestLoginRefusesACallbackWithAnotherState(t *testing.T) {
	m := startMock(t)
	b := &browser{edit: func(q url.Values) { q.Set("state", "forged") }}

	_, err := Login(loginCtx(t), configFor(m, freePort(t)), b.open, nil)

	require.ErrorIs(t, err, ErrStateMismatch)
	assert.Contains(t, err.Error(), `"forged"`)
	assert.Contains(t, b.callbackPage, "Login failed")
}

func TestLoginReportsAnErrorCallbackAsCallbackError(t *testing.T) {
	m := startMock(t)
	b := &browser{edit: func(q url.Values) {
		state := q.Get("state")
		for k := range q {
			delete(q, k)
		}
		q.Set("error", "access_denied")
		q.Set("error_description", "User is not enabled")
		q.Set("state", state)
	}}

	_, err := Login(loginCtx(t), configFor(m, freePort(t)), b.open, nil)

	var ce *CallbackError
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, CallbackError{Code: "access_denied", Description: "User is not enabled"}, *ce)
	assert.Contains(t, err.Error(), "IGV's page shows only the error")
}

func TestLoginWithoutAnEmailClaimGivesErrNoEmail(t *testing.T) {
	m := startMock(t)
	m.QueueUser(&mockoidc.MockUser{Subject: "no-email-user"}) // omitempty: no email claim at all

	_, err := Login(loginCtx(t), configFor(m, freePort(t)), (&browser{}).open, nil)

	require.ErrorIs(t, err, ErrNoEmail)
}

func TestLoginWithAWrongClientSecretGivesATokenErrorNamingTheOAuthError(t *testing.T) {
	m := startMock(t)
	cfg := configFor(m, freePort(t))
	cfg.ClientSecret = "not-the-secret"

	_, err := Login(loginCtx(t), cfg, (&browser{}).open, nil)

	var te *TokenError
	require.ErrorAs(t, err, &te)
	assert.Equal(t, http.StatusUnauthorized, te.Status)
	assert.Equal(t, mockoidc.InvalidClient, te.Code)
	assert.Contains(t, err.Error(), "invalid_client")
}

func TestLoginNamesRefreshTokenWhenTheTokenAnswerLacksIt(t *testing.T) {
	m := startMock(t)
	// A proxy in front of mockoidc drops refresh_token from the token answer.
	proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := httptest.NewRecorder()
		m.Server.Handler.ServeHTTP(rec, r)
		var answer map[string]any
		if r.URL.Path != mockoidc.TokenEndpoint || json.Unmarshal(rec.Body.Bytes(), &answer) != nil {
			w.WriteHeader(rec.Code)
			_, _ = w.Write(rec.Body.Bytes())
			return
		}
		delete(answer, "refresh_token")
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(answer)
	}))
	t.Cleanup(proxy.Close)
	cfg := configFor(m, freePort(t))
	cfg.TokenEndpoint = proxy.URL + mockoidc.TokenEndpoint

	_, err := Login(loginCtx(t), cfg, (&browser{}).open, nil)

	var te *TokenError
	require.ErrorAs(t, err, &te)
	assert.Equal(t, []string{"refresh_token"}, te.Missing)
	assert.Contains(t, err.Error(), "lacks refresh_token")
}

func TestLoginWithNonASCIIClaimsGivesErrIDTokenUnreadable(t *testing.T) {
	m := startMock(t)
	// "o" followed by "ë" (0x6f 0xc3) encodes to "_" when the "o" is the 2nd byte of a 3-byte group.
	// Three copies 5 bytes apart land at every offset modulo 3, so one of them always does.
	user := mockoidc.DefaultUser()
	user.PreferredUsername = "Zoë Zoë Zoë"
	m.QueueUser(user)

	_, err := Login(loginCtx(t), configFor(m, freePort(t)), (&browser{}).open, nil)

	require.ErrorIs(t, err, ErrIDTokenUnreadable)
	assert.Contains(t, err.Error(), "'_'")
}

func TestLoginOnATakenPortGivesErrPortTakenBeforeOpeningTheBrowser(t *testing.T) {
	m := startMock(t)
	port := freePort(t)
	igv, err := net.Listen("tcp", ":"+strconv.Itoa(port)) // IGV's new ServerSocket(port)
	require.NoError(t, err)
	t.Cleanup(func() { _ = igv.Close() })
	opened := false

	_, err = Login(loginCtx(t), configFor(m, port), func(string) error { opened = true; return nil }, nil)

	require.ErrorIs(t, err, ErrPortTaken)
	assert.Contains(t, err.Error(), "quit IGV")
	assert.False(t, opened)
}

func TestLoginWithoutACallbackEndsWithErrNoCallback(t *testing.T) {
	m := startMock(t)
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()

	_, err := Login(ctx, configFor(m, freePort(t)), func(string) error { return nil }, nil)

	require.ErrorIs(t, err, ErrNoCallback)
	assert.ErrorIs(t, err, context.DeadlineExceeded)
}

func TestLoginRefusesRedirectURIsIGVOrCognitoCannotUse(t *testing.T) {
	m := startMock(t)
	port := strconv.Itoa(freePort(t))
	for _, uri := range []string{
		"https://localhost:" + port + "/oauthCallback",    // IGV's listener is plain HTTP
		"http://example.org:" + port + "/oauthCallback",   // not this machine; Cognito wants https
		"http://localhost/oauthCallback",                  // no port: IGV never listens on 80
		"http://localhost:" + port + "/callback",          // IGV runs other paths as batch commands
		"http://localhost:" + port + "/oauthCallback#top", // fragments are not allowed
	} {
		t.Run(uri, func(t *testing.T) {
			cfg := configFor(m, 0)
			cfg.RedirectURI = uri
			opened := false

			_, err := Login(loginCtx(t), cfg, func(string) error { opened = true; return nil }, nil)

			require.ErrorIs(t, err, ErrBadConfig)
			assert.False(t, opened)
		})
	}
}

func TestLoginRefusesARawSpaceInTheScope(t *testing.T) {
	m := startMock(t)
	cfg := configFor(m, freePort(t))
	cfg.Scope = "email openid profile" // IGV's new URI(url) throws on it

	_, err := Login(loginCtx(t), cfg, (&browser{}).open, nil)

	require.ErrorIs(t, err, ErrBadConfig)
	assert.Contains(t, err.Error(), "raw space")
}

func TestLoginAcceptsA127001RedirectURI(t *testing.T) {
	m := startMock(t)
	cfg := configFor(m, freePort(t))
	cfg.RedirectURI = strings.Replace(cfg.RedirectURI, "localhost", "127.0.0.1", 1)

	tokens, err := Login(loginCtx(t), cfg, (&browser{}).open, nil)

	require.NoError(t, err)
	assert.Equal(t, "jane.doe@example.com", tokens.Email)
}
