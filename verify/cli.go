package verify

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
)

// Deps are what the command needs from outside.
type Deps struct {
	HTTP *http.Client
	// AdminConfig loads the admin's credentials from the default chain; nil without error when there are none.
	AdminConfig func(ctx context.Context) (*aws.Config, error)
	// StackOutputs are a stack's outputs, secrets shown.
	StackOutputs func(ctx context.Context, stack string) (map[string]any, error)
	OpenBrowser  func(url string) error
}

const usage = `usage: verify -url PROVISIONING-URL [-bucket NAME[/PREFIX/]]... [-login [-object s3://BUCKET/KEY]] [-json]
       verify -stack STACK [-login [-object s3://BUCKET/KEY]] [-json]

Proves a deployment works by walking IGV desktop's own path, and names the step that breaks with the
README troubleshooting entry that fixes it.

Without credentials it fetches the config as IGV does, checks every key IGV reads, the user pool's
OpenID discovery, the sign-in page for IGV's exact request, and that guests are refused. With AWS
credentials in the default chain (read-only; the README lists the actions) it also compares the user
pool, app client and identity pool with what the stack sets, reads the role's trust, simulates the
role's access to every data bucket with IAM's policy simulator (GetObject and IGV's listing allowed;
writes, deletes and reads outside the prefixes denied), checks each bucket's region, and that an
anonymous GET is denied. With -login it signs in as a user in the browser on IGV's callback port
(quit IGV first), gets credentials by the classic flow, and reads -object as IGV does.

-stack reads the stack's outputs with the Pulumi CLI and its Pulumi.STACK.yaml from -project-dir: it
checks every provisioning URL of the stack, that each serves what the stack rendered, and every
configured bucket and prefix.

Exit status: 0 when every step passed, 1 when one failed, 2 for bad usage.

Examples:
  go run ./cmd/verify -url https://d111111abcdef8.cloudfront.net/oauth-config.json.gz
  go run ./cmd/verify -stack prod
  go run ./cmd/verify -stack prod -login -object s3://genomics-lab-wgs-2026/runs/NA12878.cram
  go run ./cmd/verify -url URL -bucket genomics-lab-clinical-exomes/releases/2026/ -json

Flags:
`

type bucketFlags []Bucket

func (b *bucketFlags) String() string { return fmt.Sprint(*b) }

func (b *bucketFlags) Set(v string) error {
	name, prefix, _ := strings.Cut(v, "/")
	if name == "" {
		return errors.New("want NAME or NAME/PREFIX/")
	}
	for i := range *b {
		if (*b)[i].Name == name {
			if prefix != "" {
				(*b)[i].Prefixes = append((*b)[i].Prefixes, prefix)
			}
			return nil
		}
	}
	bucket := Bucket{Name: name}
	if prefix != "" {
		bucket.Prefixes = []string{prefix}
	}
	*b = append(*b, bucket)
	return nil
}

// Main runs the command and returns its exit status: 0 all passed, 1 a step failed, 2 bad usage.
func Main(ctx context.Context, args []string, stdout, stderr io.Writer, deps Deps) int {
	fs := flag.NewFlagSet("verify", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, usage); fs.PrintDefaults() }
	target := fs.String("url", "", "the provisioning URL IGV users paste")
	stackName := fs.String("stack", "", "the Pulumi stack to verify (its outputs and Pulumi.STACK.yaml), instead of -url")
	projectDir := fs.String("project-dir", ".", "the directory of Pulumi.yaml, with -stack")
	var buckets bucketFlags
	fs.Var(&buckets, "bucket", "a data bucket to check the role's access to, NAME or NAME/PREFIX/ (repeat it), with -url")
	noAdmin := fs.Bool("no-admin", false, "skip the checks that need AWS credentials, even when there are some")
	doLogin := fs.Bool("login", false, "sign in as an IGV user in the browser and read -object as IGV does")
	object := fs.String("object", "", "with -login, the s3://BUCKET/KEY URL to read (also tried anonymously, which must fail)")
	userBuckets := fs.String("user-buckets", "", "with -login, list these buckets (comma-separated) instead of calling ListBuckets, like IGV 3.0's AWS_S3_BUCKETS preference")
	timeout := fs.Duration("login-timeout", 5*time.Minute, "how long to wait for the sign-in in the browser")
	asJSON := fs.Bool("json", false, "print the report as JSON")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	bad := func(msg string) int { fmt.Fprintln(stderr, "verify:", msg); fs.Usage(); return 2 }
	switch {
	case (*target == "") == (*stackName == "") || fs.NArg() > 0:
		return bad("give -url or -stack (one of them)")
	case *stackName != "" && len(buckets) > 0:
		return bad("-bucket is for -url; with -stack the buckets come from the stack's config")
	case *object != "" && !strings.HasPrefix(*object, "s3://"):
		return bad("-object takes an s3://BUCKET/KEY URL, as IGV's File > Load from URL does")
	case (*object != "" || *userBuckets != "") && !*doLogin:
		return bad("-object and -user-buckets go with -login")
	}
	fail := func(err error) int { fmt.Fprintln(stderr, "verify:", err); return 1 }

	opts := Options{URL: *target, Buckets: buckets, Login: *doLogin, Object: *object, OpenBrowser: deps.OpenBrowser, Progress: stderr}
	if *userBuckets != "" {
		opts.UserBuckets = strings.Split(*userBuckets, ",")
	}
	targets := []Target{{URLs: []string{*target}, Buckets: buckets}}
	if *stackName != "" {
		outputs, err := deps.StackOutputs(ctx, *stackName)
		if err != nil {
			return fail(fmt.Errorf("reading stack %s's outputs: %w (or give -url)", *stackName, err))
		}
		view, err := FromStack(*projectDir, *stackName, outputs)
		if err != nil {
			return fail(err)
		}
		targets = view.Targets
	}
	if !*noAdmin {
		admin, err := deps.AdminConfig(ctx)
		switch {
		case err != nil:
			return fail(fmt.Errorf("loading AWS credentials: %w (or give -no-admin)", err))
		case admin == nil:
			fmt.Fprintln(stderr, "verify: no AWS credentials found: the checks that need them are skipped (see the README's verify section)")
		default:
			opts.Admin = admin
		}
	}

	opts.LoginTimeout = *timeout
	var reports []*Report
	for i, t := range targets {
		// Each target (each tier) is checked in full at its first URL, the login only once (at the
		// first tier's: IGV holds one provisioning URL at a time); every further port's copy is checked
		// as IGV would fetch it, the AWS side being the same.
		o := opts
		o.URL, o.Expected, o.Buckets = t.URLs[0], t.Expected, t.Buckets
		if i > 0 {
			o.Login = false
		}
		reports = append(reports, Run(ctx, deps.HTTP, o))
		for _, u := range t.URLs[1:] {
			reports = append(reports, Run(ctx, deps.HTTP, Options{URL: u, Expected: t.Expected}))
		}
	}
	passed := true
	for _, r := range reports {
		passed = passed && r.Passed()
	}
	if *asJSON {
		if len(reports) == 1 {
			_ = reports[0].WriteJSON(stdout)
		} else {
			_ = writeJSONList(stdout, reports)
		}
	} else {
		for i, r := range reports {
			if len(reports) > 1 {
				if i > 0 {
					fmt.Fprintln(stdout)
				}
				fmt.Fprintln(stdout, "==", r.Target)
			}
			_ = r.WriteText(stdout)
		}
	}
	if !passed {
		return 1
	}
	return 0
}

func writeJSONList(w io.Writer, reports []*Report) error {
	type one struct {
		*Report
		Passed bool `json:"passed"`
	}
	out := make([]one, len(reports))
	for i, r := range reports {
		out[i] = one{r, r.Passed()}
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
