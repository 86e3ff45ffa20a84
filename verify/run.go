package verify

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/smithy-go"

	"igv-aws-backend/verify/igvfiles"
	"igv-aws-backend/verify/igvlogin"
)

// Options say what to verify.
type Options struct {
	// URL is the provisioning URL IGV users paste.
	URL string
	// Expected is what the stack sets (verify -stack); nil with -url alone.
	Expected *Expected
	// Buckets are the data buckets to simulate the role's access to (from the stack, or -bucket), and with
	// tiers the other tiers' buckets it must not read.
	Buckets []Bucket
	// Admin are the admin's read-only credentials; nil skips the admin checks.
	Admin *aws.Config
	// Login signs in as a user and reads Object (s3://BUCKET/KEY) as IGV does.
	Login  bool
	Object string
	// UserBuckets are the buckets the user lists instead of calling ListBuckets (IGV 3.0's
	// AWS_S3_BUCKETS preference).
	UserBuckets []string
	// OpenBrowser opens the sign-in page for the user.
	OpenBrowser func(url string) error
	// LoginTimeout bounds the wait for the user's sign-in; 0: no bound but ctx's.
	LoginTimeout time.Duration
	// Progress receives a line before each slow step (the login waits for the user).
	Progress io.Writer
}

// Run verifies one provisioning URL and returns its report. Steps that cannot run because an earlier one
// failed are left out: the report names the first thing to fix.
func Run(ctx context.Context, c *http.Client, o Options) *Report {
	r := &Report{Target: o.URL}
	progress := o.Progress
	if progress == nil {
		progress = io.Discard
	}

	f, p := fetchConfig(ctx, c, o.URL)
	if !r.add("the config is fetched as IGV fetches it", fetchDetail(f), p) {
		return r
	}
	if problems := checkKeys(f); len(problems) > 0 {
		for _, kp := range problems {
			r.fail("the config's "+kp.key+" is as IGV needs it", kp.what, kp.fix, kp.entry)
		}
		return r
	}
	r.pass("every key IGV reads is as IGV needs it", fmt.Sprintf("%d keys, auth_provider Amazon, redirect_uris[0] %s", len(f.keys), f.config.RedirectURIs[0]))
	cfg := f.config
	if o.Expected != nil {
		checkServedConfig(o, f, r)
	}

	detail, p := checkDiscovery(ctx, c, cfg)
	r.add("the user pool's OpenID discovery matches the config", detail, p)
	detail, p = probeAuthorize(ctx, c, cfg)
	r.add("the authorize endpoint shows the sign-in page for IGV's request (PKCE S256, state, redirect_uris[0])", detail, p)
	detail, p = checkGuestsOff(ctx, c, cfg)
	r.add("guests are off: GetId without a login is refused", detail, p)
	objectBucket, objectKey := "", ""
	if o.Object != "" {
		if b, key, err := igvfiles.ParseS3URL(o.Object); err == nil {
			objectBucket, objectKey = b, key
			checkAnonymousRead(ctx, aws.Config{}, c, cfg, Bucket{Name: b}, key, r)
		}
	}

	if o.Admin != nil {
		admin := o.Admin.Copy()
		admin.Region = cfg.AWSRegion
		if admin.HTTPClient == nil {
			admin.HTTPClient = c
		}
		checkUserPool(ctx, admin, cfg, o.Expected, r)
		checkIdentityPool(ctx, admin, cfg, r)
		checkRoleTrust(ctx, admin, cfg, r)
		if o.Expected != nil {
			checkListAllBuckets(ctx, admin, cfg, o.Expected.ListAllBuckets, r)
		}
		if len(o.Buckets) == 0 {
			fmt.Fprintln(progress, "verify: no buckets to check the role's access to: give -bucket NAME[/PREFIX/], or run with -stack")
		}
		for _, b := range o.Buckets {
			if b.OtherTier != "" {
				checkBucketAccess(ctx, admin, cfg, b, r)
				continue
			}
			if !checkBucketRegion(ctx, admin, cfg, b, r) {
				continue // one cause, one failure: the other checks would fail for the same reason
			}
			checkBucketAccess(ctx, admin, cfg, b, r)
			if b.Name != objectBucket || objectKey == "" {
				checkAnonymousRead(ctx, admin, c, cfg, b, "", r)
			}
		}
	}

	if o.Login {
		login(ctx, c, cfg, o, progress, r)
	}
	return r
}

func fetchDetail(f *fetched) string {
	if f == nil {
		return ""
	}
	if f.gzipped {
		return fmt.Sprintf("%d bytes, gzip recognised by its magic bytes", len(f.body))
	}
	return fmt.Sprintf("%d bytes, plain JSON", len(f.body))
}

// checkServedConfig compares the served file with what the stack rendered for this URL.
func checkServedConfig(o Options, f *fetched, r *Report) {
	const name = "the served config is the one the stack rendered"
	want, ok := o.Expected.RenderedConfigs[o.URL]
	if !ok {
		r.fail(name, fmt.Sprintf("%s is not a provisioning URL of stack %s", o.URL, o.Expected.Stack),
			"give IGV users a URL from pulumi stack output provisioningUrls", EntryStaleConfig)
		return
	}
	same, err := sameConfig(string(f.body), want)
	switch {
	case err != nil:
		r.fail(name, err.Error(), "run pulumi up to republish the config", EntryStaleConfig)
	case !same:
		r.fail(name, "the file at the URL differs from the stack's oauthConfig output: a stale copy (CloudFront caches it for 5 minutes) or a hand edit",
			"wait 5 minutes after a pulumi up, or run pulumi up to republish it; invalidate with aws cloudfront create-invalidation --paths '/*'", EntryStaleConfig)
	default:
		r.pass(name, "key by key equal to stack "+o.Expected.Stack+"'s rendering")
	}
}

// login signs in as IGV does, gets AWS credentials by the classic flow, and reads the object.
func login(ctx context.Context, c *http.Client, cfg Config, o Options, progress io.Writer, r *Report) {
	if o.LoginTimeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, o.LoginTimeout)
		defer cancel()
	}
	fmt.Fprintf(progress, "verify: sign in as an IGV user in the browser (waiting for the callback on %s)\n", cfg.RedirectURIs[0])
	tokens, err := igvlogin.Login(ctx, igvLoginConfig(cfg), o.OpenBrowser, c)
	if err != nil {
		entry, fix := loginEntry(err)
		r.fail("IGV's login: sign-in page, callback on redirect_uris[0], code exchange, id token", err.Error(), fix, entry)
		return
	}
	r.pass("IGV's login: sign-in page, callback on redirect_uris[0], code exchange, id token", "signed in as "+tokens.Email)

	creds, ok := classicFlow(ctx, c, cfg, igvlogin.LoginsKey(tokens.Issuer), tokens.IDToken, tokens.Email, r)
	if !ok || o.Object == "" {
		return
	}
	user := aws.Config{Region: cfg.AWSRegion, HTTPClient: c, Credentials: aws.NewCredentialsCache(staticCredentials(*creds))}
	for _, s := range igvfiles.Walk(ctx, s3.NewFromConfig(user), o.Object, o.UserBuckets) {
		if s.Passed {
			r.pass(s.Name, s.Detail)
			continue
		}
		entry, fix := s3Entry(s.Err)
		r.fail(s.Name, s.Detail, fix, entry)
	}
}

type staticCredentials aws.Credentials

func (s staticCredentials) Retrieve(context.Context) (aws.Credentials, error) {
	return aws.Credentials(s), nil
}

// loginEntry names the README entry and fix of a failed login.
func loginEntry(err error) (Entry, string) {
	var cb *igvlogin.CallbackError
	var tok *igvlogin.TokenError
	var sn *igvlogin.SessionNameError
	switch {
	case errors.Is(err, igvlogin.ErrPortTaken):
		return EntryCallbackPortTaken, "quit IGV (it listens on the callback port) and run verify -login again"
	case errors.As(err, &cb) && cb.Code == "invalid_scope":
		return EntryInvalidScope, "run pulumi up: the config's scope and the client's allowed scopes must match"
	case errors.As(err, &cb):
		return EntryRedirectMismatch, "see the error Cognito named; run pulumi up to restore the app client"
	case errors.Is(err, igvlogin.ErrStateMismatch):
		return EntryRedirectMismatch, "another sign-in answered on the callback port: close other sign-in tabs and try again"
	case errors.As(err, &tok):
		return EntryStaleConfig, "the config's client_id, client_secret or redirect URI does not match the app client: run pulumi up and use the stack's provisioningUrl"
	case errors.Is(err, igvlogin.ErrIDTokenUnreadable):
		return EntryIDTokenJSON, "let the app client read only email and email_verified: run pulumi up"
	case errors.Is(err, igvlogin.ErrNoEmail):
		return EntryIDTokenJSON, "the app client must read the email attribute, and every identity provider must map email: run pulumi up"
	case errors.As(err, &sn):
		return EntrySessionName, "give the user an email of at most 64 characters of letters, digits and _+=,.@-"
	}
	return EntryCallbackPort, "sign in within the time allowed, in the browser verify opened"
}

// s3Entry names the README entry of a failed S3 step: AWS's refusals by their code, the file checks by
// igvfiles' errors.
func s3Entry(err error) (Entry, string) {
	var api smithy.APIError
	code := ""
	if errors.As(err, &api) {
		code = api.ErrorCode()
	}
	switch {
	case code == "PermanentRedirect" || code == "AuthorizationHeaderMalformed" || code == "IllegalLocationConstraintException":
		return EntryBucketRegion, "IGV signs S3 requests in aws_region only: keep the data in a bucket of that region"
	case code == "AccessDenied" || code == "Forbidden" || code == "AllAccessDisabled":
		return EntryAccessDenied, "add the bucket or prefix to the stack's buckets config and run pulumi up; check the KMS key policy lets the role decrypt"
	case code == "NoSuchKey" || code == "NotFound" || code == "NoSuchBucket":
		return EntryWrongFile, "check the s3:// URL: the object (or bucket) does not exist"
	case errors.Is(err, igvfiles.ErrNotListed) && strings.Contains(err.Error(), "truncated"):
		return EntryFolderTooBig, "keep at most 1000 entries per folder level, or open the file by its s3:// URL"
	case errors.Is(err, igvfiles.ErrNotListed):
		return EntryAccessDenied, "the role must list every folder on the way to the file (the stack grants that for its prefixes): add the prefix to buckets and run pulumi up"
	case code != "":
		return EntryAccessDenied, "see the S3 error above"
	}
	return EntryWrongFile, "check the file is what its name says and that its index sits next to it under the name IGV tries"
}
