package providertruth

// Provider truth for the Cognito resources around the user pool: the app client, the hosted-UI
// domain, the administrator-created users, the identity pool and its role attachment. (The user pool
// itself is in cognito_userpool.go.)
//
// Version note: the terraform-provider-aws sources read for this table are the stored copies of
// internal/service/cognitoidp/{user_pool_client,user_pool_domain,user,validate}.go and
// internal/service/cognitoidentity/{pool,pool_roles_attachment,validate}.go. Not every stored copy is
// pinned to v5.100.0 (the release pulumi-aws v6.83.4 bridges): user_pool_client.go was read in a later
// copy that expands the request with autoflex, where v5.100.0 still builds it field by field; the
// fields, plan modifiers (RequiresReplace, UseStateForUnknown), defaults and validators recorded here are
// the same in both. The links therefore carry no line anchors. Where a fact changed after v5.100.0,
// the text says so.

import (
	"fmt"
	"net/url"
	"strings"
	"time"
)

const (
	cognitoAppIDPAPI      = "https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/"
	cognitoAppIdentityAPI = "https://docs.aws.amazon.com/cognitoidentity/latest/APIReference/"
	cognitoAppTFIssue     = "https://github.com/hashicorp/terraform-provider-aws/issues/"

	cognitoAppClientSrc   = TerraformAWS + "internal/service/cognitoidp/user_pool_client.go"
	cognitoAppValidateSrc = TerraformAWS + "internal/service/cognitoidp/validate.go"
	cognitoAppDomainSrc   = TerraformAWS + "internal/service/cognitoidp/user_pool_domain.go"
	cognitoAppUserSrc     = TerraformAWS + "internal/service/cognitoidp/user.go"
	cognitoAppPoolSrc     = TerraformAWS + "internal/service/cognitoidentity/pool.go"
	cognitoAppRolesSrc    = TerraformAWS + "internal/service/cognitoidentity/pool_roles_attachment.go"
	cognitoAppIdValSrc    = TerraformAWS + "internal/service/cognitoidentity/validate.go"
	cognitoAppPulumiRes   = PulumiAWS + "provider/resources.go"

	cognitoAppCreateClient = cognitoAppIDPAPI + "API_CreateUserPoolClient.html"
	cognitoAppUpdateClient = cognitoAppIDPAPI + "API_UpdateUserPoolClient.html"
	cognitoAppUnits        = cognitoAppIDPAPI + "API_TokenValidityUnitsType.html"
	cognitoAppCreateDomain = cognitoAppIDPAPI + "API_CreateUserPoolDomain.html"
	cognitoAppCreateUser   = cognitoAppIDPAPI + "API_AdminCreateUser.html"
	cognitoAppCreatePool   = cognitoAppIdentityAPI + "API_CreateIdentityPool.html"
	cognitoAppProviderType = cognitoAppIdentityAPI + "API_CognitoIdentityProvider.html"
	cognitoAppSetRoles     = cognitoAppIdentityAPI + "API_SetIdentityPoolRoles.html"
)

func init() {
	register(
		cognitoAppUserPoolClient(),
		cognitoAppUserPoolDomain(),
		cognitoAppUser(),
		cognitoAppIdentityPool(),
		cognitoAppIdentityPoolRoleAttachment(),
	)
}

// ---------------------------------------------------------------------------------------------------
// aws:cognito/userPoolClient:UserPoolClient

func cognitoAppUserPoolClient() Resource {
	return Resource{
		Token:     "aws:cognito/userPoolClient:UserPoolClient",
		Terraform: "aws_cognito_user_pool_client",
		Source:    cognitoAppClientSrc,
		API:       cognitoAppCreateClient + " , " + cognitoAppUpdateClient,
		AutoName: &AutoName{
			Property:  "name",
			MaxLength: 255,
			Source: cognitoAppPulumiRes + " (setAutonaming: every resource with an optional or required `name` gets " +
				"tfbridge.AutoName(name, 255, \"-\"); hence `name` is optional in the SDK's UserPoolClientArgs although " +
				"Terraform requires it. AWS caps ClientName at 128, so an auto-name from a logical name over 120 " +
				"characters would be refused.)",
		},
		DeleteBeforeReplace: false,
		Overrides: "pulumi-aws v6 maps aws_cognito_user_pool_client to the token and nothing else: no field " +
			"overrides, no DeleteBeforeReplace (" + cognitoAppPulumiRes + ", Cognito section of the resource map); " +
			"it auto-names `name` and marks the computed clientSecret as an additional secret output (SDK " +
			"userPoolClient.go). Terraform (plugin framework): user_pool_id and generate_secret carry " +
			"RequiresReplace, every other argument updates in place through UpdateUserPoolClient. Because " +
			"UpdateUserPoolClient resets every member it is not sent to the Cognito default, the provider sends the " +
			"whole planned configuration on every update, not only the changed members (Optional+Computed " +
			"attributes keep their state value through UseStateForUnknown); removing token_validity_units sends " +
			"hours/hours/days explicitly. Update retries ConcurrentModificationException for 2 minutes. Delete is " +
			"DeleteUserPoolClient (ResourceNotFoundException ignored): every token the client issued stops " +
			"refreshing. Known issues: " + cognitoAppTFIssue + "32504 (v5.7.0 began validating token validity " +
			"against token_validity_units: a config that set only refresh_token=days with a small value hit " +
			"\"Invalid range for token validity\"); https://github.com/pulumi/pulumi-aws/issues/2868 (constant diff " +
			"on analyticsConfiguration, not set by this stack); " +
			"https://github.com/hashicorp/terraform-provider-aws/pull/45650 (refresh_token_rotation \"unexpected new " +
			"value\", not set by this stack).",
		Properties: []Property{
			{
				Path:     "name",
				Sends:    "ClientName, always (Terraform requires it; pulumi-aws auto-names it when unset). Changes update in place.",
				Required: false,
				AWS:      "ClientName: 1..128 characters of [\\w\\s+=,.@-]. Names need not be unique within a pool.",
				Check:    All(Length(1, 128), Pattern(`[\w\s+=,.@-]+`)),
				Source: cognitoAppValidateSrc + " (userPoolClientNameValidator: LengthBetween(1,128) and the regex, " +
					"which Terraform does not anchor), " + cognitoAppCreateClient + "#CognitoUserPools-CreateUserPoolClient-request-ClientName",
			},
			{
				Path:     "userPoolId",
				ForceNew: true,
				Sends:    "UserPoolId on create, update and delete. RequiresReplace: a new pool means a new client (new client ID).",
				Required: true,
				AWS:      "UserPoolId: 1..55 characters matching [\\w-]+_[0-9a-zA-Z]+.",
				Check:    cognitoAppPoolID(),
				Source:   cognitoAppClientSrc + " (user_pool_id: Required, stringplanmodifier.RequiresReplace), " + cognitoAppCreateClient,
			},
			{
				Path:     "generateSecret",
				ForceNew: true,
				Sends: "GenerateSecret on create only (UpdateUserPoolClient has no such member). Terraform marks it " +
					"RequiresReplace, so toggling it (stack config clientSecret) replaces the client: a new client ID " +
					"and secret; IGV's provisioning config and every signed-in user's refresh token become stale.",
				AWS:    "GenerateSecret: boolean, default false. A secret can never be added to or removed from an existing client.",
				Check:  Bool(),
				Source: cognitoAppClientSrc + " (generate_secret: Optional, boolplanmodifier.RequiresReplace), " + cognitoAppCreateClient + "#CognitoUserPools-CreateUserPoolClient-request-GenerateSecret",
			},
			{
				Path:  "allowedOauthFlowsUserPoolClient",
				Sends: "AllowedOAuthFlowsUserPoolClient when set; unset at create Cognito stores false (SDK sign-in only). Sent with every update.",
				AWS: "AllowedOAuthFlowsUserPoolClient: boolean. Must be true before AllowedOAuthFlows, AllowedOAuthScopes, " +
					"CallbackURLs and LogoutURLs take effect; when true, flows and scopes are required.",
				Check:  Bool(),
				Source: cognitoAppClientSrc + ", " + cognitoAppCreateClient + "#CognitoUserPools-CreateUserPoolClient-request-AllowedOAuthFlowsUserPoolClient",
			},
			{
				Path:  "allowedOauthFlows",
				Sends: "AllowedOAuthFlows, a set (order is not significant). Unset at create: not sent.",
				AWS: "AllowedOAuthFlows: at most 3 of code | implicit | client_credentials; client_credentials excludes the " +
					"other two and needs a client secret.",
				Check:  Each(0, 3, OneOf("code", "implicit", "client_credentials")),
				Source: cognitoAppClientSrc + " (SetAttribute, SizeAtMost(3), enum OAuthFlowType), " + cognitoAppCreateClient + "#CognitoUserPools-CreateUserPoolClient-request-AllowedOAuthFlows",
			},
			{
				Path:  "allowedOauthScopes",
				Sends: "AllowedOAuthScopes, a set. Unset at create: not sent.",
				AWS: "AllowedOAuthScopes: at most 50 scopes of 1..256 characters [\\x21\\x23-\\x5B\\x5D-\\x7E]; a scope " +
					"without '/' must be one of phone, email, openid, profile, aws.cognito.signin.user.admin (others are " +
					"resource-server scopes \"<identifier>/<name>\" that must exist: ScopeDoesNotExistException). At sign-in, " +
					"email, phone and profile are granted only with openid.",
				Check:  Each(0, 50, cognitoAppScope()),
				Source: cognitoAppClientSrc + " (SizeAtMost(50)), " + cognitoAppCreateClient + "#CognitoUserPools-CreateUserPoolClient-request-AllowedOAuthScopes",
			},
			{
				Path:  "explicitAuthFlows",
				Sends: "ExplicitAuthFlows, a set. Unset at create: not sent, and Cognito enables ALLOW_REFRESH_TOKEN_AUTH, ALLOW_USER_SRP_AUTH and ALLOW_CUSTOM_AUTH by default.",
				AWS: "ExplicitAuthFlows: values of ExplicitAuthFlowsType; the legacy ADMIN_NO_SRP_AUTH, " +
					"CUSTOM_AUTH_FLOW_ONLY and USER_PASSWORD_AUTH cannot be combined with ALLOW_* values.",
				Check: Each(0, 0, OneOf("ADMIN_NO_SRP_AUTH", "CUSTOM_AUTH_FLOW_ONLY", "USER_PASSWORD_AUTH",
					"ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_CUSTOM_AUTH", "ALLOW_USER_PASSWORD_AUTH",
					"ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_AUTH")),
				Source: cognitoAppClientSrc + " (enum ExplicitAuthFlowsType), " + cognitoAppCreateClient + "#CognitoUserPools-CreateUserPoolClient-request-ExplicitAuthFlows",
			},
			{
				Path:  "callbackUrls",
				Sends: "CallbackURLs, a set (Terraform does not keep the order; redirect_uris[0] in IGV's config is the stack's own choice). Unset at create: not sent.",
				AWS: "CallbackURLs: at most 100 URLs of 1..1024 characters [\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]; each an absolute " +
					"URI without a fragment; HTTPS, except http://localhost (testing) and app schemes such as myapp://.",
				Check:  Each(0, 100, cognitoAppRedirectURL()),
				Source: cognitoAppClientSrc + " (SizeAtMost(100), userPoolClientURLValidator), " + cognitoAppCreateClient + "#CognitoUserPools-CreateUserPoolClient-request-CallbackURLs",
			},
			{
				Path:  "supportedIdentityProviders",
				Sends: "SupportedIdentityProviders, a set. Unset at create: not sent.",
				AWS: "SupportedIdentityProviders: names of 1..32 characters; COGNITO, or the name of an identity provider " +
					"that exists in the pool.",
				Check:  Each(0, 0, All(Length(1, 32), Pattern(`[\p{L}\p{M}\p{S}\p{N}\p{P}]+`))),
				Source: cognitoAppValidateSrc + " (userPoolClientIdentityProviderValidator), " + cognitoAppCreateClient + "#CognitoUserPools-CreateUserPoolClient-request-SupportedIdentityProviders",
			},
			{
				Path:   "preventUserExistenceErrors",
				Sends:  "PreventUserExistenceErrors when set; unset at create Cognito uses ENABLED for new clients.",
				AWS:    "PreventUserExistenceErrors: ENABLED | LEGACY.",
				Check:  OneOf("ENABLED", "LEGACY"),
				Source: cognitoAppClientSrc + " (StringEnum PreventUserExistenceErrorTypes), " + cognitoAppCreateClient + "#CognitoUserPools-CreateUserPoolClient-request-PreventUserExistenceErrors",
			},
			{
				Path:   "enableTokenRevocation",
				Sends:  "EnableTokenRevocation when set; unset at create Cognito enables revocation for new clients.",
				AWS:    "EnableTokenRevocation: boolean.",
				Check:  Bool(),
				Source: cognitoAppClientSrc + ", " + cognitoAppCreateClient + "#CognitoUserPools-CreateUserPoolClient-request-EnableTokenRevocation",
			},
			{
				Path: "readAttributes",
				Sends: "ReadAttributes, a set (reordering is no change in Terraform). Unset at create: not sent, and the " +
					"client may read every attribute. WriteAttributes, unset without identity providers, lets the client write the " +
					"standard attributes only (API reference); with providers the stack sets it (writeAttributes, cognito_federation.go).",
				AWS: "ReadAttributes: attribute names of 1..2048 characters that exist in the pool: standard attributes " +
					"(email_verified and phone_number_verified included) or custom:/dev: attributes of its schema.",
				Check:  Each(0, 0, cognitoAppReadAttribute()),
				Source: cognitoAppClientSrc + ", " + cognitoAppCreateClient + "#CognitoUserPools-CreateUserPoolClient-request-ReadAttributes",
			},
			{
				Path: "accessTokenValidity",
				Sends: "AccessTokenValidity when set, in the unit of token_validity_units.access_token (default hours). " +
					"Unset at create: Cognito uses 60 minutes.",
				AWS:    "AccessTokenValidity: 1..86400 as a number; as a duration 5 minutes..1 day (see the token-validity rule).",
				Check:  IntRange(1, 86400),
				Source: cognitoAppClientSrc + " (ConfigValidators: 5m..24h, default unit hour), " + cognitoAppCreateClient + "#CognitoUserPools-CreateUserPoolClient-request-AccessTokenValidity",
			},
			{
				Path:   "idTokenValidity",
				Sends:  "IdTokenValidity when set, in the unit of token_validity_units.id_token (default hours). Unset at create: 60 minutes.",
				AWS:    "IdTokenValidity: 1..86400 as a number; as a duration 5 minutes..1 day.",
				Check:  IntRange(1, 86400),
				Source: cognitoAppClientSrc + " (ConfigValidators: 5m..24h, default unit hour), " + cognitoAppCreateClient + "#CognitoUserPools-CreateUserPoolClient-request-IdTokenValidity",
			},
			{
				Path:   "refreshTokenValidity",
				Sends:  "RefreshTokenValidity when set, in the unit of token_validity_units.refresh_token (default days). Unset at create: 30 days.",
				AWS:    "RefreshTokenValidity: 0..315360000 as a number (0 means the 30-day default); as a duration 60 minutes..10 years.",
				Check:  IntRange(0, 315360000),
				Source: cognitoAppClientSrc + " (ConfigValidators: 60m..315360000s, default unit day), " + cognitoAppCreateClient + "#CognitoUserPools-CreateUserPoolClient-request-RefreshTokenValidity",
			},
			{
				Path: "tokenValidityUnits",
				Sends: "TokenValidityUnits with all three members whenever the block is present (members default to " +
					"hours/hours/days). Removing the block later sends hours/hours/days explicitly; Read drops the block " +
					"from state when it was unset and AWS reports the defaults.",
				AWS:    "TokenValidityUnitsType.",
				Source: cognitoAppClientSrc + " (token_validity_units: ListNestedBlock SizeAtMost(1); Update resets to defaults), " + cognitoAppUnits,
			},
			{
				Path:           "tokenValidityUnits.accessToken",
				Sends:          "TokenValidityUnits.AccessToken; Terraform default \"hours\".",
				SentWithParent: true,
				SentUnset:      "hours",
				AWS:            "seconds | minutes | hours | days.",
				Check:          OneOf("seconds", "minutes", "hours", "days"),
				Source:         cognitoAppClientSrc + " (Default TimeUnitsTypeHours), " + cognitoAppUnits,
			},
			{
				Path:           "tokenValidityUnits.idToken",
				Sends:          "TokenValidityUnits.IdToken; Terraform default \"hours\".",
				SentWithParent: true,
				SentUnset:      "hours",
				AWS:            "seconds | minutes | hours | days.",
				Check:          OneOf("seconds", "minutes", "hours", "days"),
				Source:         cognitoAppClientSrc + " (Default TimeUnitsTypeHours), " + cognitoAppUnits,
			},
			{
				Path:           "tokenValidityUnits.refreshToken",
				Sends:          "TokenValidityUnits.RefreshToken; Terraform default \"days\".",
				SentWithParent: true,
				SentUnset:      "days",
				AWS:            "seconds | minutes | hours | days.",
				Check:          OneOf("seconds", "minutes", "hours", "days"),
				Source:         cognitoAppClientSrc + " (Default TimeUnitsTypeDays), " + cognitoAppUnits,
			},
		},
		Rules: []Rule{
			{
				Name:  "token validity in range",
				Check: cognitoAppTokenValidity,
				Source: cognitoAppClientSrc + " (resourceUserPoolClientValidityValidator: access and ID 5m..24h, refresh " +
					"60m..315360000s, each in its unit), " + cognitoAppUnits + ", https://github.com/lgallard/terraform-aws-cognito-user-pool/issues/68 " +
					"(Terraform's docs: the ID/access token validity cannot be greater than the refresh token's)",
			},
			{
				Name:  "OAuth settings need allowedOauthFlowsUserPoolClient",
				Check: cognitoAppOAuth,
				Source: cognitoAppCreateClient + "#CognitoUserPools-CreateUserPoolClient-request-AllowedOAuthFlowsUserPoolClient, " +
					cognitoAppCreateClient + "#CognitoUserPools-CreateUserPoolClient-request-AllowedOAuthFlows",
			},
			{
				Name:   "legacy and ALLOW_ auth flows do not mix",
				Check:  cognitoAppAuthFlows,
				Source: cognitoAppCreateClient + "#CognitoUserPools-CreateUserPoolClient-request-ExplicitAuthFlows",
			},
		},
		World: []Fact{
			{
				Name: "delete",
				Detail: "Deleting the resource calls DeleteUserPoolClient (a missing client counts as deleted). The client " +
					"ID is gone for good: refresh tokens it issued stop working, and the identity pool's " +
					"cognitoIdentityProviders entry naming it no longer matches any client.",
				Source: cognitoAppClientSrc + " (Delete)",
			},
			{
				Name: "secret fixed at creation",
				Detail: "Whether a client has a secret is decided by CreateUserPoolClient; UpdateUserPoolClient cannot add " +
					"or remove it, so the provider replaces the client (create the new one first, then delete the old one).",
				Source: cognitoAppUpdateClient + ", " + cognitoAppClientSrc + " (generate_secret RequiresReplace)",
			},
			{
				Name: "clients live in their pool",
				Detail: "A client belongs to one user pool and is deleted with it; the pool ID is part of every call " +
					"(DescribeUserPoolClient with another pool's ID answers ResourceNotFoundException).",
				Source: cognitoAppIDPAPI + "API_DescribeUserPoolClient.html",
			},
		},
	}
}

// ---------------------------------------------------------------------------------------------------
// aws:cognito/userPoolDomain:UserPoolDomain

func cognitoAppUserPoolDomain() Resource {
	return Resource{
		Token:               "aws:cognito/userPoolDomain:UserPoolDomain",
		Terraform:           "aws_cognito_user_pool_domain",
		Source:              cognitoAppDomainSrc,
		API:                 cognitoAppCreateDomain + " , " + cognitoAppIDPAPI + "API_DeleteUserPoolDomain.html",
		DeleteBeforeReplace: false,
		Overrides: "pulumi-aws v6 maps aws_cognito_user_pool_domain to the token only: no DeleteBeforeReplace (" +
			cognitoAppPulumiRes + "). So a replacement is create-then-delete, which Cognito refuses for a prefix " +
			"domain: the new CreateUserPoolDomain meets the old domain still on the pool (\"User pool already has a " +
			"domain configured\", https://github.com/aws/aws-cdk/issues/10062) or, when the pool itself is replaced and " +
			"keeps the prefix, the prefix still held by the old pool (\"Domain already associated with another user " +
			"pool\"). Only deleteBeforeReplace on the resource avoids this. Terraform: domain and user_pool_id are " +
			"ForceNew; certificate_arn (custom domains) and, since v5.8x, managed_login_version update in place through " +
			"UpdateUserPoolDomain (older copies of the file had certificate_arn ForceNew: " +
			"https://github.com/pulumi/pulumi-aws/issues/998). Create waits up to 1 minute for a prefix domain to be " +
			"ACTIVE (60 for a custom one). Delete is DeleteUserPoolDomain, then a wait until DescribeUserPoolDomain " +
			"no longer finds it. Known issues: " + cognitoAppTFIssue + "28124 (replacing a domain: the old one is " +
			"destroyed but creating the new one fails until minutes later), " + cognitoAppTFIssue + "16479 (a pool " +
			"cannot be deleted while it has a domain).",
		Properties: []Property{
			{
				Path:     "domain",
				ForceNew: true,
				Sends: "Domain on create and delete; it is also the resource ID. ForceNew: changing the prefix (stack config " +
					"domainPrefix) replaces the domain, which fails create-before-delete (see Overrides). " +
					"managed_login_version is left unset, so Cognito picks the version (1, hosted UI classic, for a " +
					"domain created without it).",
				Required: true,
				AWS: "Domain: 1..63 characters, ^[a-z0-9](?:[a-z0-9\\-]{0,61}[a-z0-9])?$ for a prefix domain; must not " +
					"contain the reserved words aws, amazon or cognito (InvalidParameterException \"Domain cannot contain " +
					"reserved word\"). A value with dots is a custom domain and needs certificateArn.",
				Check: cognitoAppDomainPrefix(),
				Source: cognitoAppDomainSrc + " (domain: Required, ForceNew, StringLenBetween(1,63)), " + cognitoAppCreateDomain +
					"#CognitoUserPools-CreateUserPoolDomain-request-Domain, https://github.com/aws-solutions/content-analysis-on-aws/issues/8",
			},
			{
				Path:     "userPoolId",
				ForceNew: true,
				Sends:    "UserPoolId on create and delete. ForceNew: a replaced pool means a replaced domain.",
				Required: true,
				AWS:      "UserPoolId: 1..55 characters matching [\\w-]+_[0-9a-zA-Z]+.",
				Check:    cognitoAppPoolID(),
				Source:   cognitoAppDomainSrc + " (user_pool_id: Required, ForceNew), " + cognitoAppCreateDomain + "#CognitoUserPools-CreateUserPoolDomain-request-UserPoolId",
			},
		},
		Rules: []Rule{
			{
				Name:   "a custom domain needs a certificate",
				Check:  cognitoAppCustomDomain,
				Source: cognitoAppCreateDomain + "#CognitoUserPools-CreateUserPoolDomain-request-CustomDomainConfig",
			},
		},
		World: []Fact{
			{
				Name: "one prefix domain per user pool",
				Detail: "A user pool has at most one Amazon Cognito prefix domain: CreateUserPoolDomain for a pool that " +
					"already has one fails with InvalidParameterException \"User pool already has a domain configured.\"",
				Source: "https://github.com/aws/aws-cdk/issues/10062",
			},
			{
				Name: "prefixes are shared by all AWS customers",
				Detail: "A prefix names <prefix>.auth.<region>.amazoncognito.com, so it is unique across every AWS account " +
					"(at least within the Region): a prefix held by any other pool, anyone's, fails with " +
					"InvalidParameterException \"Domain already associated with another user pool.\"",
				Source: "https://github.com/aws-samples/aws-cdk-examples/issues/402, https://github.com/aws-samples/amazon-elasticsearch-service-with-cognito/issues/7",
			},
			{
				Name:   "reserved words",
				Detail: "A prefix containing aws, amazon or cognito is refused: \"Domain cannot contain reserved word: <word>\".",
				Source: "https://github.com/aws-solutions/content-analysis-on-aws/issues/8, https://github.com/aws-amplify/amplify-cli/issues/3854",
			},
			{
				Name: "a pool with a domain cannot be deleted",
				Detail: "DeleteUserPool fails with \"User pool cannot be deleted. It has a domain configured that should be " +
					"deleted first.\" (Pulumi deletes the domain first because it depends on the pool.)",
				Source: cognitoAppTFIssue + "16479",
			},
			{
				Name: "delete",
				Detail: "Deleting the resource calls DeleteUserPoolDomain and waits until the domain is gone; the prefix " +
					"becomes free for anyone, and the hosted UI and token endpoints under it stop answering.",
				Source: cognitoAppDomainSrc + " (Delete, waitUserPoolDomainDeleted)",
			},
		},
	}
}

// ---------------------------------------------------------------------------------------------------
// aws:cognito/user:User

func cognitoAppUser() Resource {
	return Resource{
		Token:               "aws:cognito/user:User",
		Terraform:           "aws_cognito_user",
		Source:              cognitoAppUserSrc,
		API:                 cognitoAppCreateUser + " , " + cognitoAppIDPAPI + "API_AdminUpdateUserAttributes.html , " + cognitoAppIDPAPI + "API_AdminDeleteUser.html",
		DeleteBeforeReplace: false,
		Overrides: "pulumi-aws v6 maps aws_cognito_user to the token only (" + cognitoAppPulumiRes + "); the SDK " +
			"wraps password and temporaryPassword as secrets (not set by this stack). No DeleteBeforeReplace: a " +
			"replacement creates the new user before deleting the old one, which Cognito refuses whenever old and " +
			"new share the username or email case-insensitively (UsernameExistsException). Terraform: user_pool_id " +
			"and username are ForceNew; attributes update in place (AdminUpdateUserAttributes for new or changed " +
			"keys, AdminDeleteUserAttributes for removed ones); the ID is \"<pool id>/<username as configured>\" and " +
			"Read sets username from that ID, not from AdminGetUser (which returns the UUID username of an " +
			"email-username pool). Known issues: " + cognitoAppTFIssue + "38175 (v5.56.0 read the UUID back as the " +
			"username and planned to replace every user; fixed before v5.100.0).",
		Properties: []Property{
			{
				Path:     "userPoolId",
				ForceNew: true,
				Sends:    "UserPoolId on every call. ForceNew: a replaced pool re-creates (and re-invites) every user.",
				Required: true,
				AWS:      "UserPoolId: 1..55 characters matching [\\w-]+_[0-9a-zA-Z]+.",
				Check:    cognitoAppPoolID(),
				Source:   cognitoAppUserSrc + " (user_pool_id: Required, ForceNew), " + cognitoAppCreateUser,
			},
			{
				Path:     "username",
				ForceNew: true,
				Sends: "Username on AdminCreateUser and every later call, exactly as configured (case kept). ForceNew: any " +
					"change replaces the user, including a change of letter case only; the replacement's AdminCreateUser " +
					"runs while the old user exists and, in a case-insensitive pool, fails with UsernameExistsException " +
					"(the stack names the Pulumi resource after the lower-cased email, so a case-only edit is exactly " +
					"such a replacement).",
				Required: true,
				AWS: "Username: 1..128 characters [\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]. In a pool whose usernameAttributes is " +
					"[email] the value must be an email address; Cognito then stores a generated UUID (the sub) as the " +
					"username and the email as the sign-in alias, looked up case-insensitively when " +
					"usernameConfiguration.caseSensitive is false.",
				Check: All(Length(1, 128), Pattern(`[\p{L}\p{M}\p{S}\p{N}\p{P}]+`)),
				Source: cognitoAppUserSrc + " (username: Required, ForceNew, StringLenBetween(1,128)), " + cognitoAppCreateUser +
					"#CognitoUserPools-AdminCreateUser-request-Username, https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-attributes.html#user-pool-settings-aliases",
			},
			{
				Path: "attributes",
				Sends: "UserAttributes on create (keys that are not standard attributes get a \"custom:\" prefix). On " +
					"update only the difference: new or changed keys through AdminUpdateUserAttributes, removed keys " +
					"through AdminDeleteUserAttributes (removing given_name deletes it from the user). \"sub\" is " +
					"ignored in diffs.",
				AWS: "AttributeType list: names of standard attributes or custom attributes of the pool's schema; " +
					"string values up to 2048 characters; email_verified/phone_number_verified \"true\" or \"false\"; sub " +
					"cannot be set. email_verified=\"true\" marks the address verified without a code.",
				Check: cognitoAppUserAttributes(),
				Source: cognitoAppUserSrc + " (expandAttributeTypes, normalizeUserAttributeKey, expandUpdateUserAttributes), " +
					cognitoAppCreateUser + "#CognitoUserPools-AdminCreateUser-request-UserAttributes",
			},
			{
				Path: "desiredDeliveryMediums",
				Sends: "DesiredDeliveryMediums on AdminCreateUser only. Cognito does not store it; a later change " +
					"updates the state but sends nothing (no re-invitation).",
				AWS:    "DesiredDeliveryMediums: SMS | EMAIL; EMAIL needs an email attribute, SMS a phone_number.",
				Check:  Each(0, 2, OneOf("SMS", "EMAIL")),
				Source: cognitoAppUserSrc + " (create only; enum DeliveryMediumType), " + cognitoAppCreateUser + "#CognitoUserPools-AdminCreateUser-request-DesiredDeliveryMediums",
			},
		},
		Rules: []Rule{
			{
				Name:  "delivery medium needs its attribute",
				Check: cognitoAppDeliveryMediums,
				Source: cognitoAppCreateUser + "#CognitoUserPools-AdminCreateUser-request-DesiredDeliveryMediums, " +
					TerraformAWS + "website/docs/r/cognito_user.html.markdown (desired_delivery_mediums)",
			},
		},
		World: []Fact{
			{
				Name: "usernames and emails are unique per pool",
				Detail: "Within a pool a username, and in an email-username pool the email, belongs to one user: " +
					"AdminCreateUser for a taken one fails with UsernameExistsException. With " +
					"usernameConfiguration.caseSensitive=false the comparison ignores case (Jane.Doe@x and jane.doe@x are " +
					"the same user).",
				Source: cognitoAppCreateUser + "#API_AdminCreateUser_Errors, " + cognitoAppIDPAPI + "API_UsernameConfigurationType.html, " +
					"https://github.com/aws-amplify/amplify-js/issues/2189",
			},
			{
				Name: "email username is a UUID",
				Detail: "In a pool with usernameAttributes [email], AdminCreateUser stores a generated UUID (equal to sub) as " +
					"the username; the email is a mutable alias. AdminGetUser accepts the email, which is how the " +
					"provider reads the user back.",
				Source: "https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-attributes.html#user-pool-settings-aliases, " +
					cognitoAppTFIssue + "38175",
			},
			{
				Name: "invitation on create",
				Detail: "AdminCreateUser (no messageAction) generates a temporary password and sends the pool's invitation " +
					"through the requested media; each re-creation of the resource sends a new invitation and resets " +
					"the user to FORCE_CHANGE_PASSWORD.",
				Source: cognitoAppCreateUser,
			},
			{
				Name: "delete",
				Detail: "Deleting the resource calls AdminDeleteUser (UserNotFoundException and ResourceNotFoundException " +
					"count as deleted): the user, their password, MFA and sessions are gone.",
				Source: cognitoAppUserSrc + " (resourceUserDelete)",
			},
		},
	}
}

// ---------------------------------------------------------------------------------------------------
// aws:cognito/identityPool:IdentityPool

func cognitoAppIdentityPool() Resource {
	return Resource{
		Token:               "aws:cognito/identityPool:IdentityPool",
		Terraform:           "aws_cognito_identity_pool",
		Source:              cognitoAppPoolSrc,
		API:                 cognitoAppCreatePool + " , " + cognitoAppIdentityAPI + "API_UpdateIdentityPool.html",
		DeleteBeforeReplace: false,
		Overrides: "pulumi-aws v6 maps aws_cognito_identity_pool to the token only (" + cognitoAppPulumiRes + "); " +
			"identityPoolName is required in the SDK and not auto-named (the resource has no `name` field). " +
			"Terraform: identity_pool_name and developer_provider_name are ForceNew although UpdateIdentityPool can " +
			"rename (" + cognitoAppTFIssue + "49638, fix proposed in https://github.com/hashicorp/terraform-provider-aws/pull/49985, " +
			"not in v5.100.0). Every update other than tags sends the whole pool (UpdateIdentityPool resets what it " +
			"is not sent): name, both booleans, providers and the provider lists. Tags go through " +
			"TagResource/UntagResource on the pool ARN. Delete is DeleteIdentityPool (ResourceNotFoundException " +
			"ignored).",
		Properties: []Property{
			{
				Path:     "identityPoolName",
				ForceNew: true,
				Sends: "IdentityPoolName on create and every update. ForceNew: a rename (the stack derives it from project " +
					"and stack) replaces the pool: a new pool ID, every identity ID lost, a new trust-policy audience and " +
					"a new role attachment, and IGV's provisioning config must be redistributed.",
				Required: true,
				AWS:      "IdentityPoolName: 1..128 characters of [\\w\\s+=,.@-].",
				Check:    All(Length(1, 128), Pattern(`[\w\s+=,.@-]+`)),
				Source: cognitoAppPoolSrc + " (identity_pool_name: Required, ForceNew, validIdentityPoolName), " + cognitoAppIdValSrc +
					", " + cognitoAppCreatePool + "#CognitoIdentity-CreateIdentityPool-request-IdentityPoolName",
			},
			{
				Path:     "developerProviderName",
				ForceNew: true,
				Sends: "DeveloperProviderName on create; ForceNew: it can only be set when the pool is created. The stack does " +
					"not set it; the lifecycle suite sets it by a code change to show that a protected identity pool is not replaced.",
				AWS:    "DeveloperProviderName: 1..128 characters of [\\w._-]+, not changeable once set.",
				Check:  All(Length(1, 128), Pattern(`[\w._-]+`)),
				Source: cognitoAppPoolSrc + " (developer_provider_name: Optional, ForceNew), " + cognitoAppCreatePool + "#CognitoIdentity-CreateIdentityPool-request-DeveloperProviderName",
			},
			{
				Path:   "allowUnauthenticatedIdentities",
				Sends:  "AllowUnauthenticatedIdentities on create and every update, always (Terraform Default false).",
				AWS:    "AllowUnauthenticatedIdentities: boolean, required by the API (the provider always sends it).",
				Check:  Bool(),
				Source: cognitoAppPoolSrc + " (Default false; aws.Bool(d.Get(...)) in create and update), " + cognitoAppCreatePool + "#CognitoIdentity-CreateIdentityPool-request-AllowUnauthenticatedIdentities",
			},
			{
				Path:   "allowClassicFlow",
				Sends:  "AllowClassicFlow on create and every update, always (Terraform Default false).",
				AWS:    "AllowClassicFlow: boolean; enables GetOpenIdToken + STS AssumeRoleWithWebIdentity (the basic flow).",
				Check:  Bool(),
				Source: cognitoAppPoolSrc + " (Default false), " + cognitoAppCreatePool + "#CognitoIdentity-CreateIdentityPool-request-AllowClassicFlow",
			},
			{
				Path: "cognitoIdentityProviders",
				Sends: "CognitoIdentityProviders, a set of blocks, on create when non-empty and on every update. Changes " +
					"(a new client ID after the app client is replaced) update in place.",
				AWS:    "CognitoIdentityProvider list.",
				Source: cognitoAppPoolSrc + " (cognito_identity_providers: TypeSet, Optional), " + cognitoAppProviderType,
			},
			{
				Path:   "cognitoIdentityProviders[].clientId",
				Sends:  "ClientId of each provider block, when set.",
				AWS:    "ClientId: 1..128 characters of [\\w_]+; an app client of that user pool.",
				Check:  All(Length(1, 128), Pattern(`[\w_]+`)),
				Source: cognitoAppIdValSrc + " (validIdentityProvidersClientID), " + cognitoAppProviderType,
			},
			{
				Path:  "cognitoIdentityProviders[].providerName",
				Sends: "ProviderName of each provider block, when set.",
				AWS: "ProviderName: 1..128 characters of [\\w._:/-]+; for a user pool " +
					"\"cognito-idp.<region>.amazonaws.com/<user pool id>\" (the pool's endpoint).",
				Check:  All(Length(1, 128), Pattern(`[\w._:/-]+`)),
				Source: cognitoAppIdValSrc + " (validIdentityProvidersProviderName), " + cognitoAppProviderType,
			},
			{
				Path:           "cognitoIdentityProviders[].serverSideTokenCheck",
				Sends:          "ServerSideTokenCheck of each provider block; Terraform Default false, so it is sent with every block.",
				SentWithParent: true,
				SentUnset:      false,
				AWS:            "ServerSideTokenCheck: boolean; true makes Cognito check with the user pool that the user is not signed out or disabled.",
				Check:          Bool(),
				Source:         cognitoAppPoolSrc + " (server_side_token_check: Default false), " + cognitoAppProviderType,
			},
			{
				Path:   "tags",
				Sends:  "IdentityPoolTags on create (merged with provider default tags); later changes through TagResource/UntagResource.",
				AWS:    "Tags: at most 50; keys 1..128, values 0..256 characters.",
				Check:  Tags(50),
				Source: cognitoAppPoolSrc + " (@Tags(identifierAttribute=\"arn\")), " + cognitoAppCreatePool + "#CognitoIdentity-CreateIdentityPool-request-IdentityPoolTags",
			},
		},
		World: []Fact{
			{
				Name: "delete",
				Detail: "Deleting the resource calls DeleteIdentityPool: the pool, every identity ID it issued and its " +
					"roles configuration are gone; the IAM roles stay (their trust policy names a pool that no longer exists).",
				Source: cognitoAppPoolSrc + " (resourcePoolDelete), " + cognitoAppIdentityAPI + "API_DeleteIdentityPool.html",
			},
			{
				Name: "rename replaces",
				Detail: "The provider replaces the pool when identityPoolName changes, although UpdateIdentityPool could " +
					"rename it; the pool ID changes.",
				Source: cognitoAppTFIssue + "49638",
			},
		},
	}
}

// ---------------------------------------------------------------------------------------------------
// aws:cognito/identityPoolRoleAttachment:IdentityPoolRoleAttachment

func cognitoAppIdentityPoolRoleAttachment() Resource {
	return Resource{
		Token:               "aws:cognito/identityPoolRoleAttachment:IdentityPoolRoleAttachment",
		Terraform:           "aws_cognito_identity_pool_roles_attachment",
		Source:              cognitoAppRolesSrc,
		API:                 cognitoAppSetRoles + " , " + cognitoAppIdentityAPI + "API_GetIdentityPoolRoles.html",
		DeleteBeforeReplace: false,
		Overrides: "pulumi-aws v6 maps the resource to the token IdentityPoolRoleAttachment and nothing else: no " +
			"DeleteBeforeReplace (" + cognitoAppPulumiRes + "). The resource is not an object in AWS but the pool's " +
			"roles configuration: its ID is the identity pool ID; create and update call SetIdentityPoolRoles, which " +
			"replaces the whole configuration; delete calls SetIdentityPoolRoles with empty Roles and RoleMappings. " +
			"Terraform makes roles ForceNew, so any change of a role ARN (e.g. the authenticated role replaced) is a " +
			"replacement, which Pulumi performs create-then-delete on the same pool: the new attachment sets the new " +
			"roles, then deleting the old one clears them, leaving the pool with no roles. The same mechanism as " +
			"https://github.com/pulumi/pulumi/issues/918 and https://github.com/pulumi/pulumi-aws/issues/1980 " +
			"(resources with structural identity). Only deleteBeforeReplace on the resource (or replaceOnChanges plus " +
			"a refresh) avoids it. Terraform also validates the keys only at apply: \"authenticated\" or " +
			"\"unauthenticated\" must be present.",
		Properties: []Property{
			{
				Path:     "identityPoolId",
				ForceNew: true,
				Sends:    "IdentityPoolId on every SetIdentityPoolRoles; also the resource ID. ForceNew: a replaced identity pool gets a new attachment (the old one's delete clears the old pool).",
				Required: true,
				AWS:      "IdentityPoolId: 1..55 characters matching [\\w-]+:[0-9a-f-]+.",
				Check:    All(Length(1, 55), Pattern(`[\w-]+:[0-9a-f-]+`)),
				Source:   cognitoAppRolesSrc + " (identity_pool_id: Required, ForceNew), " + cognitoAppSetRoles + "#CognitoIdentity-SetIdentityPoolRoles-request-IdentityPoolId",
			},
			{
				Path:     "roles",
				ForceNew: true,
				Sends: "Roles, the whole map, on create and update. ForceNew in Terraform: a changed role ARN replaces the " +
					"attachment and, create-before-delete, ends with the pool's roles cleared (see Overrides). The " +
					"stack maps only \"authenticated\", so guests (disabled anyway) have no role.",
				Required: true,
				AWS: "Roles: at most 2 entries; keys authenticated | unauthenticated, at least one of them (Terraform); " +
					"values IAM role ARNs of 20..2048 characters.",
				Check: cognitoAppRoles(),
				Source: cognitoAppRolesSrc + " (roles: TypeMap, Required, ForceNew, verify.ValidARN; validRoles at create and update), " +
					cognitoAppIdValSrc + " (validRoles), " + cognitoAppSetRoles + "#CognitoIdentity-SetIdentityPoolRoles-request-Roles",
			},
		},
		World: []Fact{
			{
				Name: "one roles configuration per identity pool",
				Detail: "An identity pool has one roles configuration. SetIdentityPoolRoles replaces it whole, so two " +
					"attachments on one pool overwrite each other and deleting either clears both. A test double must " +
					"key the attachment by identity pool ID.",
				Source: "https://github.com/aws/aws-cdk/pull/33305, " + cognitoAppSetRoles,
			},
			{
				Name: "delete clears the roles",
				Detail: "Deleting the resource calls SetIdentityPoolRoles(IdentityPoolId, Roles={}, RoleMappings={}); the " +
					"pool stays, with no authenticated role: the enhanced flow (GetCredentialsForIdentity) then fails; the " +
					"classic flow, which names its role in AssumeRoleWithWebIdentity, does not use this configuration.",
				Source: cognitoAppRolesSrc + " (resourcePoolRolesAttachmentDelete)",
			},
			{
				Name: "replacing clears the roles",
				Detail: "roles is ForceNew and pulumi-aws sets no DeleteBeforeReplace: a replacement on the same pool runs " +
					"SetIdentityPoolRoles(new roles) and then SetIdentityPoolRoles({}), so the pool ends with none until " +
					"the next update that touches the attachment (none will: Pulumi believes it is in place).",
				Source: cognitoAppRolesSrc + ", " + cognitoAppPulumiRes + ", https://github.com/pulumi/pulumi/issues/918",
			},
		},
	}
}

// ---------------------------------------------------------------------------------------------------
// Checks.

// cognitoAppPoolID is a user pool ID as the child resources send it.
func cognitoAppPoolID() Check {
	return All(Length(1, 55), Pattern(`[\w-]+_[0-9a-zA-Z]+`))
}

// cognitoAppRedirectURL is a callback (redirect) URL as Cognito accepts it.
func cognitoAppRedirectURL() Check {
	base := All(Length(1, 1024), Pattern(`[\p{L}\p{M}\p{S}\p{N}\p{P}]+`))
	return func(v any) error {
		if err := base(v); err != nil {
			return err
		}
		s := v.(string)
		u, err := url.Parse(s)
		switch {
		case err != nil || !u.IsAbs():
			return fmt.Errorf("InvalidParameterException: redirect URI %q must be an absolute URI", short(s))
		case strings.Contains(s, "#"):
			return fmt.Errorf("InvalidParameterException: redirect URI %q must not include a fragment component", short(s))
		case strings.EqualFold(u.Scheme, "http") && !strings.EqualFold(u.Hostname(), "localhost"):
			return fmt.Errorf("InvalidParameterException: redirect URI %q: Cognito requires HTTPS over HTTP except for http://localhost", short(s))
		}
		return nil
	}
}

// cognitoAppDomainPrefix is a user pool domain: a prefix (no dots) must match the API pattern and avoid
// the reserved words; a dotted value is a custom domain, checked by the rule on certificateArn.
func cognitoAppDomainPrefix() Check {
	prefix := All(Length(1, 63), Pattern(`^[a-z0-9](?:[a-z0-9\-]{0,61}[a-z0-9])?$`))
	return func(v any) error {
		s, err := str(v)
		if err != nil {
			return err
		}
		if strings.Contains(s, ".") {
			return Length(1, 63)(v)
		}
		if err := prefix(v); err != nil {
			return err
		}
		for _, w := range []string{"aws", "amazon", "cognito"} {
			if strings.Contains(s, w) {
				return fmt.Errorf("InvalidParameterException: Domain cannot contain reserved word: %s (%q)", w, s)
			}
		}
		return nil
	}
}

// cognitoAppScope is one OAuth scope of an app client.
func cognitoAppScope() Check {
	base := All(Length(1, 256), Pattern(`[\x21\x23-\x5B\x5D-\x7E]+`))
	standard := map[string]bool{"phone": true, "email": true, "openid": true, "profile": true, "aws.cognito.signin.user.admin": true}
	return func(v any) error {
		if err := base(v); err != nil {
			return err
		}
		s := v.(string)
		if !strings.Contains(s, "/") && !standard[s] {
			return fmt.Errorf("ScopeDoesNotExistException: Invalid scope requested: %s (not a standard scope, and not a resource-server scope \"<identifier>/<name>\")", s)
		}
		return nil
	}
}

// cognitoAppStandardAttributes are the OIDC standard attributes every user pool has.
var cognitoAppStandardAttributes = map[string]bool{
	"address": true, "birthdate": true, "email": true, "email_verified": true, "family_name": true,
	"gender": true, "given_name": true, "locale": true, "middle_name": true, "name": true, "nickname": true,
	"phone_number": true, "phone_number_verified": true, "picture": true, "preferred_username": true,
	"profile": true, "sub": true, "updated_at": true, "website": true, "zoneinfo": true,
}

// cognitoAppReadAttribute is one entry of an app client's read attributes.
func cognitoAppReadAttribute() Check { return cognitoAppAttribute("read") }

// cognitoAppAttribute is one entry of an app client's read or write attributes: a standard attribute,
// or a custom: or dev: one of the pool.
func cognitoAppAttribute(kind string) Check {
	return func(v any) error {
		s, err := str(v)
		if err != nil {
			return err
		}
		if err := Length(1, 2048)(v); err != nil {
			return err
		}
		if !cognitoAppStandardAttributes[s] && !strings.HasPrefix(s, "custom:") && !strings.HasPrefix(s, "dev:") {
			return fmt.Errorf("InvalidParameterException: Invalid %s attributes specified while creating a client: %s is not an attribute of the pool", kind, s)
		}
		return nil
	}
}

// cognitoAppUserAttributes is the attributes map of an administrator-created user, as the provider
// sends it (non-standard keys prefixed custom:, which this stack's pools do not define).
func cognitoAppUserAttributes() Check {
	return func(v any) error {
		m, ok := v.(map[string]any)
		if !ok {
			return fmt.Errorf("Value %v is not a map of user attributes", v)
		}
		for k, av := range m {
			switch {
			case k == "sub":
				return fmt.Errorf("InvalidParameterException: Cannot modify an immutable attribute: sub")
			case !cognitoAppStandardAttributes[k]:
				name := k
				if !strings.HasPrefix(k, "custom:") {
					name = "custom:" + k
				}
				return fmt.Errorf("InvalidParameterException: Attribute does not exist in the schema: %s (the provider sends %q as %q; the pool defines no such custom attribute)", name, k, name)
			}
			if isUnknown(av) {
				continue
			}
			s, ok := av.(string)
			if !ok {
				return fmt.Errorf("Value %v of attribute %s is not a string", av, k)
			}
			if (k == "email_verified" || k == "phone_number_verified") && s != "true" && s != "false" {
				return fmt.Errorf("InvalidParameterException: %s must be \"true\" or \"false\", not %q", k, s)
			}
			if err := Length(0, 2048)(s); err != nil {
				return fmt.Errorf("attribute %s: %v", k, err)
			}
		}
		return nil
	}
}

// cognitoAppRoles is the roles map of an identity pool.
func cognitoAppRoles() Check {
	arn := All(Length(20, 2048), Pattern(`arn:aws[a-z-]*:iam::\d{12}:role/(?:[\w+=,.@-]+/)*[\w+=,.@-]{1,64}`))
	return func(v any) error {
		m, ok := v.(map[string]any)
		if !ok {
			return fmt.Errorf("Value %v is not a map of roles", v)
		}
		if m["authenticated"] == nil && m["unauthenticated"] == nil {
			return fmt.Errorf("validating Roles: \"roles\": Either \"authenticated\" or \"unauthenticated\" must be defined")
		}
		for k, rv := range m {
			if k != "authenticated" && k != "unauthenticated" {
				return fmt.Errorf("Value %q at 'roles' failed to satisfy constraint: Map keys must satisfy constraint: [Member must satisfy regular expression pattern: (un)?authenticated]", k)
			}
			if isUnknown(rv) {
				continue
			}
			if err := arn(rv); err != nil {
				return fmt.Errorf("roles.%s: %v", k, err)
			}
		}
		return nil
	}
}

// ---------------------------------------------------------------------------------------------------
// Rules.

// cognitoAppTokenValidity checks the three token lifetimes as durations in their units.
func cognitoAppTokenValidity(in map[string]any) error {
	unit := func(member, def string) (time.Duration, bool) {
		u := def
		if s, ok := Get(in, "tokenValidityUnits."+member).(string); ok {
			if isUnknown(s) {
				return 0, false
			}
			u = s
		}
		switch u {
		case "seconds":
			return time.Second, true
		case "minutes":
			return time.Minute, true
		case "hours":
			return time.Hour, true
		case "days":
			return 24 * time.Hour, true
		}
		return 0, false // refused by the unit's own check
	}
	type token struct {
		prop, member, def string
		min, max          time.Duration
	}
	tokens := []token{
		{"accessTokenValidity", "accessToken", "hours", 5 * time.Minute, 24 * time.Hour},
		{"idTokenValidity", "idToken", "hours", 5 * time.Minute, 24 * time.Hour},
		{"refreshTokenValidity", "refreshToken", "days", 60 * time.Minute, 315360000 * time.Second},
	}
	got := map[string]time.Duration{}
	for _, t := range tokens {
		n, ok := integer(in[t.prop])
		if !ok {
			continue // unset or unknown
		}
		u, ok := unit(t.member, t.def)
		if !ok {
			continue
		}
		d := time.Duration(n) * u
		got[t.prop] = d
		if t.prop == "refreshTokenValidity" && n == 0 {
			continue // 0 means the 30-day default
		}
		if d < t.min || d > t.max {
			return fmt.Errorf("InvalidParameterException: Invalid range for token validity: %s %d %s is %s, outside %s..%s",
				t.prop, n, unitName(u), d, t.min, t.max)
		}
	}
	if r, ok := got["refreshTokenValidity"]; ok && r > 0 {
		for _, p := range []string{"accessTokenValidity", "idTokenValidity"} {
			if d, ok := got[p]; ok && d > r {
				return fmt.Errorf("InvalidParameterException: Invalid range for token validity: %s (%s) is longer than refreshTokenValidity (%s)", p, d, r)
			}
		}
	}
	return nil
}

func unitName(u time.Duration) string {
	switch u {
	case time.Second:
		return "seconds"
	case time.Minute:
		return "minutes"
	case time.Hour:
		return "hours"
	}
	return "days"
}

// cognitoAppOAuth checks the OAuth settings of an app client against AllowedOAuthFlowsUserPoolClient.
func cognitoAppOAuth(in map[string]any) error {
	list := func(p string) []string {
		var out []string
		l, _ := in[p].([]any)
		for _, e := range l {
			if s, ok := e.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	for _, p := range []string{"allowedOauthFlows", "allowedOauthScopes", "callbackUrls"} {
		if isUnknown(in[p]) {
			return nil
		}
	}
	flows, scopes, callbacks := list("allowedOauthFlows"), list("allowedOauthScopes"), list("callbackUrls")
	enabled, known := in["allowedOauthFlowsUserPoolClient"].(bool)
	if !known {
		if isUnknown(in["allowedOauthFlowsUserPoolClient"]) {
			return nil
		}
		enabled = false
	}
	switch {
	case !enabled && (len(flows) > 0 || len(scopes) > 0):
		return fmt.Errorf("InvalidParameterException: allowedOauthFlows and allowedOauthScopes take effect only with allowedOauthFlowsUserPoolClient = true")
	case enabled && (len(flows) == 0 || len(scopes) == 0):
		return fmt.Errorf("InvalidParameterException: AllowedOAuthFlows and AllowedOAuthScopes are required if user pool client is allowed to use OAuth flows")
	}
	has := func(f string) bool {
		for _, x := range flows {
			if x == f {
				return true
			}
		}
		return false
	}
	if has("client_credentials") {
		if has("code") || has("implicit") {
			return fmt.Errorf("InvalidOAuthFlowException: client_credentials flow can not be selected along with code flow or implicit flow")
		}
		if secret, _ := in["generateSecret"].(bool); !secret {
			return fmt.Errorf("InvalidOAuthFlowException: client_credentials flow can not be selected if client does not have a client secret")
		}
	}
	if enabled && (has("code") || has("implicit")) && len(callbacks) == 0 {
		return fmt.Errorf("InvalidParameterException: the code and implicit flows need at least one callback URL")
	}
	return nil
}

// cognitoAppAuthFlows refuses a mix of legacy and ALLOW_ explicit auth flows.
func cognitoAppAuthFlows(in map[string]any) error {
	l, _ := in["explicitAuthFlows"].([]any)
	legacy, allow := "", ""
	for _, e := range l {
		s, _ := e.(string)
		switch {
		case strings.HasPrefix(s, "ALLOW_"):
			allow = s
		case s == "ADMIN_NO_SRP_AUTH" || s == "CUSTOM_AUTH_FLOW_ONLY" || s == "USER_PASSWORD_AUTH":
			legacy = s
		}
	}
	if legacy != "" && allow != "" {
		return fmt.Errorf("InvalidParameterException: the legacy explicit auth flow %s cannot be combined with %s", legacy, allow)
	}
	return nil
}

// cognitoAppDeliveryMediums checks that each invitation medium has its attribute.
func cognitoAppDeliveryMediums(in map[string]any) error {
	l, _ := in["desiredDeliveryMediums"].([]any)
	attrs, _ := in["attributes"].(map[string]any)
	for _, e := range l {
		switch e {
		case "EMAIL":
			if attrs["email"] == nil {
				return fmt.Errorf("InvalidParameterException: desiredDeliveryMediums EMAIL needs an email attribute")
			}
		case "SMS":
			if attrs["phone_number"] == nil {
				return fmt.Errorf("InvalidParameterException: desiredDeliveryMediums SMS needs a phone_number attribute")
			}
		}
	}
	return nil
}

// cognitoAppCustomDomain: a domain with dots is a custom domain, which needs an ACM certificate.
func cognitoAppCustomDomain(in map[string]any) error {
	d, _ := in["domain"].(string)
	if d == "" || isUnknown(d) || !strings.Contains(d, ".") {
		return nil
	}
	if in["certificateArn"] == nil {
		return fmt.Errorf("InvalidParameterException: %q is a custom domain (it has dots) and needs certificateArn; a prefix domain has no dots", d)
	}
	return nil
}
