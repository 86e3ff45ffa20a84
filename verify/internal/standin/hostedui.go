package standin

import (
	"crypto/sha256"
	"crypto/subtle"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"
)

// The hosted UI on the user pool domain: /oauth2/authorize, the /login page and form, the /error
// page. The token endpoint is in token.go.

// Names of the login form's fields, as in Cognito's classic hosted UI.
const (
	FormUsername = "username"
	FormPassword = "password"
	FormCSRF     = "_csrf"
	// CSRFCookie is the cookie the login page sets; the form's _csrf field must repeat it.
	CSRFCookie = "XSRF-TOKEN"
)

// Messages of the login page.
const (
	msgBadCredentials   = "Incorrect username or password."
	msgNoLoginOption    = "Login option is not available. Please try another one"
	authCodeLifetime    = 5 * time.Minute
	errorPageStatusCode = http.StatusBadRequest
)

// authCode is an authorization code the login issued, valid once for five minutes.
type authCode struct {
	clientID, redirectURI string
	scopes                []string
	challenge             string
	nonce                 string
	email                 string
	authTime, expires     time.Time
}

func (d *Deployment) serveHostedUI(w http.ResponseWriter, r *http.Request, c *Call) {
	for k, v := range r.URL.Query() {
		c.param(k, v...)
	}
	switch {
	case r.URL.Path == "/oauth2/authorize" && r.Method == http.MethodGet:
		c.Operation = "Authorize"
		if d.checkAuthorize(w, r, c) {
			// Without an identity_provider, Cognito sends the browser on to its own login page with
			// the same parameters.
			http.Redirect(w, r, "/login?"+r.URL.RawQuery, http.StatusFound)
		}
	case r.URL.Path == "/login" && r.Method == http.MethodGet:
		c.Operation = "LoginPage"
		if d.checkAuthorize(w, r, c) {
			d.loginPage(w, r, c, "")
		}
	case r.URL.Path == "/login" && r.Method == http.MethodPost:
		c.Operation = "Login"
		if d.checkAuthorize(w, r, c) {
			d.login(w, r, c)
		}
	case r.URL.Path == "/oauth2/token":
		c.Operation = "Token"
		d.token(w, r, c)
	case r.URL.Path == "/oauth2/userInfo":
		c.Operation = "UserInfo"
		d.userInfo(w, r, c)
	case r.URL.Path == "/error":
		c.Operation = "ErrorPage"
		writePage(w, errorPageStatusCode, "An error was encountered with the requested page.", nil)
	default:
		c.Operation = r.Method + " " + r.URL.Path
		c.Error = "NotFound"
		http.NotFound(w, r)
	}
}

// checkAuthorize validates an authorize (or login) request as Cognito does and, when it fails,
// answers it: an unknown client or a redirect_uri not registered verbatim is shown Cognito's error
// page (never redirected to), every other problem is redirected to the redirect_uri with an OAuth
// error and the state.
func (d *Deployment) checkAuthorize(w http.ResponseWriter, r *http.Request, c *Call) bool {
	q := r.URL.Query()
	clientID, redirectURI := q.Get("client_id"), q.Get("redirect_uri")
	if clientID != d.Client.ClientID || !slices.Contains(d.Client.CallbackURLs, redirectURI) {
		c.Error = "redirect_mismatch"
		http.Redirect(w, r, "https://"+d.UserPool.Domain+"/error?"+url.Values{
			"error": {"redirect_mismatch"}, "client_id": {clientID}}.Encode(), http.StatusFound)
		return false
	}
	fail := func(code string) bool {
		c.Error = code
		back := url.Values{"error": {code}}
		if s, ok := q["state"]; ok {
			back["state"] = s
		}
		sep := "?"
		if strings.Contains(redirectURI, "?") {
			sep = "&"
		}
		http.Redirect(w, r, redirectURI+sep+back.Encode(), http.StatusFound)
		return false
	}
	flow := map[string]string{"code": "code", "token": "implicit"}[q.Get("response_type")]
	switch {
	case q.Get("response_type") == "":
		return fail("invalid_request")
	case flow == "":
		return fail("unsupported_response_type")
	case !d.Client.AllowedOAuthFlowsUserPoolClient || !slices.Contains(d.Client.AllowedOAuthFlows, flow):
		return fail("unauthorized_client")
	}
	for _, s := range requestedScopes(q.Get("scope"), nil) {
		if !slices.Contains(d.Client.AllowedOAuthScopes, s) {
			return fail("invalid_scope")
		}
	}
	challenge, method := q.Get("code_challenge"), q.Get("code_challenge_method")
	if (challenge != "" || method != "") && (challenge == "" || method != "S256") {
		// Cognito supports only S256 challenges.
		return fail("invalid_request")
	}
	return true
}

// requestedScopes splits a scope parameter; an absent one means every scope the client may use.
func requestedScopes(scope string, allowed []string) []string {
	fields := strings.Fields(scope)
	if len(fields) == 0 {
		return slices.Clone(allowed)
	}
	return fields
}

var loginTemplate = template.Must(template.New("login").Parse(`<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Signin</title></head>
<body>
{{if .Message}}<p id="loginErrorMessage" class="errorMessage">{{.Message}}</p>{{end}}
{{if .Action}}<form name="cognitoSignInForm" method="post" action="{{.Action}}">
<input name="_csrf" type="hidden" value="{{.CSRF}}">
<label for="signInFormUsername">Email</label>
<input id="signInFormUsername" name="username" type="text" autocapitalize="none">
<label for="signInFormPassword">Password</label>
<input id="signInFormPassword" name="password" type="password">
<input name="cognitoAsfData" type="hidden" id="cognitoAsfData">
<input name="signInSubmitButton" type="submit" value="Sign in">
</form>{{end}}
</body></html>
`))

// writePage writes an HTML page with a message and, when form is given, the login form.
func writePage(w http.ResponseWriter, status int, message string, form map[string]string) {
	w.Header().Set("Content-Type", "text/html;charset=UTF-8")
	w.WriteHeader(status)
	data := map[string]string{"Message": message}
	for k, v := range form {
		data[k] = v
	}
	_ = loginTemplate.Execute(w, data)
}

// loginPage answers the sign-in form, with a fresh CSRF token in a cookie and in the form.
func (d *Deployment) loginPage(w http.ResponseWriter, r *http.Request, c *Call, message string) {
	if !slices.Contains(d.Client.SupportedIdentityProviders, "COGNITO") {
		c.Error = "login_option_unavailable"
		writePage(w, http.StatusBadRequest, msgNoLoginOption, nil)
		return
	}
	token := randomToken(36, mixedAlnum)
	d.mu.Lock()
	if d.csrf == nil {
		d.csrf = map[string]bool{}
	}
	d.csrf[token] = true
	d.mu.Unlock()
	http.SetCookie(w, &http.Cookie{Name: CSRFCookie, Value: token, Path: "/", Secure: true, HttpOnly: true,
		SameSite: http.SameSiteLaxMode})
	writePage(w, http.StatusOK, message, map[string]string{"Action": "/login?" + r.URL.RawQuery, "CSRF": token})
}

// login checks the posted form and, for a user's right password, redirects the browser to the
// redirect_uri with a one-time code and the state (code first, as Cognito writes it).
func (d *Deployment) login(w http.ResponseWriter, r *http.Request, c *Call) {
	if !slices.Contains(d.Client.SupportedIdentityProviders, "COGNITO") {
		c.Error = "login_option_unavailable"
		writePage(w, http.StatusBadRequest, msgNoLoginOption, nil)
		return
	}
	if err := r.ParseForm(); err != nil {
		c.Error = "invalid_request"
		writePage(w, http.StatusBadRequest, "An error was encountered with the requested page.", nil)
		return
	}
	username := r.PostForm.Get(FormUsername)
	c.param("form:username", username)
	cookie, err := r.Cookie(CSRFCookie)
	d.mu.Lock()
	known := err == nil && d.csrf[cookie.Value]
	d.mu.Unlock()
	if !known || subtle.ConstantTimeCompare([]byte(cookie.Value), []byte(r.PostForm.Get(FormCSRF))) != 1 {
		c.Error = "invalid_csrf"
		writePage(w, http.StatusForbidden, "An error was encountered with the requested page.", nil)
		return
	}
	email := strings.ToLower(username)
	user, ok := d.Users[email]
	if !ok || user.Disabled || subtle.ConstantTimeCompare([]byte(user.Password), []byte(r.PostForm.Get(FormPassword))) != 1 {
		// The same message whether or not the user exists (PreventUserExistenceErrors).
		c.Error = "NotAuthorizedException"
		d.loginPage(w, r, c, msgBadCredentials)
		return
	}
	q := r.URL.Query()
	now := d.now()
	code := &authCode{
		clientID: q.Get("client_id"), redirectURI: q.Get("redirect_uri"),
		scopes:    requestedScopes(q.Get("scope"), d.Client.AllowedOAuthScopes),
		challenge: q.Get("code_challenge"), nonce: q.Get("nonce"), email: email,
		authTime: now, expires: now.Add(authCodeLifetime),
	}
	id := randomUUID()
	d.mu.Lock()
	if d.codes == nil {
		d.codes = map[string]*authCode{}
	}
	d.codes[id] = code
	d.mu.Unlock()

	location := code.redirectURI
	if strings.Contains(location, "?") {
		location += "&"
	} else {
		location += "?"
	}
	location += "code=" + id
	if s, ok := q["state"]; ok {
		location += "&state=" + url.QueryEscape(s[0])
	}
	w.Header().Set("Location", location)
	w.WriteHeader(http.StatusFound)
}

// pkceS256 is the S256 code challenge of a verifier.
func pkceS256(verifier string) string {
	sum := sha256.Sum256([]byte(verifier))
	return b64.EncodeToString(sum[:])
}
