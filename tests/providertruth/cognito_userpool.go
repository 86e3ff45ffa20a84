package providertruth

import (
	"fmt"
)

// The provider-truth table of aws:cognito/userPool:UserPool (Terraform aws_cognito_user_pool).
//
// What terraform-provider-aws does with the resource, read in internal/service/cognitoidp/user_pool.go:
//   - Create: one CreateUserPool call with everything but MFA (PoolName, UserPoolTags, AccountRecoverySetting,
//     AdminCreateUserConfig, AutoVerifiedAttributes, DeletionProtection, EmailConfiguration, Policies,
//     Schema, UsernameAttributes, UsernameConfiguration, UserPoolAddOns, UserPoolTier, ...); then, when
//     mfa_configuration is not OFF, a SetUserPoolMfaConfig call with MfaConfiguration and
//     SoftwareTokenMfaConfiguration (and SmsMfaConfiguration when sms_configuration is set).
//   - Update: SetUserPoolMfaConfig when an MFA field changed; UpdateUserPool with the WHOLE configuration
//     (UpdateUserPool resets what it is not sent) when any other field changed, MfaConfiguration included;
//     AddCustomAttributes for added schema attributes (modifying or removing one fails); tags through
//     TagResource/UntagResource.
//
// The code read is the 2024 (v5.8x) and 2026 (v6.x) versions of user_pool.go and user_pool_test.go; the
// facts used here are the same in both, or dated by the pull request that changed them (see each Source).

// userPoolAPI is the Cognito user pools API reference.
const userPoolAPI = "https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/"

// userPoolTF is the resource's implementation at the bridged version.
const userPoolTF = TerraformAWS + "internal/service/cognitoidp/user_pool.go"

// userPoolValidate holds the provider's plan-time validators of the message templates and names.
const userPoolValidate = TerraformAWS + "internal/service/cognitoidp/validate.go"

// userPoolSDKDocs are the pulumi-aws v6.83.4 SDK docs of the resource (generated from the bridged
// Terraform docs).
const userPoolSDKDocs = "https://github.com/pulumi/pulumi-aws/blob/" + PulumiAWSVersion + "/sdk/go/aws/cognito/pulumiTypes.go"

// userPoolInviteEmailNeedsDeveloper is the verdict on MessageTemplateType's "EmailMessage/EmailSubject is
// allowed only if EmailSendingAccount is DEVELOPER" for AdminCreateUserConfig.InviteMessageTemplate:
// NOT enforced. terraform-provider-aws's acceptance test TestAccCognitoIDPUserPool_withAdminCreateUser
// creates and updates a pool whose invite_message_template sets email_message and email_subject with no
// email_configuration (so the default COGNITO_DEFAULT sender), and it passes against real AWS
// (hashicorp/terraform-provider-aws#40734's full run: "--- PASS: TestAccCognitoIDPUserPool_withAdminCreateUser");
// #49207's email-only template fails only on the empty sMSMessage, never on the sender. Flip this if a
// refusal is ever observed.
const userPoolInviteEmailNeedsDeveloper = false

// userPoolMessagePattern is MessageTemplateType.EmailMessage's pattern (the API reference before the 2025
// passwordless relaxation; the message must carry the {####} temporary password).
const userPoolMessagePattern = `[\p{L}\p{M}\p{S}\p{N}\p{P}\s*]*\{####\}[\p{L}\p{M}\p{S}\p{N}\p{P}\s*]*`

// userPoolStr returns the string at a path of the plain inputs, "" when unset; known is false for a value
// not known until apply.
func userPoolStr(in map[string]any, path string) (s string, known bool) {
	v := Get(in, path)
	if isUnknown(v) {
		return "", false
	}
	s, _ = v.(string)
	return s, true
}

// userPoolSendingAccount is the EmailSendingAccount the provider sends: the block's value, COGNITO_DEFAULT
// (the schema default) when the block is present without it, and AWS's default COGNITO_DEFAULT when the
// block is absent.
func userPoolSendingAccount(in map[string]any) (string, bool) {
	s, known := userPoolStr(in, "emailConfiguration.emailSendingAccount")
	if !known {
		return "", false
	}
	if s == "" {
		s = "COGNITO_DEFAULT"
	}
	return s, true
}

func init() {
	register(Resource{
		Token:     "aws:cognito/userPool:UserPool",
		Terraform: "aws_cognito_user_pool",
		Source:    userPoolTF,
		API: userPoolAPI + "API_CreateUserPool.html " + userPoolAPI + "API_UpdateUserPool.html " +
			userPoolAPI + "API_SetUserPoolMfaConfig.html",
		// pulumi-aws's generic setAutonaming (provider/resources.go) turns every Optional-or-Required
		// `name` into an auto-name of at most 255 characters; Cognito allows 128 (checked on `name`).
		AutoName: &AutoName{
			Property:  "name",
			MaxLength: 255,
			Source:    PulumiAWS + "provider/resources.go",
		},
		DeleteBeforeReplace: false,
		Overrides: "provider/resources.go maps aws_cognito_user_pool to aws:cognito/userPool:UserPool with only its Tok: " +
			"no Fields, no DeleteBeforeReplace (so Pulumi replaces create-before-delete). The generic setAutonaming " +
			"makes the Terraform-Required `name` optional and auto-named \"<logical name>-<7 hex>\" up to 255 characters " +
			"(AWS's PoolName limit is 128); the generic tags handling makes tags_all computed-only and merges the " +
			"provider's defaultTags into tags (applyTags PreCheckCallback).",
		Properties: userPoolProperties(),
		Rules:      userPoolRules(),
		World:      userPoolWorld(),
	})
}

func userPoolProperties() []Property {
	return []Property{
		// --- account recovery ---
		{
			Path:     "accountRecoverySetting.recoveryMechanisms[].name",
			Sends:    "expandAccountRecoverySettingType sends every recovery_mechanism as RecoveryOptionType{Name, Priority}, in CreateUserPool and every UpdateUserPool.",
			Required: true,
			AWS:      "AccountRecoverySetting.RecoveryMechanisms[].Name: enum verified_email | verified_phone_number | admin_only; 1..2 mechanisms (admin_only only alone).",
			Check:    OneOf("verified_email", "verified_phone_number", "admin_only"),
			Source:   userPoolAPI + "API_RecoveryOptionType.html",
		},
		{
			Path:     "accountRecoverySetting.recoveryMechanisms[].priority",
			Sends:    "Sent as RecoveryOptionType.Priority with its mechanism.",
			Required: true,
			AWS:      "AccountRecoverySetting.RecoveryMechanisms[].Priority: integer 1..2, unique within the setting.",
			Check:    IntRange(1, 2),
			Source:   userPoolAPI + "API_RecoveryOptionType.html",
		},

		// --- admin create user config ---
		{
			Path:           "adminCreateUserConfig.allowAdminCreateUserOnly",
			Sends:          "expandAdminCreateUserConfigType sends AllowAdminCreateUserOnly whenever admin_create_user_config is present (false when unset), in CreateUserPool and every UpdateUserPool.",
			SentWithParent: true,
			SentUnset:      false,
			AWS:            "AdminCreateUserConfig.AllowAdminCreateUserOnly: boolean.",
			Check:          Bool(),
			Source:         userPoolTF,
		},
		{
			Path: "adminCreateUserConfig.inviteMessageTemplate.emailMessage",
			Sends: "expandAdminCreateUserConfigType sends all three members of invite_message_template whenever the block is present: " +
				"`if v, ok := tfMap[\"email_message\"]; ok { imt.EmailMessage = aws.String(v.(string)) }`, and an SDKv2 block map holds every key, " +
				"so an unset member goes out as \"\" (hashicorp/terraform-provider-aws#13060; fix #49207 not merged).",
			SentWithParent: true,
			SentUnset:      "",
			AWS: "AdminCreateUserConfig.InviteMessageTemplate.EmailMessage: 6..20000 characters, pattern " + userPoolMessagePattern +
				"; the invitation must carry {username} and {####} (provider docs). The reference says \"allowed only if EmailSendingAccount is DEVELOPER\"; " +
				"not enforced for the invitation (see the rule).",
			Check: All(Length(6, 20000), Pattern(userPoolMessagePattern), ContainsAll("{username}", "{####}")),
			Source: userPoolTF + " " + userPoolAPI + "API_MessageTemplateType.html " + userPoolValidate +
				" https://github.com/hashicorp/terraform-provider-aws/pull/49207",
		},
		{
			Path:           "adminCreateUserConfig.inviteMessageTemplate.emailSubject",
			Sends:          "Sent as EmailSubject whenever invite_message_template is present, \"\" when unset (same expand as emailMessage).",
			SentWithParent: true,
			SentUnset:      "",
			AWS:            "AdminCreateUserConfig.InviteMessageTemplate.EmailSubject: 1..140 characters, pattern [\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}\\s]+.",
			Check:          All(Length(1, 140), Pattern(`[\p{L}\p{M}\p{S}\p{N}\p{P}\s]+`)),
			Source:         userPoolTF + " " + userPoolAPI + "API_MessageTemplateType.html",
		},
		{
			Path: "adminCreateUserConfig.inviteMessageTemplate.smsMessage",
			Sends: "Sent as SMSMessage whenever invite_message_template is present, \"\" when unset: CreateUserPool then fails \"InvalidParameterException: 1 validation error detected: " +
				"Value '' at 'adminCreateUserConfig.inviteMessageTemplate.sMSMessage' failed to satisfy constraint: Member must have length greater than or equal to 6\" " +
				"(hashicorp/terraform-provider-aws#13060, reproduced in #49207). Set it even when no SMS is ever sent.",
			SentWithParent: true,
			SentUnset:      "",
			AWS:            "AdminCreateUserConfig.InviteMessageTemplate.SMSMessage: 6..140 characters; must carry {username} and {####} (provider docs and validator).",
			Check:          All(Length(6, 140), ContainsAll("{username}", "{####}")),
			Source: "https://github.com/hashicorp/terraform-provider-aws/issues/13060 https://github.com/hashicorp/terraform-provider-aws/pull/49207 " +
				userPoolAPI + "API_MessageTemplateType.html",
		},

		// --- attributes ---
		{
			Path:   "autoVerifiedAttributes",
			Sends:  "Sent as AutoVerifiedAttributes (a set) in CreateUserPool and every UpdateUserPool; not ForceNew.",
			AWS:    "AutoVerifiedAttributes: list of enum phone_number | email.",
			Check:  Each(0, 2, OneOf("phone_number", "email")),
			Source: userPoolTF + " " + userPoolAPI + "API_CreateUserPool.html",
		},
		{
			Path:     "usernameAttributes",
			ForceNew: true,
			Sends:    "Sent as UsernameAttributes in CreateUserPool only: ForceNew, ConflictsWith alias_attributes.",
			AWS:      "UsernameAttributes: list of enum phone_number | email; fixed at creation.",
			Check:    Each(1, 2, OneOf("phone_number", "email")),
			Source:   userPoolTF + " " + userPoolAPI + "API_CreateUserPool.html",
		},
		{
			Path:     "usernameConfiguration.caseSensitive",
			ForceNew: true,
			Sends:    "expandUsernameConfigurationType sends UsernameConfiguration{CaseSensitive} in CreateUserPool only: case_sensitive is Required and ForceNew.",
			Required: true,
			AWS:      "UsernameConfiguration.CaseSensitive: boolean, required in the structure; fixed at creation.",
			Check:    Bool(),
			Source:   userPoolTF + " " + userPoolAPI + "API_UsernameConfigurationType.html",
		},
		{
			Path: "schemas[].name",
			Sends: "expandSchemaAttributeTypes sends every schema element as SchemaAttributeType in CreateUserPool. Schema is not ForceNew: on update " +
				"the provider calls AddCustomAttributes for added elements and FAILS (\"cannot modify or remove schema items\") when an element changed or went away.",
			Required: true,
			AWS:      "Schema[].Name: 1..20 characters, pattern [\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+; at most 50 attributes.",
			Check:    All(Length(1, 20), Pattern(`[\p{L}\p{M}\p{S}\p{N}\p{P}]+`)),
			Source:   userPoolTF + " " + userPoolAPI + "API_SchemaAttributeType.html",
		},
		{
			Path:     "schemas[].attributeDataType",
			Sends:    "Sent as SchemaAttributeType.AttributeDataType.",
			Required: true,
			AWS:      "Schema[].AttributeDataType: enum String | Number | DateTime | Boolean.",
			Check:    OneOf("String", "Number", "DateTime", "Boolean"),
			Source:   userPoolAPI + "API_SchemaAttributeType.html",
		},
		{
			Path:           "schemas[].developerOnlyAttribute",
			Sends:          "Sent as aws.Bool(...) for every element, false when unset.",
			SentWithParent: true,
			SentUnset:      false,
			AWS:            "Schema[].DeveloperOnlyAttribute: boolean.",
			Check:          Bool(),
			Source:         userPoolTF,
		},
		{
			Path:           "schemas[].mutable",
			Sends:          "Sent as aws.Bool(...) for every element, false when unset.",
			SentWithParent: true,
			SentUnset:      false,
			AWS:            "Schema[].Mutable: boolean; fixed once the attribute exists.",
			Check:          Bool(),
			Source:         userPoolTF,
		},
		{
			Path:           "schemas[].required",
			Sends:          "Sent as aws.Bool(...) for every element, false when unset.",
			SentWithParent: true,
			SentUnset:      false,
			AWS:            "Schema[].Required: boolean; fixed once the attribute exists.",
			Check:          Bool(),
			Source:         userPoolTF,
		},
		{
			Path:   "schemas[].stringAttributeConstraints.maxLength",
			Sends:  "Sent as StringAttributeConstraints.MaxLength only when non-empty; the block is omitted when both members are empty.",
			AWS:    "Schema[].StringAttributeConstraints.MaxLength: a number as a string (standard attributes: 2048).",
			Source: userPoolTF + " " + userPoolAPI + "API_StringAttributeConstraintsType.html",
		},
		{
			Path:   "schemas[].stringAttributeConstraints.minLength",
			Sends:  "Sent as StringAttributeConstraints.MinLength only when non-empty.",
			AWS:    "Schema[].StringAttributeConstraints.MinLength: a number as a string.",
			Source: userPoolTF + " " + userPoolAPI + "API_StringAttributeConstraintsType.html",
		},

		// --- deletion protection, MFA ---
		{
			Path:   "deletionProtection",
			Sends:  "Sent as DeletionProtection in CreateUserPool and every UpdateUserPool; schema default INACTIVE.",
			AWS:    "DeletionProtection: enum ACTIVE | INACTIVE. ACTIVE makes DeleteUserPool fail (see World).",
			Check:  OneOf("ACTIVE", "INACTIVE"),
			Source: userPoolTF + " " + userPoolAPI + "API_CreateUserPool.html",
		},
		{
			Path: "mfaConfiguration",
			Sends: "NOT sent in CreateUserPool: after it, when not OFF, SetUserPoolMfaConfig{MfaConfiguration, SoftwareTokenMfaConfiguration}. " +
				"On update: SetUserPoolMfaConfig when an MFA field changed, and MfaConfiguration is also sent in every UpdateUserPool. Schema default OFF.",
			AWS:    "MfaConfiguration: enum OFF | ON | OPTIONAL; ON/OPTIONAL need an enabled factor (see the rule).",
			Check:  OneOf("OFF", "ON", "OPTIONAL"),
			Source: userPoolTF + " " + userPoolAPI + "API_SetUserPoolMfaConfig.html",
		},
		{
			Path:     "softwareTokenMfaConfiguration.enabled",
			Sends:    "expandSoftwareTokenMFAConfigType sends SoftwareTokenMfaConfiguration{Enabled} in SetUserPoolMfaConfig (create, when MFA is not OFF; update, when an MFA field changed).",
			Required: true,
			AWS:      "SoftwareTokenMfaConfiguration.Enabled: boolean (TOTP).",
			Check:    Bool(),
			Source:   userPoolTF + " " + userPoolAPI + "API_SoftwareTokenMfaConfigType.html",
		},

		// --- name, tags ---
		{
			Path:     "name",
			ForceNew: true,
			Sends: "Sent as PoolName in CreateUserPool. ForceNew at v5.100.0 (hashicorp/terraform-provider-aws#42627, #43544); in-place rename " +
				"only came with #42639 (merged after 2025-07-25, terraform-provider-aws v6.x). Auto-named by pulumi-aws when unset.",
			AWS:    "PoolName: 1..128 characters, pattern [\\w\\s+=,.@-]+. (The provider's own validator is validation.Any(len, pattern), so it passes either.)",
			Check:  All(Length(1, 128), Pattern(`[\w\s+=,.@-]+`)),
			Source: userPoolTF + " " + userPoolAPI + "API_CreateUserPool.html https://github.com/hashicorp/terraform-provider-aws/issues/43544",
		},
		{
			Path:   "tags",
			Sends:  "Sent as UserPoolTags in CreateUserPool (with the provider's default tags); changes through TagResource/UntagResource, not UpdateUserPool.",
			AWS:    "UserPoolTags: at most 50 tags; keys 1..128, values 0..256.",
			Check:  Tags(50),
			Source: userPoolTF + " " + userPoolAPI + "API_TagResource.html",
		},

		// --- password policy ---
		{
			Path: "passwordPolicy.minimumLength",
			Sends: "expandPasswordPolicyType sends every member whenever password_policy is present (Policies.PasswordPolicy), in CreateUserPool and every UpdateUserPool: " +
				"MinimumLength as aws.Int32, 0 when unset.",
			SentWithParent: true,
			SentUnset:      0,
			AWS:            "Policies.PasswordPolicy.MinimumLength: 6..99.",
			Check:          IntRange(6, 99),
			Source:         userPoolTF + " " + userPoolAPI + "API_PasswordPolicyType.html",
		},
		{
			Path:           "passwordPolicy.passwordHistorySize",
			Sends:          "Sent as aws.Int32 whenever password_policy is present, 0 when unset (the stack leaves it unset).",
			SentWithParent: true,
			SentUnset:      0,
			AWS:            "Policies.PasswordPolicy.PasswordHistorySize: 0..24 (password-reuse prevention is an Essentials/Plus feature).",
			Check:          IntRange(0, 24),
			Source:         userPoolTF + " " + userPoolAPI + "API_PasswordPolicyType.html",
		},
		{
			Path:           "passwordPolicy.requireLowercase",
			Sends:          "Sent whenever password_policy is present, false when unset.",
			SentWithParent: true,
			SentUnset:      false,
			AWS:            "Policies.PasswordPolicy.RequireLowercase: boolean.",
			Check:          Bool(),
			Source:         userPoolTF,
		},
		{
			Path:           "passwordPolicy.requireNumbers",
			Sends:          "Sent whenever password_policy is present, false when unset.",
			SentWithParent: true,
			SentUnset:      false,
			AWS:            "Policies.PasswordPolicy.RequireNumbers: boolean.",
			Check:          Bool(),
			Source:         userPoolTF,
		},
		{
			Path:           "passwordPolicy.requireSymbols",
			Sends:          "Sent whenever password_policy is present, false when unset.",
			SentWithParent: true,
			SentUnset:      false,
			AWS:            "Policies.PasswordPolicy.RequireSymbols: boolean.",
			Check:          Bool(),
			Source:         userPoolTF,
		},
		{
			Path:           "passwordPolicy.requireUppercase",
			Sends:          "Sent whenever password_policy is present, false when unset.",
			SentWithParent: true,
			SentUnset:      false,
			AWS:            "Policies.PasswordPolicy.RequireUppercase: boolean.",
			Check:          Bool(),
			Source:         userPoolTF,
		},
		{
			Path:           "passwordPolicy.temporaryPasswordValidityDays",
			Sends:          "Sent whenever password_policy is present (Optional+Computed; 0 on create when unset).",
			SentWithParent: true,
			SentUnset:      0,
			AWS:            "Policies.PasswordPolicy.TemporaryPasswordValidityDays: 0..365.",
			Check:          IntRange(0, 365),
			Source:         userPoolTF + " " + userPoolAPI + "API_PasswordPolicyType.html",
		},

		// --- threat protection, feature plan ---
		{
			Path:     "userPoolAddOns.advancedSecurityMode",
			Sends:    "Sent as UserPoolAddOns{AdvancedSecurityMode} in CreateUserPool and every UpdateUserPool; Required in its block.",
			Required: true,
			AWS:      "UserPoolAddOns.AdvancedSecurityMode: enum OFF | AUDIT | ENFORCED; AUDIT/ENFORCED (threat protection) need the PLUS tier.",
			Check:    OneOf("OFF", "AUDIT", "ENFORCED"),
			Source:   userPoolTF + " " + userPoolAPI + "API_UserPoolAddOnsType.html",
		},
		{
			Path: "userPoolTier",
			Sends: "Sent as UserPoolTier in CreateUserPool and UpdateUserPool (added in terraform-provider-aws v5.83.0, hashicorp/terraform-provider-aws#40633; " +
				"Optional+Computed, updated in place, not ForceNew). AWS defaults new pools to ESSENTIALS.",
			AWS:    "UserPoolTier: enum LITE | ESSENTIALS | PLUS.",
			Check:  OneOf("LITE", "ESSENTIALS", "PLUS"),
			Source: "https://github.com/hashicorp/terraform-provider-aws/pull/40633 " + userPoolAPI + "API_CreateUserPool.html",
		},

		// --- email configuration (not set yet; about to be) ---
		{
			Path: "emailConfiguration.emailSendingAccount",
			Sends: "expandEmailConfigurationType sends only non-empty members, in CreateUserPool and every UpdateUserPool; email_sending_account has the schema " +
				"Default COGNITO_DEFAULT, so it is always sent with the block.",
			SentWithParent: true,
			SentUnset:      "COGNITO_DEFAULT",
			AWS:            "EmailConfiguration.EmailSendingAccount: enum COGNITO_DEFAULT | DEVELOPER. DEVELOPER needs SourceArn (see the rules).",
			Check:          OneOf("COGNITO_DEFAULT", "DEVELOPER"),
			Source:         userPoolTF + " " + userPoolAPI + "API_EmailConfigurationType.html",
		},
		{
			Path:   "emailConfiguration.sourceArn",
			Sends:  "Sent as SourceArn only when non-empty (provider validates an ARN).",
			AWS:    "EmailConfiguration.SourceArn: an SES verified identity ARN, 20..2048 characters; required with DEVELOPER; with COGNITO_DEFAULT it only sets a custom FROM.",
			Check:  All(Length(20, 2048), Pattern(`arn:[\w+=/,.@-]+:[\w+=/,.@-]+:([\w+=/,.@-]*)?:[0-9]+:[\w+=/,.@-]+(:[\w+=/,.@-]+)?(:[\w+=/,.@-]+)?`)),
			Source: userPoolTF + " " + userPoolAPI + "API_EmailConfigurationType.html",
		},
		{
			Path:   "emailConfiguration.fromEmailAddress",
			Sends:  "Sent as From only when non-empty.",
			AWS:    "EmailConfiguration.From: \"addr\" or \"Name <addr>\" (RFC 5322 quoting); requires EmailSendingAccount DEVELOPER (provider docs).",
			Check:  Length(1, 0),
			Source: userPoolTF + " " + userPoolSDKDocs,
		},
		{
			Path:   "emailConfiguration.replyToEmailAddress",
			Sends:  "Sent as ReplyToEmailAddress only when non-empty (the provider accepts \"\" or the API pattern).",
			AWS:    "EmailConfiguration.ReplyToEmailAddress: pattern [\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+@[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+.",
			Check:  Pattern(`[\p{L}\p{M}\p{S}\p{N}\p{P}]+@[\p{L}\p{M}\p{S}\p{N}\p{P}]+`),
			Source: userPoolTF + " " + userPoolAPI + "API_EmailConfigurationType.html",
		},
		{
			Path:   "emailConfiguration.configurationSet",
			Sends:  "Sent as ConfigurationSet only when non-empty.",
			AWS:    "EmailConfiguration.ConfigurationSet: an SES configuration set name, 1..64 characters of letters, digits, _ and - (used with DEVELOPER sending).",
			Check:  All(Length(1, 64), Pattern(`[a-zA-Z0-9_-]+`)),
			Source: userPoolTF + " " + userPoolAPI + "API_EmailConfigurationType.html",
		},
	}
}

func userPoolRules() []Rule {
	return []Rule{
		{
			Name: "threat protection needs the Plus feature plan",
			Check: func(in map[string]any) error {
				mode, known := userPoolStr(in, "userPoolAddOns.advancedSecurityMode")
				if !known || mode == "" || mode == "OFF" {
					return nil
				}
				tier, known := userPoolStr(in, "userPoolTier")
				if !known {
					return nil
				}
				if tier == "" {
					tier = "ESSENTIALS" // AWS's default plan for new pools
				}
				if tier != "PLUS" {
					return fmt.Errorf("FeatureUnavailableInTierException: The following features need to be disabled for the %s pricing tier configured: Threat Protection (advancedSecurityMode %s needs userPoolTier PLUS)", tier, mode)
				}
				return nil
			},
			Source: "https://github.com/hashicorp/terraform-provider-aws/pull/40734 https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-sign-in-feature-plans.html",
		},
		{
			Name: "MFA ON or OPTIONAL needs an enabled factor",
			Check: func(in map[string]any) error {
				mfa, known := userPoolStr(in, "mfaConfiguration")
				if !known || (mfa != "ON" && mfa != "OPTIONAL") {
					return nil
				}
				if v := Get(in, "softwareTokenMfaConfiguration.enabled"); v == true || isUnknown(v) {
					return nil
				}
				if Get(in, "smsConfiguration") != nil || Get(in, "emailMfaConfiguration") != nil {
					return nil
				}
				return fmt.Errorf("InvalidParameterException: Invalid MFA configuration given, can't disable all MFAs with a required or optional configuration (mfaConfiguration %s needs softwareTokenMfaConfiguration.enabled, smsConfiguration or emailMfaConfiguration)", mfa)
			},
			Source: userPoolSDKDocs + " https://github.com/anomalyco/sst/issues/5177",
		},
		{
			Name: "usernameAttributes conflicts with aliasAttributes",
			Check: func(in map[string]any) error {
				if Get(in, "usernameAttributes") != nil && Get(in, "aliasAttributes") != nil {
					return fmt.Errorf("\"username_attributes\": conflicts with alias_attributes")
				}
				return nil
			},
			Source: userPoolTF,
		},
		{
			Name: "DEVELOPER email sending needs sourceArn",
			Check: func(in map[string]any) error {
				account, known := userPoolSendingAccount(in)
				if !known || account != "DEVELOPER" {
					return nil
				}
				if v := Get(in, "emailConfiguration.sourceArn"); v == nil || v == "" {
					return fmt.Errorf("InvalidParameterException: emailConfiguration.sourceArn (a verified SES identity) is required when emailSendingAccount is DEVELOPER")
				}
				return nil
			},
			Source: userPoolSDKDocs + " " + userPoolAPI + "API_EmailConfigurationType.html",
		},
		{
			Name: "fromEmailAddress needs DEVELOPER email sending",
			Check: func(in map[string]any) error {
				if v := Get(in, "emailConfiguration.fromEmailAddress"); v == nil || v == "" {
					return nil
				}
				account, known := userPoolSendingAccount(in)
				if known && account != "DEVELOPER" {
					return fmt.Errorf("InvalidParameterException: emailConfiguration.fromEmailAddress needs emailSendingAccount DEVELOPER, not %s", account)
				}
				return nil
			},
			Source: userPoolSDKDocs,
		},
		{
			// Verdict (research question 1): the reference's "EmailMessage/EmailSubject is allowed only if
			// EmailSendingAccount is DEVELOPER" is not enforced for the invitation template; see
			// userPoolInviteEmailNeedsDeveloper.
			Name: "custom invitation email and the email sending account",
			Check: func(in map[string]any) error {
				msg := Get(in, "adminCreateUserConfig.inviteMessageTemplate.emailMessage")
				subj := Get(in, "adminCreateUserConfig.inviteMessageTemplate.emailSubject")
				if msg == nil && subj == nil {
					return nil
				}
				account, known := userPoolSendingAccount(in)
				if userPoolInviteEmailNeedsDeveloper && known && account != "DEVELOPER" {
					return fmt.Errorf("InvalidParameterException: inviteMessageTemplate.emailMessage/emailSubject are allowed only if EmailSendingAccount is DEVELOPER, not %s", account)
				}
				return nil
			},
			Source: "https://github.com/hashicorp/terraform-provider-aws/pull/40734 " +
				TerraformAWS + "internal/service/cognitoidp/user_pool_test.go " +
				userPoolAPI + "API_MessageTemplateType.html",
		},
	}
}

func userPoolWorld() []Fact {
	return []Fact{
		{
			Name: "deletion protection blocks DeleteUserPool",
			Detail: "With DeletionProtection ACTIVE, DeleteUserPool fails \"InvalidParameterException: The user pool cannot be deleted because deletion protection is activated. " +
				"Deletion protection must be inactivated first.\" A destroy, or the delete half of a (create-before-delete) replacement, fails until an update sets INACTIVE.",
			Source: userPoolAPI + "API_DeleteUserPool.html https://github.com/localstack/localstack/issues/11947",
		},
		{
			Name: "a pool with a domain cannot be deleted",
			Detail: "DeleteUserPool fails \"InvalidParameterException: User pool cannot be deleted. It has a domain configured that should be deleted first.\" " +
				"The aws:cognito/userPoolDomain:UserPoolDomain must go first; domain prefixes are global, so a replacement pool cannot take the old prefix while the old domain exists.",
			Source: "https://github.com/hashicorp/terraform-provider-aws/issues/16479",
		},
		{
			Name: "username case sensitivity is fixed at creation",
			Detail: "UsernameConfiguration.CaseSensitive false makes usernames (here the email) case-insensitive for sign-in and lookups; it cannot be changed on an existing pool " +
				"(ForceNew): changing it replaces the pool and loses every user. Same for usernameAttributes.",
			Source: userPoolAPI + "API_UsernameConfigurationType.html " + userPoolTF,
		},
		{
			Name: "schema attributes can be added, never modified or removed",
			Detail: "Changing or removing a schemas element is not a replacement but an update the provider refuses (\"updating Cognito User Pool: cannot modify or remove schema items\"); " +
				"added elements go through AddCustomAttributes.",
			Source: userPoolTF,
		},
		{
			Name: "pool names are not unique",
			Detail: "PoolName carries no uniqueness constraint; pools are addressed by their generated Id (<region>_<id>), so a create-before-delete replacement with the same name succeeds " +
				"(the Id, the ARN and every user change).",
			Source: userPoolAPI + "API_CreateUserPool.html",
		},
		{
			Name: "the default email sender has a daily quota",
			Detail: "With EmailSendingAccount COGNITO_DEFAULT (the stack's, by default) Cognito sends from no-reply@verificationemail.com and allows only a small daily number of emails per account " +
				"and Region (50); invitations beyond it fail. DEVELOPER (SES) lifts it.",
			Source: "https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-email.html",
		},
		{
			Name: "the SES identity must exist and be verified",
			Detail: "With EmailSendingAccount DEVELOPER, CreateUserPool and UpdateUserPool fail when SourceArn names no verified identity: \"InvalidParameterException: " +
				"Cognito received the following error from Amazon SES when attempting to send email: Email address is not verified. The following identities failed " +
				"the check in region ...\". The identity must be in the pool's region or, for some regions, us-east-1, us-west-2 or eu-west-1. Cognito creates the " +
				"service-linked role AWSServiceRoleForAmazonCognitoIdpEmailService, so the caller needs iam:CreateServiceLinkedRole for email.cognito-idp.amazonaws.com.",
			Source: "https://github.com/aws-amplify/amplify-backend/issues/3134 https://github.com/aws/aws-cdk/issues/18964 " +
				"https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-email.html#user-pool-email-developer-region-mapping " +
				"https://docs.aws.amazon.com/cognito/latest/developerguide/using-service-linked-roles.html",
		},
		{
			Name:   "UpdateUserPool resets what it is not sent",
			Detail: "UpdateUserPool sets every unspecified setting to its default; the provider therefore sends the whole configuration on every update (MfaConfiguration included).",
			Source: userPoolAPI + "API_UpdateUserPool.html " + userPoolTF,
		},
	}
}
