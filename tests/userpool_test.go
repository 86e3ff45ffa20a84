package tests

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"igv-aws-backend/stackconfig"
	"igv-aws-backend/synth"
)

func TestUserPoolAllowsOnlyAdministratorsToCreateUsers(t *testing.T) {
	forEachExample(t, func(t *testing.T, r *synth.Result) {
		pool := only(t, r, typeUserPool)
		assert.Equal(t, true, input(pool, "adminCreateUserConfig", "allowAdminCreateUserOnly"), pool.URN)
	})
}

func TestUserPoolPasswordPolicyMeetsTheBaseline(t *testing.T) {
	forEachExample(t, func(t *testing.T, r *synth.Result) {
		pool := only(t, r, typeUserPool)
		min, _ := input(pool, "passwordPolicy", "minimumLength").(int64)
		assert.GreaterOrEqual(t, min, int64(12), "Security Hub Cognito.3: length")
		for _, class := range []string{"requireLowercase", "requireUppercase", "requireNumbers", "requireSymbols"} {
			assert.Equal(t, true, input(pool, "passwordPolicy", class), class)
		}
		days, _ := input(pool, "passwordPolicy", "temporaryPasswordValidityDays").(int64)
		assert.LessOrEqual(t, days, int64(7), "temporary passwords expire within a week")
		assert.Positive(t, days)
	})
}

func TestProductionPasswordPolicyUsesTheConfiguredLength(t *testing.T) {
	pool := only(t, example(t, "prod"), typeUserPool)
	assert.Equal(t, int64(14), input(pool, "passwordPolicy", "minimumLength"))
}

func TestUserPoolMFAFollowsConfigAndUsesTOTP(t *testing.T) {
	for _, mfa := range []string{"OPTIONAL", "ON"} {
		t.Run(mfa, func(t *testing.T) {
			r := run(t, withConfig(exampleStack(t, "dev"), map[string]string{stackconfig.KeyMFA: mfa}))
			pool := only(t, r, typeUserPool)
			assert.Equal(t, mfa, input(pool, "mfaConfiguration"))
			assert.Equal(t, true, input(pool, "softwareTokenMfaConfiguration", "enabled"),
				"Cognito needs a factor for %s; TOTP is the one", mfa)
			assert.Nil(t, input(pool, "smsConfiguration"), "no SMS factor")
		})
	}
	assert.Equal(t, "ON", input(only(t, example(t, "prod"), typeUserPool), "mfaConfiguration"),
		"the production example requires MFA (Security Hub Cognito.5)")
}

func TestProductionUserPoolIsProtectedAgainstDeletion(t *testing.T) {
	pool := only(t, example(t, "prod"), typeUserPool)
	assert.Equal(t, "ACTIVE", input(pool, "deletionProtection"), "Security Hub Cognito.6")
	assert.True(t, pool.Options.Protect, "Pulumi protect on the production pool")
}

func TestDeletionProtectionAndProtectAreOnByDefault(t *testing.T) {
	st := withConfig(exampleStack(t, "dev"), map[string]string{
		stackconfig.KeyDeletionProtection: "", stackconfig.KeyProtect: "",
	})
	pool := only(t, run(t, st), typeUserPool)
	assert.Equal(t, "ACTIVE", input(pool, "deletionProtection"))
	assert.True(t, pool.Options.Protect)
}

func TestThreatProtectionSelectsThePlusFeaturePlan(t *testing.T) {
	for mode, tier := range map[string]string{"OFF": "ESSENTIALS", "AUDIT": "PLUS", "ENFORCED": "PLUS"} {
		t.Run(mode, func(t *testing.T) {
			r := run(t, withConfig(exampleStack(t, "dev"), map[string]string{stackconfig.KeyThreatProtection: mode}))
			pool := only(t, r, typeUserPool)
			assert.Equal(t, mode, input(pool, "userPoolAddOns", "advancedSecurityMode"))
			assert.Equal(t, tier, input(pool, "userPoolTier"))
		})
	}
	pool := only(t, example(t, "prod"), typeUserPool)
	assert.Equal(t, "ENFORCED", input(pool, "userPoolAddOns", "advancedSecurityMode"),
		"the production example enforces threat protection (Security Hub Cognito.1)")
}

func TestUserPoolUsesVerifiedEmailAsUsernameAndForRecovery(t *testing.T) {
	forEachExample(t, func(t *testing.T, r *synth.Result) {
		pool := only(t, r, typeUserPool)
		assert.Equal(t, []string{"email"}, strs(input(pool, "usernameAttributes")))
		assert.Equal(t, []string{"email"}, strs(input(pool, "autoVerifiedAttributes")))
		assert.Equal(t, false, input(pool, "usernameConfiguration", "caseSensitive"))
		assert.Equal(t, "verified_email", input(pool, "accountRecoverySetting", "recoveryMechanisms", 0, "name"))
		assert.Len(t, input(pool, "accountRecoverySetting", "recoveryMechanisms"), 1, "no SMS recovery")
	})
}

func TestUserPoolNameIsFixedByProjectAndStack(t *testing.T) {
	forEachExample(t, func(t *testing.T, r *synth.Result) {
		pool := only(t, r, typeUserPool)
		assert.Equal(t, "igv-aws-backend-"+r.Stack.Name, input(pool, "name"),
			"a pool name never follows config: renaming would replace the pool and lose its users")
	})
}

func TestAppClientAllowsOnlyTheAuthorizationCodeFlow(t *testing.T) {
	forEachExample(t, func(t *testing.T, r *synth.Result) {
		client := only(t, r, typeUserPoolClient)
		assert.Equal(t, true, input(client, "allowedOauthFlowsUserPoolClient"))
		assert.Equal(t, []string{"code"}, strs(input(client, "allowedOauthFlows")), "never implicit")
		assert.Equal(t, []string{"ALLOW_REFRESH_TOKEN_AUTH"}, strs(input(client, "explicitAuthFlows")),
			"no password flows from the client; refresh tokens on")
		assert.Equal(t, []string{"COGNITO"}, strs(input(client, "supportedIdentityProviders")))
	})
}

func TestAppClientScopesCoverWhatIGVAsksFor(t *testing.T) {
	forEachExample(t, func(t *testing.T, r *synth.Result) {
		client := only(t, r, typeUserPoolClient)
		assert.ElementsMatch(t, []string{"email", "openid", "profile"}, strs(input(client, "allowedOauthScopes")))
		assert.Contains(t, strs(input(client, "readAttributes")), "email", "IGV reads the email from the id token")
	})
}

func TestAppClientRegistersOneLocalhostCallbackPerPort(t *testing.T) {
	for stackName, ports := range map[string][]int{"dev": {60151}, "prod": {60151, 60152}} {
		t.Run(stackName, func(t *testing.T) {
			client := only(t, example(t, stackName), typeUserPoolClient)
			var want []string
			for _, p := range ports {
				want = append(want, fmt.Sprintf("http://localhost:%d/oauthCallback", p))
			}
			assert.Equal(t, want, strs(input(client, "callbackUrls")))
		})
	}
}

func TestAppClientPreventsUserExistenceErrorsAndRevokesTokens(t *testing.T) {
	forEachExample(t, func(t *testing.T, r *synth.Result) {
		client := only(t, r, typeUserPoolClient)
		assert.Equal(t, "ENABLED", input(client, "preventUserExistenceErrors"))
		assert.Equal(t, true, input(client, "enableTokenRevocation"))
	})
}

func TestAppClientIssuesHourLongTokensAndRefreshTokens(t *testing.T) {
	forEachExample(t, func(t *testing.T, r *synth.Result) {
		client := only(t, r, typeUserPoolClient)
		assert.Equal(t, int64(1), input(client, "accessTokenValidity"))
		assert.Equal(t, int64(1), input(client, "idTokenValidity"))
		assert.Equal(t, "hours", input(client, "tokenValidityUnits", "accessToken"))
		assert.Equal(t, "hours", input(client, "tokenValidityUnits", "idToken"))
		refresh, _ := input(client, "refreshTokenValidity").(int64)
		assert.Positive(t, refresh)
	})
}

func TestAppClientIsPublicUnlessASecretIsAsked(t *testing.T) {
	forEachExample(t, func(t *testing.T, r *synth.Result) {
		assert.Equal(t, false, input(only(t, r, typeUserPoolClient), "generateSecret"))
	})
	r := run(t, withConfig(exampleStack(t, "dev"), map[string]string{stackconfig.KeyClientSecret: "true"}))
	client := only(t, r, typeUserPoolClient)
	assert.Equal(t, true, input(client, "generateSecret"))
	assert.Contains(t, client.Options.AdditionalSecretOutputs, "clientSecret")
}

func TestHostedUIDomainUsesTheConfiguredPrefix(t *testing.T) {
	for stackName, prefix := range map[string]string{"dev": "genomics-lab-igv-dev", "prod": "genomics-lab-igv"} {
		t.Run(stackName, func(t *testing.T) {
			r := example(t, stackName)
			domain := only(t, r, typeUserPoolDomain)
			assert.Equal(t, prefix, input(domain, "domain"))
			assert.Equal(t, only(t, r, typeUserPool).ID, input(domain, "userPoolId"))
			assert.Equal(t, "https://"+prefix+".auth.eu-west-2.amazoncognito.com", outputString(t, r, "hostedUiUrl"))
		})
	}
}

func TestDefaultDomainPrefixAvoidsForbiddenWords(t *testing.T) {
	r := run(t, withConfig(exampleStack(t, "dev"), map[string]string{stackconfig.KeyDomainPrefix: ""}))
	prefix, _ := input(only(t, r, typeUserPoolDomain), "domain").(string)
	assert.Equal(t, "igv-backend-dev", prefix)
	for _, w := range []string{"aws", "amazon", "cognito"} {
		assert.NotContains(t, prefix, w)
	}
}

func TestUsersAreInvitedByEmailAndNamedByEmail(t *testing.T) {
	r := example(t, "prod")
	pool := only(t, r, typeUserPool)
	users := ofType(r, typeUser)
	require.Len(t, users, 2)
	for _, u := range users {
		email, _ := input(u, "username").(string)
		assert.Equal(t, "igv-users-user-"+strings.ToLower(email), u.Name, "named after the email, never a position")
		assert.Equal(t, pool.ID, input(u, "userPoolId"))
		assert.Equal(t, email, input(u, "attributes", "email"))
		assert.Equal(t, "true", input(u, "attributes", "email_verified"))
		assert.Equal(t, []string{"EMAIL"}, strs(input(u, "desiredDeliveryMediums")))
		assert.Nil(t, input(u, "messageAction"), "the invitation email is sent")
		assert.Nil(t, input(u, "password"), "no password in code: Cognito generates a temporary one")
		assert.Nil(t, input(u, "temporaryPassword"))
	}
	jane := ofType(r, typeUser)[0]
	assert.Equal(t, "Jane", input(jane, "attributes", "given_name"))
	assert.Equal(t, "Doe", input(jane, "attributes", "family_name"))
}

// Without an SES sender Cognito sends its own invitation: a custom template would make the provider
// send an empty SMS message, which CreateUserPool refuses (hashicorp/terraform-provider-aws#13060).
func TestUserPoolSendsCognitosDefaultInvitationWithoutAnSESSender(t *testing.T) {
	forEachExample(t, func(t *testing.T, r *synth.Result) {
		pool := only(t, r, typeUserPool)
		assert.Nil(t, input(pool, "adminCreateUserConfig", "inviteMessageTemplate"))
		assert.Nil(t, input(pool, "emailConfiguration"), "Cognito's default sender")
	})
}
