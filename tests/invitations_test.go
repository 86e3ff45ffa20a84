package tests

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"igv-aws-backend/invitation"
	"igv-aws-backend/preflight"
	"igv-aws-backend/stack"
	"igv-aws-backend/stackconfig"
	"igv-aws-backend/synth"
)

// sesSender is an SES sender in the example stacks' region.
const sesSender = `{"sesIdentityArn": "arn:aws:ses:eu-west-2:123456789012:identity/genomics-lab.example.org",
	"from": "IGV at Genomics Lab <igv@genomics-lab.example.org>", "replyTo": "igv-support@genomics-lab.example.org",
	"configurationSet": "igv-invitations"}`

// cohort is n users whose emails start with prefix.
func cohort(prefix string, n int) []stackconfig.User {
	users := make([]stackconfig.User, n)
	for i := range users {
		users[i] = stackconfig.User{Email: fmt.Sprintf("%s.%03d@genomics-lab.example.org", prefix, i)}
	}
	return users
}

// deployment is the dev stack with the given users, after a previous deployment that invited previous
// (nil: never deployed).
func deployment(t *testing.T, users []stackconfig.User, previous []string) synth.Stack {
	st := withConfig(exampleStack(t, "dev"), map[string]string{stackconfig.KeyUsers: mustJSON(t, users)})
	if previous != nil {
		keys := preflight.Record(previous)
		list := make([]any, len(keys))
		for i, k := range keys {
			list[i] = k
		}
		st.Previous = map[string]any{"userPoolId": "eu-west-2_AbCdEf123", "invitedUsers": list}
	}
	return st
}

func emails(users []stackconfig.User) []string {
	out := make([]string, len(users))
	for i, u := range users {
		out[i] = strings.ToLower(u.Email)
	}
	return out
}

// refusedForTheDailyLimit requires the invitation check's refusal, with nothing registered.
func refusedForTheDailyLimit(t *testing.T, st synth.Stack, newUsers int) {
	t.Helper()
	r, err := synth.Run(stack.Program, st)
	var cfgErr *stackconfig.Error
	require.ErrorAs(t, err, &cfgErr)
	msg := err.Error()
	assert.Contains(t, msg, stackconfig.KeyUsers+fmt.Sprintf(" = %d new users", newUsers), "the error gives the count")
	assert.Contains(t, msg, "at most 50 emails a day", "and Cognito's limit")
	assert.Contains(t, msg, "at most 20 per deployment", "and the share")
	assert.Contains(t, msg, stackconfig.KeyEmailSender, "and the fix")
	assert.Empty(t, r.Resources, "refused before anything is registered")
}

func TestAFirstDeploymentCountsEveryUserAsNew(t *testing.T) {
	refusedForTheDailyLimit(t, deployment(t, cohort("analyst", 21), nil), 21)
	r := run(t, deployment(t, cohort("analyst", 20), nil))
	assert.Len(t, ofType(r, typeUser), 20, "exactly the share passes")
}

func TestOneUserPastTheShareIsRefusedAndExactlyTheSharePasses(t *testing.T) {
	before := cohort("analyst", 30)
	previous := emails(before)
	refusedForTheDailyLimit(t, deployment(t, append(before, cohort("newcomer", 21)...), previous), 21)
	r := run(t, deployment(t, append(before, cohort("newcomer", 20)...), previous))
	assert.Len(t, ofType(r, typeUser), 50)
}

func TestTheShareIsConfigurable(t *testing.T) {
	st := deployment(t, cohort("analyst", 11), nil)
	st = withConfig(st, map[string]string{stackconfig.KeyInvitationsPerDeploy: "10"})
	_, err := synth.Run(stack.Program, st)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "at most 10 per deployment")
	st = withConfig(st, map[string]string{stackconfig.KeyInvitationsPerDeploy: "51"})
	_, err = synth.Run(stack.Program, st)
	assert.ErrorContains(t, err, "from 1 to 50", "never more than Cognito's daily limit")
}

func TestRemovedAndRenamedUsersAreNotCountedAndCaseDoesNotMakeAUserNew(t *testing.T) {
	before := cohort("analyst", 40)
	after := append([]stackconfig.User(nil), before[10:]...) // ten removed
	for i := range after {
		after[i].Email = strings.ToUpper(after[i].Email[:1]) + after[i].Email[1:]
	}
	r := run(t, deployment(t, append(after, cohort("newcomer", 20)...), emails(before)))
	assert.Len(t, ofType(r, typeUser), 50)
}

func TestWithAnSESSenderThereIsNoDailyShare(t *testing.T) {
	st := withConfig(deployment(t, cohort("analyst", 60), nil), map[string]string{stackconfig.KeyEmailSender: sesSender})
	assert.Len(t, ofType(run(t, st), typeUser), 60)
}

// A deployment made before the stack recorded its invitations cannot be counted against: no refusal.
func TestAnOlderDeploymentWithoutTheRecordIsNotCounted(t *testing.T) {
	st := deployment(t, cohort("analyst", 30), nil)
	st.Previous = map[string]any{"userPoolId": "eu-west-2_AbCdEf123"}
	assert.Len(t, ofType(run(t, st), typeUser), 30)
}

// The record names users by the SHA-256 of their lower-case email: CI logs print stack outputs.
func TestTheStackRecordsWhomItInvitedWithoutTheirAddresses(t *testing.T) {
	r := run(t, deployment(t, []stackconfig.User{{Email: "Zoe.Muller@genomics-lab.example.org"}, {Email: "a.b@genomics-lab.example.org"}}, nil))
	want := preflight.Record([]string{"zoe.muller@genomics-lab.example.org", "a.b@genomics-lab.example.org"})
	assert.Equal(t, []any{want[0], want[1]}, r.Outputs["invitedUsers"])
	assert.Len(t, want[0], 64)
	assert.NotContains(t, mustJSON(t, r.Outputs), "zoe.muller", "no address in the outputs")
}

// A record kept as a secret is read all the same (otherwise every user would count as new).
func TestASecretRecordIsReadToo(t *testing.T) {
	st := deployment(t, cohort("analyst", 30), emails(cohort("analyst", 30)))
	st.Previous["invitedUsers"] = map[string]any{"[secret]": st.Previous["invitedUsers"]}
	st = withConfig(st, map[string]string{stackconfig.KeyUsers: mustJSON(t, append(cohort("analyst", 30), cohort("newcomer", 5)...))})
	assert.Len(t, ofType(run(t, st), typeUser), 35, "the 30 recorded users are not new")
}

func TestAnSESSenderSendsTheStacksInvitationThroughIt(t *testing.T) {
	r := run(t, withConfig(exampleStack(t, "prod"), map[string]string{stackconfig.KeyEmailSender: sesSender}))
	pool := only(t, r, typeUserPool)
	assert.Equal(t, "DEVELOPER", input(pool, "emailConfiguration", "emailSendingAccount"))
	assert.Equal(t, "arn:aws:ses:eu-west-2:123456789012:identity/genomics-lab.example.org", input(pool, "emailConfiguration", "sourceArn"))
	assert.Equal(t, "IGV at Genomics Lab <igv@genomics-lab.example.org>", input(pool, "emailConfiguration", "fromEmailAddress"))
	assert.Equal(t, "igv-support@genomics-lab.example.org", input(pool, "emailConfiguration", "replyToEmailAddress"))
	assert.Equal(t, "igv-invitations", input(pool, "emailConfiguration", "configurationSet"))

	url := outputString(t, r, "provisioningUrl")
	want, err := invitation.Render(invitation.Values{ProvisioningURL: url, Port: 60151})
	require.NoError(t, err)
	assert.Equal(t, want.Email, input(pool, "adminCreateUserConfig", "inviteMessageTemplate", "emailMessage"),
		"the invitation names this stack's provisioning URL")
	assert.Contains(t, want.Email, url)
	assert.Equal(t, want.Subject, input(pool, "adminCreateUserConfig", "inviteMessageTemplate", "emailSubject"))
	assert.Equal(t, want.SMS, input(pool, "adminCreateUserConfig", "inviteMessageTemplate", "smsMessage"),
		"the SMS message is set too: the provider would send it empty")
}

func TestEmailSenderMistakesAreRefused(t *testing.T) {
	for name, c := range map[string]struct{ sender, key, says string }{
		"not an SES ARN": {`{"sesIdentityArn": "genomics-lab.example.org", "from": "igv@genomics-lab.example.org"}`,
			stackconfig.KeyEmailSender + ".sesIdentityArn", "not an SES identity ARN"},
		"identity in a region Cognito cannot use": {`{"sesIdentityArn": "arn:aws:ses:eu-north-1:123456789012:identity/genomics-lab.example.org", "from": "igv@genomics-lab.example.org"}`,
			stackconfig.KeyEmailSender + ".sesIdentityArn", "can send only through SES in eu-west-2 or us-east-1 or us-west-2 or eu-west-1"},
		"from outside the domain": {`{"sesIdentityArn": "arn:aws:ses:eu-west-2:123456789012:identity/genomics-lab.example.org", "from": "igv@other.example.org"}`,
			stackconfig.KeyEmailSender + ".from", "not an address of the SES identity"},
		"from another address than an address identity": {`{"sesIdentityArn": "arn:aws:ses:eu-west-2:123456789012:identity/igv@genomics-lab.example.org", "from": "admin@genomics-lab.example.org"}`,
			stackconfig.KeyEmailSender + ".from", "not an address of the SES identity"},
		"no from": {`{"sesIdentityArn": "arn:aws:ses:eu-west-2:123456789012:identity/genomics-lab.example.org"}`,
			stackconfig.KeyEmailSender + ".from", "is required"},
		"bad reply-to": {`{"sesIdentityArn": "arn:aws:ses:eu-west-2:123456789012:identity/genomics-lab.example.org", "from": "igv@genomics-lab.example.org", "replyTo": "support"}`,
			stackconfig.KeyEmailSender + ".replyTo", "not a plain email address"},
		"bad configuration set": {`{"sesIdentityArn": "arn:aws:ses:eu-west-2:123456789012:identity/genomics-lab.example.org", "from": "igv@genomics-lab.example.org", "configurationSet": "my set"}`,
			stackconfig.KeyEmailSender + ".configurationSet", "not an SES configuration set name"},
		"misspelt field": {`{"sesIdentityArn": "arn:aws:ses:eu-west-2:123456789012:identity/genomics-lab.example.org", "from": "igv@genomics-lab.example.org", "reply_to": "a@b.org"}`,
			stackconfig.KeyEmailSender, `unknown field "reply_to"`},
	} {
		t.Run(name, func(t *testing.T) {
			r, err := synth.Run(stack.Program, withConfig(exampleStack(t, "dev"), map[string]string{stackconfig.KeyEmailSender: c.sender}))
			var cfgErr *stackconfig.Error
			require.ErrorAs(t, err, &cfgErr)
			found := false
			for _, p := range cfgErr.Problems {
				if p.Key == c.key && strings.Contains(p.String(), c.says) {
					found = true
					assert.NotEmpty(t, p.Fix)
				}
			}
			assert.True(t, found, "want %s saying %q; got %v", c.key, c.says, err)
			assert.Empty(t, r.Resources)
		})
	}
}

// A subdomain's address may send through the domain's identity (SES's rule for domain identities).
func TestAnAddressOfASubdomainMaySendThroughTheDomain(t *testing.T) {
	sender := `{"sesIdentityArn": "arn:aws:ses:us-east-1:123456789012:identity/genomics-lab.example.org", "from": "IGV <igv@mail.genomics-lab.example.org>"}`
	r := run(t, withConfig(exampleStack(t, "dev"), map[string]string{stackconfig.KeyEmailSender: sender}))
	assert.Equal(t, "DEVELOPER", input(only(t, r, typeUserPool), "emailConfiguration", "emailSendingAccount"),
		"an eu-west-2 pool may use SES in us-east-1, one of the legacy regions")
}
