package standin

import (
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"

	"igv-aws-backend/policies"
	"igv-aws-backend/policies/iamsim"
)

const (
	stsNamespace = "https://sts.amazonaws.com/doc/2011-06-15/"
	// sessionKeyPrefix starts every temporary access key id, as AWS's do.
	sessionKeyPrefix = "ASIA"
	cognitoIdentity  = "cognito-identity.amazonaws.com"
)

// session is a set of temporary credentials issued by AssumeRoleWithWebIdentity.
type session struct {
	accessKeyID, secret, token string
	roleARN, name              string
	expires                    time.Time
	// webIdentity are the token's condition keys (cognito-identity.amazonaws.com:aud, :sub, :amr),
	// which IAM keeps available in the session's requests.
	webIdentity map[string][]string
}

// arn is the session's assumed-role ARN: the role's name without its path, then the session name.
func (s *session) arn(d *Deployment) string {
	name := s.roleARN[strings.LastIndex(s.roleARN, "/")+1:]
	return fmt.Sprintf("arn:aws:sts::%s:assumed-role/%s/%s", d.AccountID, name, s.name)
}

// context is the global condition keys IAM sets for the session's requests.
func (s *session) context(d *Deployment, role *Role) map[string][]string {
	ctx := map[string][]string{
		"aws:SecureTransport":   {"true"},
		"aws:PrincipalArn":      {role.ARN},
		"aws:PrincipalAccount":  {d.AccountID},
		"aws:PrincipalType":     {"AssumedRole"},
		"aws:userid":            {role.ID + ":" + s.name},
		"aws:FederatedProvider": {cognitoIdentity},
		"aws:RequestedRegion":   {d.Region},
	}
	for k, v := range s.webIdentity {
		ctx[k] = v
	}
	return ctx
}

// sessionNamePattern is STS's rule for RoleSessionName: 2 to 64 of [\w+=,.@-].
var sessionNamePattern = regexp.MustCompile(`^[\w+=,.@-]*$`)

func (d *Deployment) serveSTS(w http.ResponseWriter, r *http.Request, c *Call) {
	form, err := queryForm(r)
	if err != nil {
		queryError(w, c, stsNamespace, http.StatusBadRequest, "MalformedQueryString", err.Error())
		return
	}
	c.Operation = form.Get("Action")
	switch c.Operation {
	case "AssumeRoleWithWebIdentity":
		c.param("RoleArn", form.Get("RoleArn"))
		c.param("RoleSessionName", form.Get("RoleSessionName"))
		if v := form.Get("DurationSeconds"); v != "" {
			c.param("DurationSeconds", v)
		}
		d.assumeRoleWithWebIdentity(w, form.Get("RoleArn"), form.Get("RoleSessionName"),
			form.Get("WebIdentityToken"), form.Get("DurationSeconds"), c)
	case "GetCallerIdentity":
		d.getCallerIdentity(w, r, c)
	default:
		queryError(w, c, stsNamespace, http.StatusBadRequest, "InvalidAction",
			fmt.Sprintf("Could not find operation %s for version 2011-06-15", c.Operation))
	}
}

func validationError(field, constraint, value string) string {
	return fmt.Sprintf("1 validation error detected: Value '%s' at '%s' failed to satisfy constraint: %s", value, field, constraint)
}

// assumeRoleWithWebIdentity is STS's exchange of a Cognito Identity token for role credentials.
// The call is unsigned: the token is the proof.
func (d *Deployment) assumeRoleWithWebIdentity(w http.ResponseWriter, roleARN, name, token, duration string, c *Call) {
	fail := func(status int, code, msg string) { queryError(w, c, stsNamespace, status, code, msg) }
	switch {
	case len(name) > 64:
		fail(http.StatusBadRequest, "ValidationError", validationError("roleSessionName",
			"Member must have length less than or equal to 64", name))
		return
	case len(name) < 2:
		fail(http.StatusBadRequest, "ValidationError", validationError("roleSessionName",
			"Member must have length greater than or equal to 2", name))
		return
	case !sessionNamePattern.MatchString(name):
		fail(http.StatusBadRequest, "ValidationError", validationError("roleSessionName",
			`Member must satisfy regular expression pattern: [\w+=,.@-]*`, name))
		return
	case len(roleARN) < 20:
		fail(http.StatusBadRequest, "ValidationError", validationError("roleArn",
			"Member must have length greater than or equal to 20", roleARN))
		return
	}
	seconds := 3600
	if duration != "" {
		n, err := strconv.Atoi(duration)
		if err != nil || n < 900 || n > 43200 {
			fail(http.StatusBadRequest, "ValidationError", validationError("durationSeconds",
				"Member must have value between 900 and 43200", duration))
			return
		}
		seconds = n
	}

	claims, err := d.verifyJWT(token)
	if err != nil {
		fail(http.StatusBadRequest, "InvalidIdentityToken", "The web identity token could not be validated: "+err.Error())
		return
	}
	iss := claimString(claims, "iss")
	if iss != identityIssuer {
		fail(http.StatusBadRequest, "InvalidIdentityToken", "No OpenIDConnect provider found in your account for "+iss)
		return
	}
	now := d.now()
	if exp, ok := claimTime(claims, "exp"); !ok || now.Unix() >= exp {
		fail(http.StatusBadRequest, "ExpiredTokenException", fmt.Sprintf(
			"Token expired: current date/time %d must be before the expiration date/time %d", now.Unix(), exp))
		return
	}

	// STS answers the same for a role that does not exist and one whose trust policy refuses, so as
	// not to tell strangers which roles exist.
	denied := func() {
		fail(http.StatusForbidden, "AccessDenied", "Not authorized to perform sts:AssumeRoleWithWebIdentity")
	}
	role := d.Roles[roleARN]
	if role == nil {
		denied()
		return
	}
	if seconds > int(role.MaxSessionDuration) {
		fail(http.StatusBadRequest, "ValidationError",
			"The requested DurationSeconds exceeds the MaxSessionDuration set for this role.")
		return
	}
	webIdentity := map[string][]string{
		cognitoIdentity + ":aud": claimStrings(claims, "aud"),
		cognitoIdentity + ":sub": {claimString(claims, "sub")},
		cognitoIdentity + ":amr": claimStrings(claims, "amr"),
	}
	ctx := map[string][]string{"aws:FederatedProvider": {cognitoIdentity}}
	for k, v := range webIdentity {
		ctx[k] = v
	}
	dec, err := iamsim.Evaluate([]policies.Document{role.Trust}, iamsim.Request{
		PrincipalType: "Federated", Principal: cognitoIdentity,
		Action: "sts:AssumeRoleWithWebIdentity", Resource: role.ARN, Context: ctx,
	})
	if err != nil {
		fail(http.StatusInternalServerError, "InternalFailure", "standin: trust policy: "+err.Error())
		return
	}
	if dec != iamsim.Allowed {
		denied()
		return
	}

	s := &session{
		accessKeyID: sessionKeyPrefix + randomToken(16, upperAlnum),
		secret:      randomToken(40, mixedAlnum),
		token:       "IQoJb3JpZ2luX2VjE" + base64.StdEncoding.EncodeToString([]byte(randomToken(96, mixedAlnum))),
		roleARN:     role.ARN, name: name,
		expires:     now.Add(time.Duration(seconds) * time.Second),
		webIdentity: webIdentity,
	}
	d.mu.Lock()
	if d.sessions == nil {
		d.sessions = map[string]*session{}
	}
	d.sessions[s.accessKeyID] = s
	d.mu.Unlock()

	type credentials struct {
		AccessKeyID     string `xml:"AccessKeyId"`
		SecretAccessKey string
		SessionToken    string
		Expiration      string
	}
	type assumedRoleUser struct {
		Arn           string
		AssumedRoleID string `xml:"AssumedRoleId"`
	}
	type result struct {
		Credentials                 credentials
		SubjectFromWebIdentityToken string
		AssumedRoleUser             assumedRoleUser
		Provider                    string
		Audience                    string
	}
	queryResponse(w, stsNamespace, "AssumeRoleWithWebIdentity", result{
		Credentials:                 credentials{s.accessKeyID, s.secret, s.token, s.expires.UTC().Format(time.RFC3339)},
		SubjectFromWebIdentityToken: claimString(claims, "sub"),
		AssumedRoleUser:             assumedRoleUser{s.arn(d), role.ID + ":" + name},
		Provider:                    cognitoIdentity,
		Audience:                    strings.Join(claimStrings(claims, "aud"), ","),
	})
}

// getCallerIdentity tells who signed: the session's assumed-role ARN, or the admin.
func (d *Deployment) getCallerIdentity(w http.ResponseWriter, r *http.Request, c *Call) {
	who, problem := d.caller(r)
	c.AccessKeyID = who.cred.keyID
	if problem != credentialOK {
		queryCredentialError(w, c, stsNamespace, problem)
		return
	}
	type result struct {
		Arn     string
		UserID  string `xml:"UserId"`
		Account string
	}
	switch who.kind {
	case anonymous:
		queryError(w, c, stsNamespace, http.StatusForbidden, "MissingAuthenticationToken", "Request is missing Authentication Token")
	case federated:
		role := d.Roles[who.session.roleARN]
		id := who.session.name
		if role != nil {
			id = role.ID + ":" + id
		}
		queryResponse(w, stsNamespace, "GetCallerIdentity", result{who.arn(d), id, d.AccountID})
	default:
		queryResponse(w, stsNamespace, "GetCallerIdentity", result{who.arn(d), "AIDAADMIN", d.AccountID})
	}
}

const (
	upperAlnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	mixedAlnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
	hexDigits  = "0123456789abcdef"
)

func randomToken(n int, alphabet string) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	for i := range b {
		b[i] = alphabet[int(b[i])%len(alphabet)]
	}
	return string(b)
}
