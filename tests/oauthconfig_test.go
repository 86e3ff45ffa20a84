package tests

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"igv-aws-backend/igvconfig"
	"igv-aws-backend/stackconfig"
	"igv-aws-backend/synth"
)

// publishedFiles are the two config objects as uploaded, by key.
func publishedFiles(t *testing.T, r *synth.Result) map[string][]byte {
	t.Helper()
	files, err := r.Files()
	require.NoError(t, err)
	out := map[string][]byte{}
	for _, k := range []string{igvconfig.PlainObject, igvconfig.GzipObject} {
		require.Contains(t, files, k)
		out[k] = files[k]
	}
	return out
}

func TestPublishedConfigFollowsTheIGVContractKeyByKey(t *testing.T) {
	forEachExample(t, func(t *testing.T, r *synth.Result) {
		files := publishedFiles(t, r)
		for name, body := range files {
			t.Run(name, func(t *testing.T) {
				f, err := igvconfig.Parse(body)
				require.NoError(t, err, "IGV must be able to read it (unknown keys such as hosts are rejected)")
				prefix := map[string]string{"dev": "genomics-lab-igv-dev", "prod": "genomics-lab-igv"}[r.Stack.Name]
				host := "https://" + prefix + ".auth.eu-west-2.amazoncognito.com"

				assert.Equal(t, "Amazon", f.AuthProvider)
				assert.Equal(t, only(t, r, typeUserPoolClient).ID, f.ClientID)
				assert.Empty(t, f.ClientSecret, "public client: no secret in a public file")
				assert.Equal(t, host+"/oauth2/authorize", f.AuthorizationEndpoint)
				assert.Equal(t, host+"/oauth2/token", f.TokenEndpoint)
				callbacks := strs(input(only(t, r, typeUserPoolClient), "callbackUrls"))
				assert.Equal(t, []string{callbacks[0]}, f.RedirectURIs,
					"the provisioning URL's file names the first port: redirect_uris[0], registered verbatim on the app client")
				assert.Equal(t, "email%20openid%20profile", f.Scope)
				assert.Equal(t, "eu-west-2", f.AWSRegion)
				assert.Equal(t, only(t, r, typeIdentityPool).ID, f.AWSCognitoFedPoolID)
				assert.Equal(t, only(t, r, typeRole).Outputs["arn"], f.AWSCognitoRoleARN)
				assert.Equal(t, only(t, r, typeUserPool).ID, f.AWSCognitoPoolID)
			})
		}
	})
}

// A further port's copy differs from the first only in redirect_uris, which names that port.
func TestEachPortsCopyNamesItsPortFirst(t *testing.T) {
	r := example(t, "prod")
	files, err := r.Files()
	require.NoError(t, err)
	first, err := igvconfig.Parse(files[igvconfig.PlainObject])
	require.NoError(t, err)
	second, err := igvconfig.Parse(files["port-60152/"+igvconfig.GzipObject])
	require.NoError(t, err, "the gzipped copy for port 60152 is readable by IGV")
	assert.Equal(t, []string{"http://localhost:60152/oauthCallback"}, second.RedirectURIs)
	assert.Contains(t, strs(input(only(t, r, typeUserPoolClient), "callbackUrls")), second.RedirectURIs[0])
	second.RedirectURIs = first.RedirectURIs
	assert.Equal(t, first, second)
}

func TestPublishedConfigIsOneJSONObjectWithoutHosts(t *testing.T) {
	forEachExample(t, func(t *testing.T, r *synth.Result) {
		var generic map[string]any
		require.NoError(t, json.Unmarshal(publishedFiles(t, r)[igvconfig.PlainObject], &generic), "one JSON object (IGV 2.16)")
		assert.NotContains(t, generic, "hosts", "IGV would send the access token to those hosts")
		for k, v := range generic {
			if s, ok := v.(string); ok {
				assert.NotEmpty(t, s, k)
			}
		}
	})
}

func TestScopeIsURLEncodedAndCoversOpenIDAndEmail(t *testing.T) {
	forEachExample(t, func(t *testing.T, r *synth.Result) {
		f, err := igvconfig.Parse(publishedFiles(t, r)[igvconfig.PlainObject])
		require.NoError(t, err)
		assert.NotContains(t, f.Scope, " ", "IGV appends scope raw; a space breaks login")
		scopes := strings.Split(f.Scope, "%20")
		assert.Contains(t, scopes, "openid")
		assert.Contains(t, scopes, "email")
		assert.Subset(t, strs(input(only(t, r, typeUserPoolClient), "allowedOauthScopes")), scopes,
			"every scope IGV asks for is allowed on the app client")
	})
}

func TestGzippedConfigIsDeterministicAndStartsWithTheMagicBytes(t *testing.T) {
	forEachExample(t, func(t *testing.T, r *synth.Result) {
		files := publishedFiles(t, r)
		gz := files[igvconfig.GzipObject]
		require.True(t, bytes.HasPrefix(gz, []byte{0x1f, 0x8b}), "IGV 2.15+ detects gzip by magic bytes")
		assert.Equal(t, []byte{0, 0, 0, 0}, gz[4:8], "no modification time")
		assert.Zero(t, gz[3]&0x08, "no file name")
		again, err := igvconfig.Gzip(files[igvconfig.PlainObject])
		require.NoError(t, err)
		assert.Equal(t, gz, again, "the same config gives the same bytes")
		plain, err := igvconfig.Parse(gz)
		require.NoError(t, err)
		direct, err := igvconfig.Parse(files[igvconfig.PlainObject])
		require.NoError(t, err)
		assert.Equal(t, direct, plain, "both objects hold the same config")
	})
}

func TestClientSecretIsPublishedOnlyWhenConfiguredAndKeptSecretInState(t *testing.T) {
	forEachExample(t, func(t *testing.T, r *synth.Result) {
		assert.False(t, synth.IsSecret(r.Outputs["oauthConfig"]), "no secret, nothing to hide")
	})
	r := run(t, withConfig(exampleStack(t, "prod"), map[string]string{stackconfig.KeyClientSecret: "true"}))
	f, err := igvconfig.Parse(publishedFiles(t, r)[igvconfig.GzipObject])
	require.NoError(t, err)
	client := only(t, r, typeUserPoolClient)
	assert.Equal(t, synth.Unsecret(client.Outputs["clientSecret"]), f.ClientSecret, "IGV 2.16 sends it on token requests")
	assert.NotEmpty(t, f.ClientSecret)
	assert.True(t, synth.IsSecret(r.Outputs["oauthConfig"]), "the oauthConfig output is a secret in Pulumi state")
	for _, o := range ofType(r, typeObject) {
		body := o.Inputs["content"]
		if body == nil {
			body = o.Inputs["contentBase64"]
		}
		assert.True(t, synth.IsSecret(body), "%s: object content stays a secret in state", o.Name)
	}
}

func TestStackOutputsDescribeTheDeployment(t *testing.T) {
	forEachExample(t, func(t *testing.T, r *synth.Result) {
		want := []string{"authenticatedRoleArn", "configBucket", "dataBuckets", "distributionId", "hostedUiUrl",
			"identityPoolId", "invitedUsers", "oauthConfig", "provisioningUrl", "provisioningUrls", "userPoolClientId", "userPoolId"}
		if r.Stack.Name == "prod" { // with an audit trail
			want = append(want, "auditLogBucket", "auditLogLock", "auditTrailArns")
			slices.Sort(want)
		}
		assert.Equal(t, want, keys(r.Outputs))
		assert.Equal(t, only(t, r, typeUserPool).ID, outputString(t, r, "userPoolId"))
		assert.Equal(t, only(t, r, typeUserPoolClient).ID, outputString(t, r, "userPoolClientId"))
		assert.Equal(t, only(t, r, typeIdentityPool).ID, outputString(t, r, "identityPoolId"))
		assert.Regexp(t, `^eu-west-2:[0-9a-f-]{36}$`, outputString(t, r, "identityPoolId"))
		var names []string
		for _, b := range r.Outputs["dataBuckets"].([]any) {
			names = append(names, b.(string))
		}
		assert.ElementsMatch(t, append(append([]string{}, createdBuckets[r.Stack.Name]...), existingBuckets[r.Stack.Name]...), names)
		assert.Equal(t, string(publishedFiles(t, r)[igvconfig.PlainObject]), outputString(t, r, "oauthConfig"))
	})
}
