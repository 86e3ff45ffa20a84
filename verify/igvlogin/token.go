package igvlogin

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
)

// Tokens is what the login obtained.
type Tokens struct {
	AccessToken, RefreshToken, IDToken string
	// ExpiresIn is expires_in as IGV reads it (a number, or a string holding one).
	ExpiresIn int
	// Email is the id token's email claim: IGV's STS RoleSessionName (AmazonUtils).
	Email string
	// Issuer is the id token's iss, e.g. https://cognito-idp.eu-west-2.amazonaws.com/eu-west-2_AbC;
	// LoginsKey(Issuer) is IGV's key in the Cognito Identity Logins map.
	Issuer string
}

// maxAnswer bounds how much of a token endpoint answer is read; real answers are a few kilobytes.
const maxAnswer = 1 << 20

// exchangeCode trades the authorization code for tokens as OAuthProvider.fetchAccessToken does (2.17 to
// 3.0), then reads the id token as AmazonUtils does.
func exchangeCode(ctx context.Context, client *http.Client, cfg Config, code, state, verifier string) (*Tokens, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, cfg.TokenEndpoint,
		strings.NewReader(tokenRequestBody(cfg, code, state, verifier)))
	if err != nil {
		return nil, fmt.Errorf("%w: token_endpoint %q: %w", ErrBadConfig, cfg.TokenEndpoint, err)
	}
	// HttpUtils.doPost sets this and the body; no Authorization header, so never HTTP Basic.
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("posting the code to the token endpoint: %w", err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxAnswer))
	if err != nil {
		return nil, fmt.Errorf("reading the token endpoint's answer: %w", err)
	}
	// IGV reads the body through HttpURLConnection.getInputStream, which throws for 4xx and 5xx: IGV then
	// logs only "Server returned HTTP response code"; the OAuth error is read here to say why.
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, refusal(resp.StatusCode, body)
	}
	return parseTokenAnswer(resp.StatusCode, body)
}

// tokenRequestBody is the form IGV posts. HttpUtils.doPost joins key=value pairs with "&" and encodes
// nothing, so values go raw, as here: a value holding "&", "+" or "%" would reach the server changed, as
// it does from IGV. IGV keeps the pairs in a HashMap, so its order differs; form order has no meaning.
// state is sent too (IGV does, though RFC 6749 does not ask for it); client_secret only when configured.
func tokenRequestBody(cfg Config, code, state, verifier string) string {
	pairs := []string{"code=" + code, "client_id=" + cfg.ClientID}
	if cfg.ClientSecret != "" {
		pairs = append(pairs, "client_secret="+cfg.ClientSecret)
	}
	pairs = append(pairs,
		"state="+state,
		"redirect_uri="+cfg.RedirectURI,
		"grant_type=authorization_code",
		"code_verifier="+verifier)
	return strings.Join(pairs, "&")
}

// refusal makes a TokenError from an error answer (RFC 6749 section 5.2), or from its text if it is not
// an OAuth error.
func refusal(status int, body []byte) error {
	var oauth struct {
		Error            string `json:"error"`
		ErrorDescription string `json:"error_description"`
	}
	if json.Unmarshal(body, &oauth) == nil && oauth.Error != "" {
		return &TokenError{Status: status, Code: oneLine(oauth.Error), Description: oneLine(oauth.ErrorDescription)}
	}
	return &TokenError{Status: status, Description: oneLine(string(body))}
}

// parseTokenAnswer reads a 2xx answer the way fetchAccessToken does: getString("access_token"),
// getString("refresh_token"), getInt("expires_in"), and the id token when present. A missing id token is
// named too: IGV then logs in but AmazonUtils cannot get AWS credentials.
func parseTokenAnswer(status int, body []byte) (*Tokens, error) {
	var answer map[string]json.RawMessage
	if err := json.Unmarshal(body, &answer); err != nil {
		return nil, &TokenError{Status: status, Description: "answer is not a JSON object: " + oneLine(string(body))}
	}
	var t Tokens
	var missing []string
	str := func(key string, dst *string) {
		raw, ok := answer[key]
		switch {
		case !ok || string(raw) == "null":
			missing = append(missing, key)
		case json.Unmarshal(raw, dst) != nil:
			missing = append(missing, key+" (not a string)")
		}
	}
	str("access_token", &t.AccessToken)
	str("refresh_token", &t.RefreshToken)
	if raw, ok := answer["expires_in"]; !ok || string(raw) == "null" {
		missing = append(missing, "expires_in")
	} else if n, ok := javaGetInt(raw); !ok {
		missing = append(missing, "expires_in (not a number)")
	} else {
		t.ExpiresIn = n
	}
	str("id_token", &t.IDToken)
	if len(missing) > 0 {
		return nil, &TokenError{Status: status, Missing: missing}
	}
	email, issuer, err := readIDToken(t.IDToken)
	if err != nil {
		return nil, err
	}
	t.Email, t.Issuer = email, issuer
	return &t, nil
}

// javaGetInt reads a JSON value as org.json's JSONObject.getInt does: a number (its fraction dropped)
// or a string holding one.
func javaGetInt(raw json.RawMessage) (int, bool) {
	var n json.Number
	if json.Unmarshal(raw, &n) != nil {
		return 0, false
	}
	if i, err := n.Int64(); err == nil {
		return int(i), true
	}
	if f, err := n.Float64(); err == nil {
		return int(f), true
	}
	return 0, false
}
