package providertruth

// Provider truth for Cognito federation and access tiers: the user pool's external identity providers
// (aws:cognito/identityProvider:IdentityProvider) and groups (aws:cognito/userGroup:UserGroup), and, as
// exported slices for the main engineer to merge into the existing user pool and app client tables, the
// properties federation adds to those (the pre token generation trigger, the custom attribute that
// carries an identity provider's groups, the client's identity providers and write attributes).
//
// Version note. pulumi-aws v6.83.4 bridges terraform-provider-aws v5.100.0, which could not be fetched
// (the repository is over the fetch limit). What is recorded was read in these stored copies:
//   - identity_provider.go: isometry/terraform-provider-faws@e00409b2, a fork of the hashicorp code on
//     aws-sdk-go-v2 that already has the ActiveEncryptionCertificate fix
//     (hashicorp/terraform-provider-aws#36311) and not yet the 2026 provider_details DiffSuppressFunc
//     (hashicorp/terraform-provider-aws#48121). This is the closest copy to v5.100.0 found. The line numbers quoted
//     ("≈") are that copy's. At v5.100.0 they may be off by a few lines (about ±4), because the
//     provider_name validator there may already be the function validIdentityProviderName. The
//     v5.100.0 links below therefore carry no line anchors.
//   - user_group.go: the stored hashicorp copy @0389eecf (aws-sdk-go-v2, `meta any`; 2025).
//   - user_pool.go: two hashicorp copies. One is before and one after #38184 (merged 2024-06-28, long
//     before v5.100.0). Where they differ, the text says so.
//   - user_pool_client.go: the copies already read for cognito.go (plugin framework).
//   - The API constraints: the botocore model of cognito-idp 2016-04-18 (botocore 1.43.11), which is the
//     machine-readable API reference.
// The research this file was written from is tests/providertruth/research/cognito-identity-provider.md.

import (
	"fmt"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"
)

const (
	fedAPI      = "https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/"
	fedGuide    = "https://docs.aws.amazon.com/cognito/latest/developerguide/"
	fedTFIssue  = "https://github.com/hashicorp/terraform-provider-aws/issues/"
	fedTFPull   = "https://github.com/hashicorp/terraform-provider-aws/pull/"
	fedIdPSrc   = TerraformAWS + "internal/service/cognitoidp/identity_provider.go"
	fedFAWSSrc  = "https://github.com/isometry/terraform-provider-faws/blob/e00409b28f39e11be5802929e97d9bc2fb890ea6/internal/service/cognitoidp/identity_provider.go"
	fedGroupSrc = TerraformAWS + "internal/service/cognitoidp/user_group.go"
	fedValSrc   = TerraformAWS + "internal/service/cognitoidp/validate.go"
	fedPoolSrc  = TerraformAWS + "internal/service/cognitoidp/user_pool.go"
	fedClient   = TerraformAWS + "internal/service/cognitoidp/user_pool_client.go"
	fedPulumi   = PulumiAWS + "provider/resources.go"
	fedSDKIdP   = PulumiAWS + "sdk/go/aws/cognito/identityProvider.go"
	fedSDKGroup = PulumiAWS + "sdk/go/aws/cognito/userGroup.go"

	fedCreateIdP    = fedAPI + "API_CreateIdentityProvider.html"
	fedUpdateIdP    = fedAPI + "API_UpdateIdentityProvider.html"
	fedDescribeIdP  = fedAPI + "API_DescribeIdentityProvider.html"
	fedCreateGroup  = fedAPI + "API_CreateGroup.html"
	fedUpdateGroup  = fedAPI + "API_UpdateGroup.html"
	fedDeleteGroup  = fedAPI + "API_DeleteGroup.html"
	fedLambdaConfig = fedAPI + "API_LambdaConfigType.html"
	fedPTGConfig    = fedAPI + "API_PreTokenGenerationVersionConfigType.html"
	fedSchemaAttr   = fedAPI + "API_SchemaAttributeType.html"
	fedAddCustom    = fedAPI + "API_AddCustomAttributes.html"
	fedCreateClient = fedAPI + "API_CreateUserPoolClient.html"
	fedAttrMapping  = fedGuide + "cognito-user-pools-specifying-attribute-mapping.html"
	fedPTGGuide     = fedGuide + "user-pool-lambda-pre-token-generation.html"
	fedAttrGuide    = fedGuide + "user-pool-settings-attributes.html"
)

// Names of the account facts below, for the lifecycle double (awsdouble.Facts) to enforce by.
const (
	FactIdPNamesUniquePerPool  = "identity provider names are unique per pool"
	FactIdPDetailsFilledByAWS  = "AWS fills in provider details on read"
	FactIdPClientSecretInState = "the client secret is read back and is not a secret output"
	FactIdPSocialNamedByType   = "a social identity provider is named after its type"
	FactIdPNameIsIdentity      = "the provider name is the identity"
	FactGroupNamesUniquePool   = "group names are unique per pool"
	FactGroupReplacedIsEmpty   = "a replaced group has no members"
	FactClientIdPMustExist     = "a client can name only identity providers that exist"
	FactClientWritesMapped     = "the client must be able to write every mapped attribute"
	FactPoolIdentitiesAttr     = "adding an identity provider adds the identities attribute"
	FactPoolTriggerPermission  = "Cognito invokes the trigger under the function's resource policy"
)

// IdentityProviderDetailsFilledByAWS lists, per provider type, the provider_details keys that
// DescribeIdentityProvider returns although the request did not send them. terraform-provider-aws
// v5.100.0 stores the response unfiltered (d.Set("provider_details", idp.ProviderDetails), read ≈150 in
// the faws copy). It has no DiffSuppressFunc; that came only with #48121 (2026), and in pulumi-aws with
// pulumi/pulumi-aws#6405, which is after v6.83.4. So each of these keys shows as a removal on every preview,
// and `up` sends an UpdateIdentityProvider that changes nothing. The stack must ignoreChanges exactly
// these keys of providerDetails (the SDK's path syntax: `providerDetails["<key>"]`). Never ignore
// client_secret, or rotating it stops working.
var IdentityProviderDetailsFilledByAWS = map[string][]string{
	// API reference, ProviderDetails, "Google … Describe response".
	"Google": {"attributes_url", "attributes_url_add_attributes", "authorize_url", "oidc_issuer", "token_request_method", "token_url"},
	// attributes_url_add_attributes: the API reference's OIDC Describe example. The four endpoints: when
	// the request leaves them to discovery from oidc_issuer, Describe is reported to return the
	// discovered values (lgallard/terraform-aws-cognito-user-pool PRs #371, #415, #416). That is not in
	// the AWS example, so verify it on the first deploy. Ignore only those the stack does not send.
	"OIDC": {"attributes_url_add_attributes", "authorize_url", "token_url", "attributes_url", "jwks_uri"},
	// ActiveEncryptionCertificate: read-only, and refused if sent (see providerDetails). The two
	// binding URIs are derived from the metadata (API reference, SAML Describe response; pulumi/pulumi#18957).
	// SLORedirectBindingURI appears only when the metadata has a single-logout endpoint.
	"SAML": {"ActiveEncryptionCertificate", "SSORedirectBindingURI", "SLORedirectBindingURI"},
}

// identityProviderDetailKeys are, per provider type the stack uses, the provider_details keys it may
// send: the required ones, and the optional ones the API reference documents for a request. A key
// outside these is not recorded (Cognito refuses unknown keys for SAML at least: "<key> is not a valid
// key for SAML identity provider details", hashicorp/terraform-provider-aws#36311).
var identityProviderDetailKeys = map[string]struct {
	required [][]string // each inner list: at least one of these keys
	optional []string
}{
	// "At least one of the MetadataURL or MetadataFile should be provided." (hashicorp/terraform-provider-aws#4815)
	"SAML": {
		required: [][]string{{"MetadataURL", "MetadataFile"}},
		optional: []string{"IDPSignout", "IDPInit", "EncryptedResponses", "RequestSigningAlgorithm"},
	},
	// The keys the API reference lists for OIDC. An AWS refusal without client_secret was not observed:
	// the list is what backs "required" here.
	"OIDC": {
		required: [][]string{{"client_id"}, {"client_secret"}, {"authorize_scopes"}, {"attributes_request_method"}, {"oidc_issuer"}},
		optional: []string{"authorize_url", "token_url", "attributes_url", "jwks_uri"},
	},
	// "client_id, client_secret and authorize_scopes are all required idp details" (aws-amplify/amplify-cli#8266).
	"Google": {
		required: [][]string{{"client_id"}, {"client_secret"}, {"authorize_scopes"}},
	},
}

func init() {
	register(fedIdentityProvider(), fedUserGroup())
}

// ---------------------------------------------------------------------------------------------------
// aws:cognito/identityProvider:IdentityProvider

func fedIdentityProvider() Resource {
	return Resource{
		Token:     "aws:cognito/identityProvider:IdentityProvider",
		Terraform: "aws_cognito_identity_provider",
		Source:    fedIdPSrc + " (read in " + fedFAWSSrc + ")",
		API:       fedCreateIdP + " , " + fedUpdateIdP + " , " + fedDescribeIdP,
		// No auto-name: pulumi-aws's setAutonaming touches only a property called `name`, and this
		// resource has provider_name, which stays required in the SDK ("invalid value for required
		// argument 'ProviderName'", identityProvider.go ≈97).
		AutoName:            nil,
		DeleteBeforeReplace: false,
		Overrides: "pulumi-aws v6 maps aws_cognito_identity_provider to the token and nothing else: " +
			"`\"aws_cognito_identity_provider\": {Tok: awsResource(cognitoMod, \"IdentityProvider\")}` (" + fedPulumi + "). It sets no Fields, " +
			"no DeleteBeforeReplace, no auto-name and no additional secret outputs. The SDK requires providerDetails, providerName, providerType and " +
			"userPoolId (" + fedSDKIdP + ", NewIdentityProvider). Terraform (SDKv2): provider_name, provider_type and user_pool_id are " +
			"ForceNew. The ID is \"<user_pool_id>:<provider_name>\". So a replacement that keeps the name (for example a changed type) " +
			"runs create-before-delete, and its CreateIdentityProvider meets the old provider: DuplicateProviderException. " +
			"The stack must set the DeleteBeforeReplace resource option. " +
			"Create (≈91–125) sends ProviderName, ProviderType and UserPoolId, plus AttributeMapping, IdpIdentifiers and ProviderDetails when non-empty. " +
			"Read (≈127–156) stores DescribeIdentityProvider's response unfiltered, so there is a perpetual diff on the keys AWS " +
			"fills in (see World and IdentityProviderDetailsFilledByAWS). Update (≈158–192) sends UpdateIdentityProvider{ProviderName, UserPoolId} " +
			"plus only the changed members: AttributeMapping, IdpIdentifiers, or the whole planned ProviderDetails with " +
			"ActiveEncryptionCertificate deleted (#36311, v5.41.0). Delete is DeleteIdentityProvider (ResourceNotFoundException ignored). " +
			"Line numbers are those of the faws copy, approximate at v5.100.0. Not verified: whether DeleteIdentityProvider fails " +
			"while an app client still lists the provider (UnsupportedIdentityProviderException is among its errors). Pulumi " +
			"updates the client before it deletes the provider, so the order is right either way.",
		Properties: []Property{
			{
				Path:     "userPoolId",
				ForceNew: true,
				Sends:    "UserPoolId on create, update and delete; the first half of the ID. ForceNew (schema ≈82–86): a replaced pool replaces every provider.",
				Required: true,
				AWS:      "UserPoolId: 1..55 characters matching [\\w-]+_[0-9a-zA-Z]+.",
				Check:    cognitoAppPoolID(),
				Source:   fedIdPSrc + " (user_pool_id: Required, ForceNew), " + fedCreateIdP + "#CognitoUserPools-CreateIdentityProvider-request-UserPoolId",
			},
			{
				Path:     "providerName",
				ForceNew: true,
				Sends: "ProviderName on create, update and delete; the second half of the ID. ForceNew, no auto-name. It is the name app " +
					"clients list in supportedIdentityProviders, and the prefix of every federated username (\"<ProviderName>_<sub>\"). " +
					"A Google provider must be named Google (see the rule).",
				Required: true,
				AWS: "ProviderName (CreateIdentityProvider, ProviderNameTypeV2): 1..32 characters, pattern " +
					"[^_\\p{Z}][\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}][^_\\p{Z}]+. That means no underscore or space at the start or after the second " +
					"character, and at least 3 characters when the pattern is matched whole. The faws-era Terraform validator anchors it " +
					"(^[^_][\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}][^_]+$), so a 2-character name such as \"AD\" fails the plan. The 2026 " +
					"validIdentityProviderName (1..32 runes, unanchored) may already be the one at v5.100.0: not verified. Update and " +
					"Describe use the looser ProviderNameType.",
				Check: All(Length(1, 32), Pattern(`[^_\p{Z}][\p{L}\p{M}\p{S}\p{N}\p{P}][^_\p{Z}]+`)),
				Source: fedIdPSrc + " (provider_name: Required, ForceNew; validator ≈67–75 in " + fedFAWSSrc + "), " +
					fedValSrc + " (validIdentityProviderName, later copies), " + fedCreateIdP + "#CognitoUserPools-CreateIdentityProvider-request-ProviderName",
			},
			{
				Path:     "providerType",
				ForceNew: true,
				Sends: "ProviderType on create only (UpdateIdentityProvider has no such member). ForceNew. The stack uses SAML, " +
					"OIDC and Google. The other API values have no providerDetails record here, and the details rule refuses them.",
				Required: true,
				AWS:      "ProviderType: SAML | Facebook | Google | LoginWithAmazon | SignInWithApple | OIDC.",
				Check:    OneOf("SAML", "Facebook", "Google", "LoginWithAmazon", "SignInWithApple", "OIDC"),
				Source:   fedIdPSrc + " (provider_type: Required, ForceNew, enum.Validate[IdentityProviderTypeType]), " + fedCreateIdP + "#CognitoUserPools-CreateIdentityProvider-request-ProviderType",
			},
			{
				Path: "providerDetails",
				Sends: "ProviderDetails, the whole map, on create. On update it is sent only when changed: the whole planned map with " +
					"ActiveEncryptionCertificate deleted (≈182, #36311). Not ForceNew, not Sensitive, no DiffSuppressFunc at v5.100.0. " +
					"Read stores every key AWS returns, so the keys AWS fills in show as a diff on every preview (World; " +
					"IdentityProviderDetailsFilledByAWS: the stack ignoreChanges them). client_secret comes back in state: pass it " +
					"as a secret input, because pulumi-aws v6.83.4 marks no additional secret outputs for this resource.",
				Required: true,
				AWS: "ProviderDetails: map of StringType → StringType, each 0..131072 characters (the MetadataFile limit). The keys " +
					"required per type are in the rule. ActiveEncryptionCertificate is read-only: \"ActiveEncryptionCertificate is not a valid " +
					"key for SAML identity provider details\". MetadataFile is the plain-text XML with every \" escaped by a backslash.",
				Check: fedProviderDetails(),
				Source: fedIdPSrc + " (provider_details: Required TypeMap; Update deletes ActiveEncryptionCertificate), " +
					fedCreateIdP + "#CognitoUserPools-CreateIdentityProvider-request-ProviderDetails, " + fedTFPull + "36311, " + fedTFIssue + "4831",
			},
			{
				Path: "attributeMapping",
				Sends: "AttributeMapping on create when non-empty; on update when changed. Optional+Computed: removing it from " +
					"the inputs keeps the state value and sends nothing, so a mapping cannot be cleared by removal. A mapping " +
					"without a key AWS adds (for Google and OIDC AWS maps username to sub) shows a perpetual diff (pulumi/pulumi-aws#679), " +
					"so map username explicitly for Google and OIDC.",
				AWS: "AttributeMapping: key (the user pool attribute, custom ones as custom:<name>) 1..32 characters; value (the IdP claim) " +
					"0..131072. For IGV, email must be mapped (see the rule). The pool requires email, and a federated sign-in without it fails " +
					"\"Invalid user attributes: email. The attribute is required.\" That happens at sign-in, not at CreateIdentityProvider.",
				Check: fedAttributeMapping(),
				Source: fedIdPSrc + " (attribute_mapping: Optional, Computed, TypeMap ≈42), " + fedCreateIdP + "#CognitoUserPools-CreateIdentityProvider-request-AttributeMapping, " +
					fedAttrMapping + ", https://github.com/aws-samples/aws-amplify-oidc-federation/issues/2, https://github.com/pulumi/pulumi-aws/issues/679",
			},
			{
				Path:   "idpIdentifiers",
				Sends:  "IdpIdentifiers on create when non-empty; on update when changed. A TypeList: the order is significant, and reordering is a change.",
				AWS:    "IdpIdentifiers: 0..50 identifiers, each 1..40 characters matching [\\w\\s+=.@-]+. Terraform enforces the same (MaxItems 50, anchored pattern).",
				Check:  Each(0, 50, All(Length(1, 40), Pattern(`[\w\s+=.@-]+`))),
				Source: fedIdPSrc + " (idp_identifiers ≈50–60), " + fedCreateIdP + "#CognitoUserPools-CreateIdentityProvider-request-IdpIdentifiers",
			},
		},
		Rules: []Rule{
			{
				Name:   "provider details carry the keys of the provider type",
				Check:  fedDetailsForType,
				Source: fedCreateIdP + "#CognitoUserPools-CreateIdentityProvider-request-ProviderDetails, " + fedTFIssue + "4815, https://github.com/aws-amplify/amplify-cli/issues/8266",
			},
			{
				Name:   "a social provider is named after its type",
				Check:  fedSocialName,
				Source: "https://github.com/aws/aws-cli/issues/3179, " + fedTFIssue + "4822",
			},
			{
				Name:   "email is mapped (IGV's pool requires it)",
				Check:  fedEmailMapped,
				Source: fedAttrMapping + ", https://github.com/aws-samples/aws-amplify-oidc-federation/issues/2",
			},
			{
				Name:   "Google maps username only to sub",
				Check:  fedGoogleUsername,
				Source: fedAttrMapping,
			},
		},
		World: []Fact{
			{
				Name: FactIdPNamesUniquePerPool,
				Detail: "Within a user pool a provider name belongs to one provider: CreateIdentityProvider with a taken name fails " +
					"\"DuplicateProviderException: <ProviderName> already exists in user pool <id>\". A double keys providers by pool and name.",
				Source: fedCreateIdP + "#API_CreateIdentityProvider_Errors, https://github.com/aws-cloudformation/cloudformation-coverage-roadmap/issues/1287",
			},
			{
				Name: FactIdPNameIsIdentity,
				Detail: "The resource ID is \"<user_pool_id>:<provider_name>\". providerType and userPoolId are ForceNew, and pulumi-aws sets no " +
					"DeleteBeforeReplace and no auto-name. So replacing a provider that keeps its name creates the new one first, which fails " +
					"with DuplicateProviderException. The stack sets DeleteBeforeReplace on every IdentityProvider. While the replacement " +
					"runs, users cannot sign in through that provider.",
				Source: fedIdPSrc + " (identityProviderCreateResourceID), " + fedPulumi,
			},
			{
				Name: FactIdPDetailsFilledByAWS,
				Detail: "DescribeIdentityProvider returns provider details the request did not send. For Google: attributes_url, " +
					"attributes_url_add_attributes, authorize_url, oidc_issuer, token_request_method, token_url. For OIDC: " +
					"attributes_url_add_attributes, and reportedly the endpoints discovered from oidc_issuer. For SAML: " +
					"ActiveEncryptionCertificate, SSORedirectBindingURI and SLORedirectBindingURI. v5.100.0 stores them all, so every " +
					"preview shows them removed and every `up` runs a no-op UpdateIdentityProvider, unless the stack ignoreChanges them " +
					"(IdentityProviderDetailsFilledByAWS). Upstream: hashicorp/terraform-provider-aws#4831 and #42157; fixed in " +
					"#48121 and pulumi/pulumi-aws#6405, both after v6.83.4. The API reference adds: \"These values and their schema are subject to change.\"",
				Source: fedCreateIdP + "#CognitoUserPools-CreateIdentityProvider-request-ProviderDetails, " + fedTFIssue + "4831, " + fedTFIssue + "42157, " +
					fedTFPull + "48121, https://github.com/pulumi/pulumi-aws/pull/6405, https://github.com/pulumi/pulumi/issues/18957",
			},
			{
				Name: FactIdPClientSecretInState,
				Detail: "DescribeIdentityProvider returns client_secret (Google, OIDC, Facebook and Login with Amazon examples). " +
					"Terraform does not mark provider_details Sensitive, and pulumi-aws v6.83.4 declares no additional secret outputs " +
					"for the resource. The secret is therefore in the state in plain text unless the input is a secret. The engine " +
					"carries an input's secretness to the output of the same key. A secret changed outside Pulumi shows as a diff " +
					"on refresh, and `up` writes the configured value back. SignInWithApple's private_key is write-only.",
				Source: fedDescribeIdP + ", " + fedCreateIdP + "#CognitoUserPools-CreateIdentityProvider-request-ProviderDetails, " + fedSDKIdP,
			},
			{
				Name: FactIdPSocialNamedByType,
				Detail: "For Google, Facebook, LoginWithAmazon and SignInWithApple the provider name must equal the type. Otherwise " +
					"CreateIdentityProvider fails \"InvalidParameterException: Provider <name> cannot be of type Google.\" So a pool has " +
					"at most one Google provider, and it is named Google.",
				Source: "https://github.com/aws/aws-cli/issues/3179, " + fedTFIssue + "4822",
			},
			{
				Name: "federated users are created on first sign-in",
				Detail: "A federated user's profile (username \"<ProviderName>_<sub>\") is created at the first sign-in through the " +
					"provider. The pool's AllowAdminCreateUserOnly is documented only for SignUp, and is reported not to stop this " +
					"(amazon-archives/amazon-cognito-auth-js#81; not confirmed in AWS documentation). The stack's pre token generation " +
					"gate is what limits who gets tokens.",
				Source: fedAPI + "API_AdminCreateUserConfigType.html, https://github.com/amazon-archives/amazon-cognito-auth-js/issues/81",
			},
			{
				Name:   "quota",
				Detail: "At most 300 identity providers per user pool (adjustable), and 50 identifiers per provider.",
				Source: fedGuide + "quotas.html",
			},
		},
	}
}

// fedProviderDetails checks the provider details map as AWS receives it.
func fedProviderDetails() Check {
	return func(v any) error {
		m, ok := v.(map[string]any)
		if !ok {
			return fmt.Errorf("Value %v is not a map of provider details", v)
		}
		for _, k := range sortedMapKeys(m) {
			if k == "ActiveEncryptionCertificate" {
				return fmt.Errorf("InvalidParameterException: ActiveEncryptionCertificate is not a valid key for SAML identity provider details (read-only: AWS returns it, never send it)")
			}
			if err := Length(0, 131072)(k); err != nil {
				return fmt.Errorf("providerDetails key: %v", err)
			}
			if isUnknown(m[k]) {
				continue
			}
			if _, ok := m[k].(string); !ok {
				return fmt.Errorf("providerDetails.%s: Value %v is not a string", k, m[k])
			}
			if err := Length(0, 131072)(m[k]); err != nil {
				return fmt.Errorf("providerDetails.%s: %v", k, err)
			}
		}
		return nil
	}
}

// fedAttributeMapping checks an identity provider's attribute mapping: keys 1..32 characters, values at
// most 131072.
func fedAttributeMapping() Check {
	return func(v any) error {
		m, ok := v.(map[string]any)
		if !ok {
			return fmt.Errorf("Value %v is not a map of attributes", v)
		}
		for _, k := range sortedMapKeys(m) {
			if err := Length(1, 32)(k); err != nil {
				return fmt.Errorf("attributeMapping key: %v", err)
			}
			if isUnknown(m[k]) {
				continue
			}
			if err := Length(0, 131072)(m[k]); err != nil {
				return fmt.Errorf("attributeMapping.%s: %v", k, err)
			}
		}
		return nil
	}
}

// fedEmailMapped: IGV's pool requires email (and IGV names the STS session after it), so every provider
// maps it. Unset or without email, every federated sign-in fails; CreateIdentityProvider does not refuse it.
func fedEmailMapped(in map[string]any) error {
	v := in["attributeMapping"]
	if isUnknown(v) {
		return nil
	}
	m, _ := v.(map[string]any)
	if _, ok := m["email"]; !ok {
		return fmt.Errorf("attributeMapping maps no email: the pool requires email, so every federated sign-in through this provider would fail " +
			"\"Invalid user attributes: email. The attribute is required.\" (not refused by CreateIdentityProvider)")
	}
	return nil
}

// fedDetailsForType checks that providerDetails has every key its type requires and no key outside
// what is recorded for the type.
func fedDetailsForType(in map[string]any) error {
	typ, ok := in["providerType"].(string)
	if !ok || isUnknown(typ) {
		return nil
	}
	details, ok := in["providerDetails"].(map[string]any)
	if !ok {
		return nil // unset (Required is reported) or unknown
	}
	keys, ok := identityProviderDetailKeys[typ]
	if !ok {
		return fmt.Errorf("no provider-details record for providerType %s: read the API reference's keys for it (and what AWS fills in) before using it", typ)
	}
	allowed := map[string]bool{}
	for _, alts := range keys.required {
		found := false
		for _, k := range alts {
			allowed[k] = true
			if _, set := details[k]; set {
				found = true
			}
		}
		if !found {
			if len(alts) > 1 {
				return fmt.Errorf("InvalidParameterException: At least one of the %s should be provided (providerType %s)", strings.Join(alts, " or "), typ)
			}
			return fmt.Errorf("InvalidParameterException: providerDetails.%s is required for providerType %s", alts[0], typ)
		}
	}
	for _, k := range keys.optional {
		allowed[k] = true
	}
	for _, k := range sortedMapKeys(details) {
		if !allowed[k] {
			return fmt.Errorf("providerDetails.%s is not a key recorded for providerType %s (AWS fills in %v itself; unknown keys are refused, e.g. \"<key> is not a valid key for SAML identity provider details\")",
				k, typ, IdentityProviderDetailsFilledByAWS[typ])
		}
	}
	return nil
}

// fedSocialName: a social provider's name equals its type.
func fedSocialName(in map[string]any) error {
	typ, _ := in["providerType"].(string)
	name, _ := in["providerName"].(string)
	if isUnknown(typ) || isUnknown(name) || name == "" {
		return nil
	}
	switch typ {
	case "Google", "Facebook", "LoginWithAmazon", "SignInWithApple":
		if name != typ {
			return fmt.Errorf("InvalidParameterException: Provider %s cannot be of type %s. (a %s provider must be named %s)", name, typ, typ, typ)
		}
	}
	return nil
}

// fedGoogleUsername: Google's username can be mapped only to sub.
func fedGoogleUsername(in map[string]any) error {
	if in["providerType"] != "Google" {
		return nil
	}
	m, _ := in["attributeMapping"].(map[string]any)
	if v, ok := m["username"]; ok && !isUnknown(v) && v != "sub" {
		return fmt.Errorf("attributeMapping.username is %v: for Google only sub can be mapped to username", v)
	}
	return nil
}

// ---------------------------------------------------------------------------------------------------
// aws:cognito/userGroup:UserGroup

func fedUserGroup() Resource {
	return Resource{
		Token:     "aws:cognito/userGroup:UserGroup",
		Terraform: "aws_cognito_user_group",
		Source:    fedGroupSrc,
		API:       fedCreateGroup + " , " + fedUpdateGroup + " , " + fedDeleteGroup,
		// The SDK's UserGroupArgs has Name as an optional input and NewUserGroup requires only
		// UserPoolId: pulumi-aws's generic setAutonaming made the Terraform-required `name` auto-named.
		// An explicitly set name makes the bridge replace delete-before-create (the name is the identity).
		AutoName: &AutoName{
			Property:  "name",
			MaxLength: 255,
			Source: fedPulumi + " (setAutonaming: tfbridge.AutoName(name, 255, \"-\")), " + fedSDKGroup +
				" (NewUserGroup requires only UserPoolId). AWS caps GroupName at 128.",
		},
		DeleteBeforeReplace: false,
		Overrides: "pulumi-aws v6 maps aws_cognito_user_group to the token only; the generic auto-naming makes `name` optional (" + fedSDKGroup + "). " +
			"Terraform (SDKv2): name and user_pool_id are ForceNew; description, precedence and role_arn update in place. The ID is " +
			"\"<user_pool_id>/<name>\". Create sends GroupName and UserPoolId, plus Description, Precedence and RoleArn only when " +
			"d.GetOk finds them non-zero. Update sends UpdateGroup{GroupName, UserPoolId} plus each member that changed. Delete is " +
			"DeleteGroup (ResourceNotFoundException ignored). The group name is what tokens carry in cognito:groups. The stack " +
			"should set it explicitly, so that the gate's policy can name it and a replacement deletes before it creates.",
		Properties: []Property{
			{
				Path:     "userPoolId",
				ForceNew: true,
				Sends:    "UserPoolId on every call; the first half of the ID. ForceNew: a replaced pool replaces every group, members lost.",
				Required: true,
				AWS:      "UserPoolId: 1..55 characters matching [\\w-]+_[0-9a-zA-Z]+.",
				Check:    cognitoAppPoolID(),
				Source:   fedGroupSrc + " (user_pool_id: Required, ForceNew, validUserPoolID), " + fedCreateGroup + "#CognitoUserPools-CreateGroup-request-UserPoolId",
			},
			{
				Path:     "name",
				ForceNew: true,
				Sends: "GroupName on every call; the second half of the ID. ForceNew: a rename is a new, empty group (see World). " +
					"Auto-named \"<logical name>-<7 hex>\" by pulumi-aws when unset.",
				AWS: "GroupName: 1..128 characters matching [\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+, so no spaces. \"This name must be unique in your " +
					"user pool.\" Terraform's validUserGroupName checks the same length and pattern, unanchored.",
				Check:  All(Length(1, 128), Pattern(`[\p{L}\p{M}\p{S}\p{N}\p{P}]+`)),
				Source: fedGroupSrc + " (name: Required, ForceNew), " + fedValSrc + " (validUserGroupName), " + fedCreateGroup + "#CognitoUserPools-CreateGroup-request-GroupName",
			},
			{
				Path:   "description",
				Sends:  "Description on create when non-empty (d.GetOk); on update when changed (\"\" when removed).",
				AWS:    "Description: 0..2048 characters.",
				Check:  Length(0, 2048),
				Source: fedGroupSrc + " (description: StringLenBetween(0, 2048)), " + fedCreateGroup + "#CognitoUserPools-CreateGroup-request-Description",
			},
			{
				Path: "precedence",
				Sends: "Precedence on create only when non-zero: d.GetOk treats 0 as unset, so precedence 0 is not sent and the group " +
					"gets null precedence. Read then stores 0 (aws.ToInt32 of nil), so there is no diff, but 0, the highest precedence, " +
					"never took effect. On update it is sent when changed. Use 1 and up. Precedence only decides cognito:preferred_role " +
					"and cognito:roles, which the stack does not use.",
				AWS:    "Precedence: integer >= 0 (0 is the highest; default null; maximum 2^31-1). Two groups may share a value.",
				Check:  IntRange(0, 2147483647),
				Source: fedGroupSrc + " (precedence: Optional TypeInt; d.GetOk on create), " + fedCreateGroup + "#CognitoUserPools-CreateGroup-request-Precedence",
			},
			// roleArn: the stack does NOT set it. A group's role only feeds the cognito:roles and
			// cognito:preferred_role claims, which an identity pool uses in the enhanced flow
			// (GetCredentialsForIdentity) with token-based role mapping. IGV uses the classic (basic) flow:
			// GetOpenIdToken, then sts:AssumeRoleWithWebIdentity naming the tier's role itself, whose trust
			// policy decides. A group role would be dead configuration, and an extra IAM role the deploy
			// role would have to pass. The entry records what the provider would do if the stack ever set it.
			{
				Path:   "roleArn",
				Sends:  "RoleArn on create when non-empty; on update when changed. The stack leaves it unset (classic flow; see the comment).",
				AWS:    "RoleArn: an IAM role ARN, 20..2048 characters (ArnType pattern).",
				Check:  All(Length(20, 2048), Pattern(`arn:[\w+=/,.@-]+:[\w+=/,.@-]+:([\w+=/,.@-]*)?:[0-9]+:[\w+=/,.@-]+(:[\w+=/,.@-]+)?(:[\w+=/,.@-]+)?`)),
				Source: fedGroupSrc + " (role_arn: Optional, verify.ValidARN), " + fedCreateGroup + "#CognitoUserPools-CreateGroup-request-RoleArn, " + fedGuide + "authentication-flow.html",
			},
		},
		World: []Fact{
			{
				Name: FactGroupNamesUniquePool,
				Detail: "Within a user pool a group name belongs to one group: CreateGroup with a taken name fails GroupExistsException. " +
					"A replacement that keeps the name must delete first; the bridge does so when the name is set explicitly.",
				Source: fedCreateGroup + "#CognitoUserPools-CreateGroup-request-GroupName, " + fedCreateGroup + "#API_CreateGroup_Errors",
			},
			{
				Name: FactGroupReplacedIsEmpty,
				Detail: "Memberships belong to the group (AdminAddUserToGroup names it). Deleting a group drops it from its members' " +
					"cognito:groups, and a group created in its place, even under the same name, has no members. So a rename, or a " +
					"replaced pool, locks every member out of the tier until they are added again.",
				Source: fedDeleteGroup + ", " + fedAPI + "API_AdminAddUserToGroup.html",
			},
		},
	}
}

// ---------------------------------------------------------------------------------------------------
// Additions to aws:cognito/userPool:UserPool (cognito_userpool.go), merged into its table by extensions:
// the lambdaConfig entries are new paths; the schemas entries replace the entries of the same path in
// userPoolProperties(), keeping their Check (or tightening it) and adding what federation needs to know.

// FederationUserPoolProperties are the user pool properties federation and access tiers add or change.
var FederationUserPoolProperties = []Property{
	// --- pre token generation trigger (new paths) ---
	{
		Path: "lambdaConfig.preTokenGeneration",
		Sends: "The legacy form. Sent as LambdaConfig.PreTokenGeneration when non-empty, in CreateUserPool and in every UpdateUserPool " +
			"(lambda_config is among the fields whose change sends the whole pool). Optional+Computed: LEAVE IT UNSET. AWS fills it " +
			"in from preTokenGenerationConfig.lambdaArn, and Read stores it without a diff. On update, when it changes, the provider " +
			"copies it into pre_token_generation_config.lambda_arn, and creates that block with lambda_version V1_0 (\"A guess...\") " +
			"when absent (#38184). Before #38184, adding it to an existing pool panicked (\"index out of range [0] with length 0\", " +
			"#38164, sst/ion#53).",
		AWS: "LambdaConfig.PreTokenGeneration: ArnType, 20..2048. \"Set this parameter for legacy purposes. If you also set an ARN in " +
			"PreTokenGenerationConfig, its value must be identical\" (see the rule).",
		Check:  fedARN(),
		Source: fedPoolSrc + " (lambda_config.pre_token_generation: Optional, Computed, verify.ValidARN; resourceUserPoolUpdate), " + fedLambdaConfig + ", " + fedTFIssue + "38164, " + fedTFPull + "38184",
	},
	{
		Path: "lambdaConfig.preTokenGenerationConfig.lambdaArn",
		Sends: "The form to use. expandLambdaConfigType sends PreTokenGenerationConfig{LambdaArn, LambdaVersion} whenever the block is " +
			"present (MaxItems 1, Optional+Computed), in CreateUserPool and every UpdateUserPool. On update, when lambda_arn changes, " +
			"the provider also sets pre_token_generation to it, so the two never disagree. Removing lambda_config sends no " +
			"LambdaConfig, and UpdateUserPool then resets it: the trigger is gone.",
		Required: true,
		AWS:      "PreTokenGenerationConfig.LambdaArn: required in the structure; ArnType, 20..2048. \"For new instances of pre token generation triggers, set LambdaArn.\"",
		Check:    fedARN(),
		Source:   fedPoolSrc + " (pre_token_generation_config.lambda_arn: Required, verify.ValidARN; expandPreTokenGenerationVersionConfigType), " + fedPTGConfig,
	},
	{
		Path: "lambdaConfig.preTokenGenerationConfig.lambdaVersion",
		Sends: "Sent as PreTokenGenerationConfig.LambdaVersion with lambdaArn. The stack sends V1_0: the gate decodes version 1 events " +
			"(events.CognitoEventUserPoolsPreTokenGen) and only refuses or customizes the ID token. With only the legacy " +
			"preTokenGeneration, Cognito also uses V1_0 (hashicorp/terraform-provider-aws#35007, sst/ion#669).",
		Required: true,
		AWS: "PreTokenGenerationConfig.LambdaVersion: required; V1_0 | V2_0 | V3_0. V2_0 adds access-token customization and V3_0 adds " +
			"machine-to-machine grants. Both are features of the Essentials and Plus plans (see the rule).",
		Check:  OneOf("V1_0", "V2_0", "V3_0"),
		Source: fedPoolSrc + " (lambda_version: Required, enum.Validate[PreTokenGenerationLambdaVersionType]), " + fedPTGConfig + ", " + fedPTGGuide + ", " + fedTFIssue + "35007",
	},

	// --- schema: the custom attribute carrying an identity provider's groups (REPLACE the existing entries) ---
	{
		Path: "schemas[].name",
		Sends: "expandSchemaAttributeTypes sends every schema element as SchemaAttributeType in CreateUserPool. schema is not ForceNew. " +
			"On update, added elements go to AddCustomAttributes (only the new ones). A changed or removed element fails \"updating " +
			"Cognito User Pool (<id>): cannot modify or remove schema items\" (#21654). Read strips the custom: and dev: prefixes and " +
			"drops the identities attribute that Cognito adds with the first identity provider. So the groups attribute is written " +
			"`groups`, never `custom:groups`. AWS adds the prefix, so \"custom:groups\" would become custom:custom:groups, read back as " +
			"custom:groups, a perpetual diff and then the \"cannot modify\" failure (#38096).",
		Required: true,
		AWS: "Schema[].Name: 1..20 characters, pattern [\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+; at most 50 attributes (25 per AddCustomAttributes call). " +
			"The prefix is not counted. A custom attribute is addressed elsewhere (attributeMapping, readAttributes, writeAttributes) as custom:<name>.",
		Check:  fedSchemaName(),
		Source: fedPoolSrc + " (flattenSchemaAttributeTypes; resourceUserPoolUpdate), " + fedSchemaAttr + ", " + fedTFIssue + "21654, " + fedTFIssue + "38096",
	},
	{
		Path:           "schemas[].mutable",
		Sends:          "Sent as aws.Bool(...) for every element, false when unset. The groups attribute sets true.",
		SentWithParent: true,
		SentUnset:      false,
		AWS: "Schema[].Mutable: boolean, fixed once the attribute exists. \"Any user pool attribute whose value you map from an IdP " +
			"attribute must be mutable… If an attribute is immutable, Amazon Cognito throws an error when it attempts to update the " +
			"attribute.\" Cognito updates mapped attributes at every federated sign-in.",
		Check:  Bool(),
		Source: fedPoolSrc + ", " + fedSchemaAttr,
	},
	{
		Path:           "schemas[].required",
		Sends:          "Sent as aws.Bool(...) for every element, false when unset. The groups attribute leaves it false.",
		SentWithParent: true,
		SentUnset:      false,
		AWS: "Schema[].Required: boolean, fixed once the attribute exists. A required custom attribute is refused: \"InvalidParameterException: " +
			"Required custom attributes are not supported currently.\" (see the rule). Required standard attributes can be set only at pool creation.",
		Check:  Bool(),
		Source: fedPoolSrc + ", " + fedSchemaAttr + ", " + fedTFIssue + "18430, https://github.com/boto/boto3/issues/2317",
	},
	{
		Path:           "schemas[].developerOnlyAttribute",
		Sends:          "Sent as aws.Bool(...) for every element, false when unset. The groups attribute leaves it false.",
		SentWithParent: true,
		SentUnset:      false,
		AWS: "Schema[].DeveloperOnlyAttribute: boolean. true names the attribute dev:<name> and only administrators can change it. The " +
			"reference recommends the client's WriteAttributes instead.",
		Check:  Bool(),
		Source: fedPoolSrc + ", " + fedSchemaAttr,
	},
	{
		Path: "schemas[].stringAttributeConstraints.maxLength",
		Sends: "Sent as StringAttributeConstraints.MaxLength only when non-empty. Set it explicitly: since v5.9.0 (#32445), Read skips " +
			"AWS's default constraints only for an unconstrained String element. Giving the constraint avoids the #21654 remove-and-add " +
			"round trip either way. The groups attribute sends \"2048\".",
		AWS: "Schema[].StringAttributeConstraints.MaxLength: a number as a string. A custom string attribute holds at most 2048 characters, " +
			"and \"if you map a custom attribute to an identity provider token, set the length to 2048 characters\". A multi-valued IdP " +
			"claim (a group list) arrives as one string and can exceed it, which fails that sign-in.",
		Check:  fedMaxLength(),
		Source: fedPoolSrc + " (skipFlatteningStringAttributeContraints), " + fedAPI + "API_StringAttributeConstraintsType.html, " + fedAttrGuide + ", " + fedAttrMapping + ", " + fedTFPull + "32445",
	},
}

// FederationUserPoolRules are the user pool rules federation adds (append to userPoolRules()).
var FederationUserPoolRules = []Rule{
	{
		Name: "the legacy and the versioned pre token generation ARNs are identical",
		Check: func(in map[string]any) error {
			legacy, ok1 := Get(in, "lambdaConfig.preTokenGeneration").(string)
			arn, ok2 := Get(in, "lambdaConfig.preTokenGenerationConfig.lambdaArn").(string)
			if !ok1 || !ok2 || isUnknown(legacy) || isUnknown(arn) || legacy == arn {
				return nil
			}
			return fmt.Errorf("InvalidParameterException: lambdaConfig.preTokenGeneration (%s) must be identical to preTokenGenerationConfig.lambdaArn (%s); set only preTokenGenerationConfig", legacy, arn)
		},
		Source: fedLambdaConfig,
	},
	{
		// The refusal's exact wording was not observed; the feature-plan fact is from the guide.
		Name: "pre token generation V2_0 and V3_0 need the Essentials or Plus plan",
		Check: func(in map[string]any) error {
			version, _ := Get(in, "lambdaConfig.preTokenGenerationConfig.lambdaVersion").(string)
			if version != "V2_0" && version != "V3_0" {
				return nil
			}
			tier, known := userPoolStr(in, "userPoolTier")
			if known && tier == "LITE" {
				return fmt.Errorf("FeatureUnavailableInTierException: lambdaVersion %s (access token customization) needs userPoolTier ESSENTIALS or PLUS, not LITE", version)
			}
			return nil
		},
		Source: fedPTGGuide + ", " + fedGuide + "cognito-sign-in-feature-plans.html",
	},
	{
		Name: "custom attributes are optional",
		Check: func(in map[string]any) error {
			for _, e := range fedSchemaElements(in) {
				name, _ := e["name"].(string)
				if cognitoAppStandardAttributes[name] || isUnknown(name) {
					continue
				}
				if e["required"] == true {
					return fmt.Errorf("InvalidParameterException: Required custom attributes are not supported currently. (schemas %q)", name)
				}
			}
			return nil
		},
		Source: fedTFIssue + "18430, https://github.com/boto/boto3/issues/2317, " + fedSchemaAttr,
	},
}

// FederationUserPoolWorld are the user pool facts federation adds (append to userPoolWorld()).
var FederationUserPoolWorld = []Fact{
	{
		Name: FactPoolIdentitiesAttr,
		Detail: "The first identity provider makes Cognito add the String attribute identities (mutable, not required) to the pool's " +
			"schema. The provider's Read drops exactly that attribute, so adding a provider causes no diff on the pool. A custom " +
			"attribute is never removed: AddCustomAttributes only adds, and a pool holds at most 50 custom attributes.",
		Source: fedPoolSrc + " (flattenSchemaAttributeTypes: \"When adding a Cognito Identity Provider, the API will automatically add an 'identities' attribute\"), " + fedAddCustom,
	},
	{
		Name: FactPoolTriggerPermission,
		Detail: "Cognito calls the pre token generation function as the service principal cognito-idp.amazonaws.com. A trigger set " +
			"outside the console (the API, Terraform, Pulumi) needs an explicit lambda permission for that principal, scoped to the " +
			"pool's ARN. CreateUserPool/UpdateUserPool succeed without it (hashicorp/terraform#21046). Sign-in then fails " +
			"\"<Trigger> invocation failed due to error AccessDeniedException.\" The same happens when the function is deleted " +
			"while the pool still names it. An error the function returns refuses the tokens.",
		Source: fedGuide + "cognito-user-pools-working-with-lambda-triggers.html, https://repost.aws/knowledge-center/cognito-lambda-trigger-errors, " +
			"https://github.com/hashicorp/terraform/issues/21046, " + fedPTGGuide,
	},
}

// ---------------------------------------------------------------------------------------------------
// Additions to aws:cognito/userPoolClient:UserPoolClient (cognito.go), merged into its table by
// extensions: supportedIdentityProviders replaces the entry of the same path (same Check, fuller text);
// writeAttributes is a new path.

// FederationClientProperties are the app client properties federation adds or changes.
var FederationClientProperties = []Property{
	{
		Path: "supportedIdentityProviders",
		Sends: "SupportedIdentityProviders, a set, on create and in every UpdateUserPoolClient (the provider sends the whole client). " +
			"Not RequiresReplace: a change updates in place. Each name other than COGNITO must be an identity provider that already " +
			"exists in the pool, or the call fails \"InvalidParameterException: The provider <Name> does not exist for User Pool <id>.\" " +
			"So feed the provider's providerName output (not a literal \"Google\") into the list, or dependOn the providers. Removing " +
			"COGNITO only hides the native sign-in in managed login; it does not block SDK authentication.",
		AWS: "SupportedIdentityProviders: ProviderNameType names, 1..32 characters: COGNITO, Facebook, Google, SignInWithApple, " +
			"LoginWithAmazon, or the name of a SAML/OIDC provider configured in the pool.",
		Check: Each(0, 0, All(Length(1, 32), Pattern(`[\p{L}\p{M}\p{S}\p{N}\p{P}]+`))),
		Source: cognitoAppValidateSrc + " (userPoolClientIdentityProviderValidator), " + fedCreateClient + "#CognitoUserPools-CreateUserPoolClient-request-SupportedIdentityProviders, " +
			"https://github.com/aws/aws-cdk/issues/15850, https://github.com/lgallard/terraform-aws-cognito-user-pool/issues/71",
	},
	{
		Path: "writeAttributes",
		Sends: "WriteAttributes, a set, on create and in every UpdateUserPoolClient. Not RequiresReplace. Optional+Computed with " +
			"UseStateForUnknown in the plugin-framework copies read: once set, removing it keeps the old list in the plan, so it cannot " +
			"be reset by unsetting. Once set the list is exhaustive. It must name every attribute any of the client's identity providers " +
			"maps: email, email_verified if mapped, custom:groups. Whether CreateUserPoolClient accepts email_verified in " +
			"WriteAttributes was not verified.",
		AWS: "WriteAttributes: attribute names (ClientPermissionType, 1..2048 characters) of the pool: standard ones, or custom:/dev: ones " +
			"of its schema. Unset, \"your app can write the values of the Standard attributes\" only. \"If your app client allows users " +
			"to sign in through an IdP, this array must include all attributes that you have mapped to IdP attributes… If your app client " +
			"does not have write access to a mapped attribute, Amazon Cognito throws an error when it tries to update the attribute\" " +
			"(at sign-in, not at deploy).",
		Check:  Each(0, 0, fedWriteAttribute()),
		Source: fedClient + " (write_attributes: SetAttribute, Optional, Computed, UseStateForUnknown), " + fedCreateClient + "#CognitoUserPools-CreateUserPoolClient-request-WriteAttributes",
	},
}

// FederationClientWorld are the app client facts federation adds (append to the client's World).
var FederationClientWorld = []Fact{
	{
		Name: FactClientIdPMustExist,
		Detail: "CreateUserPoolClient and UpdateUserPoolClient fail \"InvalidParameterException: The provider <Name> does not exist for " +
			"User Pool <id>.\" when SupportedIdentityProviders names a provider the pool does not have (COGNITO and configured " +
			"providers pass). Pulumi orders the calls correctly only when the client depends on the provider resource.",
		Source: "https://github.com/aws/aws-cdk/issues/15850, https://github.com/lgallard/terraform-aws-cognito-user-pool/issues/71, " +
			fedCreateClient + "#CognitoUserPools-CreateUserPoolClient-request-SupportedIdentityProviders",
	},
	{
		Name: FactClientWritesMapped,
		Detail: "At every federated sign-in Cognito writes each mapped attribute through the client. A mapped attribute the client " +
			"cannot write (not in WriteAttributes, or a custom attribute while WriteAttributes is unset) or an immutable one makes " +
			"that sign-in fail. Deploys do not fail.",
		Source: fedCreateClient + "#CognitoUserPools-CreateUserPoolClient-request-WriteAttributes, " + fedSchemaAttr + ", " + fedAttrMapping,
	},
}

// CheckFederation checks what no single table can: the identity providers, the pool and the app
// client together (plain inputs, as Validate takes them). It checks that every provider a client names
// exists, every mapped attribute exists in the pool, every declared schema element that is mapped is
// mutable, every attribute the pool requires is mapped, and the client can write every mapped
// attribute. The failures it reports happen at sign-in (mapping, writing) or at the client's
// create/update (unknown provider).
func CheckFederation(pool, client map[string]any, idps []map[string]any) []Violation {
	const clientToken = "aws:cognito/userPoolClient:UserPoolClient"
	const idpToken = "aws:cognito/identityProvider:IdentityProvider"
	var vs []Violation

	// The pool's attributes: standard ones, plus custom:/dev: names of its schema; required ones.
	declared := map[string]map[string]any{}
	var required []string
	for _, e := range fedSchemaElements(pool) {
		name, _ := e["name"].(string)
		if name == "" || isUnknown(name) {
			continue
		}
		full := name
		if !cognitoAppStandardAttributes[name] {
			full = "custom:" + name
			if e["developerOnlyAttribute"] == true {
				full = "dev:" + name
			}
		}
		declared[full] = e
		if e["required"] == true {
			required = append(required, full)
		}
	}

	names := map[string]bool{"COGNITO": true}
	mapped := map[string]bool{}
	for _, idp := range idps {
		name, _ := idp["providerName"].(string)
		names[name] = true
		m, _ := idp["attributeMapping"].(map[string]any)
		for _, attr := range sortedMapKeys(m) {
			if attr == "username" {
				// Not an attribute: the provider's user id that becomes the Cognito username (for Google
				// mappable only to sub; AWS stores username = sub when it is not given).
				continue
			}
			mapped[attr] = true
			e, isDeclared := declared[attr]
			switch {
			case !isDeclared && !cognitoAppStandardAttributes[attr]:
				vs = append(vs, Violation{Token: idpToken, Path: "attributeMapping." + attr,
					Message: fmt.Sprintf("provider %s maps %s, which the pool does not have (custom attributes are custom:<schemas name>)", name, attr),
					Source:  fedAttrMapping})
			case isDeclared && e["mutable"] != true:
				vs = append(vs, Violation{Token: idpToken, Path: "attributeMapping." + attr,
					Message: fmt.Sprintf("provider %s maps %s, which the pool declares immutable: Cognito throws an error when it updates it at sign-in", name, attr),
					Source:  fedSchemaAttr})
			}
		}
		for _, r := range required {
			if isUnknown(idp["attributeMapping"]) {
				break
			}
			if _, ok := m[r]; !ok {
				vs = append(vs, Violation{Token: idpToken, Path: "attributeMapping",
					Message: fmt.Sprintf("provider %s does not map %s, which the pool requires: every sign-in through it fails \"Invalid user attributes: %s. The attribute is required.\"", name, r, r),
					Source:  fedAttrMapping + ", https://github.com/aws-samples/aws-amplify-oidc-federation/issues/2"})
			}
		}
	}

	if client == nil {
		return vs
	}
	if l, ok := client["supportedIdentityProviders"].([]any); ok {
		for _, e := range l {
			s, _ := e.(string)
			if s == "" || isUnknown(s) || names[s] || names[Unknown] {
				continue
			}
			vs = append(vs, Violation{Token: clientToken, Path: "supportedIdentityProviders",
				Message: fmt.Sprintf("InvalidParameterException: The provider %s does not exist for User Pool %v.", s, client["userPoolId"]),
				Source:  "https://github.com/aws/aws-cdk/issues/15850"})
		}
	}
	writes, set := client["writeAttributes"].([]any)
	if isUnknown(client["writeAttributes"]) {
		return vs
	}
	writable := map[string]bool{}
	for _, e := range writes {
		if s, ok := e.(string); ok {
			writable[s] = true
		}
	}
	for _, attr := range sortedKeys(mapped) {
		switch {
		case set && !writable[attr]:
			vs = append(vs, Violation{Token: clientToken, Path: "writeAttributes",
				Message: fmt.Sprintf("an identity provider maps %s, but writeAttributes does not name it: Cognito throws an error when it updates it at sign-in", attr),
				Source:  fedCreateClient + "#CognitoUserPools-CreateUserPoolClient-request-WriteAttributes"})
		case !set && !cognitoAppStandardAttributes[attr]:
			vs = append(vs, Violation{Token: clientToken, Path: "writeAttributes",
				Message: fmt.Sprintf("an identity provider maps %s, but writeAttributes is unset, which lets the client write standard attributes only: set it, naming every mapped attribute", attr),
				Source:  fedCreateClient + "#CognitoUserPools-CreateUserPoolClient-request-WriteAttributes"})
		}
	}
	return vs
}

// ---------------------------------------------------------------------------------------------------
// Checks and helpers.

// fedARN is the API's ArnType.
func fedARN() Check {
	return All(Length(20, 2048), Pattern(`arn:[\w+=/,.@-]+:[\w+=/,.@-]+:([\w+=/,.@-]*)?:[0-9]+:[\w+=/,.@-]+(:[\w+=/,.@-]+)?(:[\w+=/,.@-]+)?`))
}

// fedSchemaName is a schema element's name: the API's constraint, and no custom:/dev: prefix (the
// provider would fail the next update, #38096).
func fedSchemaName() Check {
	base := All(Length(1, 20), Pattern(`[\p{L}\p{M}\p{S}\p{N}\p{P}]+`))
	return func(v any) error {
		if err := base(v); err != nil {
			return err
		}
		s := v.(string)
		if strings.HasPrefix(s, "custom:") || strings.HasPrefix(s, "dev:") {
			return fmt.Errorf("schemas name %q carries a prefix: AWS adds custom:/dev: itself (creating %q), the provider reads the name back with one prefix stripped, and the next update fails \"cannot modify or remove schema items\"", s, "custom:"+s)
		}
		return nil
	}
}

// fedMaxLength is a string attribute's maximum length: a whole number as a string, at most 2048.
func fedMaxLength() Check {
	return func(v any) error {
		s, err := str(v)
		if err != nil {
			return err
		}
		n, err := strconv.Atoi(s)
		if err != nil || n < 0 {
			return fmt.Errorf("Value %q failed to satisfy constraint: maxLength must be a whole number as a string", s)
		}
		if n > 2048 {
			return fmt.Errorf("Value %q: a string attribute holds at most 2048 characters", s)
		}
		return nil
	}
}

// fedWriteAttribute is one entry of an app client's write attributes.
func fedWriteAttribute() Check { return cognitoAppAttribute("write") }

// fedSchemaElements returns the known schema elements of a pool's plain inputs.
func fedSchemaElements(in map[string]any) []map[string]any {
	l, _ := in["schemas"].([]any)
	var out []map[string]any
	for _, e := range l {
		if m, ok := e.(map[string]any); ok {
			out = append(out, m)
		}
	}
	return out
}

func sortedMapKeys(m map[string]any) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// extensions add federation's properties, rules and facts to the user pool's and app client's tables
// (package variables are set before any init registers a table).
var extensions = map[string]extension{
	"aws:cognito/userPool:UserPool":             {Properties: FederationUserPoolProperties, Rules: FederationUserPoolRules, World: FederationUserPoolWorld},
	"aws:cognito/userPoolClient:UserPoolClient": {Properties: FederationClientProperties, World: FederationClientWorld},
}

// SchemaItemsKept is the user pool update's rule on schemas: an update may add schema elements (sent as
// AddCustomAttributes) but every element the pool has must come back unchanged, or the provider fails
// before calling AWS, since Cognito can neither change nor remove an attribute. olds and news are a
// pool's plain inputs before and after.
func SchemaItemsKept(olds, news map[string]any) error {
	next := fedSchemaElements(news)
	for _, e := range fedSchemaElements(olds) {
		if !slices.ContainsFunc(next, func(n map[string]any) bool { return reflect.DeepEqual(n, e) }) {
			return fmt.Errorf("updating Cognito User Pool: cannot modify or remove schema items (schemas %q)", e["name"])
		}
	}
	return nil
}

// SchemaItemsKeptSource is where SchemaItemsKept comes from.
const SchemaItemsKeptSource = fedPoolSrc + " (resourceUserPoolUpdate), " + fedTFIssue + "21654"
