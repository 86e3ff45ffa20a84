package igvlogin

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Sentinel errors; each is wrapped with the details of what failed, so test them with errors.Is.
var (
	// ErrBadConfig: the config is one IGV's login cannot work with (redirect URI, endpoints, scope).
	ErrBadConfig = errors.New("config unusable for IGV's login")
	// ErrPortTaken: something already listens on the redirect URI's port, most likely IGV itself.
	ErrPortTaken = errors.New("callback port is already in use")
	// ErrNoCallback: the context ended before the browser came back to the redirect URI.
	ErrNoCallback = errors.New("no OAuth callback arrived")
	// ErrStateMismatch: the callback's state is not the one sent in the authorize URL.
	ErrStateMismatch = errors.New("callback state is not the one sent")
	// ErrNoCode: the callback has neither code nor error.
	ErrNoCode = errors.New("callback has neither code nor error")
	// ErrIDTokenUnreadable: IGV's JWTParser cannot decode the id token's payload.
	ErrIDTokenUnreadable = errors.New("IGV cannot read the id token")
	// ErrNoIssuer: the id token has no iss claim, so IGV cannot build its Logins map.
	ErrNoIssuer = errors.New("id token has no iss claim")
	// ErrNoEmail: the id token has no email claim, so IGV has no STS RoleSessionName.
	ErrNoEmail = errors.New("id token has no email claim")
)

// CallbackError is an authorization server's error redirect (RFC 6749 section 4.1.2.1), e.g. Cognito's
// error=access_denied. IGV's page (CommandListener.processClientSession) shows only "Error authorizing
// IGV: " and the error, never error_description, so the description here is the only place to read it.
type CallbackError struct {
	Code, Description string
}

func (e *CallbackError) Error() string {
	msg := "authorization server redirected back with error=" + strconv.Quote(e.Code)
	if e.Description != "" {
		msg += " error_description=" + strconv.Quote(e.Description) + " (IGV's page shows only the error)"
	}
	return msg
}

// TokenError is a token endpoint answer IGV cannot use: a refusal (Status is not 2xx; Code and
// Description are the OAuth error and error_description) or a 2xx answer lacking fields IGV needs
// (Missing names them, in the order IGV reads them).
type TokenError struct {
	Status            int
	Code, Description string
	Missing           []string
}

func (e *TokenError) Error() string {
	if len(e.Missing) > 0 {
		// OAuthProvider.fetchAccessToken reads access_token, refresh_token and expires_in unconditionally
		// and only logs the exception when one is absent; AmazonUtils needs the id token for AWS.
		return fmt.Sprintf("token endpoint answer (HTTP %d) lacks %s: IGV needs access_token, refresh_token "+
			"and expires_in to log in (else it logs an error and nothing happens) and id_token for AWS credentials",
			e.Status, strings.Join(e.Missing, ", "))
	}
	msg := fmt.Sprintf("token endpoint refused the code: HTTP %d", e.Status)
	if e.Status >= 200 && e.Status < 300 {
		msg = fmt.Sprintf("token endpoint answer unusable: HTTP %d", e.Status)
	}
	if e.Code != "" {
		msg += ": " + e.Code
	}
	if e.Description != "" {
		msg += ": " + e.Description
	}
	return msg
}

// SessionNameError says why a name cannot be an STS RoleSessionName.
type SessionNameError struct {
	Name, Reason string
}

func (e *SessionNameError) Error() string {
	return fmt.Sprintf("%q is not a valid STS RoleSessionName (2 to 64 characters of A-Z a-z 0-9 _+=,.@-): %s",
		e.Name, e.Reason)
}

// oneLine makes server-provided text fit in a one-line error message.
func oneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	const limit = 300
	if len(s) > limit {
		s = strings.ToValidUTF8(s[:limit], "") + "..."
	}
	return s
}
