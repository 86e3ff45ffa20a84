package verify

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"igv-aws-backend/igvconfig"
)

// renderedConfig is what the stack renders for dev, with its synthesized ids.
func renderedConfig(t *testing.T) map[string]any {
	t.Helper()
	b, err := igvconfig.Render(igvconfig.Values{
		Region: "eu-west-2", HostedUIDomain: "genomics-lab-igv-dev.auth.eu-west-2.amazoncognito.com",
		ClientID: "kg7wpf2cfoo33maft6aldskjl5", RedirectURIs: []string{"http://localhost:60151/oauthCallback"},
		IdentityPoolID: "eu-west-2:2b276fd1-b225-4b46-a4f0-673d4303e679",
		RoleARN:        "arn:aws:iam::123456789012:role/igv/igv-identity-authenticated-66b30a2", UserPoolID: "eu-west-2_f8KQ3W8c2",
	})
	require.NoError(t, err)
	var m map[string]any
	require.NoError(t, json.Unmarshal(b, &m))
	return m
}

// serve publishes body at /oauth-config.json.gz over HTTPS and records the request.
func serve(t *testing.T, status int, body []byte) (string, *http.Client, *http.Request) {
	t.Helper()
	var seen http.Request
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		seen = *r.Clone(context.Background())
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_, _ = w.Write(body)
	}))
	t.Cleanup(srv.Close)
	return srv.URL + "/oauth-config.json.gz", srv.Client(), &seen
}

func gz(t *testing.T, m any) []byte {
	t.Helper()
	b, err := json.Marshal(m)
	require.NoError(t, err)
	z, err := igvconfig.Gzip(b)
	require.NoError(t, err)
	return z
}

func TestTheConfigIsFetchedWithoutAcceptEncodingAndGunzippedByItsMagicBytes(t *testing.T) {
	u, c, seen := serve(t, http.StatusOK, gz(t, renderedConfig(t)))
	f, p := fetchConfig(context.Background(), c, u)
	require.Nil(t, p)
	assert.True(t, f.gzipped)
	assert.Equal(t, "kg7wpf2cfoo33maft6aldskjl5", f.config.ClientID)
	assert.Empty(t, seen.Header.Values("Accept-Encoding"), "IGV's plain GET sends no Accept-Encoding")
	assert.Empty(t, checkKeys(f), "the stack's own rendering passes every key check")
}

func TestAPlainJSONConfigIsReadToo(t *testing.T) {
	b, _ := json.Marshal(renderedConfig(t))
	u, c, _ := serve(t, http.StatusOK, b)
	f, p := fetchConfig(context.Background(), c, u)
	require.Nil(t, p)
	assert.False(t, f.gzipped)
}

func TestAnErrorAnswerIsReportedBecauseIGVWouldParseIt(t *testing.T) {
	u, c, _ := serve(t, http.StatusForbidden, []byte(`<?xml version="1.0"?><Error><Code>AccessDenied</Code></Error>`))
	_, p := fetchConfig(context.Background(), c, u)
	require.NotNil(t, p)
	assert.Equal(t, EntryConfigUnreadable, p.entry)
	assert.Contains(t, p.what, "403")
	assert.Contains(t, p.what, "AccessDenied")
}

func TestAnArrayOfProvidersIsRefused(t *testing.T) {
	u, c, _ := serve(t, http.StatusOK, gz(t, []any{renderedConfig(t)}))
	_, p := fetchConfig(context.Background(), c, u)
	require.NotNil(t, p)
	assert.Contains(t, p.what, "IGV 2.16 accepts exactly one object")
}

func TestANonHTTPSURLIsRefusedBeforeAnyRequest(t *testing.T) {
	_, p := fetchConfig(context.Background(), http.DefaultClient, "s3://igv-config/oauth-config.json.gz")
	require.NotNil(t, p)
	assert.Contains(t, p.what, "not an https:// URL")
}

func TestARedirectToPlainHTTPIsRefusedAsIGVDoes(t *testing.T) {
	srv := httptest.NewTLSServer(http.RedirectHandler("http://example.invalid/oauth-config.json.gz", http.StatusFound))
	defer srv.Close()
	_, p := fetchConfig(context.Background(), srv.Client(), srv.URL+"/oauth-config.json.gz")
	require.NotNil(t, p)
	assert.Contains(t, p.what, "IGV does not follow a redirect across protocols")
}

func TestEveryKeyMistakeIsNamedWithItsEntry(t *testing.T) {
	for name, c := range map[string]struct {
		edit  func(m map[string]any)
		key   string
		entry Entry
		says  string
	}{
		"no auth_provider":   {func(m map[string]any) { delete(m, "auth_provider") }, "auth_provider", EntryStaleConfig, "missing"},
		"another provider":   {func(m map[string]any) { m["auth_provider"] = "amazon" }, "auth_provider", EntryStaleConfig, `exactly "Amazon"`},
		"hosts":              {func(m map[string]any) { m["hosts"] = []string{"example.org"} }, "hosts", EntryStaleConfig, "Bearer"},
		"raw space in scope": {func(m map[string]any) { m["scope"] = "email openid profile" }, "scope", EntryInvalidScope, "percent-encoded"},
		"no email scope":     {func(m map[string]any) { m["scope"] = "openid%20profile" }, "scope", EntryInvalidScope, "must include openid and email"},
		"query on authorize": {func(m map[string]any) {
			m["authorization_endpoint"] = m["authorization_endpoint"].(string) + "?prompt=login"
		}, "authorization_endpoint", EntryStaleConfig, "query string"},
		"old token path": {func(m map[string]any) {
			m["token_endpoint"] = "https://genomics-lab-igv-dev.auth.eu-west-2.amazoncognito.com/token"
		}, "token_endpoint", EntryStaleConfig, "/oauth2/token"},
		"https callback":      {func(m map[string]any) { m["redirect_uris"] = []string{"https://igv.example.org/oauthCallback"} }, "redirect_uris", EntryCallbackPort, "not http://localhost:PORT"},
		"other callback path": {func(m map[string]any) { m["redirect_uris"] = []string{"http://localhost:60151/callback"} }, "redirect_uris", EntryCallbackPort, "/oauthCallback"},
		"no redirect":         {func(m map[string]any) { m["redirect_uris"] = []string{} }, "redirect_uris", EntryStaleConfig, "empty"},
		"pool in another region": {func(m map[string]any) {
			m["aws_cognito_fed_pool_id"] = "us-east-1:2b276fd1-b225-4b46-a4f0-673d4303e679"
		}, "aws_cognito_fed_pool_id", EntryStaleConfig, "is in us-east-1"},
		"role name only": {func(m map[string]any) { m["aws_cognito_role_arn"] = "igv-identity-authenticated" }, "aws_cognito_role_arn", EntryStaleConfig, "not a role ARN"},
	} {
		t.Run(name, func(t *testing.T) {
			m := renderedConfig(t)
			c.edit(m)
			u, client, _ := serve(t, http.StatusOK, gz(t, m))
			f, p := fetchConfig(context.Background(), client, u)
			require.Nil(t, p)
			problems := checkKeys(f)
			require.Len(t, problems, 1, "%+v", problems)
			assert.Equal(t, c.key, problems[0].key)
			assert.Equal(t, c.entry, problems[0].entry)
			assert.Contains(t, problems[0].what, c.says)
			assert.NotEmpty(t, problems[0].fix)
		})
	}
}

func TestEveryKeyProblemIsReportedAtOnce(t *testing.T) {
	m := renderedConfig(t)
	m["scope"] = "email openid"
	delete(m, "client_id")
	m["hosts"] = []string{"example.org"}
	u, c, _ := serve(t, http.StatusOK, gz(t, m))
	f, _ := fetchConfig(context.Background(), c, u)
	var keys []string
	for _, p := range checkKeys(f) {
		keys = append(keys, p.key)
	}
	assert.ElementsMatch(t, []string{"scope", "client_id", "hosts"}, keys)
}

func TestEveryTroubleshootingEntryIsARowOfTheREADME(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	require.NoError(t, err)
	rows := map[string]bool{}
	for _, line := range strings.Split(string(readme), "\n") {
		if strings.HasPrefix(line, "| ") {
			rows[strings.TrimSpace(strings.SplitN(line[1:], " | ", 2)[0])] = true
		}
	}
	for _, e := range Entries {
		assert.True(t, rows[string(e)], "README's Troubleshooting has no row %q", e)
	}
}

func TestBadUsageExitsTwoAndSaysWhy(t *testing.T) {
	for args, says := range map[string]string{
		"":                                     "give -url or -stack",
		"-url https://x -stack dev":            "give -url or -stack",
		"-stack dev -bucket b":                 "-bucket is for -url",
		"-url https://x -object s3://b/k":      "go with -login",
		"-url https://x -login -object /tmp/k": "s3://BUCKET/KEY",
	} {
		var out, errs strings.Builder
		code := Main(context.Background(), strings.Fields(args), &out, &errs, Deps{})
		assert.Equal(t, 2, code, args)
		assert.Contains(t, errs.String(), says, args)
		assert.Empty(t, out.String(), "nothing on stdout for a script to misread")
	}
}
