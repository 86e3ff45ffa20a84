package igvlogin

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestSessionNamesOutsideSTSRulesAreRefused(t *testing.T) {
	for name, why := range map[string]string{
		"":                              "empty",
		"a":                             "one character",
		strings.Repeat("a", 65):         "65 characters",
		"jo bloggs@example.org":         "a space",
		"zoë@example.org":               "non-ASCII",
		"jo/bloggs@example.org":         "a slash",
		strings.Repeat("a", 60) + "é@x": "non-ASCII in a long name",
	} {
		var sne *SessionNameError
		assert.ErrorAs(t, CheckSessionName(name), &sne, why)
	}
}

func TestSessionNamesWithinSTSRulesAreAccepted(t *testing.T) {
	for _, name := range []string{
		"jo",
		"jane.doe@example.com",
		"first.last+igv@sub-domain.example.org",
		"a_b=c,d",
		strings.Repeat("a", 64),
	} {
		assert.NoError(t, CheckSessionName(name), name)
	}
}

func TestSessionNameErrorSaysWhy(t *testing.T) {
	assert.EqualError(t, CheckSessionName(strings.Repeat("a", 65)),
		`"`+strings.Repeat("a", 65)+`" is not a valid STS RoleSessionName (2 to 64 characters of A-Z a-z 0-9 _+=,.@-): `+
			"it has 65 characters; STS allows at most 64")
}

func TestLoginsKeyIsTheIssuerWithoutHTTPS(t *testing.T) {
	assert.Equal(t, "cognito-idp.eu-west-2.amazonaws.com/eu-west-2_AbC",
		LoginsKey("https://cognito-idp.eu-west-2.amazonaws.com/eu-west-2_AbC"))
}
