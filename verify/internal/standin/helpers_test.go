package standin

import (
	"context"
	"errors"
	"net/http"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentity"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/aws/smithy-go"
	"github.com/stretchr/testify/require"

	"igv-aws-backend/synth"
)

// adminKey is a long-term key: the operator who runs verify.
const adminKey = "AKIDADMIN"

var (
	devOnce   sync.Once
	devResult *synth.Result
	devErr    error
)

// devSynth synthesizes the dev stack once per test binary; tests must not modify it.
func devSynth(t *testing.T) *synth.Result {
	t.Helper()
	devOnce.Do(func() { devResult, devErr = Synthesize("../../..", "dev") })
	require.NoError(t, devErr)
	return devResult
}

// serve builds a fresh deployment from the dev synthesis and serves it for the test.
func serve(t *testing.T) (*Deployment, *http.Client) {
	t.Helper()
	d, err := FromSynth(devSynth(t))
	require.NoError(t, err)
	client, closeFn := d.Serve()
	t.Cleanup(closeFn)
	return d, client
}

// awsConfig is an SDK configuration that reaches the deployment with the given credentials.
func awsConfig(t *testing.T, d *Deployment, client *http.Client, key, secret, token string) aws.Config {
	t.Helper()
	// The SDK cannot add AWS_CA_BUNDLE (set on some machines) to a caller's *http.Client, and the
	// stand-in's client trusts its own authority anyway.
	t.Setenv("AWS_CA_BUNDLE", "")
	cfg, err := config.LoadDefaultConfig(context.Background(),
		config.WithHTTPClient(client),
		config.WithRegion(d.Region),
		config.WithCredentialsProvider(credentials.NewStaticCredentialsProvider(key, secret, token)),
		config.WithRetryMaxAttempts(1),
	)
	require.NoError(t, err)
	return cfg
}

func adminConfig(t *testing.T, d *Deployment, client *http.Client) aws.Config {
	return awsConfig(t, d, client, adminKey, "admin-secret", "")
}

// apiError returns the AWS error code and message of err.
func apiError(t *testing.T, err error) (string, string) {
	t.Helper()
	require.Error(t, err)
	var ae smithy.APIError
	require.True(t, errors.As(err, &ae), "not an API error: %v", err)
	return ae.ErrorCode(), ae.ErrorMessage()
}

// userEmail is the one user of the dev stack.
func userEmail(t *testing.T, d *Deployment) string {
	t.Helper()
	require.Len(t, d.Users, 1)
	for email := range d.Users {
		return email
	}
	return ""
}

// webIdentityToken walks IGV's classic flow to Cognito Identity's token: GetId, GetOpenIdToken.
func webIdentityToken(t *testing.T, d *Deployment, client *http.Client) string {
	t.Helper()
	idToken, err := d.IDToken(userEmail(t, d))
	require.NoError(t, err)
	ci := cognitoidentity.NewFromConfig(adminConfig(t, d, client))
	logins := map[string]string{"cognito-idp." + d.Region + ".amazonaws.com/" + d.UserPool.ID: idToken}
	id, err := ci.GetId(context.Background(), &cognitoidentity.GetIdInput{
		IdentityPoolId: aws.String(d.IdentityPool.ID), Logins: logins})
	require.NoError(t, err)
	tok, err := ci.GetOpenIdToken(context.Background(), &cognitoidentity.GetOpenIdTokenInput{
		IdentityId: id.IdentityId, Logins: logins})
	require.NoError(t, err)
	return aws.ToString(tok.Token)
}

// sessionS3 assumes the authenticated role as IGV does and returns an S3 client with the session.
func sessionS3(t *testing.T, d *Deployment, client *http.Client) *s3.Client {
	t.Helper()
	out, err := sts.NewFromConfig(adminConfig(t, d, client)).AssumeRoleWithWebIdentity(context.Background(),
		&sts.AssumeRoleWithWebIdentityInput{
			RoleArn:          aws.String(d.IdentityPool.Roles["authenticated"]),
			RoleSessionName:  aws.String(userEmail(t, d)),
			WebIdentityToken: aws.String(webIdentityToken(t, d, client)),
		})
	require.NoError(t, err)
	c := out.Credentials
	return s3.NewFromConfig(awsConfig(t, d, client, aws.ToString(c.AccessKeyId), aws.ToString(c.SecretAccessKey),
		aws.ToString(c.SessionToken)))
}
