package igvlogin

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// CheckSessionName says whether name is a valid STS RoleSessionName: 2 to 64 characters of
// [A-Za-z0-9_+=,.@-] (the pattern [\w+=,.@-]* of the AssumeRoleWithWebIdentity API). IGV passes the id
// token's email unchanged (AmazonUtils.GetCognitoAWSCredentials), so an email outside this set means IGV
// gets no AWS credentials. It returns a *SessionNameError.
func CheckSessionName(name string) error {
	for i, r := range name {
		if !sessionNameRune(r) {
			return &SessionNameError{Name: name, Reason: fmt.Sprintf("%q at byte %d is not allowed", r, i)}
		}
	}
	switch n := utf8.RuneCountInString(name); {
	case n < 2:
		return &SessionNameError{Name: name, Reason: fmt.Sprintf("it has %d characters; STS needs at least 2", n)}
	case n > 64:
		return &SessionNameError{Name: name, Reason: fmt.Sprintf("it has %d characters; STS allows at most 64", n)}
	}
	return nil
}

func sessionNameRune(r rune) bool {
	return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || strings.ContainsRune("_+=,.@-", r)
}

// LoginsKey is IGV's Logins map key for an issuer: AmazonUtils.GetCognitoAWSCredentials removes every
// "https://" and every double quote from iss (String.replace replaces all occurrences), giving
// "cognito-idp.<region>.amazonaws.com/<userPoolId>".
func LoginsKey(issuer string) string {
	return strings.ReplaceAll(strings.ReplaceAll(issuer, "https://", ""), `"`, "")
}
