package tests

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"igv-aws-backend/stack"
	"igv-aws-backend/stackconfig"
	"igv-aws-backend/synth"
)

// mistakes are configuration errors an admin can make, each with the key and the explanation the
// error must give.
var mistakes = []struct {
	name    string
	changes map[string]string
	key     string
	says    string
}{
	{"no region", map[string]string{stackconfig.KeyRegion: ""}, "aws:region", "is required"},
	{"region is not a region", map[string]string{stackconfig.KeyRegion: "europe-west"}, "aws:region", "not a region"},
	{"domain prefix contains aws", map[string]string{stackconfig.KeyDomainPrefix: "lab-aws-igv"}, stackconfig.KeyDomainPrefix, `contains "aws"`},
	{"domain prefix with capitals", map[string]string{stackconfig.KeyDomainPrefix: "Lab_IGV"}, stackconfig.KeyDomainPrefix, "not a valid Cognito domain prefix"},
	{"callback port not a list", map[string]string{stackconfig.KeyCallbackPorts: "60151"}, stackconfig.KeyCallbackPorts, "not a list"},
	{"more callback ports than Cognito allows", map[string]string{stackconfig.KeyCallbackPorts: manyPorts(101)}, stackconfig.KeyCallbackPorts, "100 callback URLs"},
	{"callback port privileged", map[string]string{stackconfig.KeyCallbackPorts: "[80]"}, stackconfig.KeyCallbackPorts, "not a port IGV can listen on"},
	{"mfa lowercase", map[string]string{stackconfig.KeyMFA: "on"}, stackconfig.KeyMFA, "not one of OPTIONAL, ON"},
	{"mfa off", map[string]string{stackconfig.KeyMFA: "OFF"}, stackconfig.KeyMFA, "Cognito.5"},
	{"password too short", map[string]string{stackconfig.KeyPasswordMinLength: "8"}, stackconfig.KeyPasswordMinLength, "Cognito.3"},
	{"threat protection unknown", map[string]string{stackconfig.KeyThreatProtection: "FULL"}, stackconfig.KeyThreatProtection, "not one of OFF, AUDIT, ENFORCED"},
	{"client secret not boolean", map[string]string{stackconfig.KeyClientSecret: "yes"}, stackconfig.KeyClientSecret, "not a boolean"},
	{"no buckets", map[string]string{stackconfig.KeyBuckets: ""}, stackconfig.KeyBuckets, "is required"},
	{"bucket name invalid", map[string]string{stackconfig.KeyBuckets: `[{"name":"My_Bucket"}]`}, stackconfig.KeyBuckets + "[0].name", "lowercase letters"},
	{"bucket listed twice", map[string]string{stackconfig.KeyBuckets: `[{"name":"lab-data"},{"name":"lab-data"}]`}, stackconfig.KeyBuckets + "[1].name", "listed twice"},
	{"misspelt bucket field", map[string]string{stackconfig.KeyBuckets: `[{"name":"lab-data","prefix":["runs/"]}]`}, stackconfig.KeyBuckets, `unknown field "prefix"`},
	{"created bucket with dots", map[string]string{stackconfig.KeyBuckets: `[{"name":"lab.data","create":true}]`}, stackconfig.KeyBuckets + "[0].name", "contains a dot"},
	{"prefix with wildcard", map[string]string{stackconfig.KeyBuckets: `[{"name":"lab-data","prefixes":["runs/*"]}]`}, stackconfig.KeyBuckets + "[0].prefixes[0]", "wildcard"},
	{"prefix with leading slash", map[string]string{stackconfig.KeyBuckets: `[{"name":"lab-data","prefixes":["/runs/"]}]`}, stackconfig.KeyBuckets + "[0].prefixes[0]", "starts with /"},
	{"kms alias instead of key", map[string]string{stackconfig.KeyBuckets: `[{"name":"lab-data","kmsKeyArn":"arn:aws:kms:eu-west-2:123456789012:alias/data"}]`}, stackconfig.KeyBuckets + "[0].kmsKeyArn", "not a KMS key ARN"},
	{"kms key in another region", map[string]string{stackconfig.KeyBuckets: `[{"name":"lab-data","kmsKeyArn":"arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"}]`}, stackconfig.KeyBuckets + "[0].kmsKeyArn", "is in us-east-1"},
	{"email not a session name", map[string]string{stackconfig.KeyUsers: `[{"email":"o'brien@lab.example.org"}]`}, stackconfig.KeyUsers + "[0].email", "STS session name"},
	{"email too long for a session name", map[string]string{stackconfig.KeyUsers: fmt.Sprintf(`[{"email":"%s@lab.example.org"}]`, strings.Repeat("a", 60))}, stackconfig.KeyUsers + "[0].email", "at most 64 characters"},
	{"email invalid", map[string]string{stackconfig.KeyUsers: `[{"email":"jane.doe"}]`}, stackconfig.KeyUsers + "[0].email", "not an email address"},
	{"user listed twice", map[string]string{stackconfig.KeyUsers: `[{"email":"a@lab.org"},{"email":"A@lab.org"}]`}, stackconfig.KeyUsers + "[1].email", "listed twice"},
	{"reserved tag", map[string]string{stackconfig.KeyTags: `{"aws:owner":"lab"}`}, stackconfig.KeyTags + ".aws:owner", "reserves"},
	{"misspelt key", map[string]string{stackconfig.Namespace + ":threatprotection": "ENFORCED"}, stackconfig.Namespace + ":threatprotection", "did you mean " + stackconfig.KeyThreatProtection},
	{"domain without certificate", map[string]string{stackconfig.KeyConfigDomain: "igv.lab.example.org"}, stackconfig.KeyConfigDomain, "must be set together"},
	{"certificate outside us-east-1", map[string]string{stackconfig.KeyConfigDomain: "igv.lab.example.org", stackconfig.KeyConfigCertificateARN: "arn:aws:acm:eu-west-2:123456789012:certificate/abc"}, stackconfig.KeyConfigCertificateARN, "only uses certificates in us-east-1"},
	{"boundary is not a policy ARN", map[string]string{stackconfig.KeyRoleBoundaryARN: "igv-role-boundary"}, stackconfig.KeyRoleBoundaryARN, "not the ARN of a customer managed policy"},
	{"policy quota above the IAM maximum", map[string]string{stackconfig.KeyMaxManagedPolicies: "30"}, stackconfig.KeyMaxManagedPolicies, "up to 20"},
	{"buckets beyond the role's quota", map[string]string{stackconfig.KeyMaxManagedPolicies: "1", stackconfig.KeyBuckets: manyBuckets(120)}, stackconfig.KeyBuckets, "do not fit the authenticated role's IAM quota"},
}

func manyBuckets(n int) string {
	var b strings.Builder
	b.WriteString("[")
	for i := range n {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, `{"name":"genomics-lab-sequencing-run-%04d"}`, i)
	}
	b.WriteString("]")
	return b.String()
}

func manyPorts(n int) string {
	ports := make([]string, n)
	for i := range ports {
		ports[i] = fmt.Sprint(60000 + i)
	}
	return "[" + strings.Join(ports, ",") + "]"
}

// The pools are named "<project>-<stack>" for good: a name over Cognito's 128 characters is refused up front.
func TestAStackNameTooLongForThePoolNamesIsRefused(t *testing.T) {
	st := exampleStack(t, "dev")
	st.Name = strings.Repeat("s", 120)
	r, err := synth.Run(stack.Program, st)
	var cfgErr *stackconfig.Error
	require.ErrorAs(t, err, &cfgErr)
	assert.Contains(t, err.Error(), "project and stack name")
	assert.Contains(t, err.Error(), "allow 128")
	assert.Empty(t, r.Resources)
}

func TestEachConfigMistakeGivesItsErrorAndRegistersNothing(t *testing.T) {
	require.GreaterOrEqual(t, len(mistakes), 15)
	for _, m := range mistakes {
		t.Run(m.name, func(t *testing.T) {
			r, err := synth.Run(stack.Program, withConfig(exampleStack(t, "dev"), m.changes))
			require.Error(t, err)
			var cfgErr *stackconfig.Error
			require.ErrorAs(t, err, &cfgErr)
			found := false
			for _, p := range cfgErr.Problems {
				if p.Key == m.key && strings.Contains(p.String(), m.says) {
					found = true
					assert.NotEmpty(t, p.Fix, "every problem says how to fix it")
				}
			}
			assert.True(t, found, "want a problem on %s saying %q; got:\n%v", m.key, m.says, err)
			require.NotNil(t, r)
			assert.Empty(t, r.Resources, "a bad config registers nothing")
		})
	}
}

func TestAllConfigMistakesAreReportedAtOnce(t *testing.T) {
	_, err := synth.Run(stack.Program, withConfig(exampleStack(t, "dev"), map[string]string{
		stackconfig.KeyMFA:               "sometimes",
		stackconfig.KeyPasswordMinLength: "6",
		stackconfig.KeyCallbackPorts:     "[60151, 60151]",
		stackconfig.KeyBuckets:           `[{"name":"Bad Bucket"}]`,
		stackconfig.KeyUsers:             `[{"email":"not-an-email"}]`,
	}))
	var cfgErr *stackconfig.Error
	require.ErrorAs(t, err, &cfgErr)
	assert.Len(t, cfgErr.Problems, 5, "%v", err)
	msg := err.Error()
	for _, key := range []string{stackconfig.KeyMFA, stackconfig.KeyPasswordMinLength, stackconfig.KeyCallbackPorts,
		stackconfig.KeyBuckets + "[0].name", stackconfig.KeyUsers + "[0].email"} {
		assert.Contains(t, msg, key)
	}
	assert.Contains(t, msg, `"sometimes"`, "the bad value is shown")
	assert.Contains(t, msg, "fix:", "and how to fix it")
}

func TestCapacityErrorSaysHowManyBucketsFitAndWhatToRaise(t *testing.T) {
	_, err := synth.Run(stack.Program, withConfig(exampleStack(t, "dev"), map[string]string{
		stackconfig.KeyBuckets: manyBuckets(1000),
	}))
	require.Error(t, err)
	assert.Regexp(t, `only the first \d+ buckets \(in name order\) fit`, err.Error())
	assert.Contains(t, err.Error(), stackconfig.KeyMaxManagedPolicies)
	assert.Contains(t, err.Error(), "Service Quotas")
}
