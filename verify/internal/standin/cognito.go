package standin

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// The user pool's service endpoint, cognito-idp.REGION.amazonaws.com: its OpenID discovery
// document and keys, and the admin's DescribeUserPool, DescribeUserPoolClient and
// DescribeUserPoolDomain.

const idpService = "AWSCognitoIdentityProviderService"

// created is when the stand-in says every resource was created: a fixed time keeps answers stable.
var created = time.Date(2026, 1, 5, 9, 30, 0, 0, time.UTC)

// issuer is the user pool's token issuer, which IGV turns into the identity pool's Logins key.
func (d *Deployment) issuer() string {
	return fmt.Sprintf("https://cognito-idp.%s.amazonaws.com/%s", d.Region, d.UserPool.ID)
}

// domainPrefix is the user pool domain as DescribeUserPool names it: the prefix of a Cognito domain,
// or "" with custom set for a custom domain.
func (d *Deployment) domainPrefix() (prefix, custom string) {
	if p, ok := strings.CutSuffix(d.UserPool.Domain, ".auth."+d.Region+".amazoncognito.com"); ok {
		return p, ""
	}
	return "", d.UserPool.Domain
}

func (d *Deployment) serveCognitoIDP(w http.ResponseWriter, r *http.Request, c *Call) {
	if r.Method == http.MethodGet {
		d.serveDiscovery(w, r, c)
		return
	}
	var in struct {
		UserPoolID string `json:"UserPoolId"`
		ClientID   string `json:"ClientId"`
		Domain     string `json:"Domain"`
	}
	op, err := readJSON(r, idpService, &in)
	c.Operation = op
	if err != nil {
		jsonError(w, c, http.StatusBadRequest, "SerializationException", err.Error())
		return
	}
	for name, v := range map[string]string{"UserPoolId": in.UserPoolID, "ClientId": in.ClientID, "Domain": in.Domain} {
		if v != "" {
			c.param(name, v)
		}
	}
	who, problem := d.caller(r)
	c.AccessKeyID = who.cred.keyID
	if problem != credentialOK {
		jsonCredentialError(w, c, problem)
		return
	}
	if who.kind == anonymous {
		jsonError(w, c, http.StatusBadRequest, "MissingAuthenticationTokenException", "Missing Authentication Token")
		return
	}
	resource := d.UserPool.ARN
	if op == "DescribeUserPoolDomain" {
		resource = "*" // the action has no resource-level permission
	}
	if !d.allowCall(w, c, who, "cognito-idp:"+op, resource, jsonDenied) {
		return
	}
	switch op {
	case "DescribeUserPool":
		if in.UserPoolID != d.UserPool.ID {
			jsonError(w, c, http.StatusBadRequest, "ResourceNotFoundException", fmt.Sprintf("User pool %s does not exist.", in.UserPoolID))
			return
		}
		writeJSON(w, map[string]any{"UserPool": d.describeUserPool()})
	case "DescribeUserPoolClient":
		if in.UserPoolID != d.UserPool.ID {
			jsonError(w, c, http.StatusBadRequest, "ResourceNotFoundException", fmt.Sprintf("User pool %s does not exist.", in.UserPoolID))
			return
		}
		if in.ClientID != d.Client.ClientID {
			jsonError(w, c, http.StatusBadRequest, "ResourceNotFoundException", fmt.Sprintf("User pool client %s does not exist.", in.ClientID))
			return
		}
		writeJSON(w, map[string]any{"UserPoolClient": d.describeClient()})
	case "DescribeUserPoolDomain":
		writeJSON(w, map[string]any{"DomainDescription": d.describeDomain(in.Domain)})
	default:
		jsonError(w, c, http.StatusBadRequest, "UnknownOperationException", "")
	}
}

// serveDiscovery answers GET /POOLID/.well-known/openid-configuration and jwks.json.
func (d *Deployment) serveDiscovery(w http.ResponseWriter, r *http.Request, c *Call) {
	pool, doc, _ := strings.Cut(strings.TrimPrefix(r.URL.Path, "/"), "/")
	var body any
	switch {
	case pool != d.UserPool.ID:
	case doc == ".well-known/openid-configuration":
		c.Operation = "OpenIDConfiguration"
		body = d.discovery()
	case doc == ".well-known/jwks.json":
		c.Operation = "JWKS"
		body = d.jwks()
	}
	if body == nil {
		c.Error = "ResourceNotFoundException"
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusNotFound)
		_ = json.NewEncoder(w).Encode(map[string]string{
			"code": "ResourceNotFoundException", "message": fmt.Sprintf("User pool %s does not exist.", pool)})
		return
	}
	w.Header().Set("Content-Type", "application/json;charset=UTF-8")
	_ = json.NewEncoder(w).Encode(body)
}

// discovery is the user pool's OpenID configuration in Cognito's shape: the issuer on cognito-idp,
// the OAuth endpoints on the hosted-UI domain (absent when the pool has no domain).
func (d *Deployment) discovery() map[string]any {
	doc := map[string]any{
		"issuer":                                d.issuer(),
		"jwks_uri":                              d.issuer() + "/.well-known/jwks.json",
		"id_token_signing_alg_values_supported": []string{"RS256"},
		"response_types_supported":              []string{"code", "token"},
		"scopes_supported":                      []string{"openid", "email", "phone", "profile"},
		"subject_types_supported":               []string{"public"},
		"token_endpoint_auth_methods_supported": []string{"client_secret_basic", "client_secret_post"},
	}
	if d.UserPool.Domain != "" {
		base := "https://" + d.UserPool.Domain
		doc["authorization_endpoint"] = base + "/oauth2/authorize"
		doc["token_endpoint"] = base + "/oauth2/token"
		doc["userinfo_endpoint"] = base + "/oauth2/userInfo"
		doc["revocation_endpoint"] = base + "/oauth2/revoke"
		doc["end_session_endpoint"] = base + "/logout"
	}
	return doc
}

func (d *Deployment) describeUserPool() map[string]any {
	p := d.UserPool
	pool := map[string]any{
		"Id":   p.ID,
		"Name": p.Name,
		"Arn":  p.ARN,
		"Policies": map[string]any{"PasswordPolicy": map[string]any{
			"MinimumLength":                 p.PasswordPolicy.MinimumLength,
			"RequireLowercase":              p.PasswordPolicy.RequireLowercase,
			"RequireUppercase":              p.PasswordPolicy.RequireUppercase,
			"RequireNumbers":                p.PasswordPolicy.RequireNumbers,
			"RequireSymbols":                p.PasswordPolicy.RequireSymbols,
			"TemporaryPasswordValidityDays": p.PasswordPolicy.TemporaryPasswordValidityDays,
		}},
		"DeletionProtection":     p.DeletionProtection,
		"MfaConfiguration":       p.MFA,
		"AdminCreateUserConfig":  map[string]any{"AllowAdminCreateUserOnly": p.AdminCreateUserOnly, "UnusedAccountValidityDays": 7},
		"UsernameAttributes":     nonNil(p.UsernameAttributes),
		"AutoVerifiedAttributes": nonNil(p.AutoVerifiedAttributes),
		"UserPoolAddOns":         map[string]any{"AdvancedSecurityMode": p.AdvancedSecurityMode},
		"UsernameConfiguration":  map[string]any{"CaseSensitive": false},
		"EstimatedNumberOfUsers": len(d.Users),
		"CreationDate":           created.Unix(),
		"LastModifiedDate":       created.Unix(),
		"UserPoolTags":           p.Tags,
	}
	if p.Tier != "" {
		pool["UserPoolTier"] = p.Tier
	}
	if prefix, custom := d.domainPrefix(); prefix != "" {
		pool["Domain"] = prefix
	} else if custom != "" {
		pool["CustomDomain"] = custom
	}
	return pool
}

func (d *Deployment) describeClient() map[string]any {
	c := d.Client
	client := map[string]any{
		"UserPoolId":                      d.UserPool.ID,
		"ClientName":                      c.ClientName,
		"ClientId":                        c.ClientID,
		"AllowedOAuthFlows":               nonNil(c.AllowedOAuthFlows),
		"AllowedOAuthScopes":              nonNil(c.AllowedOAuthScopes),
		"AllowedOAuthFlowsUserPoolClient": c.AllowedOAuthFlowsUserPoolClient,
		"CallbackURLs":                    nonNil(c.CallbackURLs),
		"SupportedIdentityProviders":      nonNil(c.SupportedIdentityProviders),
		"ReadAttributes":                  nonNil(c.ReadAttributes),
		"WriteAttributes":                 nonNil(c.WriteAttributes),
		"ExplicitAuthFlows":               nonNil(c.ExplicitAuthFlows),
		"EnableTokenRevocation":           c.EnableTokenRevocation,
		"AccessTokenValidity":             c.AccessTokenValidity,
		"IdTokenValidity":                 c.IDTokenValidity,
		"RefreshTokenValidity":            c.RefreshTokenValidity,
		"TokenValidityUnits": map[string]string{
			"AccessToken": c.TokenValidityUnits.AccessToken, "IdToken": c.TokenValidityUnits.IDToken,
			"RefreshToken": c.TokenValidityUnits.RefreshToken,
		},
		"AuthSessionValidity": 3,
		"CreationDate":        created.Unix(),
		"LastModifiedDate":    created.Unix(),
	}
	// Cognito leaves out what is not set.
	if c.ClientSecret != "" {
		client["ClientSecret"] = c.ClientSecret
	}
	if len(c.LogoutURLs) > 0 {
		client["LogoutURLs"] = c.LogoutURLs
	}
	if c.PreventUserExistenceErrors != "" {
		client["PreventUserExistenceErrors"] = c.PreventUserExistenceErrors
	}
	return client
}

func (d *Deployment) describeDomain(domain string) map[string]any {
	prefix, custom := d.domainPrefix()
	if domain == "" || (domain != prefix && domain != custom) {
		return map[string]any{}
	}
	return map[string]any{
		"UserPoolId":             d.UserPool.ID,
		"AWSAccountId":           d.AccountID,
		"Domain":                 domain,
		"CloudFrontDistribution": "d" + strings.ToLower(randomTokenFrom(d.UserPool.ID, 13)) + ".cloudfront.net",
		"Version":                "20260105093000",
		"Status":                 "ACTIVE",
	}
}

// randomTokenFrom is a stable token derived from a seed, for ids that must not change between calls.
func randomTokenFrom(seed string, n int) string {
	if seed == "" {
		seed = "0"
	}
	out := make([]byte, n)
	for i := range out {
		out[i] = upperAlnum[(int(seed[i%len(seed)])+i*7)%len(upperAlnum)]
	}
	return string(out)
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
