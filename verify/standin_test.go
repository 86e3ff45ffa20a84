package verify

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"html"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentity"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"igv-aws-backend/igvconfig"
	"igv-aws-backend/policies"
	"igv-aws-backend/synth"
	"igv-aws-backend/verify/internal/standin"
)

// The dev stack, synthesized once: every stand-in deployment starts from it.
var (
	devOnce   sync.Once
	devResult *synth.Result
	devErr    error
)

func devSynth(t *testing.T) *synth.Result {
	t.Helper()
	devOnce.Do(func() { devResult, devErr = standin.Synthesize("..", "dev") })
	require.NoError(t, devErr)
	return devResult
}

const (
	scratch   = "genomics-lab-igv-dev-scratch"
	reference = "genomics-lab-reference-genomes"
	bamKey    = "runs/2026/NA12878.bam"
	devUser   = "dev.analyst@genomics-lab.example.org"
)

// deployed is dev as deployed: served by the stand-in, with a BAM and its index in the scratch bucket.
func deployed(t *testing.T) (*standin.Deployment, *http.Client) {
	t.Helper()
	d, err := standin.FromSynth(devSynth(t))
	require.NoError(t, err)
	require.NoError(t, d.PutObject(scratch, bamKey, bgzf(t, append([]byte("BAM\x01"), make([]byte, 200)...))))
	require.NoError(t, d.PutObject(scratch, bamKey+".bai", append([]byte("BAI\x01"), make([]byte, 100)...)))
	require.NoError(t, d.PutObject(reference, "GRCh38/GRCh38.fa.fai", []byte("chr1\t248956422\t112\t70\t71\n")))
	client, closeFn := d.Serve()
	t.Cleanup(closeFn)
	return d, client
}

// bgzf is payload as one BGZF block: a gzip member whose extra field holds BC with the block size.
func bgzf(t *testing.T, payload []byte) []byte {
	t.Helper()
	block := func(size uint16) []byte {
		var buf bytes.Buffer
		zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
		require.NoError(t, err)
		zw.Extra = []byte{'B', 'C', 2, 0, byte(size), byte(size >> 8)}
		_, err = zw.Write(payload)
		require.NoError(t, err)
		require.NoError(t, zw.Close())
		return buf.Bytes()
	}
	first := block(0)
	return block(uint16(len(first) - 1)) // BSIZE is the block's size minus one
}

// expected is what verify -stack reads for dev: the synthesis and its outputs, as pulumi stack output gives them.
func expected(t *testing.T) *StackView {
	t.Helper()
	view, err := FromStack("..", "dev", devSynth(t).Outputs)
	require.NoError(t, err)
	return view
}

func adminConfig(t *testing.T, client *http.Client) *aws.Config {
	t.Helper()
	return &aws.Config{Region: "eu-west-2", HTTPClient: client, RetryMaxAttempts: 1,
		Credentials: credentials.NewStaticCredentialsProvider("AKIDADMIN", "admin-secret", "")}
}

// asAdmin are the options of verify -stack dev with admin credentials.
func asAdmin(t *testing.T, d *standin.Deployment, client *http.Client) Options {
	view := expected(t)
	return Options{URL: d.ProvisioningURL, Expected: view.Expected, Buckets: view.Buckets, Admin: adminConfig(t, client)}
}

var (
	formAction = regexp.MustCompile(`<form[^>]*action="([^"]+)"`)
	formCSRF   = regexp.MustCompile(`name="_csrf" type="hidden" value="([^"]+)"`)
)

// browser plays the user's browser: it opens the sign-in page, signs in as email, and follows the
// hosted UI's redirect to IGV's callback on localhost, where verify listens.
func browser(t *testing.T, client *http.Client, d *standin.Deployment, email string) func(string) error {
	return func(authorize string) error {
		jar, _ := cookiejar.New(nil)
		b := &http.Client{Transport: client.Transport, Jar: jar}
		resp, err := b.Get(authorize)
		if err != nil {
			return err
		}
		page, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		action, csrf := formAction.FindSubmatch(page), formCSRF.FindSubmatch(page)
		if action == nil || csrf == nil {
			return nil // an error page: verify reports what reaches its callback, or times out
		}
		resp, err = b.PostForm("https://"+d.UserPool.Domain+html.UnescapeString(string(action[1])), url.Values{
			standin.FormUsername: {email}, standin.FormPassword: {standin.DefaultPassword}, standin.FormCSRF: {string(csrf[1])}})
		if err == nil {
			resp.Body.Close()
		}
		return err
	}
}

// onFreePort moves IGV's callback to a free local port, in the app client and in the served config,
// so that tests never collide with each other or with an IGV on this machine.
func onFreePort(t *testing.T, d *standin.Deployment) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	port := l.Addr().(*net.TCPAddr).Port
	require.NoError(t, l.Close())
	callback := "http://localhost:" + strconv.Itoa(port) + "/oauthCallback"
	d.Client.CallbackURLs = []string{callback}
	editConfig(t, d, func(m map[string]any) { m["redirect_uris"] = []string{callback} })
	return port
}

// editConfig changes the config file CloudFront serves at the provisioning URL.
func editConfig(t *testing.T, d *standin.Deployment, edit func(map[string]any)) {
	t.Helper()
	path := "/" + igvconfig.GzipObject
	zr, err := gzip.NewReader(bytes.NewReader(d.ConfigObjects[path]))
	require.NoError(t, err)
	var m map[string]any
	require.NoError(t, json.NewDecoder(zr).Decode(&m))
	edit(m)
	b, err := json.Marshal(m)
	require.NoError(t, err)
	d.ConfigObjects[path], err = igvconfig.Gzip(b)
	require.NoError(t, err)
}

// asUser are the options of verify -login -object for dev's bootstrap user.
func asUser(t *testing.T, d *standin.Deployment, client *http.Client, email, object string) Options {
	onFreePort(t, d)
	return Options{URL: d.ProvisioningURL, Login: true, Object: object, OpenBrowser: browser(t, client, d, email), LoginTimeout: 20 * time.Second}
}

func run(t *testing.T, client *http.Client, o Options) *Report {
	t.Helper()
	t.Setenv("AWS_CA_BUNDLE", "") // the SDK cannot add a CA bundle to a caller's http.Client
	return Run(context.Background(), client, o)
}

func text(r *Report) string {
	var b strings.Builder
	_ = r.WriteText(&b)
	return b.String()
}

// failsWith asserts the report failed, and that a failed step names entry; it returns that step.
func failsWith(t *testing.T, r *Report, entry Entry) Step {
	t.Helper()
	require.False(t, r.Passed(), "want a failure naming %q; got\n%s", entry, text(r))
	for _, s := range r.Failed() {
		if s.Entry == entry {
			assert.NotEmpty(t, s.Fix, "a failed step says what to do")
			return s
		}
	}
	t.Fatalf("no failed step names %q:\n%s", entry, text(r))
	return Step{}
}

func TestAHealthyDeploymentPassesEveryStepWithoutCredentials(t *testing.T) {
	d, client := deployed(t)
	r := run(t, client, Options{URL: d.ProvisioningURL})
	require.True(t, r.Passed(), text(r))
	out := text(r)
	for _, step := range []string{"fetched as IGV fetches it", "every key IGV reads", "OpenID discovery", "sign-in page", "guests are off"} {
		assert.Contains(t, out, step)
	}
	authorize := d.CallsTo("Authorize")
	require.NotEmpty(t, authorize, "the authorize endpoint was asked")
	assert.Equal(t, []string{"S256"}, authorize[0].Params["code_challenge_method"])
	getID := d.CallsTo("GetId")
	require.Len(t, getID, 1)
	assert.Empty(t, getID[0].Params["Logins"], "the guest probe sends no login")
}

func TestAHealthyDeploymentPassesEveryAdminStep(t *testing.T) {
	d, client := deployed(t)
	r := run(t, client, asAdmin(t, d, client))
	require.True(t, r.Passed(), text(r))
	out := text(r)
	assert.Contains(t, out, "the served config is the one the stack rendered")
	assert.Contains(t, out, "the role reads s3://"+scratch)
	assert.Contains(t, out, "an anonymous GET of s3://"+scratch+" is denied")

	// The simulator was asked about IGV's own reads with IGV's listing context, never with the bucket
	// policy (IAM evaluates a resource policy only for IAM users; verify evaluates it itself).
	var asked []string
	for _, c := range d.CallsTo("SimulatePrincipalPolicy") {
		assert.Empty(t, c.Params["ResourcePolicy"])
		assert.Equal(t, 200, c.Status, c.Error)
		asked = append(asked, strings.Join(c.Params["ActionNames"], ",")+" "+strings.Join(c.Params["ResourceArns"], ",")+" "+strings.Join(c.Params["ContextEntries"], ","))
	}
	assert.Contains(t, asked, "s3:ListBucket arn:aws:s3:::"+scratch+" aws:RequestedRegion=eu-west-2,aws:SecureTransport=true,s3:delimiter=/,s3:prefix=")
	assert.Contains(t, asked, "s3:GetObject,s3:PutObject,s3:DeleteObject arn:aws:s3:::"+scratch+"/igv-verify-probe.bam aws:RequestedRegion=eu-west-2,aws:SecureTransport=true")
	assert.Contains(t, out, "the role may list the account's buckets (listAllBuckets: true)")
}

func TestAHealthyDeploymentPassesALoginAndReadsABAMAsIGVDoes(t *testing.T) {
	d, client := deployed(t)
	r := run(t, client, asUser(t, d, client, devUser, "s3://"+scratch+"/"+bamKey))
	require.True(t, r.Passed(), text(r))
	out := text(r)
	assert.Contains(t, out, "signed in as "+devUser)
	assert.Contains(t, out, "BAM")
	assert.Contains(t, out, bamKey+".bai")

	assume := d.CallsTo("AssumeRoleWithWebIdentity")
	require.Len(t, assume, 1)
	assert.Equal(t, []string{devUser}, assume[0].Params["RoleSessionName"], "the session is named by the id token's email")
	assert.Equal(t, []string{d.IdentityPool.Roles["authenticated"]}, assume[0].Params["RoleArn"])
	getID := d.CallsTo("GetId")
	require.Len(t, getID, 2, "the guest probe, then IGV's GetId")
	assert.Equal(t, []string{"cognito-idp.eu-west-2.amazonaws.com/" + d.UserPool.ID}, getID[1].Params["Logins"])
	var ranged bool
	for _, c := range d.CallsTo("GetObject") {
		ranged = ranged || strings.Join(c.Params["Range"], "") == "bytes=0-65535"
	}
	assert.True(t, ranged, "the object is read by a ranged GET of 64 KiB")
}

func TestTheCommandExitsZeroOnlyWhenEveryStepPassed(t *testing.T) {
	d, client := deployed(t)
	deps := Deps{HTTP: client, AdminConfig: func(context.Context) (*aws.Config, error) { return nil, nil }}
	t.Setenv("AWS_CA_BUNDLE", "")
	var out, errs bytes.Buffer
	assert.Equal(t, 0, Main(context.Background(), []string{"-url", d.ProvisioningURL}, &out, &errs, deps), out.String()+errs.String())
	assert.Contains(t, out.String(), "PASS")
	assert.Contains(t, errs.String(), "no AWS credentials found")

	d.IdentityPool.AllowUnauthenticatedIdentities = true
	out.Reset()
	assert.Equal(t, 1, Main(context.Background(), []string{"-url", d.ProvisioningURL, "-json"}, &out, &errs, deps))
	var report struct {
		Passed bool   `json:"passed"`
		Steps  []Step `json:"steps"`
	}
	require.NoError(t, json.Unmarshal(out.Bytes(), &report), out.String())
	assert.False(t, report.Passed)
	var entries []Entry
	for _, s := range report.Steps {
		if !s.Passed {
			entries = append(entries, s.Entry)
		}
	}
	assert.Equal(t, []Entry{EntryGuestsAllowed}, entries)
}

func TestWithStackEveryPortsURLIsChecked(t *testing.T) {
	d, client := deployed(t)
	view := expected(t)
	assert.Equal(t, []string{d.ProvisioningURL}, view.URLs, "dev has one callback port")
	assert.Equal(t, []Bucket{{Name: scratch}, {Name: reference}}, view.Buckets)
	_ = client
}

// One test per README troubleshooting entry verify can detect.

func TestAnUnreadableConfigNamesItsEntry(t *testing.T) {
	d, client := deployed(t)
	delete(d.ConfigObjects, "/"+igvconfig.GzipObject)
	s := failsWith(t, run(t, client, Options{URL: d.ProvisioningURL}), EntryConfigUnreadable)
	assert.Contains(t, s.Detail, "403")
}

func TestAStaleConfigNamesItsEntry(t *testing.T) {
	d, client := deployed(t)
	editConfig(t, d, func(m map[string]any) {
		m["aws_cognito_fed_pool_id"] = "eu-west-2:00000000-0000-4000-8000-000000000000"
	})
	s := failsWith(t, run(t, client, asAdmin(t, d, client)), EntryStaleConfig)
	assert.Contains(t, s.Name, "the served config is the one the stack rendered")
}

func TestAnUnregisteredCallbackNamesRedirectMismatch(t *testing.T) {
	d, client := deployed(t)
	d.Client.CallbackURLs = []string{"http://localhost:60152/oauthCallback"}
	s := failsWith(t, run(t, client, Options{URL: d.ProvisioningURL}), EntryRedirectMismatch)
	assert.Contains(t, s.Detail, "redirect_mismatch")
}

func TestAScopeTheClientDoesNotAllowNamesInvalidScope(t *testing.T) {
	d, client := deployed(t)
	d.Client.AllowedOAuthScopes = []string{"email", "openid"}
	s := failsWith(t, run(t, client, Options{URL: d.ProvisioningURL}), EntryInvalidScope)
	assert.Contains(t, s.Detail, "invalid_scope")
}

func TestTheClassicFlowOffNamesItsEntry(t *testing.T) {
	d, client := deployed(t)
	d.IdentityPool.AllowClassicFlow = false
	failsWith(t, run(t, client, asAdmin(t, d, client)), EntryClassicFlow)
	s := failsWith(t, run(t, client, asUser(t, d, client, devUser, "")), EntryClassicFlow)
	assert.Contains(t, s.Detail, "Basic (classic) flow is not enabled")
}

func TestAnIdentityPoolTrustingAnotherClientNamesNotSupported(t *testing.T) {
	d, client := deployed(t)
	d.IdentityPool.Providers[0].ClientID = "1example23456789client0000"
	failsWith(t, run(t, client, asAdmin(t, d, client)), EntryNotSupported)
	s := failsWith(t, run(t, client, asUser(t, d, client, devUser, "")), EntryNotSupported)
	assert.Contains(t, s.Detail, "not from a supported provider")
}

func TestGuestsAllowedNamesItsEntry(t *testing.T) {
	d, client := deployed(t)
	d.IdentityPool.AllowUnauthenticatedIdentities = true
	s := failsWith(t, run(t, client, Options{URL: d.ProvisioningURL}), EntryGuestsAllowed)
	assert.Contains(t, s.Detail, "GetId without logins returned the guest identity")
	failsWith(t, run(t, client, asAdmin(t, d, client)), EntryGuestsAllowed)
}

func TestAGuestRoleNamesGuestsAllowed(t *testing.T) {
	d, client := deployed(t)
	d.IdentityPool.Roles["unauthenticated"] = d.IdentityPool.Roles["authenticated"]
	s := failsWith(t, run(t, client, asAdmin(t, d, client)), EntryGuestsAllowed)
	assert.Contains(t, s.Detail, "unauthenticated role")
}

func TestASettingChangedInTheConsoleNamesDrift(t *testing.T) {
	d, client := deployed(t)
	d.UserPool.MFA = "OFF"
	d.Client.ExplicitAuthFlows = append(d.Client.ExplicitAuthFlows, "ALLOW_USER_PASSWORD_AUTH")
	r := run(t, client, asAdmin(t, d, client))
	s := failsWith(t, r, EntryDrift)
	assert.Contains(t, s.Detail, `the user pool's mfaConfiguration is "OFF", the stack sets "OPTIONAL"`)
	assert.Contains(t, text(r), `the app client's explicitAuthFlows is "ALLOW_REFRESH_TOKEN_AUTH,ALLOW_USER_PASSWORD_AUTH", the stack sets "ALLOW_REFRESH_TOKEN_AUTH"`)
}

func TestWithoutTheStackOnlyWhatEveryDeploymentSetsIsCompared(t *testing.T) {
	d, client := deployed(t)
	d.UserPool.MFA = "OFF" // a config choice: not drift without the stack's config
	o := Options{URL: d.ProvisioningURL, Admin: adminConfig(t, client)}
	require.True(t, run(t, client, o).Passed())
	d.UserPool.AdminCreateUserOnly = false // self sign-up: never what the stack sets
	s := failsWith(t, run(t, client, o), EntryDrift)
	assert.Contains(t, s.Detail, "allowAdminCreateUserOnly")
}

func TestAnIDTokenIGVCannotDecodeNamesItsEntry(t *testing.T) {
	d, client := deployed(t)
	d.Client.ReadAttributes = append(d.Client.ReadAttributes, "name")
	u := d.Users[devUser]
	u.Attributes["name"] = "Zoë Zoë Zoë Zoë"
	d.Users[devUser] = u
	failsWith(t, run(t, client, asUser(t, d, client, devUser, "")), EntryIDTokenJSON)
}

func TestAnEmailThatIsNoSessionNameNamesItsEntry(t *testing.T) {
	d, client := deployed(t)
	long := strings.Repeat("a", 60) + "@genomics-lab.example.org"
	u := d.Users[devUser]
	u.Username, u.Attributes = long, map[string]string{"email": long, "email_verified": "true"}
	d.Users[long] = u
	failsWith(t, run(t, client, asUser(t, d, client, long, "")), EntrySessionName)
}

func TestARoleTrustingAnotherPoolNamesAssumeRoleDenied(t *testing.T) {
	d, client := deployed(t)
	role := d.Roles[d.IdentityPool.Roles["authenticated"]]
	role.Trust.Statement[0].Condition["StringEquals"]["cognito-identity.amazonaws.com:aud"] = []string{"eu-west-2:00000000-0000-4000-8000-000000000000"}
	failsWith(t, run(t, client, asAdmin(t, d, client)), EntryAssumeRoleDenied)
	s := failsWith(t, run(t, client, asUser(t, d, client, devUser, "")), EntryAssumeRoleDenied)
	assert.Contains(t, s.Detail, "AccessDenied")
}

func TestABucketTheRoleCannotReadNamesAccessDenied(t *testing.T) {
	d, client := deployed(t)
	role := d.Roles[d.IdentityPool.Roles["authenticated"]]
	for name, doc := range role.Policies {
		if strings.Contains(mustJSON(t, doc), scratch) {
			delete(role.Policies, name)
		}
	}
	s := failsWith(t, run(t, client, asAdmin(t, d, client)), EntryAccessDenied)
	assert.Contains(t, s.Detail, "s3:GetObject on arn:aws:s3:::"+scratch+"/igv-verify-probe.bam: the role's policies say implicitDeny")
	failsWith(t, run(t, client, asUser(t, d, client, devUser, "s3://"+scratch+"/"+bamKey)), EntryAccessDenied)
}

func TestARoleThatMayWriteNamesRoleTooBroad(t *testing.T) {
	d, client := deployed(t)
	role := d.Roles[d.IdentityPool.Roles["authenticated"]]
	var doc map[string]any
	require.NoError(t, json.Unmarshal([]byte(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:PutObject","Resource":"arn:aws:s3:::`+scratch+`/*"}]}`), &doc))
	role.Policies["arn:aws:iam::123456789012:policy/hand-made"] = mustDoc(t, doc)
	s := failsWith(t, run(t, client, asAdmin(t, d, client)), EntryRoleTooBroad)
	assert.Contains(t, s.Detail, "s3:PutObject on arn:aws:s3:::"+scratch+"/igv-verify-probe.bam: the role's policies say allowed")
}

func TestABucketPolicyThatDeniesTheRoleNamesAccessDenied(t *testing.T) {
	d, client := deployed(t)
	role := d.IdentityPool.Roles["authenticated"]
	deny := mustDoc(t, map[string]any{"Version": "2012-10-17", "Statement": []any{map[string]any{
		"Effect": "Deny", "Principal": map[string]any{"AWS": []string{role}}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::" + scratch + "/*"}}})
	d.Buckets[scratch].Policy.Statement = append(d.Buckets[scratch].Policy.Statement, deny.Statement...)
	s := failsWith(t, run(t, client, asAdmin(t, d, client)), EntryAccessDenied)
	assert.Contains(t, s.Detail, "the role's policies say allowed, the bucket policy ExplicitDeny")
}

func TestABucketPolicyThatLetsTheRoleWriteNamesRoleTooBroad(t *testing.T) {
	d, client := deployed(t)
	role := d.IdentityPool.Roles["authenticated"]
	grant := mustDoc(t, map[string]any{"Version": "2012-10-17", "Statement": []any{map[string]any{
		"Effect": "Allow", "Principal": map[string]any{"AWS": []string{role}}, "Action": []string{"s3:PutObject", "s3:DeleteObject"}, "Resource": "arn:aws:s3:::" + scratch + "/*"}}})
	d.Buckets[scratch].Policy.Statement = append(d.Buckets[scratch].Policy.Statement, grant.Statement...)
	s := failsWith(t, run(t, client, asAdmin(t, d, client)), EntryRoleTooBroad)
	assert.Contains(t, s.Detail, "s3:PutObject on arn:aws:s3:::"+scratch+"/igv-verify-probe.bam: the role's policies say implicitDeny, the bucket policy Allowed")
}

func TestVerifysOwnMissingPermissionsNameTheirEntryNotAUserSymptom(t *testing.T) {
	d, client := deployed(t)
	o := asAdmin(t, d, client)
	// An IGV user's session: it may read data, not describe the deployment.
	idToken, err := d.IDToken(devUser)
	require.NoError(t, err)
	ci := cognitoidentity.NewFromConfig(anonymous("eu-west-2", client))
	logins := map[string]string{"cognito-idp.eu-west-2.amazonaws.com/" + d.UserPool.ID: idToken}
	id, err := ci.GetId(context.Background(), &cognitoidentity.GetIdInput{IdentityPoolId: aws.String(d.IdentityPool.ID), Logins: logins})
	require.NoError(t, err)
	tok, err := ci.GetOpenIdToken(context.Background(), &cognitoidentity.GetOpenIdTokenInput{IdentityId: id.IdentityId, Logins: logins})
	require.NoError(t, err)
	session, err := sts.NewFromConfig(anonymous("eu-west-2", client)).AssumeRoleWithWebIdentity(context.Background(), &sts.AssumeRoleWithWebIdentityInput{
		RoleArn: aws.String(d.IdentityPool.Roles["authenticated"]), RoleSessionName: aws.String(devUser), WebIdentityToken: tok.Token})
	require.NoError(t, err)
	c := session.Credentials
	o.Admin.Credentials = credentials.NewStaticCredentialsProvider(aws.ToString(c.AccessKeyId), aws.ToString(c.SecretAccessKey), aws.ToString(c.SessionToken))
	s := failsWith(t, run(t, client, o), EntryVerifyAccess)
	assert.Contains(t, s.Fix, "read-only actions")
}

func TestABucketInAnotherRegionNamesItsEntry(t *testing.T) {
	d, client := deployed(t)
	d.Buckets[reference].Region = "us-east-1"
	s := failsWith(t, run(t, client, asAdmin(t, d, client)), EntryBucketRegion)
	assert.Contains(t, s.Detail, "the bucket is in us-east-1")
}

func TestAPublicObjectNamesItsEntry(t *testing.T) {
	d, client := deployed(t)
	b := d.Buckets[scratch]
	b.BlockPublicAccess = false
	var doc map[string]any
	require.NoError(t, json.Unmarshal([]byte(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":["*"]},"Action":"s3:GetObject","Resource":"arn:aws:s3:::`+scratch+`/*"}]}`), &doc))
	public := mustDoc(t, doc)
	b.Policy = &public
	s := failsWith(t, run(t, client, asAdmin(t, d, client)), EntryPublicObject)
	assert.Contains(t, s.Detail, "the object is public")
}

func TestATakenCallbackPortNamesItsEntry(t *testing.T) {
	d, client := deployed(t)
	o := asUser(t, d, client, devUser, "")
	port := strings.TrimSuffix(strings.TrimPrefix(d.Client.CallbackURLs[0], "http://localhost:"), "/oauthCallback")
	igv, err := net.Listen("tcp", ":"+port) // IGV's own listener, as IGV binds it
	require.NoError(t, err)
	defer igv.Close()
	s := failsWith(t, run(t, client, o), EntryCallbackPortTaken)
	assert.Contains(t, s.Detail, "IGV")
}

func TestACallbackPathIGVDoesNotListenOnNamesItsEntry(t *testing.T) {
	d, client := deployed(t)
	editConfig(t, d, func(m map[string]any) { m["redirect_uris"] = []string{"http://localhost:60151/callback"} })
	failsWith(t, run(t, client, Options{URL: d.ProvisioningURL}), EntryCallbackPort)
}

func TestAFileThatIsNotWhatItsNameSaysNamesWrongFile(t *testing.T) {
	d, client := deployed(t)
	key := "runs/2026/error-page.bam"
	require.NoError(t, d.PutObject(scratch, key, []byte("<html><body>Access denied</body></html>")))
	require.NoError(t, d.PutObject(scratch, key+".bai", append([]byte("BAI\x01"), make([]byte, 100)...)))
	s := failsWith(t, run(t, client, asUser(t, d, client, devUser, "s3://"+scratch+"/"+key)), EntryWrongFile)
	assert.Contains(t, strings.ToLower(s.Detail), "html")
}

func TestAFolderIGVsBrowserCannotListNamesItsEntry(t *testing.T) {
	if testing.Short() {
		t.Skip("puts 1,001 objects")
	}
	d, client := deployed(t)
	for i := range 1001 {
		require.NoError(t, d.PutObject(scratch, "runs/2026/sample-"+strconv.Itoa(i)+".txt", []byte("x")))
	}
	failsWith(t, run(t, client, asUser(t, d, client, devUser, "s3://"+scratch+"/"+bamKey)), EntryFolderTooBig)
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	return string(b)
}

func mustDoc(t *testing.T, v any) policies.Document {
	t.Helper()
	doc, err := policies.Parse(mustJSON(t, v))
	require.NoError(t, err)
	return doc
}

// IGV's browser lists a prefix-limited bucket from its root, one level at a time, always sending a
// prefix ("" at the root): the stack's listing condition on s3:prefix must match every level.
func TestAPrefixLimitedBucketIsBrowsedFromItsRootAsIGVDoes(t *testing.T) {
	prod, err := standin.Synthesize("..", "prod")
	require.NoError(t, err)
	d, err := standin.FromSynth(prod)
	require.NoError(t, err)
	const bucket, key = "genomics-lab-clinical-exomes", "releases/2026/P123.cram"
	require.NoError(t, d.PutObject(bucket, key, append([]byte("CRAM\x03\x01"), make([]byte, 20)...)))
	var crai bytes.Buffer
	zw := gzip.NewWriter(&crai)
	_, _ = zw.Write([]byte("1\t0\t100\t26\t0\t500\n"))
	require.NoError(t, zw.Close())
	require.NoError(t, d.PutObject(bucket, key+".crai", crai.Bytes()))
	client, closeFn := d.Serve()
	t.Cleanup(closeFn)

	r := run(t, client, asUser(t, d, client, "jane.doe@genomics-lab.example.org", "s3://"+bucket+"/"+key))
	require.True(t, r.Passed(), text(r))
	var roots int
	for _, c := range d.CallsTo("ListObjectsV2") {
		if c.Params["prefix"] != nil && c.Params["prefix"][0] == "" {
			roots++
		}
	}
	assert.Equal(t, 1, roots, "the root listing sends an empty prefix, as IGV's does")
	assert.Contains(t, text(r), "CRAM 3.1")
}
