package invite

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"text/tabwriter"
	"time"
)

// Deps are what the command needs from outside: an API client for a region, a stack's output, a clock.
type Deps struct {
	NewClient   func(ctx context.Context, region string) (Client, error)
	StackOutput func(ctx context.Context, stack, output string) (string, error)
	Now         func() time.Time
}

const usage = `usage: invite -stack STACK [-email EMAIL] [-json]
       invite -user-pool-id ID [-email EMAIL] [-json]

Lists the users of the stack's user pool who have not signed in yet (FORCE_CHANGE_PASSWORD), oldest
first, with when they were created and last changed: a temporary password works for 7 days. With -email, first
resends that user's invitation with a new temporary password (AdminCreateUser, MessageAction RESEND).
Each resend is an email: with Cognito's default sender, one of the 50 it sends a day per account.

Credentials come from the default AWS chain; the command needs cognito-idp:ListUsers and, with
-email, cognito-idp:AdminCreateUser on the pool. -stack reads the stack's userPoolId output with the
Pulumi CLI (logged in to the stack's backend).

Examples:
  go run ./cmd/invite -stack prod
  go run ./cmd/invite -stack prod -email jane.doe@genomics-lab.example.org
  go run ./cmd/invite -user-pool-id eu-west-2_AbCdEf123 -json

Flags:
`

func ago(now, t time.Time) string { return fmt.Sprintf("%dd ago", int(now.Sub(t)/(24*time.Hour))) }

// Main runs the command and returns its exit status: 0 done, 1 failed, 2 bad usage.
func Main(ctx context.Context, args []string, stdout, stderr io.Writer, deps Deps) int {
	fs := flag.NewFlagSet("invite", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, usage); fs.PrintDefaults() }
	stack := fs.String("stack", "", "the Pulumi stack whose user pool to use (reads its userPoolId output)")
	poolID := fs.String("user-pool-id", "", "the user pool id, instead of -stack")
	address := fs.String("email", "", "resend this user's invitation")
	asJSON := fs.Bool("json", false, "print the pending users as JSON")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if (*stack == "") == (*poolID == "") || fs.NArg() > 0 {
		fmt.Fprintln(stderr, "invite: give -stack or -user-pool-id (one of them)")
		fs.Usage()
		return 2
	}
	fail := func(err error) int { fmt.Fprintln(stderr, "invite:", err); return 1 }

	if *stack != "" {
		id, err := deps.StackOutput(ctx, *stack, "userPoolId")
		if err != nil {
			return fail(fmt.Errorf("reading stack %s's userPoolId output: %w (or give -user-pool-id)", *stack, err))
		}
		*poolID = id
	}
	region, err := RegionOf(*poolID)
	if err != nil {
		return fail(err)
	}
	client, err := deps.NewClient(ctx, region)
	if err != nil {
		return fail(err)
	}

	if *address != "" {
		if err := Resend(ctx, client, *poolID, *address); err != nil {
			return fail(err)
		}
		fmt.Fprintf(stderr, "invite: resent the invitation of %s; its new temporary password works for 7 days (with Cognito's default sender, this was one of its 50 emails today)\n", *address)
	}

	pending, err := ListPending(ctx, client, *poolID, deps.Now())
	if err != nil {
		return fail(err)
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if pending == nil {
			pending = []Pending{}
		}
		if err := enc.Encode(pending); err != nil {
			return fail(err)
		}
		return 0
	}
	if len(pending) == 0 {
		fmt.Fprintln(stderr, "invite: every user has signed in")
		return 0
	}
	tw := tabwriter.NewWriter(stdout, 0, 8, 2, ' ', 0)
	fmt.Fprintln(tw, "EMAIL\tCREATED\tLAST CHANGED\tTEMPORARY PASSWORD")
	now := deps.Now()
	for _, p := range pending {
		state := p.TemporaryPassword
		if state != PasswordValid {
			state += ": resend with -email"
		}
		fmt.Fprintf(tw, "%s\t%s (%s)\t%s (%s)\t%s\n", p.Email, p.Created.Format("2006-01-02"), ago(now, p.Created),
			p.LastChanged.Format("2006-01-02"), ago(now, p.LastChanged), state)
	}
	if err := tw.Flush(); err != nil {
		return fail(err)
	}
	return 0
}
