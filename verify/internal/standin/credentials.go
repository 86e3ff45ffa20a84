package standin

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// credential is what a SigV4-signed request says about its signer. Signatures are not verified:
// the stand-in only needs to know whose key signed, in which region, and for how long a presigned
// URL is valid.
type credential struct {
	keyID, region, service string
	token                  string // x-amz-security-token
	presigned              bool
	signedAt               time.Time
	expires                time.Duration // presigned URLs only
}

var errMalformedAuth = errors.New("malformed SigV4 authorization")

// parseCredential reads the SigV4 Authorization header or, for presigned URLs, the X-Amz-*
// query parameters. ok is false for an unsigned request.
func parseCredential(r *http.Request) (c credential, ok bool, err error) {
	q := r.URL.Query()
	var scope string
	switch auth := r.Header.Get("Authorization"); {
	case auth != "":
		algorithm, rest, _ := strings.Cut(auth, " ")
		if algorithm != "AWS4-HMAC-SHA256" {
			return c, true, errMalformedAuth
		}
		for _, part := range strings.Split(rest, ",") {
			if v, found := strings.CutPrefix(strings.TrimSpace(part), "Credential="); found {
				scope = v
			}
		}
		c.token = r.Header.Get("X-Amz-Security-Token")
		c.signedAt, _ = time.Parse("20060102T150405Z", r.Header.Get("X-Amz-Date"))
	case q.Get("X-Amz-Credential") != "":
		if q.Get("X-Amz-Algorithm") != "AWS4-HMAC-SHA256" {
			return c, true, errMalformedAuth
		}
		scope = q.Get("X-Amz-Credential")
		c.token = q.Get("X-Amz-Security-Token")
		c.presigned = true
		c.signedAt, err = time.Parse("20060102T150405Z", q.Get("X-Amz-Date"))
		if err != nil {
			return c, true, errMalformedAuth
		}
		secs, err := strconv.Atoi(q.Get("X-Amz-Expires"))
		if err != nil || secs < 1 || secs > 7*24*3600 {
			return c, true, errMalformedAuth
		}
		c.expires = time.Duration(secs) * time.Second
	default:
		return c, false, nil
	}
	parts := strings.Split(scope, "/")
	if len(parts) != 5 || parts[0] == "" || parts[4] != "aws4_request" {
		return c, true, errMalformedAuth
	}
	c.keyID, c.region, c.service = parts[0], parts[2], parts[3]
	return c, true, nil
}

// callerKind is who signed a request.
type callerKind int

const (
	anonymous callerKind = iota
	// admin is any long-term key (not a session's): the operator running verify, allowed every
	// read-only call.
	admin
	// federated is a session that AssumeRoleWithWebIdentity issued: an IGV user.
	federated
)

// credentialProblem is why a signed request's credential is refused.
type credentialProblem int

const (
	credentialOK credentialProblem = iota
	unknownKey
	badToken
	expiredToken
	malformed
)

type caller struct {
	kind    callerKind
	cred    credential
	session *session
}

// caller identifies the signer of a request.
func (d *Deployment) caller(r *http.Request) (caller, credentialProblem) {
	cred, signed, err := parseCredential(r)
	if err != nil {
		return caller{cred: cred}, malformed
	}
	if !signed {
		return caller{kind: anonymous}, credentialOK
	}
	if !strings.HasPrefix(cred.keyID, sessionKeyPrefix) {
		return caller{kind: admin, cred: cred}, credentialOK
	}
	d.mu.Lock()
	s := d.sessions[cred.keyID]
	d.mu.Unlock()
	switch {
	case s == nil:
		return caller{cred: cred}, unknownKey
	case cred.token != s.token:
		return caller{cred: cred}, badToken
	case !d.now().Before(s.expires):
		return caller{cred: cred}, expiredToken
	}
	return caller{kind: federated, cred: cred, session: s}, credentialOK
}

// arn is the caller's identity as AWS's error messages name it.
func (c caller) arn(d *Deployment) string {
	switch c.kind {
	case federated:
		return c.session.arn(d)
	case admin:
		return "arn:aws:iam::" + d.AccountID + ":user/admin"
	}
	return "anonymous"
}
