package verify

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"igv-aws-backend/verify/igvlogin"
)

// Endpoints are the AWS hosts verify calls without credentials. Tests leave them as they are and route
// the hosts to a stand-in instead.
func discoveryURL(region, userPoolID string) string {
	return "https://cognito-idp." + region + ".amazonaws.com/" + userPoolID + "/.well-known/openid-configuration"
}

func issuerOf(region, userPoolID string) string {
	return "https://cognito-idp." + region + ".amazonaws.com/" + userPoolID
}

// checkDiscovery reads the user pool's OIDC discovery document and compares it with the config: the
// issuer is the pool the identity pool trusts, and the endpoints are the ones IGV will call.
func checkDiscovery(ctx context.Context, c *http.Client, cfg Config) (string, *problem) {
	const fix = "run pulumi up to republish the config of this stack's user pool and domain"
	if cfg.AWSCognitoPoolID == "" {
		return "", problemf(EntryStaleConfig, fix, "the config has no aws_cognito_pool_id (IGV does not read it, but the stack writes it), so the user pool's discovery cannot be found")
	}
	u := discoveryURL(cfg.AWSRegion, cfg.AWSCognitoPoolID)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return "", problemf(EntryStaleConfig, fix, "%v", err)
	}
	resp, err := c.Do(req)
	if err != nil {
		return "", problemf(EntryStaleConfig, fix, "GET %s: %v", u, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, maxConfigBytes))
	if resp.StatusCode != http.StatusOK {
		return "", problemf(EntryStaleConfig, fix, "GET %s answered %s (%s): the user pool %s does not exist in %s", u, resp.Status, snippet(body), cfg.AWSCognitoPoolID, cfg.AWSRegion)
	}
	var doc struct {
		Issuer                string   `json:"issuer"`
		AuthorizationEndpoint string   `json:"authorization_endpoint"`
		TokenEndpoint         string   `json:"token_endpoint"`
		ScopesSupported       []string `json:"scopes_supported"`
	}
	if err := json.Unmarshal(body, &doc); err != nil {
		return "", problemf(EntryStaleConfig, fix, "the discovery document at %s is not JSON: %v", u, err)
	}
	var wrong []string
	if want := issuerOf(cfg.AWSRegion, cfg.AWSCognitoPoolID); doc.Issuer != want {
		wrong = append(wrong, fmt.Sprintf("issuer is %q, want %q", doc.Issuer, want))
	}
	if doc.AuthorizationEndpoint != cfg.AuthorizationEndpoint {
		wrong = append(wrong, fmt.Sprintf("the pool's authorization_endpoint is %q, the config's %q", doc.AuthorizationEndpoint, cfg.AuthorizationEndpoint))
	}
	if doc.TokenEndpoint != cfg.TokenEndpoint {
		wrong = append(wrong, fmt.Sprintf("the pool's token_endpoint is %q, the config's %q", doc.TokenEndpoint, cfg.TokenEndpoint))
	}
	for _, s := range []string{"openid", "email"} {
		if !slices.Contains(doc.ScopesSupported, s) {
			wrong = append(wrong, "the pool does not support the scope "+s)
		}
	}
	if len(wrong) > 0 {
		return "", problemf(EntryStaleConfig, fix, "%s", strings.Join(wrong, "; "))
	}
	return "issuer " + doc.Issuer + ", endpoints as in the config", nil
}

// probeAuthorize asks for the sign-in page exactly as IGV does (state, PKCE S256, redirect_uris[0]) and
// follows the hosted UI's redirects: a healthy pool answers with its sign-in page; a wrong client,
// callback or scope ends on Cognito's error page or back at the callback with an error.
func probeAuthorize(ctx context.Context, c *http.Client, cfg Config) (string, *problem) {
	noFollow := *c
	noFollow.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	state, verifier := randomToken(), randomToken()
	sum := sha256.Sum256([]byte(verifier))
	next := igvlogin.AuthorizeURL(igvLoginConfig(cfg), state, base64.RawURLEncoding.EncodeToString(sum[:]))
	callback, _ := url.Parse(cfg.RedirectURIs[0])
	const fix = "run pulumi up: it sets the app client's callback URLs, scopes and code flow from the stack's config"
	for range 6 {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, next, nil)
		if err != nil {
			return "", problemf(EntryRedirectMismatch, fix, "%v", err)
		}
		resp, err := noFollow.Do(req)
		if err != nil {
			return "", problemf(EntryRedirectMismatch, fix, "GET %s: %v", next, err)
		}
		body, _ := io.ReadAll(io.LimitReader(resp.Body, maxConfigBytes))
		resp.Body.Close()
		if resp.StatusCode >= 300 && resp.StatusCode < 400 {
			loc, err := resp.Request.URL.Parse(resp.Header.Get("Location"))
			if err != nil {
				return "", problemf(EntryRedirectMismatch, fix, "the hosted UI redirected to an unreadable Location %q", resp.Header.Get("Location"))
			}
			q := loc.Query()
			switch {
			case loc.Host == callback.Host:
				if e := q.Get("error"); e != "" {
					return "", authorizeError(e, q.Get("error_description"))
				}
				if q.Get("state") != state {
					return "", problemf(EntryRedirectMismatch, fix, "the hosted UI answered IGV's callback with another state than IGV sent")
				}
				return "the hosted UI went straight back to IGV's callback (a session cookie)", nil
			case loc.Path == "/error":
				return "", authorizeError(q.Get("error"), q.Get("error_description"))
			}
			next = loc.String()
			continue
		}
		if resp.StatusCode == http.StatusOK && strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
			return "the sign-in page at " + resp.Request.URL.Scheme + "://" + resp.Request.URL.Host + resp.Request.URL.Path, nil
		}
		return "", problemf(EntryRedirectMismatch, fix, "GET %s answered %s (%s) instead of the sign-in page", next, resp.Status, snippet(body))
	}
	return "", problemf(EntryRedirectMismatch, fix, "the hosted UI redirected more than 5 times without showing the sign-in page")
}

// authorizeError names the README entry of an OAuth error the hosted UI reported.
func authorizeError(code, description string) *problem {
	what := fmt.Sprintf("the hosted UI answered with error %q", code)
	if description != "" {
		what += " (" + description + ")"
	}
	switch code {
	case "invalid_scope":
		return problemf(EntryInvalidScope, "the config's scope must be email%20openid%20profile and the app client must allow those scopes: run pulumi up", "%s", what)
	case "redirect_mismatch":
		return problemf(EntryRedirectMismatch, "the config's redirect_uris[0] is not a callback URL of its app client: the config is stale or the client was edited; run pulumi up and use the stack's provisioningUrl",
			"%s: IGV's callback URL is not registered on the app client", what)
	default:
		return problemf(EntryRedirectMismatch, "run pulumi up: it sets the app client's OAuth flows, callbacks and scopes", "%s", what)
	}
}

func igvLoginConfig(cfg Config) igvlogin.Config {
	return igvlogin.Config{
		AuthorizationEndpoint: cfg.AuthorizationEndpoint, TokenEndpoint: cfg.TokenEndpoint,
		ClientID: cfg.ClientID, ClientSecret: cfg.ClientSecret, RedirectURI: cfg.RedirectURIs[0], Scope: cfg.Scope,
	}
}

func randomToken() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b) // crypto/rand never fails on supported platforms
	return base64.RawURLEncoding.EncodeToString(b)
}
