package igvlogin

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"
)

// readIDToken returns the claims IGV takes from the id token: email, its STS RoleSessionName, and iss,
// the key of its Logins map (AmazonUtils.GetCognitoAWSCredentials: payload.getString("iss") and
// payload.getString("email")). The token's signature is not checked: IGV does not check it either, and
// Cognito Identity does when IGV passes the token on.
func readIDToken(jwt string) (email, issuer string, err error) {
	claims, err := decodePayload(jwt)
	if err != nil {
		return "", "", err
	}
	issuer, err = stringClaim(claims, "iss", ErrNoIssuer)
	if err != nil {
		return "", "", err
	}
	email, err = stringClaim(claims, "email", ErrNoEmail)
	if err != nil {
		return "", "", fmt.Errorf("%w (the scope must include email, the app client must be allowed to read "+
			"the email attribute, and every federated identity provider must map it)", err)
	}
	if err := CheckSessionName(email); err != nil {
		return "", "", fmt.Errorf("the id token's email cannot be IGV's RoleSessionName, so STS AssumeRoleWithWebIdentity fails: %w", err)
	}
	return email, issuer, nil
}

// stringClaim is org.json's getString: the claim must be present and a string.
func stringClaim(claims map[string]any, key string, absent error) (string, error) {
	v, ok := claims[key]
	if !ok || v == nil {
		return "", fmt.Errorf("%w: IGV (AmazonUtils) reads it with getString and gets no AWS credentials without it", absent)
	}
	s, ok := v.(string)
	if !ok {
		return "", fmt.Errorf("%w: the %s claim is %T, not a string, and IGV (AmazonUtils) reads it with getString", absent, key, v)
	}
	return s, nil
}

// decodePayload is JWTParser.getPayload: split on ".", require three parts, decode the second with Java's
// standard Base64 decoder (Base64.getDecoder(), not getUrlDecoder()) and parse it as a JSON object.
//
// Id tokens are base64url (RFC 7515), so a payload whose encoding contains "-" or "_" (a 6-bit group of
// 62 or 63) is unreadable by IGV, which then gets no email and no AWS credentials. Non-ASCII text such as
// a name "Zoë" causes it at some offsets, and so do the ASCII characters '?', '~' and '>' when they fall
// last in a 3-byte group.
func decodePayload(jwt string) (map[string]any, error) {
	parts := javaSplitDot(jwt)
	if len(parts) != 3 {
		return nil, fmt.Errorf("%w: it has %d dot-separated parts, not 3 (JWTParser.validateJWT)", ErrIDTokenUnreadable, len(parts))
	}
	payload, err := javaBase64Decode(parts[1])
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrIDTokenUnreadable, err)
	}
	dec := json.NewDecoder(bytes.NewReader(payload))
	dec.UseNumber()
	var claims map[string]any
	if err := dec.Decode(&claims); err != nil || claims == nil {
		return nil, fmt.Errorf("%w: its payload is not a JSON object", ErrIDTokenUnreadable)
	}
	return claims, nil
}

// javaSplitDot is Java's s.split("\\."), which drops trailing empty strings: "h.p." has two parts, so
// an unsigned token fails JWTParser.validateJWT.
func javaSplitDot(s string) []string {
	parts := strings.Split(s, ".")
	for len(parts) > 0 && parts[len(parts)-1] == "" {
		parts = parts[:len(parts)-1]
	}
	return parts
}

// javaBase64Decode is Base64.getDecoder().decode(String): the standard alphabet only, padding optional
// but correct when present, no line breaks, and a final unit of at least two characters.
func javaBase64Decode(s string) ([]byte, error) {
	if i := strings.IndexAny(s, "-_"); i >= 0 {
		return nil, fmt.Errorf("its payload holds %q at offset %d: it is base64url, and IGV decodes it with Java's "+
			"standard Base64 decoder (JWTParser.getPayload), which rejects '-' and '_'; non-ASCII text in a claim "+
			"(e.g. a name like \"Zoë\") usually causes this, so keep such claims out of the id token", s[i], i)
	}
	// Go's decoders skip CR and LF; Java's basic decoder rejects them.
	if i := strings.IndexAny(s, "\r\n"); i >= 0 {
		return nil, fmt.Errorf("its payload holds a line break at offset %d, which Java's standard Base64 decoder rejects", i)
	}
	enc := base64.RawStdEncoding
	if strings.HasSuffix(s, "=") {
		enc = base64.StdEncoding
	}
	b, err := enc.DecodeString(s)
	if err != nil {
		return nil, fmt.Errorf("its payload is not standard Base64, so Java's decoder fails: %w", err)
	}
	return b, nil
}
