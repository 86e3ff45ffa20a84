package preflight

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"igv-aws-backend/stackconfig"
)

// InvitedUsersOutput is the stack output recording the users the stack has invited, as UserKeys: the
// next deployment compares its users with it. It is made of the users that exist once the deployment
// has created them, so a user whose creation failed is not recorded, and is counted again next time.
const InvitedUsersOutput = "invitedUsers"

// UserKey is how the record names a user: the SHA-256 of the lower-case email, so that stack outputs,
// which CI logs print, carry no addresses.
func UserKey(email string) string {
	sum := sha256.Sum256([]byte(strings.ToLower(email)))
	return hex.EncodeToString(sum[:])
}

// Record is the value of InvitedUsersOutput for the users created.
func Record(emails []string) []string {
	out := make([]string, 0, len(emails))
	for _, e := range emails {
		out = append(out, UserKey(e))
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// NewUsers are the configured users (lower-case emails) the previous record does not hold. previous
// is nil for a stack never deployed: every user is new.
func NewUsers(cfg *stackconfig.Config, previous []string) []string {
	var out []string
	for _, u := range cfg.Users {
		email := strings.ToLower(u.Email)
		if !slices.Contains(previous, UserKey(email)) && !slices.Contains(out, email) {
			out = append(out, email)
		}
	}
	return out
}

// checkInvitations refuses, without an SES sender, a deployment that would invite more new users than
// cfg.InvitationsPerDeployment: Cognito's default sender stops at 50 emails a day per account, resets
// and resent invitations included, and `pulumi up` would fail halfway with LimitExceededException.
//
// Which users are new is read from the stack's own previous deployment, through a stack reference to
// itself: its InvitedUsersOutput, as the last deployment left it (a deployment that failed keeps the
// record of the one before, since the record waits for every user). A stack never deployed has none.
func checkInvitations(ctx *pulumi.Context, cfg *stackconfig.Config, last *lastDeployment) []stackconfig.Problem {
	if cfg.EmailSender != nil || len(cfg.Users) == 0 {
		return nil
	}
	previous, known, err := last.invitations()
	if err != nil {
		return []stackconfig.Problem{{Key: stackconfig.KeyUsers, Why: "the stack's previous deployment cannot be read to count new users: " + firstLine(err),
			Fix: "check access to the Pulumi backend; the stack reads its own outputs"}}
	}
	if !known {
		ctx.Log.Warn(fmt.Sprintf("the stack's last deployment predates the record of invited users (%s): this deployment's "+
			"invitations are not counted against Cognito's daily limit", InvitedUsersOutput), nil)
		return nil
	}
	added := NewUsers(cfg, previous)
	if len(added) <= cfg.InvitationsPerDeployment {
		return nil
	}
	return []stackconfig.Problem{{
		Key:   stackconfig.KeyUsers,
		Value: fmt.Sprintf("%d new users", len(added)),
		Why: fmt.Sprintf("would be invited by Cognito's default email sender, which sends at most %d emails a day per account "+
			"(password resets and resent invitations included); this stack invites at most %d per deployment (%s), "+
			"so pulumi up would stop halfway with LimitExceededException",
			stackconfig.DefaultSenderDailyLimit, cfg.InvitationsPerDeployment, stackconfig.KeyInvitationsPerDeploy),
		Fix: fmt.Sprintf("add at most %d users per deployment and day, or configure %s (SES) to send the invitations",
			cfg.InvitationsPerDeployment, stackconfig.KeyEmailSender),
	}}
}

// lastDeployment reads the stack's own last deployment, through a stack reference to itself made on
// first use: one reference however many checks read it.
type lastDeployment struct {
	ctx *pulumi.Context
	ref *pulumi.StackReference
}

func (l *lastDeployment) output(name string) (*pulumi.StackReferenceOutputDetails, error) {
	if l.ref == nil {
		self := fmt.Sprintf("%s/%s/%s", l.ctx.Organization(), l.ctx.Project(), l.ctx.Stack())
		ref, err := pulumi.NewStackReference(l.ctx, "previous-deployment", &pulumi.StackReferenceArgs{Name: pulumi.String(self)})
		if err != nil {
			return nil, err
		}
		l.ref = ref
	}
	return l.ref.GetOutputDetails(name)
}

// value is an output's value, secret or not (nil when absent).
func (l *lastDeployment) value(name string) (any, error) {
	d, err := l.output(name)
	if err != nil || d == nil {
		return nil, err
	}
	if d.Value != nil {
		return d.Value, nil
	}
	return d.SecretValue, nil
}

// invitations reads InvitedUsersOutput of the stack's last deployment. known is false when that
// deployment predates the output (it had other outputs, but not this one): then nothing can be counted.
func (l *lastDeployment) invitations() (invited []string, known bool, err error) {
	value, err := l.value(InvitedUsersOutput)
	if err != nil {
		return nil, false, err
	}
	if value == nil {
		// Never deployed, or deployed before the output existed: an older deployment has a userPoolId.
		pool, err := l.value("userPoolId")
		if err != nil {
			return nil, false, err
		}
		return nil, pool == nil, nil
	}
	list, _ := value.([]any)
	for _, v := range list {
		if s, ok := v.(string); ok {
			invited = append(invited, s)
		}
	}
	return invited, true, nil
}
