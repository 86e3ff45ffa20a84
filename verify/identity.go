package verify

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentity"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/aws/smithy-go"
)

// anonymous is an SDK configuration without credentials: the Cognito Identity and STS calls IGV makes are
// unsigned, so verify makes them the same way.
func anonymous(region string, c *http.Client) aws.Config {
	return aws.Config{Region: region, HTTPClient: c, Credentials: aws.AnonymousCredentials{}}
}

// checkGuestsOff asks the identity pool for an identity without any login, as an unauthenticated
// visitor would. Cognito must refuse it: a guest identity could take the pool's unauthenticated role.
func checkGuestsOff(ctx context.Context, c *http.Client, cfg Config) (string, *problem) {
	client := cognitoidentity.NewFromConfig(anonymous(cfg.AWSRegion, c))
	out, err := client.GetId(ctx, &cognitoidentity.GetIdInput{IdentityPoolId: aws.String(cfg.AWSCognitoFedPoolID)})
	if err == nil {
		return "", problemf(EntryGuestsAllowed, "run pulumi up: the stack turns unauthenticated identities off; then check that no role trusts this pool for \"unauthenticated\"",
			"GetId without logins returned the guest identity %s: the identity pool allows unauthenticated identities", aws.ToString(out.IdentityId))
	}
	var api smithy.APIError
	switch {
	case errors.As(err, &api) && api.ErrorCode() == "NotAuthorizedException":
		return "GetId without logins refused: " + api.ErrorMessage(), nil
	case errors.As(err, &api) && api.ErrorCode() == "ResourceNotFoundException":
		return "", problemf(EntryStaleConfig, "use the stack's provisioningUrl; run pulumi up to republish it",
			"the config's identity pool %s does not exist: %s", cfg.AWSCognitoFedPoolID, api.ErrorMessage())
	default:
		return "", problemf("", "check the network path to cognito-identity."+cfg.AWSRegion+".amazonaws.com", "GetId without logins: %v", err)
	}
}

// classicFlow runs IGV's classic flow: GetId and GetOpenIdToken with the id token, then
// AssumeRoleWithWebIdentity of the config's role, named by the id token's email.
func classicFlow(ctx context.Context, c *http.Client, cfg Config, loginsKey, idToken, email string, r *Report) (*aws.Credentials, bool) {
	ci := cognitoidentity.NewFromConfig(anonymous(cfg.AWSRegion, c))
	logins := map[string]string{loginsKey: idToken}
	id, err := ci.GetId(ctx, &cognitoidentity.GetIdInput{IdentityPoolId: aws.String(cfg.AWSCognitoFedPoolID), Logins: logins})
	if err != nil {
		r.fail("GetId with the id token", awsError(err), "the identity pool must list this user pool and app client as its provider: run pulumi up, and use the stack's provisioningUrl", identityEntry(err))
		return nil, false
	}
	r.pass("GetId with the id token", "identity "+aws.ToString(id.IdentityId)+" (Logins key "+loginsKey+")")

	tok, err := ci.GetOpenIdToken(ctx, &cognitoidentity.GetOpenIdTokenInput{IdentityId: id.IdentityId, Logins: logins})
	if err != nil {
		r.fail("GetOpenIdToken (the classic flow)", awsError(err), "run pulumi up: the stack turns the identity pool's classic flow on", identityEntry(err))
		return nil, false
	}
	r.pass("GetOpenIdToken (the classic flow)", "an OpenID token for "+aws.ToString(tok.IdentityId))

	client := sts.NewFromConfig(anonymous(cfg.AWSRegion, c))
	out, err := client.AssumeRoleWithWebIdentity(ctx, &sts.AssumeRoleWithWebIdentityInput{
		RoleArn: aws.String(cfg.AWSCognitoRoleARN), RoleSessionName: aws.String(email), WebIdentityToken: tok.Token,
		DurationSeconds: aws.Int32(3600),
	})
	if err != nil {
		entry, fix := EntryAssumeRoleDenied, "the role's trust policy must accept this identity pool (aud) for authenticated identities (amr): run pulumi up"
		if strings.Contains(err.Error(), "roleSessionName") || strings.Contains(err.Error(), "RoleSessionName") {
			entry, fix = EntrySessionName, "give the user an email of at most 64 characters of letters, digits and _+=,.@-"
		}
		r.fail("AssumeRoleWithWebIdentity of the config's role", awsError(err), fix, entry)
		return nil, false
	}
	r.pass("AssumeRoleWithWebIdentity of the config's role", fmt.Sprintf("session %s, credentials for an hour", aws.ToString(out.AssumedRoleUser.Arn)))
	return &aws.Credentials{
		AccessKeyID: aws.ToString(out.Credentials.AccessKeyId), SecretAccessKey: aws.ToString(out.Credentials.SecretAccessKey),
		SessionToken: aws.ToString(out.Credentials.SessionToken), Source: "verify -login",
	}, true
}

// identityEntry names the README entry of a Cognito Identity error, by the messages IGV users see.
func identityEntry(err error) Entry {
	msg := err.Error()
	switch {
	case strings.Contains(msg, "Basic (classic) flow is not enabled"):
		return EntryClassicFlow
	case strings.Contains(msg, "not from a supported provider"):
		return EntryNotSupported
	case strings.Contains(msg, "ResourceNotFoundException"):
		return EntryStaleConfig
	}
	return EntryNotSupported
}

// awsError is an SDK error in one line: the API's code and message when there is one.
func awsError(err error) string {
	var api smithy.APIError
	if errors.As(err, &api) {
		return api.ErrorCode() + ": " + api.ErrorMessage()
	}
	return err.Error()
}
