package lifecycle

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"igv-aws-backend/stackconfig"
)

const sesIdentity = "arn:aws:ses:eu-west-2:123456789012:identity/genomics-lab.example.org"

func sender(from string) map[string]any {
	return map[string]any{"sesIdentityArn": sesIdentity, "from": from}
}

// newcomers are n users to add.
func newcomers(prefix string, n int) []map[string]any {
	out := make([]map[string]any, n)
	for i := range out {
		out[i] = map[string]any{"email": fmt.Sprintf("%s.%03d@genomics-lab.example.org", prefix, i)}
	}
	return out
}

// The stack reads its own previous deployment (a stack reference to itself) to tell new users from
// invited ones: more than the share is refused at preview, and what was invited is not counted again.
func TestInvitingMoreThanTheDailyShareIsRefusedAtPreviewAndTheRecordCarriesOver(t *testing.T) {
	t.Parallel()
	e := deployed(t, "dev")
	base := e.users()
	e.setUsers(append(base, newcomers("cohort-a", 21)...))
	r := e.preview()
	require.Error(t, r.Err)
	diags := strings.Join(r.Diags, "\n")
	assert.Contains(t, diags, "21 new users")
	assert.Contains(t, diags, stackconfig.KeyEmailSender)
	require.Error(t, e.up().Err)
	assert.Empty(t, e.double.Calls(), "nothing reached AWS")

	e.setUsers(append(base, newcomers("cohort-a", 20)...))
	r = e.mustUp()
	assert.Len(t, r.on(typeUser), 20)

	// Twenty more: the previous deployment's twenty are not counted again.
	e.setUsers(append(append(base, newcomers("cohort-a", 20)...), newcomers("cohort-b", 20)...))
	r = e.mustUp()
	assert.Len(t, r.on(typeUser), 20)
}

func TestAFirstDeploymentOfMoreUsersThanTheShareIsRefused(t *testing.T) {
	t.Parallel()
	b, err := scaledStackFileWith(1, 21)
	require.NoError(t, err)
	e := newEnvFrom(t, "cohort", b, "")
	r := e.preview()
	require.Error(t, r.Err)
	assert.Contains(t, strings.Join(r.Diags, "\n"), "21 new users")
}

func TestAddingAnEmailSenderSwitchesThePoolToSESInPlace(t *testing.T) {
	t.Parallel()
	forEachStack(t, func(t *testing.T, e *env) {
		e.World().SESIdentities[sesIdentity] = true
		e.set(stackconfig.KeyEmailSender, sender("IGV at Genomics Lab <igv@genomics-lab.example.org>"))
		r := e.mustUp()
		assertOps(t, r, "update "+typeUserPool+"::igv-users")
		pool := e.World().OfType(typeUserPool)[0]
		email, _ := pool.Inputs["emailConfiguration"].(map[string]any)
		assert.Equal(t, "DEVELOPER", email["emailSendingAccount"])
		template, _ := pool.Inputs["adminCreateUserConfig"].(map[string]any)["inviteMessageTemplate"].(map[string]any)
		assert.Contains(t, template["emailMessage"], "/oauth-config.json.gz", "the invitation names the provisioning URL")
	})
}

func TestAnUnverifiedSESIdentityFailsAtTheUserPool(t *testing.T) {
	t.Parallel()
	e := deployed(t, "dev")
	e.set(stackconfig.KeyEmailSender, sender("igv@genomics-lab.example.org"))
	r := e.up()
	require.Error(t, r.Err)
	assert.Contains(t, strings.Join(r.Diags, "\n"), "not verified")
}

func TestWithAnEmailSenderSixtyUsersAreInvitedInOneDeployment(t *testing.T) {
	t.Parallel()
	e := deployed(t, "dev")
	e.World().SESIdentities[sesIdentity] = true
	e.set(stackconfig.KeyEmailSender, sender("igv@genomics-lab.example.org"))
	e.setUsers(append(e.users(), newcomers("cohort", 60)...))
	r := e.mustUp()
	assert.Len(t, r.on(typeUser), 60)
	assert.Equal(t, []string{"update igv-users"}, r.on(typeUserPool))
}

func TestChangingTheSenderAddressUpdatesThePoolInPlace(t *testing.T) {
	t.Parallel()
	e := deployed(t, "prod")
	e.World().SESIdentities[sesIdentity] = true
	e.set(stackconfig.KeyEmailSender, sender("igv@genomics-lab.example.org"))
	e.mustUp()
	e.set(stackconfig.KeyEmailSender, sender("Genomics Lab IGV <igv-accounts@genomics-lab.example.org>"))
	r := e.mustUp()
	assertOps(t, r, "update "+typeUserPool+"::igv-users")
	assertPoolAndDataSafe(t, e, r)
}

// A cohort that fails halfway (the day's allowance already spent on resets) leaves the previous record:
// the users it could not create count as new next time, so the next deployment cannot slip past the share.
func TestACohortThatFailsHalfwayIsCountedAgainNextTime(t *testing.T) {
	t.Parallel()
	e := deployed(t, "dev")
	base := e.users()
	e.World().DefaultSenderEmailsToday = 40 // password resets earlier today
	e.setUsers(append(base, newcomers("cohort", 20)...))
	r := e.up()
	require.Error(t, r.Err, "the default sender stops after 10 more emails")
	assert.Contains(t, strings.Join(r.Diags, "\n"), "LimitExceededException")
	created := len(e.World().OfType(typeUser)) - len(base)
	require.Equal(t, 10, created)

	// The next day: the ten not created and eleven more are 21 new users, over the share.
	e.World().DefaultSenderEmailsToday = 0
	e.setUsers(append(append(base, newcomers("cohort", 20)...), newcomers("late", 11)...))
	p := e.preview()
	require.Error(t, p.Err, "the failed deployment must not have recorded its users as invited")
	assert.Contains(t, strings.Join(p.Diags, "\n"), "new users")

	// The ten alone go through.
	e.setUsers(append(base, newcomers("cohort", 20)...))
	r = e.mustUp()
	assert.Len(t, r.on(typeUser), 10)
}
