package standin

import (
	"context"
	"net/url"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"igv-aws-backend/policies"
)

func TestGetRoleReturnsTheTrustPolicyURLEncoded(t *testing.T) {
	d, client := serve(t)
	role := d.Roles[d.IdentityPool.Roles["authenticated"]]
	out, err := iam.NewFromConfig(adminConfig(t, d, client)).GetRole(context.Background(), &iam.GetRoleInput{RoleName: aws.String(role.Name)})
	require.NoError(t, err)

	assert.Equal(t, role.ARN, aws.ToString(out.Role.Arn))
	assert.Equal(t, "/igv/", aws.ToString(out.Role.Path))
	raw, err := url.QueryUnescape(aws.ToString(out.Role.AssumeRolePolicyDocument))
	require.NoError(t, err)
	doc, err := policies.Parse(raw)
	require.NoError(t, err)
	assert.Equal(t, role.Trust, doc)
}

func TestGetRoleOfAnUnknownRoleIsNoSuchEntity(t *testing.T) {
	d, client := serve(t)
	_, err := iam.NewFromConfig(adminConfig(t, d, client)).GetRole(context.Background(), &iam.GetRoleInput{RoleName: aws.String("nobody")})
	code, _ := apiError(t, err)
	assert.Equal(t, "NoSuchEntity", code)
}

func TestSimulatePrincipalPolicyAllowsReadingAGrantedBucketAndDeniesWriting(t *testing.T) {
	d, client := serve(t)
	bucket := "genomics-lab-igv-dev-scratch"
	out, err := iam.NewFromConfig(adminConfig(t, d, client)).SimulatePrincipalPolicy(context.Background(), &iam.SimulatePrincipalPolicyInput{
		PolicySourceArn: aws.String(d.IdentityPool.Roles["authenticated"]),
		ActionNames:     []string{"s3:GetObject", "s3:PutObject"},
		ResourceArns:    []string{"arn:aws:s3:::" + bucket + "/run1/sample.bam"},
		ContextEntries: []types.ContextEntry{{ContextKeyName: aws.String("aws:SecureTransport"),
			ContextKeyType: types.ContextKeyTypeEnumBoolean, ContextKeyValues: []string{"true"}}},
	})
	require.NoError(t, err)
	require.Len(t, out.EvaluationResults, 2)
	assert.Equal(t, "s3:GetObject", aws.ToString(out.EvaluationResults[0].EvalActionName))
	assert.Equal(t, types.PolicyEvaluationDecisionTypeAllowed, out.EvaluationResults[0].EvalDecision)
	assert.Equal(t, "s3:PutObject", aws.ToString(out.EvaluationResults[1].EvalActionName))
	assert.Equal(t, types.PolicyEvaluationDecisionTypeImplicitDeny, out.EvaluationResults[1].EvalDecision)

	calls := d.CallsTo("SimulatePrincipalPolicy")
	require.Len(t, calls, 1)
	assert.Equal(t, []string{"aws:SecureTransport=true"}, calls[0].Params["ContextEntries"])
}

// IAM's simulator evaluates a resource policy only for IAM users: with a role as the source and no
// CallerArn, it refuses the call.
func TestSimulatePrincipalPolicyRefusesABucketPolicyForARole(t *testing.T) {
	d, client := serve(t)
	bucket := "genomics-lab-igv-dev-scratch"
	_, err := iam.NewFromConfig(adminConfig(t, d, client)).SimulatePrincipalPolicy(context.Background(), &iam.SimulatePrincipalPolicyInput{
		PolicySourceArn: aws.String(d.IdentityPool.Roles["authenticated"]),
		ActionNames:     []string{"s3:GetObject"},
		ResourceArns:    []string{"arn:aws:s3:::" + bucket + "/x.bam"},
		ResourcePolicy:  aws.String(d.Buckets[bucket].Policy.MustJSON()),
	})
	code, msg := apiError(t, err)
	assert.Equal(t, "InvalidInput", code)
	assert.Contains(t, msg, "CallerArn")
}
