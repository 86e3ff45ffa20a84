package standin

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"html"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	callback = "http://localhost:60151/oauthCallback"
	verifier = "a-pkce-code-verifier-of-at-least-forty-three-characters-0123456789"
)

// browser follows redirects like a browser with cookies, but stops at IGV's localhost callback.
func browser(t *testing.T, client *http.Client) *http.Client {
	t.Helper()
	jar, err := cookiejar.New(nil)
	require.NoError(t, err)
	return &http.Client{Transport: client.Transport, Jar: jar,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if req.URL.Hostname() == "localhost" {
				return http.ErrUseLastResponse
			}
			return nil
		}}
}

// authorizeURL is the URL IGV opens, built the way IGV builds it (scope appended raw).
func authorizeURL(d *Deployment, redirectURI string) string {
	sum := sha256.Sum256([]byte(verifier))
	return "https://" + d.UserPool.Domain + "/oauth2/authorize?state=st4te&redirect_uri=" + url.QueryEscape(redirectURI) +
		"&client_id=" + d.Client.ClientID + "&response_type=code&code_challenge=" +
		base64.RawURLEncoding.EncodeToString(sum[:]) + "&code_challenge_method=S256&scope=email%20openid%20profile"
}

var (
	formAction = regexp.MustCompile(`<form[^>]*action="([^"]+)"`)
	formCSRF   = regexp.MustCompile(`name="_csrf" type="hidden" value="([^"]+)"`)
)

// signIn runs authorize, the login form and its post, and returns the callback's query.
func signIn(t *testing.T, d *Deployment, b *http.Client, password string) url.Values {
	t.Helper()
	resp, err := b.Get(authorizeURL(d, callback))
	require.NoError(t, err)
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode, string(page))
	action, csrf := formAction.FindSubmatch(page), formCSRF.FindSubmatch(page)
	require.NotNil(t, action, string(page))
	require.NotNil(t, csrf, string(page))

	resp, err = b.PostForm("https://"+d.UserPool.Domain+html.UnescapeString(string(action[1])), url.Values{
		FormUsername: {userEmail(t, d)}, FormPassword: {password}, FormCSRF: {string(csrf[1])}})
	require.NoError(t, err)
	resp.Body.Close()
	if resp.StatusCode != http.StatusFound {
		return nil
	}
	loc, err := url.Parse(resp.Header.Get("Location"))
	require.NoError(t, err)
	require.Equal(t, callback, loc.Scheme+"://"+loc.Host+loc.Path)
	return loc.Query()
}

func TestAuthorizeRefusesAnUnregisteredRedirectURI(t *testing.T) {
	d, client := serve(t)
	resp, err := browser(t, client).Get(authorizeURL(d, "http://localhost:60152/oauthCallback"))
	require.NoError(t, err)
	resp.Body.Close()
	final := resp.Request.URL
	assert.Equal(t, d.UserPool.Domain, final.Host)
	assert.Equal(t, "/error", final.Path)
	assert.Equal(t, "redirect_mismatch", final.Query().Get("error"))
	assert.Equal(t, d.Client.ClientID, final.Query().Get("client_id"))
}

func TestAuthorizeRedirectsAScopeTheClientMayNotUseAsInvalidScope(t *testing.T) {
	d, client := serve(t)
	d.Client.AllowedOAuthScopes = []string{"openid", "email"}
	resp, err := browser(t, client).Get(authorizeURL(d, callback))
	require.NoError(t, err)
	resp.Body.Close()
	loc, err := url.Parse(resp.Header.Get("Location"))
	require.NoError(t, err)
	assert.Equal(t, "invalid_scope", loc.Query().Get("error"))
	assert.Equal(t, "st4te", loc.Query().Get("state"))
}

func TestWrongPasswordShowsTheLoginFormAgain(t *testing.T) {
	d, client := serve(t)
	assert.Nil(t, signIn(t, d, browser(t, client), "wrong"))
	calls := d.CallsTo("Login")
	require.Len(t, calls, 1)
	assert.Equal(t, http.StatusOK, calls[0].Status)
	assert.Equal(t, "NotAuthorizedException", calls[0].Error)
}

// redeem posts the code to the token endpoint as IGV does.
func redeem(t *testing.T, d *Deployment, client *http.Client, code, codeVerifier string) (int, map[string]any) {
	t.Helper()
	resp, err := client.PostForm("https://"+d.UserPool.Domain+"/oauth2/token", url.Values{
		"grant_type": {"authorization_code"}, "code": {code}, "client_id": {d.Client.ClientID},
		"redirect_uri": {callback}, "code_verifier": {codeVerifier}})
	require.NoError(t, err)
	defer resp.Body.Close()
	var body map[string]any
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&body))
	return resp.StatusCode, body
}

func TestFullLoginYieldsAnIDTokenWithTheEmail(t *testing.T) {
	d, client := serve(t)
	back := signIn(t, d, browser(t, client), DefaultPassword)
	require.NotNil(t, back)
	assert.Equal(t, "st4te", back.Get("state"))
	authorize := d.CallsTo("Authorize")
	require.Len(t, authorize, 1)
	assert.Contains(t, authorize[0].RawQuery, "scope=email%20openid%20profile", "the scope as IGV sends it")

	status, tokens := redeem(t, d, client, back.Get("code"), verifier)
	require.Equal(t, http.StatusOK, status, tokens)
	for _, k := range []string{"access_token", "refresh_token", "expires_in", "id_token"} {
		assert.Contains(t, tokens, k)
	}
	parts := strings.Split(tokens["id_token"].(string), ".")
	require.Len(t, parts, 3)
	payload, err := base64.RawURLEncoding.DecodeString(parts[1])
	require.NoError(t, err)
	var claims map[string]any
	require.NoError(t, json.Unmarshal(payload, &claims))
	assert.Equal(t, userEmail(t, d), claims["email"])
	assert.Equal(t, true, claims["email_verified"])
	assert.Equal(t, d.issuer(), claims["iss"])
	assert.Equal(t, d.Client.ClientID, claims["aud"])
	assert.NotContains(t, claims, "given_name", "the client may read email and email_verified only")
}

func TestTokenEndpointRefusesAWrongPKCEVerifier(t *testing.T) {
	d, client := serve(t)
	back := signIn(t, d, browser(t, client), DefaultPassword)
	require.NotNil(t, back)
	status, body := redeem(t, d, client, back.Get("code"), verifier+"x")
	assert.Equal(t, http.StatusBadRequest, status)
	assert.Equal(t, "invalid_grant", body["error"])
}
