package tests

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"igv-aws-backend/stackconfig"
	"igv-aws-backend/synth"
)

// idTokenPayload is the payload of the id token Cognito issues a user through the hosted UI: its fixed
// claims, plus every attribute of the user that the app client may read (Cognito developer guide,
// "Understanding the identity (ID) token"). Cognito writes the JSON in UTF-8, unescaped.
func idTokenPayload(t *testing.T, r *synth.Result, user synth.Resource) []byte {
	t.Helper()
	pool, client := only(t, r, typeUserPool), only(t, r, typeUserPoolClient)
	sub := "5f0c8a8e-2b8e-4d53-9f6a-0b1d2c3e4f50"
	claims := map[string]any{
		"sub":              sub,
		"aud":              client.ID,
		"iss":              "https://cognito-idp.eu-west-2.amazonaws.com/" + pool.ID,
		"cognito:username": sub, // with email as the username attribute, the username is a UUID
		"token_use":        "id",
		"auth_time":        1764480000,
		"exp":              1764483600,
		"iat":              1764480000,
		"jti":              "0d1e2f3a-4b5c-4d6e-8f90-a1b2c3d4e5f6",
		"origin_jti":       "7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
		"event_id":         "3ec09ebd-b439-42da-a2db-b24ae9c07cc9",
		"at_hash":          "Qx_9-aB3cD4eF5gH6iJ7kL",
	}
	attrs, _ := input(user, "attributes").(map[string]any)
	for _, a := range strs(input(client, "readAttributes")) {
		if v, ok := attrs[a]; ok {
			if a == "email_verified" {
				claims[a] = v == "true"
			} else {
				claims[a] = v
			}
		}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	require.NoError(t, enc.Encode(claims))
	return bytes.TrimSpace(buf.Bytes())
}

// javaStandardDecodable tells whether java.util.Base64.getDecoder() (IGV's JWTParser) can decode a
// JWT segment: it knows only the standard alphabet, so base64url's "-" and "_" make it throw.
func javaStandardDecodable(segment string) bool {
	_, err := base64.RawStdEncoding.DecodeString(segment)
	return err == nil && !strings.ContainsAny(segment, "-_")
}

func TestIDTokensCarryOnlyWhatIGVReads(t *testing.T) {
	forEachExample(t, func(t *testing.T, r *synth.Result) {
		client := only(t, r, typeUserPoolClient)
		assert.ElementsMatch(t, []string{"email", "email_verified"}, strs(input(client, "readAttributes")),
			"IGV needs the email claim only; every readable attribute lands in the id token")
	})
}

// IGV decodes the id token's payload with Java's standard Base64 decoder: a payload whose base64url
// form holds "-" or "_" leaves the user without AWS credentials. A non-ASCII name such as "Zoë" does
// that, so no name may reach the token.
func TestIGVCanDecodeTheIDTokenOfAUserWithANonASCIIName(t *testing.T) {
	users := `[{"email": "zoe.muller@genomics-lab.example.org", "givenName": "Zoë", "familyName": "Müller-Łukasiewicz"},
	           {"email": "jose.nunez@genomics-lab.example.org", "givenName": "José", "familyName": "Núñez"}]`
	r := run(t, withConfig(exampleStack(t, "prod"), map[string]string{stackconfig.KeyUsers: users}))
	for _, u := range ofType(r, typeUser) {
		payload := idTokenPayload(t, r, u)
		segment := base64.RawURLEncoding.EncodeToString(payload)
		assert.True(t, javaStandardDecodable(segment), "%s: IGV cannot decode the id token payload %s", u.Name, payload)
		// Whatever the claims' lengths: only non-ASCII bytes and ">", "?", "~" can put "-" or "_" into
		// base64url, and the payload holds none.
		assert.False(t, strings.ContainsFunc(string(payload), func(r rune) bool { return r > 0x7e || strings.ContainsRune(">?~", r) }),
			"%s: the id token payload holds characters that base64url may encode with - or _: %s", u.Name, payload)
		var claims map[string]any
		require.NoError(t, json.Unmarshal(payload, &claims))
		assert.Equal(t, input(u, "username"), claims["email"], "IGV makes the session name of the email claim")
	}
}

// The check above can fail: with a name readable, the payload is undecodable by IGV for one of the three
// alignments of the name in the base64 groups.
func TestANameInTheIDTokenWouldBreakIGVsDecoder(t *testing.T) {
	broken := 0
	for _, pad := range []string{"", "a", "ab"} {
		payload, err := json.Marshal(map[string]any{"email": "zoe" + pad + "@genomics-lab.example.org", "given_name": "Zoë"})
		require.NoError(t, err)
		if !javaStandardDecodable(base64.RawURLEncoding.EncodeToString(payload)) {
			broken++
		}
	}
	assert.Positive(t, broken)
}

// Cognito's usernames are case-insensitive here, and a username cannot change without replacing the
// user. The stack uses the email in lower case, so a change of case in the config changes nothing.
func TestAChangeOfCaseInAUsersEmailChangesNothing(t *testing.T) {
	base := exampleStack(t, "prod")
	users := usersOf(t, base)
	users[0].Email = strings.ToUpper(users[0].Email[:1]) + users[0].Email[1:]
	after := run(t, withConfig(base, map[string]string{stackconfig.KeyUsers: mustJSON(t, users)}))
	removed, added, changed := diff(t, example(t, "prod"), after)
	assert.Empty(t, removed)
	assert.Empty(t, added)
	assert.Empty(t, changed)
	for _, u := range ofType(after, typeUser) {
		email, _ := input(u, "username").(string)
		assert.Equal(t, strings.ToLower(email), email)
		assert.Equal(t, email, input(u, "attributes", "email"))
	}
}
