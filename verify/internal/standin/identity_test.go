package standin

import (
	"context"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentity"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func loginsKey(d *Deployment) string {
	return "cognito-idp." + d.Region + ".amazonaws.com/" + d.UserPool.ID
}

func TestGetIdWithoutLoginsIsRefusedWithoutGuestAccess(t *testing.T) {
	d, client := serve(t)
	ci := cognitoidentity.NewFromConfig(adminConfig(t, d, client))
	_, err := ci.GetId(context.Background(), &cognitoidentity.GetIdInput{IdentityPoolId: aws.String(d.IdentityPool.ID)})
	code, msg := apiError(t, err)
	assert.Equal(t, "NotAuthorizedException", code)
	assert.Equal(t, "Unauthenticated access is not supported for this identity pool.", msg)
}

func TestGetIdRefusesATokenOfAnotherAppClient(t *testing.T) {
	d, client := serve(t)
	now := time.Now()
	token, err := d.SignJWT(map[string]any{"iss": "https://" + loginsKey(d), "aud": "anotherclientid", "sub": "x",
		"token_use": "id", "exp": now.Add(time.Hour).Unix(), "iat": now.Unix()})
	require.NoError(t, err)
	ci := cognitoidentity.NewFromConfig(adminConfig(t, d, client))
	_, err = ci.GetId(context.Background(), &cognitoidentity.GetIdInput{IdentityPoolId: aws.String(d.IdentityPool.ID),
		Logins: map[string]string{loginsKey(d): token}})
	code, msg := apiError(t, err)
	assert.Equal(t, "NotAuthorizedException", code)
	assert.Equal(t, "Token is not from a supported provider of this identity pool.", msg)
}

func TestGetIdRecordsTheLoginsKey(t *testing.T) {
	d, client := serve(t)
	webIdentityToken(t, d, client)
	calls := d.CallsTo("GetId")
	require.Len(t, calls, 1)
	assert.Equal(t, []string{loginsKey(d)}, calls[0].Params["Logins"])
	assert.Empty(t, calls[0].Error)
}

func TestGetOpenIdTokenNeedsTheClassicFlow(t *testing.T) {
	d, client := serve(t)
	d.IdentityPool.AllowClassicFlow = false
	idToken, err := d.IDToken(userEmail(t, d))
	require.NoError(t, err)
	ci := cognitoidentity.NewFromConfig(adminConfig(t, d, client))
	logins := map[string]string{loginsKey(d): idToken}
	id, err := ci.GetId(context.Background(), &cognitoidentity.GetIdInput{IdentityPoolId: aws.String(d.IdentityPool.ID), Logins: logins})
	require.NoError(t, err)
	_, err = ci.GetOpenIdToken(context.Background(), &cognitoidentity.GetOpenIdTokenInput{IdentityId: id.IdentityId, Logins: logins})
	code, msg := apiError(t, err)
	assert.Equal(t, "InvalidParameterException", code)
	assert.Equal(t, "Basic (classic) flow is not enabled, please use enhanced flow.", msg)
}

func TestOpenIdTokenCarriesThePoolAndAuthenticatedAmr(t *testing.T) {
	d, client := serve(t)
	claims, err := d.verifyJWT(webIdentityToken(t, d, client))
	require.NoError(t, err)
	assert.Equal(t, d.IdentityPool.ID, claims["aud"])
	assert.Equal(t, []any{"authenticated", loginsKey(d), loginsKey(d) + ":CognitoSignIn:" + d.Users[userEmail(t, d)].Sub}, claims["amr"])
}

func TestDescribeIdentityPoolAndRolesAnswerTheSynthesizedPool(t *testing.T) {
	d, client := serve(t)
	ci := cognitoidentity.NewFromConfig(adminConfig(t, d, client))
	pool, err := ci.DescribeIdentityPool(context.Background(), &cognitoidentity.DescribeIdentityPoolInput{
		IdentityPoolId: aws.String(d.IdentityPool.ID)})
	require.NoError(t, err)
	assert.True(t, aws.ToBool(pool.AllowClassicFlow))
	assert.False(t, pool.AllowUnauthenticatedIdentities)
	require.Len(t, pool.CognitoIdentityProviders, 1)
	assert.Equal(t, loginsKey(d), aws.ToString(pool.CognitoIdentityProviders[0].ProviderName))
	assert.Equal(t, d.Client.ClientID, aws.ToString(pool.CognitoIdentityProviders[0].ClientId))

	roles, err := ci.GetIdentityPoolRoles(context.Background(), &cognitoidentity.GetIdentityPoolRolesInput{
		IdentityPoolId: aws.String(d.IdentityPool.ID)})
	require.NoError(t, err)
	assert.Equal(t, map[string]string{"authenticated": d.IdentityPool.Roles["authenticated"]}, roles.Roles)
}
