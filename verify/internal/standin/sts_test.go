package standin

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func assume(t *testing.T, d *Deployment, cfg aws.Config, sessionName, token string) (*sts.AssumeRoleWithWebIdentityOutput, error) {
	t.Helper()
	return sts.NewFromConfig(cfg).AssumeRoleWithWebIdentity(context.Background(), &sts.AssumeRoleWithWebIdentityInput{
		RoleArn: aws.String(d.IdentityPool.Roles["authenticated"]), RoleSessionName: aws.String(sessionName),
		WebIdentityToken: aws.String(token),
	})
}

func TestAssumeRoleWithWebIdentityIssuesSessionCredentialsForTheRole(t *testing.T) {
	d, client := serve(t)
	out, err := assume(t, d, adminConfig(t, d, client), userEmail(t, d), webIdentityToken(t, d, client))
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(aws.ToString(out.Credentials.AccessKeyId), "ASIA"))
	role := d.Roles[d.IdentityPool.Roles["authenticated"]]
	assert.Equal(t, "arn:aws:sts::"+d.AccountID+":assumed-role/"+role.Name+"/"+userEmail(t, d), aws.ToString(out.AssumedRoleUser.Arn))

	calls := d.CallsTo("AssumeRoleWithWebIdentity")
	require.Len(t, calls, 1)
	assert.Equal(t, []string{userEmail(t, d)}, calls[0].Params["RoleSessionName"])
	assert.Equal(t, []string{role.ARN}, calls[0].Params["RoleArn"])
}

func TestAssumeRoleWithWebIdentityRefusesATokenForAnotherIdentityPool(t *testing.T) {
	d, client := serve(t)
	claims, err := d.verifyJWT(webIdentityToken(t, d, client))
	require.NoError(t, err)
	claims["aud"] = d.Region + ":00000000-0000-4000-a000-000000000000"
	token, err := d.SignJWT(claims)
	require.NoError(t, err)

	_, err = assume(t, d, adminConfig(t, d, client), userEmail(t, d), token)
	code, msg := apiError(t, err)
	assert.Equal(t, "AccessDenied", code)
	assert.Equal(t, "Not authorized to perform sts:AssumeRoleWithWebIdentity", msg)
}

func TestAssumeRoleWithWebIdentityRefusesAnInvalidSessionName(t *testing.T) {
	d, client := serve(t)
	_, err := assume(t, d, adminConfig(t, d, client), "Zoë <zoe@example.org>", webIdentityToken(t, d, client))
	code, _ := apiError(t, err)
	assert.Equal(t, "ValidationError", code)
}

func TestAssumeRoleWithWebIdentityRefusesAnExpiredToken(t *testing.T) {
	d, client := serve(t)
	token := webIdentityToken(t, d, client)
	d.Clock = func() time.Time { return time.Now().Add(time.Hour) }
	_, err := assume(t, d, adminConfig(t, d, client), userEmail(t, d), token)
	code, _ := apiError(t, err)
	assert.Equal(t, "ExpiredTokenException", code)
}

func TestGetCallerIdentityNamesTheSession(t *testing.T) {
	d, client := serve(t)
	out, err := assume(t, d, adminConfig(t, d, client), userEmail(t, d), webIdentityToken(t, d, client))
	require.NoError(t, err)
	c := out.Credentials
	who, err := sts.NewFromConfig(awsConfig(t, d, client, aws.ToString(c.AccessKeyId), aws.ToString(c.SecretAccessKey),
		aws.ToString(c.SessionToken))).GetCallerIdentity(context.Background(), &sts.GetCallerIdentityInput{})
	require.NoError(t, err)
	assert.Equal(t, aws.ToString(out.AssumedRoleUser.Arn), aws.ToString(who.Arn))
}
