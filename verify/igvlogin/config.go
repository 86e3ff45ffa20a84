package igvlogin

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
)

// Config is the part of oauth-config.json the login uses.
type Config struct {
	AuthorizationEndpoint string // authorization_endpoint
	TokenEndpoint         string // token_endpoint
	ClientID              string // client_id
	// ClientSecret is client_secret; "" means the key is absent, and then IGV sends none
	// (OAuthProvider: clientSecret = obj.has("client_secret") ? ... : null).
	ClientSecret string
	// RedirectURI is redirect_uris[0]: IGV 2.17+ uses the first entry verbatim (OAuthProvider constructor).
	RedirectURI string
	// Scope is scope exactly as in the file: IGV appends it raw, so it is already URL-encoded
	// (email%20openid%20profile). "" means the key is absent and IGV sends no scope.
	Scope string
}

// callbackPath is the only redirect URI path every IGV from 2.17 to 3.0 recognises as the OAuth
// callback: 2.17 to 2.19 require the request path to equal it (CommandListener.processClientSession:
// command.equals("/oauthCallback")), 3.0 requires the request line to start with "GET /oauthCallback"
// (or "GET /?state=", which Cognito never sends: it puts code first). Any other path is run as a batch
// command and the login silently never completes.
const callbackPath = "/oauthCallback"

// checkConfig refuses, before anything listens, a config IGV's login cannot work with, and returns the
// port to listen on.
func checkConfig(cfg Config) (port string, err error) {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%w: "+format, append([]any{ErrBadConfig}, args...)...)
	}
	switch {
	case cfg.AuthorizationEndpoint == "":
		return "", bad("authorization_endpoint is empty")
	case cfg.TokenEndpoint == "":
		return "", bad("token_endpoint is empty")
	case cfg.ClientID == "":
		return "", bad("client_id is empty")
	case strings.Contains(cfg.AuthorizationEndpoint, "?"):
		// OAuthProvider.openAuthorizationPage appends "?state=...", so an endpoint query swallows the state.
		return "", bad("authorization_endpoint %q has a query string, and IGV appends its own \"?state=...\"",
			cfg.AuthorizationEndpoint)
	}
	// The authorize URL goes through new URI(url) (OAuthProvider.openAuthorizationPage); if that throws,
	// IGV shows "Error fetching oAuth tokens" and never opens the browser. redirect_uri is encoded by IGV,
	// so only the raw parts can fail.
	for _, f := range []struct{ key, value string }{
		{"authorization_endpoint", cfg.AuthorizationEndpoint},
		{"client_id", cfg.ClientID},
		{"scope", cfg.Scope},
	} {
		if problem := javaURIProblem(f.value); problem != "" {
			return "", bad("%s %q has %s, which makes IGV's new URI(authorize URL) throw; "+
				"IGV appends it raw, so it must be URL-encoded (e.g. email%%20openid%%20profile)", f.key, f.value, problem)
		}
	}
	return checkRedirectURI(cfg.RedirectURI)
}

// checkRedirectURI accepts only what both Cognito and IGV's listener accept: plain http to localhost
// (Cognito allows http only for localhost callback URLs) on an explicit port (IGV listens on one port,
// never 80), with IGV's callback path.
func checkRedirectURI(raw string) (port string, err error) {
	bad := func(why string) error {
		return fmt.Errorf("%w: redirect URI %q %s", ErrBadConfig, raw, why)
	}
	u, err := url.Parse(raw)
	if err != nil {
		return "", bad("does not parse: " + err.Error())
	}
	switch {
	case u.Scheme != "http":
		return "", bad("is not http://: IGV's listener speaks plain HTTP on localhost")
	case u.Hostname() != "localhost" && u.Hostname() != "127.0.0.1":
		return "", bad("is not on localhost or 127.0.0.1: the browser must come back to IGV on this machine")
	case u.User != nil || u.Fragment != "":
		return "", bad("has user info or a fragment")
	case u.Port() == "":
		return "", bad("has no port: IGV listens on its port (default 60151), never on 80")
	case u.Path != callbackPath:
		return "", bad("does not have the path " + callbackPath + ": IGV's listener treats any other path as a batch command")
	}
	if n, err := strconv.Atoi(u.Port()); err != nil || n < 1 || n > 65535 {
		return "", bad("has an invalid port")
	}
	return u.Port(), nil
}

// javaURIProblem describes the first thing java.net.URI's parser rejects in s, or returns "".
// In the query it accepts unreserved and reserved characters (brackets included), "%" followed by two
// hex digits, one "#", and non-ASCII characters; it rejects spaces, control characters and "<>\"\\^`{|}".
func javaURIProblem(s string) string {
	hashes := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '%':
			if i+2 >= len(s) || !isHex(s[i+1]) || !isHex(s[i+2]) {
				return fmt.Sprintf("a malformed escape at offset %d", i)
			}
		case c == '#':
			if hashes++; hashes > 1 {
				return fmt.Sprintf("a second '#' at offset %d", i)
			}
		case c == ' ':
			return fmt.Sprintf("a raw space at offset %d", i)
		case c < ' ' || c == 0x7f || strings.IndexByte("<>\"\\^`{|}", c) >= 0:
			return fmt.Sprintf("%q at offset %d", c, i)
		}
	}
	return ""
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}
