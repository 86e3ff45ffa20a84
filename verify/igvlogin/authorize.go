package igvlogin

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"strings"
)

// AuthorizeURL builds the URL exactly as IGV does (OAuthProvider.openAuthorizationPage, unchanged from
// 2.17.0 to 3.0): the endpoint, "?state=", then redirect_uri, client_id, response_type, the PKCE
// challenge with method S256, and scope last. Only redirect_uri is encoded (Java's URLEncoder); client_id,
// the challenge and the scope are appended raw, so the scope must already be URL-encoded in the config.
// IGV would append "&resource=" for Azure's app_id_uri, which an Amazon config does not have.
func AuthorizeURL(cfg Config, state, codeChallenge string) string {
	var b strings.Builder
	b.WriteString(cfg.AuthorizationEndpoint)
	b.WriteString("?state=" + state)
	b.WriteString("&redirect_uri=" + javaURLEncode(cfg.RedirectURI))
	b.WriteString("&client_id=" + cfg.ClientID)
	b.WriteString("&response_type=code")
	b.WriteString("&code_challenge=" + codeChallenge)
	// IGV falls back to "plain" only if the JVM lacks SHA-256, which no supported JVM does.
	b.WriteString("&code_challenge_method=S256")
	if cfg.Scope != "" {
		b.WriteString("&scope=" + cfg.Scope)
	}
	return b.String()
}

// javaURLEncode is java.net.URLEncoder.encode(s, "utf-8"): it keeps A-Z a-z 0-9 and ".-*_", turns
// spaces into "+" and writes every other UTF-8 byte as %XX in upper case. Unlike url.QueryEscape it
// keeps "*" and encodes "~".
func javaURLEncode(s string) string {
	const hexDigits = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9',
			c == '.', c == '-', c == '*', c == '_':
			b.WriteByte(c)
		case c == ' ':
			b.WriteByte('+')
		default:
			b.WriteByte('%')
			b.WriteByte(hexDigits[c>>4])
			b.WriteByte(hexDigits[c&0xf])
		}
	}
	return b.String()
}

// newState returns a random version 4 UUID in Java's lower-case form: IGV's state is
// UUID.randomUUID().toString() (OAuthProvider constructor).
func newState() (string, error) {
	var u [16]byte
	if _, err := rand.Read(u[:]); err != nil {
		return "", fmt.Errorf("making the OAuth state: %w", err)
	}
	u[6] = u[6]&0x0f | 0x40 // version 4
	u[8] = u[8]&0x3f | 0x80 // IETF variant
	return fmt.Sprintf("%x-%x-%x-%x-%x", u[0:4], u[4:6], u[6:8], u[8:10], u[10:16]), nil
}

// newCodeVerifier is PKCEUtils.generateCodeVerifier: 32 random bytes, base64url without padding.
func newCodeVerifier() (string, error) {
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("making the PKCE code verifier: %w", err)
	}
	return base64.RawURLEncoding.EncodeToString(b[:]), nil
}

// codeChallengeS256 is PKCEUtils.generateCodeChallange: base64url, without padding, of the SHA-256 of
// the verifier's ASCII bytes (RFC 7636 section 4.2).
func codeChallengeS256(verifier string) string {
	sum := sha256.Sum256([]byte(verifier))
	return base64.RawURLEncoding.EncodeToString(sum[:])
}
