package standin

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"igv-aws-backend/stack"
	"igv-aws-backend/synth"
)

func TestFromSynthReadsTheProdStacksPortsKeysAndRoles(t *testing.T) {
	st, err := synth.LoadStack("../../..", "prod", "")
	require.NoError(t, err)
	r, err := synth.Run(stack.Program, st)
	require.NoError(t, err)
	d, err := FromSynth(r)
	require.NoError(t, err)

	assert.Contains(t, d.ConfigObjects, "/port-60152/oauth-config.json.gz")
	assert.Equal(t, "ON", d.UserPool.MFA)
	assert.Equal(t, "ACTIVE", d.UserPool.DeletionProtection)
	assert.Equal(t, int32(14), d.UserPool.PasswordPolicy.MinimumLength)
	require.Contains(t, d.Buckets, "genomics-lab-clinical-exomes")
	assert.NotEmpty(t, d.Buckets["genomics-lab-clinical-exomes"].KMSKeyARN, "an existing bucket's key comes from the config")
	assert.False(t, d.Buckets["genomics-lab-clinical-exomes"].Created)
	assert.NotEmpty(t, d.Buckets["genomics-lab-wgs-2026"].KMSKeyARN, "a created bucket's key comes from its encryption")
	role := d.Roles[d.IdentityPool.Roles["authenticated"]]
	require.NotNil(t, role)
	assert.Len(t, role.Policies, 3, "the inline list-buckets policy and two data policies")
	assert.Len(t, d.Users, 2)
}
