package standin

import (
	"encoding/json"
	"fmt"
	"mime"
	"net/http"
	"slices"
	"strings"
	"time"
)

// The hosted UI's token endpoint and the tokens the user pool issues.

// refreshGrant is a refresh token the token endpoint issued.
type refreshGrant struct {
	clientID string
	email    string
	scopes   []string
	authTime time.Time
	expires  time.Time
}

// validity converts a client's token validity to a duration.
func validity(n int32, unit string) time.Duration {
	switch unit {
	case "seconds":
		return time.Duration(n) * time.Second
	case "minutes":
		return time.Duration(n) * time.Minute
	case "days":
		return time.Duration(n) * 24 * time.Hour
	}
	return time.Duration(n) * time.Hour
}

func oauthError(w http.ResponseWriter, c *Call, status int, code string) {
	c.Error = code
	w.Header().Set("Content-Type", "application/json;charset=UTF-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]string{"error": code})
}

// token answers POST /oauth2/token: the authorization code (with its PKCE verifier) or a refresh
// token for tokens. The client authenticates in the form or with HTTP Basic; IGV uses the form.
func (d *Deployment) token(w http.ResponseWriter, r *http.Request, c *Call) {
	if r.Method != http.MethodPost {
		oauthError(w, c, http.StatusMethodNotAllowed, "invalid_request")
		return
	}
	if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt != "application/x-www-form-urlencoded" {
		oauthError(w, c, http.StatusBadRequest, "invalid_request")
		return
	}
	if err := r.ParseForm(); err != nil {
		oauthError(w, c, http.StatusBadRequest, "invalid_request")
		return
	}
	form := r.PostForm
	for _, k := range []string{"grant_type", "client_id", "redirect_uri", "code_verifier"} {
		if v, ok := form[k]; ok {
			c.param(k, v...)
		}
	}
	clientID, secret, basic := r.BasicAuth()
	if !basic {
		clientID = form.Get("client_id")
		secret = form.Get("client_secret")
	}
	_, sentSecret := form["client_secret"]
	if basic || sentSecret {
		c.param("client_secret", "[sent]")
	}
	switch {
	case clientID != d.Client.ClientID:
		oauthError(w, c, http.StatusBadRequest, "invalid_client")
		return
	case d.Client.ClientSecret != "" && secret != d.Client.ClientSecret:
		oauthError(w, c, http.StatusBadRequest, "invalid_client")
		return
	case d.Client.ClientSecret == "" && (basic || sentSecret):
		// A public client has no secret to check: one sent anyway (IGV 2.16 sends "null") is refused.
		oauthError(w, c, http.StatusBadRequest, "invalid_client")
		return
	}

	switch form.Get("grant_type") {
	case "authorization_code":
		d.redeemCode(w, c, form.Get("code"), form.Get("redirect_uri"), form.Get("code_verifier"))
	case "refresh_token":
		d.redeemRefresh(w, c, form.Get("refresh_token"))
	case "":
		oauthError(w, c, http.StatusBadRequest, "invalid_request")
	default:
		oauthError(w, c, http.StatusBadRequest, "unsupported_grant_type")
	}
}

func (d *Deployment) redeemCode(w http.ResponseWriter, c *Call, id, redirectURI, verifier string) {
	d.mu.Lock()
	code := d.codes[id]
	delete(d.codes, id) // a code is good once, whatever happens next
	d.mu.Unlock()
	now := d.now()
	switch {
	case code == nil || code.clientID != d.Client.ClientID || !now.Before(code.expires):
		oauthError(w, c, http.StatusBadRequest, "invalid_grant")
		return
	case redirectURI != code.redirectURI:
		// Cognito's (misleading) answer to a redirect_uri that differs from the authorize request's.
		oauthError(w, c, http.StatusBadRequest, "unauthorized_client")
		return
	case code.challenge != "" && (verifier == "" || pkceS256(verifier) != code.challenge):
		oauthError(w, c, http.StatusBadRequest, "invalid_grant")
		return
	}
	user, ok := d.Users[code.email]
	if !ok || user.Disabled {
		oauthError(w, c, http.StatusBadRequest, "invalid_grant")
		return
	}
	refresh := "eyJjdHkiOiJKV1QiLCJlbmMiOiJBMjU2R0NNIiwiYWxnIjoiUlNBLU9BRVAifQ." + randomToken(342, mixedAlnum)
	d.mu.Lock()
	if d.refresh == nil {
		d.refresh = map[string]*refreshGrant{}
	}
	d.refresh[refresh] = &refreshGrant{
		clientID: code.clientID, email: code.email, scopes: code.scopes, authTime: code.authTime,
		expires: now.Add(validity(d.Client.RefreshTokenValidity, d.Client.TokenValidityUnits.RefreshToken)),
	}
	d.mu.Unlock()
	d.answerTokens(w, c, user, code.scopes, code.nonce, code.authTime, refresh)
}

func (d *Deployment) redeemRefresh(w http.ResponseWriter, c *Call, token string) {
	d.mu.Lock()
	grant := d.refresh[token]
	d.mu.Unlock()
	if grant == nil || grant.clientID != d.Client.ClientID || !d.now().Before(grant.expires) {
		oauthError(w, c, http.StatusBadRequest, "invalid_grant")
		return
	}
	user, ok := d.Users[grant.email]
	if !ok || user.Disabled {
		oauthError(w, c, http.StatusBadRequest, "invalid_grant")
		return
	}
	// A refresh gives new id and access tokens, but no new refresh token.
	d.answerTokens(w, c, user, grant.scopes, "", grant.authTime, "")
}

func (d *Deployment) answerTokens(w http.ResponseWriter, c *Call, user User, scopes []string, nonce string,
	authTime time.Time, refresh string) {
	idToken, access, expiresIn, err := d.issueTokens(user, scopes, nonce, authTime)
	if err != nil {
		oauthError(w, c, http.StatusInternalServerError, "server_error")
		return
	}
	body := map[string]any{"access_token": access, "expires_in": expiresIn, "token_type": "Bearer"}
	if idToken != "" {
		body["id_token"] = idToken
	}
	if refresh != "" {
		body["refresh_token"] = refresh
	}
	w.Header().Set("Content-Type", "application/json;charset=UTF-8")
	w.Header().Set("Cache-Control", "no-cache, no-store, max-age=0, must-revalidate")
	_ = json.NewEncoder(w).Encode(body)
}

// issueTokens signs the user's id token (only with the openid scope, and with only the attributes
// the client may read) and access token.
func (d *Deployment) issueTokens(user User, scopes []string, nonce string, authTime time.Time) (idToken, access string, expiresIn int, err error) {
	now := d.now()
	idExp := now.Add(validity(d.Client.IDTokenValidity, d.Client.TokenValidityUnits.IDToken))
	accessLife := validity(d.Client.AccessTokenValidity, d.Client.TokenValidityUnits.AccessToken)
	origin, event := randomUUID(), randomUUID()
	if slices.Contains(scopes, "openid") {
		claims := map[string]any{
			"sub": user.Sub, "iss": d.issuer(), "aud": d.Client.ClientID, "token_use": "id",
			"cognito:username": user.Sub, "auth_time": authTime.Unix(), "iat": now.Unix(), "exp": idExp.Unix(),
			"jti": randomUUID(), "origin_jti": origin, "event_id": event,
		}
		for _, attr := range d.Client.ReadAttributes {
			v, ok := user.Attributes[attr]
			if !ok || attr == "sub" {
				continue
			}
			if strings.HasSuffix(attr, "_verified") {
				claims[attr] = v == "true" // Cognito writes verification flags as booleans
			} else {
				claims[attr] = v
			}
		}
		if nonce != "" {
			claims["nonce"] = nonce
		}
		if idToken, err = d.SignJWT(claims); err != nil {
			return "", "", 0, err
		}
	}
	access, err = d.SignJWT(map[string]any{
		"sub": user.Sub, "iss": d.issuer(), "client_id": d.Client.ClientID, "token_use": "access",
		"scope": strings.Join(scopes, " "), "auth_time": authTime.Unix(), "iat": now.Unix(),
		"exp": now.Add(accessLife).Unix(), "jti": randomUUID(), "origin_jti": origin, "event_id": event,
		"username": user.Sub,
	})
	if err != nil {
		return "", "", 0, err
	}
	return idToken, access, int(accessLife / time.Second), nil
}

// IDToken issues the id token the hosted UI would give the user (by email) after a login, for tests
// that start after the browser part.
func (d *Deployment) IDToken(email string) (string, error) {
	user, ok := d.Users[strings.ToLower(email)]
	if !ok {
		return "", fmt.Errorf("standin: no user %s", email)
	}
	id, _, _, err := d.issueTokens(user, []string{"openid", "email"}, "", d.now())
	return id, err
}

// userInfo answers GET /oauth2/userInfo for a bearer access token with the user's readable attributes.
func (d *Deployment) userInfo(w http.ResponseWriter, r *http.Request, c *Call) {
	bearer, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	claims, err := d.verifyJWT(bearer)
	if !ok || err != nil || claimString(claims, "token_use") != "access" || claimString(claims, "iss") != d.issuer() {
		w.Header().Set("WWW-Authenticate", `Bearer error="invalid_token"`)
		oauthError(w, c, http.StatusUnauthorized, "invalid_token")
		return
	}
	if exp, _ := claimTime(claims, "exp"); d.now().Unix() >= exp {
		w.Header().Set("WWW-Authenticate", `Bearer error="invalid_token", error_description="Access token is expired"`)
		oauthError(w, c, http.StatusUnauthorized, "invalid_token")
		return
	}
	body := map[string]any{"sub": claimString(claims, "sub"), "username": claimString(claims, "username")}
	for _, u := range d.Users {
		if u.Sub != claimString(claims, "sub") {
			continue
		}
		for _, attr := range d.Client.ReadAttributes {
			if v, ok := u.Attributes[attr]; ok {
				body[attr] = v
			}
		}
	}
	w.Header().Set("Content-Type", "application/json;charset=UTF-8")
	_ = json.NewEncoder(w).Encode(body)
}

func randomUUID() string {
	return randomToken(8, hexDigits) + "-" + randomToken(4, hexDigits) + "-4" + randomToken(3, hexDigits) + "-a" +
		randomToken(3, hexDigits) + "-" + randomToken(12, hexDigits)
}
