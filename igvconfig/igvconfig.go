// Package igvconfig renders oauth-config.json, the file IGV desktop downloads from its "OAuth
// provisioning URL" to learn how to log in through Cognito and which role to assume
// (igv-contract.md, sections 1 and 2). Rendering is a pure function: the same values always give
// the same bytes, plain and gzipped.
package igvconfig

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"
)

// Object names under which the config is published. IGV before 2.15 gunzips only URLs ending in "gz",
// so the provisioning URL points at the gzipped one; the plain one is for people and for curl.
const (
	GzipObject  = "oauth-config.json.gz"
	PlainObject = "oauth-config.json"
)

// Copy is one published copy of the config, for one of IGV's callback ports (and, with access tiers,
// one tier). IGV uses only redirect_uris[0] (OAuthProvider, 2.17 to 3.0), so a user whose IGV listens
// on another port needs a config whose first redirect URI names that port: one file per port, each with
// its own URL.
type Copy struct {
	Port int
	// Tier is the access tier whose client, identity pool and role the copy names; "" without tiers.
	Tier string
	// Dir is where the copy's two objects live: "" for the first port (the stack's provisioningUrl),
	// "port-PORT/" for every further port; with tiers under "TIER/".
	Dir string
	// Key names the copy in the output provisioningUrls: the port; with tiers the tier for the first
	// port, "TIER:PORT" for every further one.
	Key string
}

// Plain and Gzip are the copy's object keys.
func (c Copy) Plain() string { return c.Dir + PlainObject }
func (c Copy) Gzip() string  { return c.Dir + GzipObject }

// CopiesFor lists the copies for IGV's callback ports, the first port first.
func CopiesFor(ports []int) []Copy {
	out := make([]Copy, len(ports))
	for i, p := range ports {
		out[i] = Copy{Port: p, Key: fmt.Sprint(p)}
		if i > 0 {
			out[i].Dir = fmt.Sprintf("port-%d/", p)
		}
	}
	return out
}

// TierCopies lists the copies of every tier, each tier's callback ports in order: TIER/oauth-config.json.gz
// for the first port, TIER/port-PORT/... for the others. No copy lies outside a tier's folder.
func TierCopies(ports []int, tiers []string) []Copy {
	var out []Copy
	for _, t := range tiers {
		for i, c := range CopiesFor(ports) {
			c.Tier, c.Dir = t, t+"/"+c.Dir
			c.Key = t
			if i > 0 {
				c.Key = fmt.Sprintf("%s:%d", t, c.Port)
			}
			out = append(out, c)
		}
	}
	return out
}

// Scopes are the OAuth scopes IGV asks for: openid and email are required (the id token's email becomes
// the STS session name). profile is asked for by convention; the app client lets it read only the email,
// so the id token carries no names either way.
var Scopes = []string{"email", "openid", "profile"}

// Values are what the stack knows after deployment.
type Values struct {
	Region string
	// HostedUIDomain is the Cognito hosted-UI host, "<prefix>.auth.<region>.amazoncognito.com".
	HostedUIDomain string
	ClientID       string
	// ClientSecret is written only when non-empty (IGV 2.16 needs one; 2.17+ uses PKCE).
	ClientSecret   string
	RedirectURIs   []string
	IdentityPoolID string
	RoleARN        string
	UserPoolID     string
}

// File is oauth-config.json. Field order is the order of the file; omitempty only where the
// contract allows a key to be absent. There is deliberately no "hosts" field: IGV would send the
// Cognito access token as a Bearer header to every host listed there.
type File struct {
	AuthProvider          string   `json:"auth_provider"`
	ClientID              string   `json:"client_id"`
	ClientSecret          string   `json:"client_secret,omitempty"`
	AuthorizationEndpoint string   `json:"authorization_endpoint"`
	TokenEndpoint         string   `json:"token_endpoint"`
	RedirectURIs          []string `json:"redirect_uris"`
	Scope                 string   `json:"scope"`
	AWSRegion             string   `json:"aws_region"`
	AWSCognitoFedPoolID   string   `json:"aws_cognito_fed_pool_id"`
	AWSCognitoRoleARN     string   `json:"aws_cognito_role_arn"`
	AWSCognitoPoolID      string   `json:"aws_cognito_pool_id"`
}

// New builds the file's content from the stack's values.
func New(v Values) (File, error) {
	var missing []string
	for name, val := range map[string]string{
		"Region": v.Region, "HostedUIDomain": v.HostedUIDomain, "ClientID": v.ClientID,
		"IdentityPoolID": v.IdentityPoolID, "RoleARN": v.RoleARN, "UserPoolID": v.UserPoolID,
	} {
		if val == "" {
			missing = append(missing, name)
		}
	}
	if len(v.RedirectURIs) == 0 {
		missing = append(missing, "RedirectURIs")
	}
	if len(missing) > 0 {
		slices.Sort(missing)
		return File{}, fmt.Errorf("oauth-config.json needs %s", strings.Join(missing, ", "))
	}
	base := "https://" + v.HostedUIDomain + "/oauth2/"
	return File{
		AuthProvider:          "Amazon",
		ClientID:              v.ClientID,
		ClientSecret:          v.ClientSecret,
		AuthorizationEndpoint: base + "authorize",
		TokenEndpoint:         base + "token",
		RedirectURIs:          append([]string(nil), v.RedirectURIs...),
		Scope:                 EncodeScope(Scopes),
		AWSRegion:             v.Region,
		AWSCognitoFedPoolID:   v.IdentityPoolID,
		AWSCognitoRoleARN:     v.RoleARN,
		AWSCognitoPoolID:      v.UserPoolID,
	}, nil
}

// EncodeScope joins scopes the way IGV needs them: IGV appends the value to the authorize URL
// verbatim, so spaces must already be percent-encoded ("email%20openid%20profile").
func EncodeScope(scopes []string) string {
	parts := make([]string, len(scopes))
	for i, s := range scopes {
		parts[i] = url.PathEscape(s)
	}
	return strings.Join(parts, "%20")
}

// Render returns oauth-config.json: indented for people, with a final newline.
func Render(v Values) ([]byte, error) {
	f, err := New(v)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(f); err != nil {
		return nil, fmt.Errorf("encode oauth-config.json: %w", err)
	}
	return buf.Bytes(), nil
}

// Gzip compresses deterministically: no file name, no modification time, fixed level. IGV 2.15+
// recognises the result by its magic bytes 1f 8b.
func Gzip(b []byte) ([]byte, error) {
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	if _, err := zw.Write(b); err != nil {
		return nil, fmt.Errorf("gzip oauth-config.json: %w", err)
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("gzip oauth-config.json: %w", err)
	}
	return buf.Bytes(), nil
}

// Parse reads an oauth-config.json, gunzipping it first when it starts with the gzip magic bytes,
// as IGV 2.15+ does. It rejects unknown keys, so a stray "hosts" is caught.
func Parse(b []byte) (File, error) {
	if bytes.HasPrefix(b, []byte{0x1f, 0x8b}) {
		zr, err := gzip.NewReader(bytes.NewReader(b))
		if err != nil {
			return File{}, fmt.Errorf("gunzip oauth-config: %w", err)
		}
		var plain bytes.Buffer
		if _, err := plain.ReadFrom(zr); err != nil {
			return File{}, fmt.Errorf("gunzip oauth-config: %w", err)
		}
		b = plain.Bytes()
	}
	var f File
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return File{}, fmt.Errorf("parse oauth-config: %w", err)
	}
	if dec.More() {
		return File{}, errors.New("parse oauth-config: IGV 2.16 accepts exactly one JSON object")
	}
	return f, nil
}
