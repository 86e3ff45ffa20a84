package standin

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDiscoveryDocumentNamesTheIssuerAndTheHostedUIEndpoints(t *testing.T) {
	d, client := serve(t)
	issuer := "https://cognito-idp." + d.Region + ".amazonaws.com/" + d.UserPool.ID
	resp, err := client.Get(issuer + "/.well-known/openid-configuration")
	require.NoError(t, err)
	defer resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode)
	var doc map[string]any
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&doc))

	assert.Equal(t, issuer, doc["issuer"])
	assert.Equal(t, "https://"+d.UserPool.Domain+"/oauth2/authorize", doc["authorization_endpoint"])
	assert.Equal(t, "https://"+d.UserPool.Domain+"/oauth2/token", doc["token_endpoint"])
	assert.Equal(t, issuer+"/.well-known/jwks.json", doc["jwks_uri"])
}

func TestDescribeUserPoolAnswersTheSynthesizedPool(t *testing.T) {
	d, client := serve(t)
	idp := cognitoidentityprovider.NewFromConfig(adminConfig(t, d, client))
	out, err := idp.DescribeUserPool(context.Background(), &cognitoidentityprovider.DescribeUserPoolInput{
		UserPoolId: aws.String(d.UserPool.ID)})
	require.NoError(t, err)

	p := out.UserPool
	assert.Equal(t, d.UserPool.ID, aws.ToString(p.Id))
	assert.Equal(t, types.UserPoolMfaTypeOptional, p.MfaConfiguration, "dev's mfa: OPTIONAL")
	assert.True(t, p.AdminCreateUserConfig.AllowAdminCreateUserOnly)
	assert.Equal(t, int32(12), aws.ToInt32(p.Policies.PasswordPolicy.MinimumLength))
	assert.Equal(t, types.DeletionProtectionTypeInactive, p.DeletionProtection)
	assert.Equal(t, "genomics-lab-igv-dev", aws.ToString(p.Domain))
}

func TestDescribeUserPoolClientAnswersTheSynthesizedClient(t *testing.T) {
	d, client := serve(t)
	idp := cognitoidentityprovider.NewFromConfig(adminConfig(t, d, client))
	out, err := idp.DescribeUserPoolClient(context.Background(), &cognitoidentityprovider.DescribeUserPoolClientInput{
		UserPoolId: aws.String(d.UserPool.ID), ClientId: aws.String(d.Client.ClientID)})
	require.NoError(t, err)

	c := out.UserPoolClient
	assert.Equal(t, []types.OAuthFlowType{types.OAuthFlowTypeCode}, c.AllowedOAuthFlows)
	assert.Equal(t, []string{"email", "openid", "profile"}, c.AllowedOAuthScopes)
	assert.Equal(t, []string{"http://localhost:60151/oauthCallback"}, c.CallbackURLs)
	assert.Equal(t, []string{"email", "email_verified"}, c.ReadAttributes)
	assert.Equal(t, []string{"COGNITO"}, c.SupportedIdentityProviders)
	assert.True(t, aws.ToBool(c.AllowedOAuthFlowsUserPoolClient))
	assert.Nil(t, c.ClientSecret)
}

func TestDescribeUserPoolClientOfAnotherClientIsNotFound(t *testing.T) {
	d, client := serve(t)
	idp := cognitoidentityprovider.NewFromConfig(adminConfig(t, d, client))
	_, err := idp.DescribeUserPoolClient(context.Background(), &cognitoidentityprovider.DescribeUserPoolClientInput{
		UserPoolId: aws.String(d.UserPool.ID), ClientId: aws.String("someotherclient")})
	code, _ := apiError(t, err)
	assert.Equal(t, "ResourceNotFoundException", code)
}
