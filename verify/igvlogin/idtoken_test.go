package igvlogin

import (
	"encoding/base64"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestIDTokenPayloadWithDashOrUnderscoreIsUnreadableLikeIGVsDecoder(t *testing.T) {
	// "?>" and "ë" produce 6-bit groups 62 and 63: base64url writes them '-' and '_'.
	for _, name := range []string{"Zoë?", "a~", "Zoë Zoë Zoë"} {
		jwt := unsignedJWT(t, map[string]any{"iss": "https://i", "email": "a@b.c", "name": name})
		payload := strings.Split(jwt, ".")[1]
		require.True(t, strings.ContainsAny(payload, "-_"), "precondition: %q gives %s", name, payload)

		_, _, err := readIDToken(jwt)

		assert.ErrorIs(t, err, ErrIDTokenUnreadable, name)
	}
}

func TestIDTokenPayloadInStandardBase64IsReadWithOrWithoutPadding(t *testing.T) {
	payload := `{"iss":"https://cognito-idp.eu-west-2.amazonaws.com/eu-west-2_AbC","email":"jo@example.org"}`
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding} {
		jwt := "eyJhbGciOiJSUzI1NiJ9." + enc.EncodeToString([]byte(payload)) + ".sig"

		email, issuer, err := readIDToken(jwt)

		require.NoError(t, err)
		assert.Equal(t, "jo@example.org", email)
		assert.Equal(t, "https://cognito-idp.eu-west-2.amazonaws.com/eu-west-2_AbC", issuer)
	}
}

func TestIDTokenThatIsNotThreePartsOrNotJSONIsUnreadable(t *testing.T) {
	notJSON := base64.RawStdEncoding.EncodeToString([]byte("not json"))
	for _, jwt := range []string{
		"eyJhbGciOiJub25lIn0.eyJlbWFpbCI6ImFAYi5jIn0.", // Java's split drops the empty signature
		"a.b.c.d",
		"eyJhbGciOiJSUzI1NiJ9." + notJSON + ".sig",
	} {
		_, _, err := readIDToken(jwt)

		assert.ErrorIs(t, err, ErrIDTokenUnreadable, jwt)
	}
}

func TestIDTokenWithoutEmailGivesErrNoEmail(t *testing.T) {
	for _, claims := range []map[string]any{
		{"iss": "https://i"},
		{"iss": "https://i", "email": nil},
		{"iss": "https://i", "email": 42},
	} {
		_, _, err := readIDToken(unsignedJWT(t, claims))

		assert.ErrorIs(t, err, ErrNoEmail)
	}
}

func TestIDTokenWithoutIssuerGivesErrNoIssuer(t *testing.T) {
	_, _, err := readIDToken(unsignedJWT(t, map[string]any{"email": "a@b.c"}))

	assert.ErrorIs(t, err, ErrNoIssuer)
}

func TestIDTokenWithAnEmailThatIsNoSessionNameGivesSessionNameError(t *testing.T) {
	_, _, err := readIDToken(unsignedJWT(t, map[string]any{"iss": "https://i", "email": "jo bloggs@example.org"}))

	var sne *SessionNameError
	require.ErrorAs(t, err, &sne)
	assert.Equal(t, "jo bloggs@example.org", sne.Name)
}
