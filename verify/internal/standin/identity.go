package standin

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"sort"
	"strings"
	"time"

	"igv-aws-backend/policies/iamsim"
)

// Cognito Identity: the identity pool's GetId and GetOpenIdToken (classic flow, unsigned, as IGV
// calls them) and the admin's DescribeIdentityPool and GetIdentityPoolRoles.

const identityService = "AWSCognitoIdentityService"

// openIDTokenLifetime is how long GetOpenIdToken's token is valid: Cognito's default of 10 minutes.
const openIDTokenLifetime = 10 * time.Minute

// identity is a Cognito identity of the pool.
type identity struct {
	id, poolID string
	// provider and sub name the login the identity belongs to; "" for a guest identity.
	provider, sub string
}

// The messages IGV users see when the identity pool and the config disagree (igv-contract.md, 4).
const (
	msgUnauthenticated = "Unauthenticated access is not supported for this identity pool."
	msgNotSupported    = "Token is not from a supported provider of this identity pool."
	msgClassicFlow     = "Basic (classic) flow is not enabled, please use enhanced flow."
	msgLoginsMismatch  = "Logins don't match. Please include at least one valid login for this identity or identity pool."
)

func (d *Deployment) serveCognitoIdentity(w http.ResponseWriter, r *http.Request, c *Call) {
	var in struct {
		IdentityPoolID string            `json:"IdentityPoolId"`
		IdentityID     string            `json:"IdentityId"`
		Logins         map[string]string `json:"Logins"`
	}
	op, err := readJSON(r, identityService, &in)
	c.Operation = op
	if err != nil {
		jsonError(w, c, http.StatusBadRequest, "SerializationException", err.Error())
		return
	}
	if in.IdentityPoolID != "" {
		c.param("IdentityPoolId", in.IdentityPoolID)
	}
	if in.IdentityID != "" {
		c.param("IdentityId", in.IdentityID)
	}
	logins := make([]string, 0, len(in.Logins))
	for k := range in.Logins {
		logins = append(logins, k)
	}
	sort.Strings(logins)
	if len(logins) > 0 {
		c.param("Logins", logins...)
	}

	switch op {
	case "GetId":
		d.getID(w, in.IdentityPoolID, in.Logins, c)
	case "GetOpenIdToken":
		d.getOpenIDToken(w, in.IdentityID, in.Logins, c)
	case "DescribeIdentityPool", "GetIdentityPoolRoles":
		if !d.identityAdmin(w, r, c, op, in.IdentityPoolID) {
			return
		}
		if op == "DescribeIdentityPool" {
			d.describeIdentityPool(w)
		} else {
			d.getIdentityPoolRoles(w)
		}
	default:
		jsonError(w, c, http.StatusBadRequest, "UnknownOperationException", "")
	}
}

func (d *Deployment) identityPoolARN() string {
	return fmt.Sprintf("arn:aws:cognito-identity:%s:%s:identitypool/%s", d.Region, d.AccountID, d.IdentityPool.ID)
}

// identityAdmin checks a signed administrative call and that it names the pool.
func (d *Deployment) identityAdmin(w http.ResponseWriter, r *http.Request, c *Call, op, poolID string) bool {
	who, problem := d.caller(r)
	c.AccessKeyID = who.cred.keyID
	if problem != credentialOK {
		jsonCredentialError(w, c, problem)
		return false
	}
	if who.kind == anonymous {
		jsonError(w, c, http.StatusBadRequest, "MissingAuthenticationTokenException", "Missing Authentication Token")
		return false
	}
	if !d.allowCall(w, c, who, "cognito-identity:"+op, d.identityPoolARN(), jsonDenied) {
		return false
	}
	if poolID != d.IdentityPool.ID {
		jsonError(w, c, http.StatusBadRequest, "ResourceNotFoundException", fmt.Sprintf("IdentityPool '%s' not found.", poolID))
		return false
	}
	return true
}

// checkLogins validates the Logins of a GetId or GetOpenIdToken call as Cognito does: each key must
// be a provider the pool lists, and its token an unexpired id token that provider issued for the
// client id the pool lists. It returns the provider and subject of the first login.
func (d *Deployment) checkLogins(logins map[string]string) (provider, sub, msg string) {
	keys := make([]string, 0, len(logins))
	for k := range logins {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, key := range keys {
		var listed *Provider
		for i, p := range d.IdentityPool.Providers {
			if p.ProviderName == key {
				listed = &d.IdentityPool.Providers[i]
			}
		}
		if listed == nil {
			return "", "", msgNotSupported
		}
		claims, err := d.verifyJWT(logins[key])
		if err == errNotJWT {
			return "", "", "Invalid login token. Not a valid OpenId Connect identity token."
		}
		if claimString(claims, "iss") != "https://"+key {
			return "", "", "Invalid login token. Issuer doesn't match providerName"
		}
		if err != nil {
			return "", "", "Invalid login token. Couldn't verify signed token."
		}
		now := d.now().Unix()
		if exp, ok := claimTime(claims, "exp"); !ok || now >= exp {
			return "", "", fmt.Sprintf("Invalid login token. Token expired: %d >= %d", now, exp)
		}
		aud := claimStrings(claims, "aud")
		if len(aud) == 0 {
			// An access token has client_id, not aud: Cognito Identity takes id tokens only.
			return "", "", "Invalid login token. Missing a required claim: aud"
		}
		if aud[0] != listed.ClientID {
			return "", "", msgNotSupported
		}
		if listed.ServerSideTokenCheck && !d.userActive(claimString(claims, "sub")) {
			// The server-side check asks the user pool, which no longer accepts this user's tokens.
			return "", "", "Invalid login token. Token is not valid for this user pool."
		}
		if provider == "" {
			provider, sub = key, claimString(claims, "sub")
		}
	}
	return provider, sub, ""
}

// userActive tells whether the user pool has an enabled user with this sub.
func (d *Deployment) userActive(sub string) bool {
	for _, u := range d.Users {
		if u.Sub == sub {
			return !u.Disabled
		}
	}
	return false
}

// identityID is the pool's identity for a login: the same every time the same user signs in.
func (d *Deployment) identityID(provider, sub string) string {
	sum := sha256.Sum256([]byte(d.IdentityPool.ID + "|" + provider + "|" + sub))
	h := hex.EncodeToString(sum[:16])
	region, _, _ := strings.Cut(d.IdentityPool.ID, ":")
	return fmt.Sprintf("%s:%s-%s-4%s-a%s-%s", region, h[0:8], h[8:12], h[13:16], h[17:20], h[20:32])
}

func (d *Deployment) getID(w http.ResponseWriter, poolID string, logins map[string]string, c *Call) {
	if poolID != d.IdentityPool.ID {
		jsonError(w, c, http.StatusBadRequest, "ResourceNotFoundException", fmt.Sprintf("IdentityPool '%s' not found.", poolID))
		return
	}
	id := &identity{poolID: poolID}
	if len(logins) == 0 {
		if !d.IdentityPool.AllowUnauthenticatedIdentities {
			jsonError(w, c, http.StatusBadRequest, "NotAuthorizedException", msgUnauthenticated)
			return
		}
		region, _, _ := strings.Cut(poolID, ":")
		id.id = region + ":" + randomToken(8, hexDigits) + "-0000-4000-a000-" + randomToken(12, hexDigits)
	} else {
		provider, sub, msg := d.checkLogins(logins)
		if msg != "" {
			jsonError(w, c, http.StatusBadRequest, "NotAuthorizedException", msg)
			return
		}
		id.provider, id.sub, id.id = provider, sub, d.identityID(provider, sub)
	}
	d.mu.Lock()
	if d.identities == nil {
		d.identities = map[string]*identity{}
	}
	d.identities[id.id] = id
	d.mu.Unlock()
	writeJSON(w, map[string]string{"IdentityId": id.id})
}

func (d *Deployment) getOpenIDToken(w http.ResponseWriter, identityID string, logins map[string]string, c *Call) {
	d.mu.Lock()
	id := d.identities[identityID]
	d.mu.Unlock()
	if id == nil || id.poolID != d.IdentityPool.ID {
		jsonError(w, c, http.StatusBadRequest, "ResourceNotFoundException", fmt.Sprintf("Identity '%s' not found.", identityID))
		return
	}
	if !d.IdentityPool.AllowClassicFlow {
		jsonError(w, c, http.StatusBadRequest, "InvalidParameterException", msgClassicFlow)
		return
	}
	amr := []string{"unauthenticated"}
	if id.provider != "" {
		if len(logins) == 0 {
			jsonError(w, c, http.StatusBadRequest, "NotAuthorizedException", msgLoginsMismatch)
			return
		}
		provider, sub, msg := d.checkLogins(logins)
		if msg != "" {
			jsonError(w, c, http.StatusBadRequest, "NotAuthorizedException", msg)
			return
		}
		if d.identityID(provider, sub) != id.id {
			jsonError(w, c, http.StatusBadRequest, "NotAuthorizedException", msgLoginsMismatch)
			return
		}
		amr = []string{"authenticated", provider, provider + ":CognitoSignIn:" + sub}
	} else if !d.IdentityPool.AllowUnauthenticatedIdentities {
		jsonError(w, c, http.StatusBadRequest, "NotAuthorizedException", msgUnauthenticated)
		return
	}
	now := d.now()
	token, err := d.SignJWT(map[string]any{
		"iss": identityIssuer, "sub": id.id, "aud": d.IdentityPool.ID, "amr": amr,
		"iat": now.Unix(), "exp": now.Add(openIDTokenLifetime).Unix(),
		identityIssuer + "/identity-pool-arn": d.identityPoolARN(),
	})
	if err != nil {
		jsonError(w, c, http.StatusInternalServerError, "InternalErrorException", err.Error())
		return
	}
	writeJSON(w, map[string]string{"IdentityId": id.id, "Token": token})
}

func (d *Deployment) describeIdentityPool(w http.ResponseWriter) {
	type provider struct {
		ProviderName         string
		ClientID             string `json:"ClientId"`
		ServerSideTokenCheck bool
	}
	providers := []provider{}
	for _, p := range d.IdentityPool.Providers {
		providers = append(providers, provider(p))
	}
	writeJSON(w, map[string]any{
		"IdentityPoolId":                 d.IdentityPool.ID,
		"IdentityPoolName":               d.IdentityPool.Name,
		"AllowUnauthenticatedIdentities": d.IdentityPool.AllowUnauthenticatedIdentities,
		"AllowClassicFlow":               d.IdentityPool.AllowClassicFlow,
		"CognitoIdentityProviders":       providers,
		"IdentityPoolTags":               d.IdentityPool.Tags,
	})
}

func (d *Deployment) getIdentityPoolRoles(w http.ResponseWriter) {
	writeJSON(w, map[string]any{
		"IdentityPoolId": d.IdentityPool.ID,
		"Roles":          d.IdentityPool.Roles,
	})
}

// deniedWriter answers AccessDenied in a service's protocol.
type deniedWriter func(w http.ResponseWriter, c *Call, message string)

func jsonDenied(w http.ResponseWriter, c *Call, message string) {
	jsonError(w, c, http.StatusBadRequest, "AccessDeniedException", message)
}

// allowCall authorizes an administrative call: the admin key may make every read-only call it is
// given, an IGV user's session what its role's policies allow.
func (d *Deployment) allowCall(w http.ResponseWriter, c *Call, who caller, action, resource string, deny deniedWriter) bool {
	if who.kind != federated {
		return true
	}
	ev, err := d.authorizeSession(who.session, action, resource, nil, nil)
	if err != nil {
		deny(w, c, "standin: "+err.Error())
		return false
	}
	if ev.decision != iamsim.Allowed {
		deny(w, c, deniedMessage(who.arn(d), action, resource, ev))
		return false
	}
	return true
}
