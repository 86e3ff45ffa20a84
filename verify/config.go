package verify

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"

	"igv-aws-backend/igvconfig"
)

// Config is oauth-config.json as IGV reads it (igvconfig.File: the type the stack renders). Decoding
// into it ignores keys IGV does not read; checkKeys looks at those separately.
type Config = igvconfig.File

// maxConfigBytes bounds what is read from the URL: the real file is under a kilobyte.
const maxConfigBytes = 1 << 20

// fetched is the config as served: its raw body and what it decoded to.
type fetched struct {
	body    []byte // after gunzip
	gzipped bool
	keys    map[string]json.RawMessage
	config  Config
}

// igvClient is c as IGV fetches the config: a plain GET, which sends no Accept-Encoding (IGV detects
// gzip by its magic bytes, not by Content-Encoding), and follows a redirect only within one protocol,
// as Java's HttpURLConnection does.
func igvClient(c *http.Client) *http.Client {
	out := *c
	if t, ok := c.Transport.(*http.Transport); ok {
		t = t.Clone()
		t.DisableCompression = true
		out.Transport = t
	} else if c.Transport == nil {
		t := http.DefaultTransport.(*http.Transport).Clone()
		t.DisableCompression = true
		out.Transport = t
	}
	out.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		if req.URL.Scheme != via[0].URL.Scheme {
			return fmt.Errorf("redirected from %s to %s: IGV does not follow a redirect across protocols", via[0].URL.Scheme, req.URL.Scheme)
		}
		if len(via) >= 5 {
			return errors.New("more than 5 redirects")
		}
		return nil
	}
	return &out
}

// fetchConfig GETs the provisioning URL and decodes it as IGV 2.15+ does.
func fetchConfig(ctx context.Context, c *http.Client, provisioningURL string) (*fetched, *problem) {
	const fix = "give IGV users the stack's provisioningUrl output (pulumi stack output provisioningUrl); if it is that URL, run pulumi up to republish the config"
	u, err := url.Parse(provisioningURL)
	if err != nil || u.Scheme != "https" || u.Host == "" {
		return nil, problemf(EntryConfigUnreadable, fix, "%q is not an https:// URL; IGV needs a public HTTPS URL (it does not accept s3:// URLs)", provisioningURL)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, provisioningURL, nil)
	if err != nil {
		return nil, problemf(EntryConfigUnreadable, fix, "%v", err)
	}
	resp, err := igvClient(c).Do(req)
	if err != nil {
		return nil, problemf(EntryConfigUnreadable, fix, "GET %s: %v", provisioningURL, err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, maxConfigBytes))
	if err != nil {
		return nil, problemf(EntryConfigUnreadable, fix, "reading %s: %v", provisioningURL, err)
	}
	// IGV checks no status: it would try to parse an error page as the config.
	if resp.StatusCode != http.StatusOK {
		return nil, problemf(EntryConfigUnreadable, fix, "GET %s answered %s (%s); IGV would parse that answer as its config", provisioningURL, resp.Status, snippet(raw))
	}
	f := &fetched{body: raw}
	if bytes.HasPrefix(raw, []byte{0x1f, 0x8b}) {
		zr, err := gzip.NewReader(bytes.NewReader(raw))
		if err == nil {
			f.body, err = io.ReadAll(io.LimitReader(zr, maxConfigBytes))
		}
		if err != nil {
			return nil, problemf(EntryConfigUnreadable, fix, "the body starts with gzip's magic bytes but does not gunzip: %v", err)
		}
		f.gzipped = true
	}
	trimmed := bytes.TrimSpace(f.body)
	if bytes.HasPrefix(trimmed, []byte("[")) {
		return nil, problemf(EntryConfigUnreadable, "publish one JSON object, as the stack does",
			"the config is a JSON array: IGV 2.16 accepts exactly one object, and 2.17+ keeps only the last Amazon provider of an array")
	}
	dec := json.NewDecoder(bytes.NewReader(trimmed))
	if err := dec.Decode(&f.keys); err != nil {
		return nil, problemf(EntryConfigUnreadable, fix, "the config is not a JSON object: %v (%s)", err, snippet(f.body))
	}
	if dec.More() {
		return nil, problemf(EntryConfigUnreadable, fix, "the config holds more than one JSON value; IGV reads exactly one object")
	}
	if err := json.Unmarshal(trimmed, &f.config); err != nil {
		return nil, problemf(EntryConfigUnreadable, fix, "a key of the config has the wrong type: %v", err)
	}
	return f, nil
}

func snippet(b []byte) string {
	s := strings.Join(strings.Fields(string(b)), " ")
	if len(s) > 120 {
		s = s[:120] + "..."
	}
	if s == "" {
		return "empty body"
	}
	return s
}

var (
	regionPattern       = regexp.MustCompile(`^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-[0-9]$`)
	identityPoolPattern = regexp.MustCompile(`^([a-z0-9-]+):[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)
	userPoolPattern     = regexp.MustCompile(`^([a-z0-9-]+)_[0-9A-Za-z]+$`)
	roleARNPattern      = regexp.MustCompile(`^arn:aws[a-z-]*:iam::[0-9]{12}:role/([\w+=,.@/-]+)$`)
)

// keyProblem is one key IGV would misread.
type keyProblem struct {
	key string
	problem
}

// checkKeys checks every key IGV reads against igv-contract.md, section 2, and reports every problem.
func checkKeys(f *fetched) []keyProblem {
	var out []keyProblem
	bad := func(key string, entry Entry, fix, format string, args ...any) {
		out = append(out, keyProblem{key, problem{what: key + ": " + fmt.Sprintf(format, args...), fix: fix, entry: entry}})
	}
	const republish = "run pulumi up to republish the stack's config; never edit the published file by hand"
	for _, key := range []string{"auth_provider", "client_id", "authorization_endpoint", "token_endpoint", "redirect_uris", "scope",
		"aws_region", "aws_cognito_fed_pool_id", "aws_cognito_role_arn"} {
		if _, ok := f.keys[key]; !ok {
			bad(key, EntryStaleConfig, republish, "missing; IGV reads it")
		}
	}
	if _, ok := f.keys["hosts"]; ok {
		bad("hosts", EntryStaleConfig, republish, "present: IGV would send the Cognito access token as a Bearer header to every host listed")
	}
	c := f.config
	if _, ok := f.keys["auth_provider"]; ok && c.AuthProvider != "Amazon" {
		bad("auth_provider", EntryStaleConfig, republish, "is %q; IGV treats the file as its AWS provider only when it is exactly \"Amazon\"", c.AuthProvider)
	}
	if _, ok := f.keys["client_id"]; ok && c.ClientID == "" {
		bad("client_id", EntryStaleConfig, republish, "is empty")
	}
	checkEndpoint := func(key, value, path string) *url.URL {
		if _, ok := f.keys[key]; !ok {
			return nil
		}
		u, err := url.Parse(value)
		switch {
		case err != nil || u.Scheme != "https" || u.Host == "":
			bad(key, EntryStaleConfig, republish, "%q is not an https:// URL", value)
			return nil
		case u.RawQuery != "" || strings.Contains(value, "?"):
			bad(key, EntryStaleConfig, republish, "%q carries a query string; IGV appends \"?state=...\" itself", value)
		case u.Path != path:
			bad(key, EntryStaleConfig, republish, "%q: the path must be %s", value, path)
		}
		return u
	}
	authz := checkEndpoint("authorization_endpoint", c.AuthorizationEndpoint, "/oauth2/authorize")
	token := checkEndpoint("token_endpoint", c.TokenEndpoint, "/oauth2/token")
	if authz != nil && token != nil && authz.Host != token.Host {
		bad("token_endpoint", EntryStaleConfig, republish, "is on %s but authorization_endpoint on %s: both are the pool's hosted-UI domain", token.Host, authz.Host)
	}
	if _, ok := f.keys["redirect_uris"]; ok {
		if len(c.RedirectURIs) == 0 {
			bad("redirect_uris", EntryStaleConfig, republish, "is empty; IGV 2.17+ uses its first entry")
		} else if u, err := url.Parse(c.RedirectURIs[0]); err != nil || u.Scheme != "http" || (u.Hostname() != "localhost" && u.Hostname() != "127.0.0.1") || u.Port() == "" {
			bad("redirect_uris", EntryCallbackPort, republish, "the first entry %q is not http://localhost:PORT/...; IGV listens for the callback on its local port", c.RedirectURIs[0])
		} else if u.Path != "/oauthCallback" {
			// IGV's CommandListener treats any other path as a batch command: the login never completes.
			bad("redirect_uris", EntryCallbackPort, republish, "the first entry %q does not end in /oauthCallback, the only callback path IGV's listener accepts", c.RedirectURIs[0])
		}
	}
	if _, ok := f.keys["scope"]; ok {
		// IGV appends the value to the URL as it is; Cognito reads %20 and + as spaces.
		decoded, err := url.QueryUnescape(c.Scope)
		scopes := strings.Fields(decoded)
		switch {
		case strings.ContainsAny(c.Scope, " \t"):
			bad("scope", EntryInvalidScope, republish, "%q holds a raw space: IGV appends the value to the URL as it is, so it must be percent-encoded (email%%20openid%%20profile)", c.Scope)
		case err != nil:
			bad("scope", EntryInvalidScope, republish, "%q is not valid percent-encoding", c.Scope)
		case !slices.Contains(scopes, "openid") || !slices.Contains(scopes, "email"):
			bad("scope", EntryInvalidScope, republish, "%q must include openid and email: the id token's email is IGV's STS session name", c.Scope)
		}
	}
	if _, ok := f.keys["aws_region"]; ok && !regionPattern.MatchString(c.AWSRegion) {
		bad("aws_region", EntryStaleConfig, republish, "%q is not an AWS region", c.AWSRegion)
	}
	if _, ok := f.keys["aws_cognito_fed_pool_id"]; ok {
		if m := identityPoolPattern.FindStringSubmatch(c.AWSCognitoFedPoolID); m == nil {
			bad("aws_cognito_fed_pool_id", EntryStaleConfig, republish, "%q is not an identity pool id (REGION:UUID)", c.AWSCognitoFedPoolID)
		} else if m[1] != c.AWSRegion {
			bad("aws_cognito_fed_pool_id", EntryStaleConfig, republish, "%q is in %s, but aws_region is %s: IGV calls Cognito in aws_region", c.AWSCognitoFedPoolID, m[1], c.AWSRegion)
		}
	}
	if _, ok := f.keys["aws_cognito_role_arn"]; ok && !roleARNPattern.MatchString(c.AWSCognitoRoleARN) {
		bad("aws_cognito_role_arn", EntryStaleConfig, republish, "%q is not a role ARN (arn:aws:iam::ACCOUNT:role/PATH/NAME)", c.AWSCognitoRoleARN)
	}
	if c.AWSCognitoPoolID != "" {
		if m := userPoolPattern.FindStringSubmatch(c.AWSCognitoPoolID); m == nil || m[1] != c.AWSRegion {
			bad("aws_cognito_pool_id", EntryStaleConfig, republish, "%q is not a user pool id in %s", c.AWSCognitoPoolID, c.AWSRegion)
		}
	}
	return out
}
