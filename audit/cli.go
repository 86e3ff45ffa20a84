package audit

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"
)

// Deps are what the command needs from outside.
type Deps struct {
	// NewSource is an S3 client for a region.
	NewSource func(ctx context.Context, region string) (Source, error)
	// StackOutputs are a stack's outputs, as strings or JSON.
	StackOutputs func(ctx context.Context, stack string) (map[string]any, error)
	Now          func() time.Time
	Sleep        func(context.Context, time.Duration) error
}

const usage = `usage: audit -stack STACK [-since 24h | -from TIME -to TIME] [-user EMAIL] [-object s3://BUCKET/KEY] [-format table|csv|json]
       audit -bucket LOG-BUCKET -account ACCOUNT -region REGION [...]

Answers "who read which file" from the stack's CloudTrail audit trail (README, Audit trail): one row
per Cognito identity, claimed email, object and session, with the first and last read, the number of
reads and the bytes. The identity id is what can be trusted; the email is what IGV claimed at login.
Rows whose login is not in the scanned logs are kept, marked. An identity that used several names,
or a name used by several identities, is flagged as a possible impersonation.

It reads the log files of the window from S3 (default AWS credential chain; s3:ListBucket on the log
bucket and s3:GetObject on AWSLogs/*, and kms:Decrypt with a KMS-encrypted trail), looking back an
hour for the logins of the window's sessions, and forward for CloudTrail's late deliveries, waiting
for them when -to has just passed. Read attempts AWS refused are counted, not listed; reads by other
principals than IGV's sessions are listed with their ARN. -stack reads the stack's auditLogBucket and auditTrailArns
outputs with the Pulumi CLI.

Examples:
  go run ./cmd/audit -stack prod -since 24h
  go run ./cmd/audit -stack prod -since 720h -user jane.doe@genomics-lab.example.org
  go run ./cmd/audit -stack prod -from 2026-11-01T00:00:00Z -to 2026-12-01T00:00:00Z \
      -object s3://genomics-lab-clinical-exomes/releases/2026/P123.cram -format csv

Flags:
`

// Main runs the command and returns its exit status: 0 done, 1 failed, 2 bad usage.
func Main(ctx context.Context, args []string, stdout, stderr io.Writer, deps Deps) int {
	fs := flag.NewFlagSet("audit", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, usage); fs.PrintDefaults() }
	stack := fs.String("stack", "", "the Pulumi stack whose audit trail to read")
	bucket := fs.String("bucket", "", "the log bucket, instead of -stack")
	account := fs.String("account", "", "the account id of the logs, with -bucket")
	region := fs.String("region", "", "the trail's region, with -bucket")
	prefix := fs.String("prefix", "", "the trail's S3 key prefix, if it has one")
	since := fs.Duration("since", 24*time.Hour, "report the reads of this long until now")
	from := fs.String("from", "", "report the reads from this time (RFC 3339), instead of -since")
	to := fs.String("to", "", "report the reads until this time (RFC 3339; default now)")
	user := fs.String("user", "", "only this user's reads (the claimed email or session name)")
	object := fs.String("object", "", "only the reads of this object, s3://BUCKET/KEY")
	format := fs.String("format", "table", "table, csv or json")
	lookback := fs.Duration("lookback", DefaultLookback, "how far before the window to look for logins")
	lateness := fs.Duration("lateness", DefaultLateness, "how long after the window CloudTrail may still deliver its events")
	wait := fs.Bool("wait", true, "wait for late deliveries when -to ended less than -lateness ago")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	bad := func(msg string) int { fmt.Fprintln(stderr, "audit:", msg); fs.Usage(); return 2 }
	if (*stack == "") == (*bucket == "") || fs.NArg() > 0 {
		return bad("give -stack, or -bucket with -account and -region")
	}
	if *bucket != "" && (*account == "" || *region == "") {
		return bad("-bucket needs -account and -region")
	}
	if *format != "table" && *format != "csv" && *format != "json" {
		return bad("-format is table, csv or json")
	}
	if *object != "" && !strings.HasPrefix(*object, "s3://") {
		return bad("-object is an s3://BUCKET/KEY URL")
	}
	fail := func(err error) int { fmt.Fprintln(stderr, "audit:", err); return 1 }

	now := deps.Now().UTC()
	q := Query{Bucket: *bucket, Prefix: *prefix, Account: *account, Region: *region, To: now, From: now.Add(-*since),
		Lookback: *lookback, Lateness: *lateness, User: *user, Object: *object}
	var err error
	if *to != "" {
		if q.To, err = time.Parse(time.RFC3339, *to); err != nil {
			return bad("-to: " + err.Error())
		}
	}
	if *from != "" {
		if q.From, err = time.Parse(time.RFC3339, *from); err != nil {
			return bad("-from: " + err.Error())
		}
	} else if *to != "" {
		q.From = q.To.Add(-*since)
	}
	if !q.From.Before(q.To) {
		return bad("the window ends before it starts")
	}

	if *stack != "" {
		outs, err := deps.StackOutputs(ctx, *stack)
		if err != nil {
			return fail(fmt.Errorf("reading stack %s's outputs: %w (or give -bucket, -account and -region)", *stack, err))
		}
		if err := fromStack(&q, outs); err != nil {
			return fail(fmt.Errorf("stack %s: %w", *stack, err))
		}
	}

	// A window that ends now is incomplete by nature: say so. One that ended a moment ago (-to) can be
	// completed by waiting for CloudTrail's late deliveries.
	if wake := q.To.Add(q.Lateness); wake.After(now) {
		switch {
		case *to == "" || !*wait:
			fmt.Fprintf(stderr, "audit: reads of the last %s may be missing: CloudTrail delivers them minutes late\n", q.Lateness)
		default:
			fmt.Fprintf(stderr, "audit: waiting %s for CloudTrail's late deliveries of the window (-wait=false to skip)\n", wake.Sub(now).Round(time.Second))
			if err := deps.Sleep(ctx, wake.Sub(now)); err != nil {
				return fail(err)
			}
		}
	}
	src, err := deps.NewSource(ctx, q.Region)
	if err != nil {
		return fail(err)
	}
	report, err := Scan(ctx, src, q, stderr)
	if err != nil {
		return fail(err)
	}
	fmt.Fprintf(stderr, "audit: %d log files, %d events: %d logins, %d reads (%d whose login is not in the logs), %d refused; skipped %d files and %d records\n",
		report.Files, report.Records, report.Logins, report.Reads, report.Unmatched, report.Denied, report.SkippedFiles, report.SkippedRecords)
	for _, p := range report.Problems {
		fmt.Fprintln(stderr, "audit: skipped", p)
	}
	if err := report.Write(stdout, *format); err != nil {
		return fail(err)
	}
	return 0
}

// fromStack fills the log bucket, account and region from the stack's outputs.
func fromStack(q *Query, outs map[string]any) error {
	b, _ := outs["auditLogBucket"].(string)
	arns, _ := outs["auditTrailArns"].([]any)
	if b == "" || len(arns) == 0 {
		return errors.New("it has no audit trail (auditTrail.enabled in its config)")
	}
	arn, _ := arns[0].(string)
	parts := strings.SplitN(arn, ":", 6) // arn:aws:cloudtrail:REGION:ACCOUNT:trail/NAME
	if len(parts) < 6 {
		return fmt.Errorf("%q is not a trail ARN", arn)
	}
	q.Bucket, q.Region, q.Account = b, parts[3], parts[4]
	return nil
}
