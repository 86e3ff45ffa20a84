package tests

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"igv-aws-backend/policies"
	"igv-aws-backend/stack"
	"igv-aws-backend/stackconfig"
	"igv-aws-backend/synth"
)

const prodLogBucket = "genomics-lab-access-logs-eu-west-2"

// withLogBucket is prod with its access-log bucket as given (nil: it does not exist).
func withLogBucket(t *testing.T, b *synth.AccountBucket) synth.Stack {
	st := exampleStack(t, "prod")
	st.Existing = &synth.Existing{Buckets: map[string]synth.AccountBucket{}}
	if b != nil {
		st.Existing.Buckets[prodLogBucket] = *b
	}
	return st
}

// refusedAtPreview runs the stack and requires the access-log bucket to be refused, with nothing registered.
func refusedAtPreview(t *testing.T, st synth.Stack, says string) {
	t.Helper()
	r, err := synth.Run(stack.Program, st)
	var cfgErr *stackconfig.Error
	require.ErrorAs(t, err, &cfgErr)
	require.Len(t, cfgErr.Problems, 1, "%v", err)
	p := cfgErr.Problems[0]
	assert.Equal(t, stackconfig.KeyAccessLogBucket, p.Key)
	assert.Contains(t, p.Why, says)
	assert.NotEmpty(t, p.Fix)
	assert.Empty(t, r.Resources, "refused before anything is registered")
}

func statementPolicy(s policies.Statement) string { return policies.New(s).MustJSON() }

func TestALogBucketThatDoesNotExistIsRefusedAtPreview(t *testing.T) {
	refusedAtPreview(t, withLogBucket(t, nil), "cannot be read")
}

func TestALogBucketInAnotherRegionIsRefusedAtPreview(t *testing.T) {
	policy := statementPolicy(policies.AccessLogDelivery(prodLogBucket, "s3/", synth.Account))
	refusedAtPreview(t, withLogBucket(t, &synth.AccountBucket{Region: "us-east-1", Policy: policy}), "is in us-east-1")
}

// S3 accepts a logging target whose policy does not let its logging service write, and then delivers
// nothing: the stack refuses such a bucket instead.
func TestALogBucketThatTheLoggingServiceCannotWriteIsRefusedAtPreview(t *testing.T) {
	refusedAtPreview(t, withLogBucket(t, &synth.AccountBucket{Region: "eu-west-2"}), "has no bucket policy")
	otherPrefix := statementPolicy(policies.AccessLogDelivery(prodLogBucket, "elsewhere/", synth.Account))
	refusedAtPreview(t, withLogBucket(t, &synth.AccountBucket{Region: "eu-west-2", Policy: otherPrefix}), "does not let logging.s3.amazonaws.com")
	cloudFrontOnly := statementPolicy(policies.Statement{Effect: policies.Allow, Principal: policies.Principals{"Service": {"delivery.logs.amazonaws.com"}},
		Action: policies.Values{"s3:PutObject"}, Resource: policies.Values{"arn:aws:s3:::" + prodLogBucket + "/*"}})
	refusedAtPreview(t, withLogBucket(t, &synth.AccountBucket{Region: "eu-west-2", Policy: cloudFrontOnly}), "does not let logging.s3.amazonaws.com")
}

func TestALogBucketWithTheREADMEStatementIsAccepted(t *testing.T) {
	for _, resource := range []string{"s3/*", "*"} {
		s := policies.AccessLogDelivery(prodLogBucket, "s3/", synth.Account)
		s.Resource = policies.Values{"arn:aws:s3:::" + prodLogBucket + "/" + resource}
		r := run(t, withLogBucket(t, &synth.AccountBucket{Region: "eu-west-2", Policy: statementPolicy(s)}))
		assert.NotEmpty(t, ofType(r, typeLogging), resource)
	}
}

func TestTheREADMEGivesTheAccessLogStatement(t *testing.T) {
	readme := readmeText(t)
	pretty, err := policies.Pretty(statementPolicy(policies.AccessLogDelivery("LOG-BUCKET", "s3/", "ACCOUNT-ID")))
	require.NoError(t, err)
	for _, line := range strings.Split(strings.TrimSpace(string(pretty)), "\n") {
		if strings.Contains(line, "Sid") || strings.Contains(line, "logging.s3") || strings.Contains(line, "LOG-BUCKET") {
			assert.Contains(t, readme, strings.TrimSpace(line), "the README's access-log statement is the one the stack checks for")
		}
	}
}
