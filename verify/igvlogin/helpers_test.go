package igvlogin

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/oauth2-proxy/mockoidc"
	"github.com/stretchr/testify/require"
)

// startMock runs a real OIDC server. Its token endpoint insists on a client secret, so configs made by
// configFor carry the mock's secret; its authorize endpoint redirects at once (no login page) with the
// next queued user, or mockoidc.DefaultUser (jane.doe@example.com).
func startMock(t *testing.T) *mockoidc.MockOIDC {
	t.Helper()
	m, err := mockoidc.Run()
	require.NoError(t, err)
	t.Cleanup(func() { _ = m.Shutdown() })
	return m
}

// freePort finds a port nothing listens on, the way IGV listens (every interface).
func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", ":0")
	require.NoError(t, err)
	port := ln.Addr().(*net.TCPAddr).Port
	require.NoError(t, ln.Close())
	return port
}

// configFor is an IGV config for the mock. mockoidc accepts only the scopes openid, email, groups and
// profile and issues an id token when openid is among them; the scope is URL-encoded as in the file.
func configFor(m *mockoidc.MockOIDC, port int) Config {
	return Config{
		AuthorizationEndpoint: m.AuthorizationEndpoint(),
		TokenEndpoint:         m.TokenEndpoint(),
		ClientID:              m.ClientID,
		ClientSecret:          m.ClientSecret,
		RedirectURI:           fmt.Sprintf("http://localhost:%d/oauthCallback", port),
		Scope:                 "email%20openid%20profile",
	}
}

// browser plays the user's browser: it GETs the authorize URL, takes the authorization server's
// redirect and GETs the callback on localhost. edit, when set, changes the callback's query first.
type browser struct {
	edit         func(q url.Values)
	opened       string // the authorize URL it was given
	callbackPage string // what the callback answered
}

func (b *browser) open(authorizeURL string) error {
	b.opened = authorizeURL
	noFollow := &http.Client{
		Timeout:       10 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	resp, err := noFollow.Get(authorizeURL)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusFound {
		body, _ := io.ReadAll(resp.Body)
		return fmt.Errorf("authorize endpoint answered %s: %s", resp.Status, body)
	}
	callback, err := resp.Location()
	if err != nil {
		return err
	}
	if b.edit != nil {
		q := callback.Query()
		b.edit(q)
		callback.RawQuery = q.Encode()
	}
	page, err := noFollow.Get(callback.String())
	if err != nil {
		return err
	}
	defer page.Body.Close()
	body, err := io.ReadAll(page.Body)
	b.callbackPage = string(body)
	return err
}

// loginCtx bounds a test's login so a broken flow fails instead of hanging.
func loginCtx(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// unsignedJWT makes a token with the given payload claims, encoded as an issuer would (base64url).
func unsignedJWT(t *testing.T, claims map[string]any) string {
	t.Helper()
	payload, err := json.Marshal(claims)
	require.NoError(t, err)
	enc := base64.RawURLEncoding
	return enc.EncodeToString([]byte(`{"alg":"RS256","typ":"JWT"}`)) + "." + enc.EncodeToString(payload) + ".c2ln"
}
