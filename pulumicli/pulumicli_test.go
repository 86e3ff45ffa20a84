package pulumicli

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fakePulumi puts a pulumi on PATH that records its arguments and prints out (or fails with stderr).
func fakePulumi(t *testing.T, out, stderr string, code int) string {
	t.Helper()
	dir := t.TempDir()
	args := filepath.Join(dir, "args")
	script := "#!/bin/sh\necho \"$@\" > " + args + "\nprintf '%s' '" + out + "'\nprintf '%s' '" + stderr + "' >&2\nexit " + string(rune('0'+code)) + "\n"
	require.NoError(t, os.WriteFile(filepath.Join(dir, "pulumi"), []byte(script), 0o755))
	t.Setenv("PATH", dir)
	return args
}

func TestOutputsAsksTheCLIForTheStacksJSONAndShowsSecretsOnlyWhenAsked(t *testing.T) {
	args := fakePulumi(t, `{"userPoolId":"eu-west-2_AbC","provisioningUrls":{"60151":"https://d.cloudfront.net/oauth-config.json.gz"}}`, "", 0)
	outs, err := Outputs(context.Background(), "prod", false)
	require.NoError(t, err)
	assert.Equal(t, "eu-west-2_AbC", outs["userPoolId"])
	got, _ := os.ReadFile(args)
	assert.Equal(t, "stack output --json --stack prod\n", string(got))

	_, err = Outputs(context.Background(), "prod", true)
	require.NoError(t, err)
	got, _ = os.ReadFile(args)
	assert.Equal(t, "stack output --json --stack prod --show-secrets\n", string(got))
}

func TestOutputGivesTextAndNamesAMissingOutput(t *testing.T) {
	fakePulumi(t, `{"userPoolId":"eu-west-2_AbC","dataBuckets":["a","b"]}`, "", 0)
	v, err := Output(context.Background(), "prod", "userPoolId")
	require.NoError(t, err)
	assert.Equal(t, "eu-west-2_AbC", v)
	v, err = Output(context.Background(), "prod", "dataBuckets")
	require.NoError(t, err)
	assert.Equal(t, `["a","b"]`, v)
	_, err = Output(context.Background(), "prod", "auditLogBucket")
	assert.EqualError(t, err, "stack prod has no output auditLogBucket")
}

func TestACLIFailureIsReportedWithItsMessage(t *testing.T) {
	fakePulumi(t, "", "error: no stack named prod found", 1)
	_, err := Outputs(context.Background(), "prod", false)
	assert.EqualError(t, err, "pulumi stack output: error: no stack named prod found")
}
