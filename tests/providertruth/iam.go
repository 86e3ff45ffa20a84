package providertruth

import (
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
)

// IAM: the authenticated role of the identity pool with its inline and managed policies (the IGV stack),
// and the GitHub OIDC provider, the CI roles and the role boundary policy (the ci-roles stack).
//
// The terraform-provider-aws files linked below are those of v5.100.0. The texts read for this table were
// the stored newest versions (aws-sdk-go-v2 code, 2025-2026); where v5.100.0 may differ it is said. Line
// anchors are left out: the exact v5.100.0 line numbers could not be read.

// Sources.
const (
	iamRoleTF        = TerraformAWS + "internal/service/iam/role.go"
	iamPolicyTF      = TerraformAWS + "internal/service/iam/policy.go"
	iamRolePolicyTF  = TerraformAWS + "internal/service/iam/role_policy.go"
	iamAttachmentTF  = TerraformAWS + "internal/service/iam/role_policy_attachment.go"
	iamOIDCTF        = TerraformAWS + "internal/service/iam/openid_connect_provider.go"
	iamValidateTF    = TerraformAWS + "internal/service/iam/validate.go"
	iamPulumi        = PulumiAWS + "provider/resources.go"
	iamBridgeNameDBR = "https://github.com/pulumi/pulumi-terraform-bridge/blob/master/pkg/tfbridge/schema.go (nameRequiresDeleteBeforeReplace)"
	iamUniqueName    = "https://github.com/pulumi/pulumi/blob/master/sdk/go/common/resource/resource_id.go (NewUniqueHex)"

	iamAPI               = "https://docs.aws.amazon.com/IAM/latest/APIReference/"
	iamCreateRoleAPI     = iamAPI + "API_CreateRole.html"
	iamCreatePolicyAPI   = iamAPI + "API_CreatePolicy.html"
	iamPutRolePolicyAPI  = iamAPI + "API_PutRolePolicy.html"
	iamAttachAPI         = iamAPI + "API_AttachRolePolicy.html"
	iamCreateOIDCAPI     = iamAPI + "API_CreateOpenIDConnectProvider.html"
	iamCreateVersionAPI  = iamAPI + "API_CreatePolicyVersion.html"
	iamDeletePolicyAPI   = iamAPI + "API_DeletePolicy.html"
	iamDeleteRoleAPI     = iamAPI + "API_DeleteRole.html"
	iamQuotas            = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html"
	iamSidDoc            = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_sid.html"
	iamPrincipalDoc      = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html"
	iamVersionDoc        = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_version.html"
	iamOIDCThumbprintDoc = "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_create_oidc_verify-thumbprint.html"

	// Known issues.
	iamIssueNamedReplace     = "https://github.com/pulumi/pulumi-aws/issues/1044, https://github.com/pulumi/pulumi/issues/4712"
	iamIssueConsistency      = "https://github.com/hashicorp/terraform-provider-aws/pull/18435, https://github.com/hashicorp/terraform-provider-aws/issues/20841, https://github.com/hashicorp/terraform-provider-aws/issues/5409"
	iamIssueThumbprint       = "https://github.com/hashicorp/terraform-provider-aws/pull/37255, https://github.com/aws/aws-sdk/issues/563, https://github.com/hashicorp/terraform-provider-aws/issues/29963"
	iamIssueThumbprintClear  = "https://github.com/hashicorp/terraform-provider-aws/issues/40509"
	iamIssueBoundaryDelete   = "https://github.com/gruntwork-io/cloud-nuke/issues/972"
	iamIssueMissingVersion   = "https://github.com/pulumi/pulumi/issues/3810"
	iamIssuePolicyAttachment = "https://github.com/pulumi/pulumi-aws/blob/" + PulumiAWSVersion + "/provider/resources.go (aws_iam_*_policy_attachment: DeleteBeforeReplace)"
)

// IAM's own value types (the API model's shapes).
const (
	// iamNamePattern is the pattern of roleNameType, policyNameType and the inline policy name.
	iamNamePattern = `[\w+=,.@-]+`
	// iamRolePathPattern is pathType (CreateRole Path).
	iamRolePathPattern = `(\x{002F})|(\x{002F}[\x{0021}-\x{007E}]+\x{002F})`
	// iamPolicyPathPattern is policyPathType (CreatePolicy Path): narrower than a role's path.
	iamPolicyPathPattern = `((/[A-Za-z0-9\.,\+@=_-]+)*)/`
	// iamRoleDescriptionPattern is roleDescriptionType (CreateRole Description).
	iamRoleDescriptionPattern = `[\x{0009}\x{000A}\x{000D}\x{0020}-\x{007E}\x{00A1}-\x{00FF}]*`
	// iamPolicyARNPattern: a managed policy's ARN (customer managed or AWS managed), path included.
	iamPolicyARNPattern = `arn:aws[a-z-]*:iam::(aws|[0-9]{12}):policy/([\w+=,.@-]+/)*[\w+=,.@-]+`

	// Size quotas, whitespace not counted.
	iamManagedPolicyMax = 6144
	iamInlineRoleMax    = 10240 // all inline policies of one role together
	iamTrustPolicyMax   = 2048  // default quota; adjustable
)

var (
	iamRoleName   = All(Length(1, 64), Pattern(iamNamePattern))
	iamPolicyName = All(Length(1, 128), Pattern(iamNamePattern))
	iamPolicyARN  = All(Length(20, 2048), Pattern(iamPolicyARNPattern))
)

// iamPolicyDocument is IAM's refusal of a policy document: the request shape (1..131072 characters of tab,
// line feed, carriage return and U+0020..U+00FF), the size quota without whitespace, and the grammar IAM
// checks on the document (MalformedPolicyDocument): a known Version; every statement with Effect Allow or
// Deny, an Action or NotAction, alphanumeric Sids unique in the document; an identity policy (managed or
// inline) with a Resource and no Principal; a trust policy with a Principal and no Resource.
func iamPolicyDocument(trust bool, max int) Check {
	size := PolicyDocument(max)
	sid := regexp.MustCompile(`^[A-Za-z0-9]*$`)
	return func(v any) error {
		if err := size(v); err != nil {
			return err
		}
		s := v.(string)
		if n := len([]rune(s)); n > 131072 {
			return fmt.Errorf("Value failed to satisfy constraint: Member must have length less than or equal to 131072 (has %d)", n)
		}
		for _, r := range s {
			if r != '\t' && r != '\n' && r != '\r' && (r < 0x20 || r > 0xFF) {
				return fmt.Errorf("MalformedPolicyDocument: character %q is outside [\\u0009\\u000A\\u000D\\u0020-\\u00FF]", r)
			}
		}
		var doc map[string]any
		if err := json.Unmarshal([]byte(s), &doc); err != nil {
			return fmt.Errorf("MalformedPolicyDocument: %v", err)
		}
		if ver, ok := doc["Version"]; ok && ver != "2012-10-17" && ver != "2008-10-17" {
			return fmt.Errorf("MalformedPolicyDocument: The policy failed legacy parsing (Version %v)", ver)
		}
		var stmts []any
		switch x := doc["Statement"].(type) {
		case []any:
			stmts = x
		case map[string]any:
			stmts = []any{x}
		default:
			return fmt.Errorf("MalformedPolicyDocument: Statement is neither an object nor a list")
		}
		if len(stmts) == 0 {
			return fmt.Errorf("MalformedPolicyDocument: Statement is empty")
		}
		seen := map[string]bool{}
		for i, e := range stmts {
			st, ok := e.(map[string]any)
			if !ok {
				return fmt.Errorf("MalformedPolicyDocument: statement %d is not an object", i)
			}
			if eff := st["Effect"]; eff != "Allow" && eff != "Deny" {
				return fmt.Errorf("MalformedPolicyDocument: statement %d: Effect must be Allow or Deny, got %v", i, eff)
			}
			if !iamHasAny(st, "Action", "NotAction") {
				return fmt.Errorf("MalformedPolicyDocument: statement %d: Policy statement must contain actions", i)
			}
			if id, ok := st["Sid"].(string); ok {
				if !sid.MatchString(id) {
					return fmt.Errorf("MalformedPolicyDocument: Statement IDs (SID) must be alpha-numeric (%q)", id)
				}
				if id != "" && seen[id] {
					return fmt.Errorf("MalformedPolicyDocument: Statement IDs (SID) in a single policy must be unique (%q)", id)
				}
				seen[id] = true
			}
			switch {
			case trust && !iamHasAny(st, "Principal", "NotPrincipal"):
				return fmt.Errorf("MalformedPolicyDocument: statement %d of the trust policy has no Principal", i)
			case trust && iamHasAny(st, "Resource", "NotResource"):
				return fmt.Errorf("MalformedPolicyDocument: Has prohibited field Resource (statement %d of the trust policy)", i)
			case !trust && iamHasAny(st, "Principal", "NotPrincipal"):
				return fmt.Errorf("MalformedPolicyDocument: Policy document should not specify a principal (statement %d)", i)
			case !trust && !iamHasAny(st, "Resource", "NotResource"):
				return fmt.Errorf("MalformedPolicyDocument: Policy statement must contain resources (statement %d)", i)
			}
		}
		return nil
	}
}

func iamHasAny(m map[string]any, keys ...string) bool {
	for _, k := range keys {
		if _, ok := m[k]; ok {
			return true
		}
	}
	return false
}

// iamOIDCURL: the provider's validOpenIDURL (an https URL with a host and no query) and the API's
// OpenIDConnectProviderUrlType (1..255 characters).
func iamOIDCURL() Check {
	length := Length(1, 255)
	return func(v any) error {
		if err := length(v); err != nil {
			return err
		}
		s := v.(string)
		u, err := url.Parse(s)
		if err != nil || u.Scheme != "https" || u.Host == "" {
			return fmt.Errorf("expected %q to have a url with schema of: \"https\", got %v", "url", s)
		}
		if len(u.Query()) > 0 {
			return fmt.Errorf("%q cannot contain query parameters per the OIDC standard", "url")
		}
		return nil
	}
}

// iamConflicts: the Terraform schema's ConflictsWith between name and namePrefix.
func iamConflicts(a, b string) func(map[string]any) error {
	return func(in map[string]any) error {
		if in[a] != nil && in[b] != nil {
			return fmt.Errorf("%q: conflicts with %s", a, b)
		}
		return nil
	}
}

func init() {
	register(
		Resource{
			Token:     "aws:iam/role:Role",
			Terraform: "aws_iam_role",
			Source:    iamRoleTF,
			API:       iamCreateRoleAPI + " (update: UpdateAssumeRolePolicy, UpdateRoleDescription, UpdateRole, PutRolePermissionsBoundary/DeleteRolePermissionsBoundary, TagRole/UntagRole)",
			AutoName: &AutoName{Property: "name", MaxLength: 64,
				Source: iamPulumi + ` ("aws_iam_role": "name": tfbridge.AutoName("name", 64, "-")): "<logical name>-<7 hex>"; over 64 the program fails, not truncates ("name '...' plus 7 random chars is longer than maximum length 64", ` + iamUniqueName + `)`},
			DeleteBeforeReplace: false,
			Overrides: "pulumi-aws: name auto-named to 64 characters; assumeRolePolicy also accepts a PolicyDocument object " +
				"(Transform: TransformJSONDocument); the newest resources.go also auto-names inlinePolicies[].name to 128 (" + iamPulumi + "). " +
				"pulumi-terraform-bridge: a replacement of a role whose name was set explicitly (the ci-roles roles) is made " +
				"delete-before-replace automatically, because the name was not produced by the auto-namer (" + iamBridgeNameDBR + "); " +
				"an auto-named role (the IGV role) is created before the old one is deleted. " +
				"Terraform: CreateRole is retried for 2 minutes on MalformedPolicyDocument \"Invalid principal in policy\" and on " +
				"ConcurrentModification (a just-created OIDC provider named as Federated principal); Read after create retries " +
				"NoSuchEntity and waits until the ARN is not a unique ID (IAM eventual consistency, " + iamIssueConsistency + "). " +
				"Read also records inline_policy and managed_policy_arns as the role has them (Computed), and Delete removes " +
				"instance profiles, detaches those managed policies and deletes those inline policies when they were in state " +
				"(or force_detach_policies is true), then retries DeleteRole on DeleteConflict for 2 minutes.",
			Properties: []Property{
				{
					Path:     "assumeRolePolicy",
					Required: true,
					Sends: "CreateRole AssumeRolePolicyDocument, the JSON normalised (structure.NormalizeJsonString); a change is " +
						"UpdateAssumeRolePolicy (in place), retried on \"Invalid principal in policy\". Diffs of equivalent " +
						"documents are suppressed (SuppressEquivalentPolicyDiffs); a document without Version shows a diff " +
						"after refresh (" + iamIssueMissingVersion + ").",
					AWS: "AssumeRolePolicyDocument: required, 1..131072 characters of [\\u0009\\u000A\\u000D\\u0020-\\u00FF]; " +
						"the role trust policy quota is 2,048 characters without whitespace by default (adjustable); a trust " +
						"policy names a Principal and no Resource.",
					Check:  iamPolicyDocument(true, iamTrustPolicyMax),
					Source: iamRoleTF + ", " + iamCreateRoleAPI + ", " + iamQuotas + ", " + iamPrincipalDoc,
				},
				{
					Path:   "description",
					Sends:  "CreateRole Description when non-empty; a change is UpdateRoleDescription (in place).",
					AWS:    "Description: 0..1000 characters of roleDescriptionType [\\u0009\\u000A\\u000D\\u0020-\\u007E\\u00A1-\\u00FF]*; the provider also refuses the typographic quotes “ and ‘.",
					Check:  All(Length(0, 1000), Pattern(iamRoleDescriptionPattern)),
					Source: iamRoleTF + ", " + iamCreateRoleAPI,
				},
				{
					Path:   "maxSessionDuration",
					Sends:  "CreateRole MaxSessionDuration (schema Default 3600, so 3600 is sent when unset); a change is UpdateRole (in place).",
					AWS:    "MaxSessionDuration: 3600..43200 seconds.",
					Check:  IntRange(3600, 43200),
					Source: iamRoleTF + ", " + iamCreateRoleAPI,
				},
				{
					Path:     "name",
					ForceNew: true,
					Sends: "CreateRole RoleName: the value set (ci-roles) or, unset, pulumi-aws's \"<logical name>-<7 hex>\" (the IGV " +
						"role). ForceNew; with an explicit name the bridge replaces delete-before-replace.",
					AWS:    "RoleName: 1..64 characters of [\\w+=,.@-]; unique in the account, case-insensitively, whatever the path.",
					Check:  iamRoleName,
					Source: iamRoleTF + " (validResourceName(roleNameMaxLen = 64)), " + iamValidateTF + ", " + iamCreateRoleAPI,
				},
				{
					Path:     "path",
					ForceNew: true,
					Sends:    "CreateRole Path, always (schema Default \"/\"). ForceNew: IAM has no call that moves a role to another path.",
					AWS:      "Path: 1..512 characters of pathType (\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F); the provider itself only checks 0..512.",
					Check:    All(Length(1, 512), Pattern(iamRolePathPattern)),
					Source:   iamRoleTF + ", " + iamCreateRoleAPI,
				},
				{
					Path: "permissionsBoundary",
					Sends: "CreateRole PermissionsBoundary when set; a change is PutRolePermissionsBoundary, removal " +
						"DeleteRolePermissionsBoundary (in place). Unset and absent in AWS, state is cleared.",
					AWS: "PermissionsBoundary: the ARN (20..2048) of an existing managed policy (NoSuchEntity otherwise); a boundary " +
						"caps, it grants nothing.",
					Check:  iamPolicyARN,
					Source: iamRoleTF + " (verify.ValidARN), " + iamCreateRoleAPI,
				},
				{
					Path: "tags",
					Sends: "CreateRole Tags (tag-on-create; provider default tags merged); a change is TagRole/UntagRole. " +
						"Keys with the aws: prefix are ignored by the provider.",
					AWS:    "Tags: at most 50; keys 1..128, values 0..256 of [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@].",
					Check:  Tags(50),
					Source: iamRoleTF + ", " + iamCreateRoleAPI + ", " + iamQuotas,
				},
			},
			Rules: []Rule{
				{Name: "name conflicts with namePrefix", Check: iamConflicts("name", "namePrefix"), Source: iamRoleTF},
			},
			World: []Fact{
				{Name: "role names are unique in the account",
					Detail: "CreateRole fails with EntityAlreadyExists when a role of that name exists, compared " +
						"case-insensitively and whatever its path. A named role replaced create-before-delete would hit it; " +
						"the bridge makes such a replacement delete-before-replace (" + iamBridgeNameDBR + ").",
					Source: iamCreateRoleAPI + ", " + iamQuotas + ", " + iamIssueNamedReplace},
				{Name: "roles per account",
					Detail: "1,000 roles per account by default (LimitExceeded), adjustable.",
					Source: iamQuotas},
				{Name: "managed policies attached to a role",
					Detail: "10 per role by default; AttachRolePolicy fails with LimitExceeded beyond the quota. Adjustable: AWS's " +
						"quota page gave 20 as the maximum (the stack's HardMaxManagedPolicies); a 2025 third-party table gives 25.",
					Source: iamQuotas + ", " + iamAttachAPI},
				{Name: "inline policies of a role share one size quota",
					Detail: "All inline policies of one role together hold at most 10,240 characters, whitespace not counted; " +
						"PutRolePolicy fails with LimitExceeded beyond it.",
					Source: iamQuotas + ", " + iamPutRolePolicyAPI},
				{Name: "a role with policies cannot be deleted",
					Detail: "DeleteRole fails with DeleteConflict while the role has attached managed policies, inline policies or " +
						"instance profiles. The provider removes what its state recorded (inline_policy, managed_policy_arns are " +
						"Computed from the last read) or, with force_detach_policies, everything, and retries DeleteConflict for " +
						"2 minutes. Pulumi deletes the stack's RolePolicy and RolePolicyAttachment resources first (they depend on the role).",
					Source: iamDeleteRoleAPI + ", " + iamRoleTF},
				{Name: "IAM is eventually consistent",
					Detail: "A new role (and a changed trust policy or boundary) may not be visible, attachable or assumable for " +
						"seconds. The provider retries its own reads and CreateRole's \"Invalid principal\"; consumers such as " +
						"Cognito SetIdentityPoolRoles and STS AssumeRoleWithWebIdentity are not retried by this resource.",
					Source: iamIssueConsistency},
				{Name: "the permissions boundary must exist",
					Detail: "CreateRole and PutRolePermissionsBoundary fail with NoSuchEntity when the boundary ARN names no " +
						"existing managed policy (the ci-roles stack's PREFIX-role-boundary must be deployed first).",
					Source: iamCreateRoleAPI},
			},
		},
		Resource{
			Token:     "aws:iam/policy:Policy",
			Terraform: "aws_iam_policy",
			Source:    iamPolicyTF,
			API:       iamCreatePolicyAPI + " (update: " + iamCreateVersionAPI + ", after DeletePolicyVersion of the oldest when 5 exist; TagPolicy/UntagPolicy)",
			AutoName: &AutoName{Property: "name", MaxLength: 255,
				Source: iamPulumi + " (no field override for aws_iam_policy: the provider-wide setAutonaming gives every resource " +
					"with an input `name` tfbridge.AutoName(\"name\", 255, \"-\")). 255 exceeds AWS's 128: a logical name over " +
					"120 characters yields a name the provider's own validation (1..128) refuses"},
			DeleteBeforeReplace: false,
			Overrides: "pulumi-aws: policy accepts a PolicyDocument object (TransformJSONDocument); name auto-named to 255 (" +
				iamPulumi + "). pulumi-terraform-bridge: a replacement of a policy whose name was set explicitly (the ci-roles " +
				"boundary) is delete-before-replace (" + iamBridgeNameDBR + "); an auto-named policy (the IGV data policies) is " +
				"created before the old one is deleted. Terraform: policy changes (and any change but tags and " +
				"delay_after_policy_creation_in_ms) are CreatePolicyVersion with SetAsDefault, after deleting the oldest " +
				"non-default version when 5 exist; Delete deletes the non-default versions, then DeletePolicy, and does not " +
				"detach the policy from anything.",
			Properties: []Property{
				{
					Path:     "description",
					ForceNew: true,
					Sends: "CreatePolicy Description (newest code: always, \"\" when unset). ForceNew: IAM has no call that changes " +
						"a managed policy's description, so a changed text replaces the policy (the code's comment is right).",
					AWS:    "Description: 0..1000 characters (policyDescriptionType, no pattern).",
					Check:  Length(0, 1000),
					Source: iamPolicyTF + ", " + iamCreatePolicyAPI,
				},
				{
					Path:     "name",
					ForceNew: true,
					Sends: "CreatePolicy PolicyName: the value set (ci-roles boundary) or, unset, pulumi-aws's \"<logical name>-<7 hex>\" " +
						"(the IGV data policies). ForceNew.",
					AWS:    "PolicyName: 1..128 characters of [\\w+=,.@-]; unique among the account's customer managed policies (EntityAlreadyExists).",
					Check:  iamPolicyName,
					Source: iamPolicyTF + " (validResourceName(policyNameMaxLen = 128)), " + iamCreatePolicyAPI,
				},
				{
					Path:     "path",
					ForceNew: true,
					Sends:    "CreatePolicy Path, always (schema Default \"/\"). ForceNew. (The newest code validates 1..512 and a leading and trailing slash, validPolicyPath; v5.100.0 may validate less.)",
					AWS:      "Path: 1..512 characters of policyPathType ((/[A-Za-z0-9\\.,\\+@=_-]+)*)/, narrower than a role's path.",
					Check:    All(Length(1, 512), Pattern(iamPolicyPathPattern)),
					Source:   iamPolicyTF + ", " + iamValidateTF + ", " + iamCreatePolicyAPI,
				},
				{
					Path:     "policy",
					Required: true,
					Sends: "CreatePolicy PolicyDocument, normalised JSON; a change is CreatePolicyVersion (in place, the ARN " +
						"stays), the oldest non-default version deleted first when 5 exist. Equivalent documents show no diff.",
					AWS: "PolicyDocument: 1..131072 characters of [\\u0009\\u000A\\u000D\\u0020-\\u00FF]; a managed policy holds at " +
						"most 6,144 characters without whitespace (LimitExceeded); an identity policy has Resource and no Principal.",
					Check:  iamPolicyDocument(false, iamManagedPolicyMax),
					Source: iamPolicyTF + ", " + iamCreatePolicyAPI + ", " + iamQuotas + ", " + iamPrincipalDoc + ", " + iamSidDoc + ", " + iamVersionDoc,
				},
				{
					Path:   "tags",
					Sends:  "CreatePolicy Tags (tag-on-create); a change is TagPolicy/UntagPolicy (no new version).",
					AWS:    "Tags: at most 50.",
					Check:  Tags(50),
					Source: iamPolicyTF + ", " + iamCreatePolicyAPI,
				},
			},
			Rules: []Rule{
				{Name: "name conflicts with namePrefix", Check: iamConflicts("name", "namePrefix"), Source: iamPolicyTF},
			},
			World: []Fact{
				{Name: "policy names are unique in the account",
					Detail: "CreatePolicy fails with EntityAlreadyExists (\"A policy called X already exists. Duplicate names are " +
						"not allowed.\") when a customer managed policy of that name exists; the path does not make it distinct.",
					Source: iamCreatePolicyAPI + ", " + iamIssueNamedReplace},
				{Name: "at most 5 versions per managed policy",
					Detail: "CreatePolicyVersion fails with LimitExceeded when 5 versions exist; the provider deletes the oldest " +
						"non-default version first, so updates never hit it.",
					Source: iamCreateVersionAPI + ", " + iamPolicyTF + " (policyPruneVersions)"},
				{Name: "a policy in use cannot be deleted",
					Detail: "DeletePolicy fails with DeleteConflict while the policy is attached to a user, group or role, or is " +
						"any role's or user's permissions boundary. The provider detaches nothing: Pulumi must delete the " +
						"RolePolicyAttachment first (it does, for dependents in the same stack); a boundary used by another " +
						"stack's roles (the ci-roles boundary, used by the IGV roles) blocks the delete.",
					Source: iamDeletePolicyAPI + ", " + iamIssueBoundaryDelete},
				{Name: "customer managed policies per account",
					Detail: "1,500 per account by default (LimitExceeded), adjustable.",
					Source: iamQuotas},
			},
		},
		Resource{
			Token:     "aws:iam/rolePolicy:RolePolicy",
			Terraform: "aws_iam_role_policy",
			Source:    iamRolePolicyTF,
			API:       iamPutRolePolicyAPI + " (create and update alike)",
			AutoName: &AutoName{Property: "name", MaxLength: 255,
				Source: iamPulumi + " (no field override for aws_iam_role_policy: the provider-wide setAutonaming, " +
					"tfbridge.AutoName(\"name\", 255, \"-\")); AWS and the provider allow 128"},
			DeleteBeforeReplace: false,
			Overrides: "pulumi-aws: role accepts a Role, policy a PolicyDocument object; name auto-named to 255 (" + iamPulumi +
				"). The bridge makes a replacement of an explicitly named inline policy (ci-roles \"permissions\") " +
				"delete-before-replace (" + iamBridgeNameDBR + "). Terraform: create and update are both PutRolePolicy " +
				"(which overwrites an inline policy of the same name without error), then reads until GetRolePolicy finds it.",
			Properties: []Property{
				{
					Path:     "name",
					ForceNew: true,
					Sends:    "PutRolePolicy PolicyName: the value set (ci-roles \"permissions\") or pulumi-aws's \"<logical name>-<7 hex>\" (the IGV list-buckets policy). ForceNew.",
					AWS:      "PolicyName: 1..128 characters of [\\w+=,.@-]; unique among the role's inline policies (a second put overwrites).",
					Check:    iamPolicyName,
					Source:   iamRolePolicyTF + " (validRolePolicyName), " + iamValidateTF + ", " + iamPutRolePolicyAPI,
				},
				{
					Path:     "policy",
					Required: true,
					Sends: "PutRolePolicy PolicyDocument, normalised (verify.LegacyPolicyNormalize); a change is another " +
						"PutRolePolicy (in place). Equivalent documents show no diff.",
					AWS: "PolicyDocument: 1..131072 characters of [\\u0009\\u000A\\u000D\\u0020-\\u00FF]; all inline policies of the " +
						"role together at most 10,240 characters without whitespace (a World fact of the role); an identity " +
						"policy has Resource and no Principal.",
					Check:  iamPolicyDocument(false, iamInlineRoleMax),
					Source: iamRolePolicyTF + ", " + iamPutRolePolicyAPI + ", " + iamQuotas,
				},
				{
					Path:     "role",
					Required: true,
					ForceNew: true,
					Sends:    "PutRolePolicy RoleName. ForceNew.",
					AWS: "RoleName: 1..64 characters of [\\w+=,.@-] (the provider checks 1..128 and refuses an ARN: \"must be the " +
						"role's name not its ARN\"); NoSuchEntity when the role does not exist.",
					Check:  iamRoleName,
					Source: iamRolePolicyTF + " (validRolePolicyRole), " + iamValidateTF + ", " + iamPutRolePolicyAPI,
				},
			},
			Rules: []Rule{
				{Name: "name conflicts with namePrefix", Check: iamConflicts("name", "namePrefix"), Source: iamRolePolicyTF},
			},
			World: []Fact{
				{Name: "inline policy names are unique per role, and a put overwrites",
					Detail: "PutRolePolicy with a name the role already has replaces that policy silently: two RolePolicy " +
						"resources with one name on one role clobber each other, and deleting one deletes the other's policy.",
					Source: iamPutRolePolicyAPI},
				{Name: "inline policies of a role share one size quota",
					Detail: "10,240 characters without whitespace for all inline policies of one role (LimitExceeded).",
					Source: iamQuotas},
			},
		},
		Resource{
			Token:               "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
			Terraform:           "aws_iam_role_policy_attachment",
			Source:              iamAttachmentTF,
			API:                 iamAttachAPI + " (no update: both inputs are ForceNew; delete is DetachRolePolicy)",
			DeleteBeforeReplace: true,
			Overrides: "pulumi-aws sets DeleteBeforeReplace: a create-then-delete replacement of the same role/policy pair " +
				"would detach the attachment it just made (" + iamIssuePolicyAttachment + "); role accepts a Role, policyArn " +
				"is typed ARN. Terraform: AttachRolePolicy and DetachRolePolicy are retried on ConcurrentModification for " +
				"2 minutes (newest code; older versions did not retry), Read after create retries until " +
				"ListAttachedRolePolicies shows the policy; Detach ignores NoSuchEntity. The ID is \"<role>/<policy ARN>\" " +
				"in the newest code (v5.100.0: \"<role>-<unique suffix>\").",
			Properties: []Property{
				{
					Path:     "policyArn",
					Required: true,
					ForceNew: true,
					Sends:    "AttachRolePolicy PolicyArn. ForceNew.",
					AWS:      "PolicyArn: 20..2048, the ARN of an existing managed policy (NoSuchEntity otherwise, also briefly after CreatePolicy).",
					Check:    iamPolicyARN,
					Source:   iamAttachmentTF + " (verify.ValidARN), " + iamAttachAPI,
				},
				{
					Path:     "role",
					Required: true,
					ForceNew: true,
					Sends:    "AttachRolePolicy RoleName. ForceNew.",
					AWS:      "RoleName: 1..64 characters of [\\w+=,.@-] (a name, not an ARN); NoSuchEntity when the role does not exist.",
					Check:    iamRoleName,
					Source:   iamAttachmentTF + ", " + iamAttachAPI,
				},
			},
			World: []Fact{
				{Name: "managed policies attached to a role",
					Detail: "AttachRolePolicy fails with LimitExceeded beyond the role's quota: 10 by default, adjustable (20 " +
						"per AWS's quota page, 25 per a 2025 third-party table). The stack names data policies by slot, so " +
						"old and new attachments of one update never exceed max(old, new) maxManagedPolicies.",
					Source: iamQuotas + ", " + iamAttachAPI},
				{Name: "an attachment is a pair, not an object",
					Detail: "Attaching an already attached policy succeeds without a second attachment; detaching it removes it " +
						"for every resource that manages the same role/policy pair.",
					Source: iamAttachAPI + ", " + iamIssuePolicyAttachment},
				{Name: "IAM is eventually consistent",
					Detail: "A just-created role or policy can be reported NoSuchEntity by AttachRolePolicy for seconds; an attached " +
						"policy takes effect for sessions only after propagation. The provider does not retry NoSuchEntity on attach.",
					Source: iamIssueConsistency},
			},
		},
		Resource{
			Token:     "aws:iam/openIdConnectProvider:OpenIdConnectProvider",
			Terraform: "aws_iam_openid_connect_provider",
			Source:    iamOIDCTF,
			API:       iamCreateOIDCAPI + " (update: AddClientIDToOpenIDConnectProvider/RemoveClientIDFromOpenIDConnectProvider, UpdateOpenIDConnectProviderThumbprint, TagOpenIDConnectProvider)",
			Overrides: "None for this type in pulumi-aws (" + iamPulumi + "): no name, no auto-naming, create-before-delete " +
				"replacement (which fails: see the World fact on one provider per URL). Terraform: url's diff ignores the " +
				"https:// scheme AWS strips (suppressOpenIDURL).",
			Properties: []Property{
				{
					Path:     "clientIdLists",
					Required: true,
					Sends: "CreateOpenIDConnectProvider ClientIDList (a set: order does not matter); a change adds and removes " +
						"client IDs in place.",
					AWS:    "ClientIDList: each 1..255 characters; at most 100 client IDs per provider.",
					Check:  Each(1, 100, Length(1, 255)),
					Source: iamOIDCTF + ", " + iamCreateOIDCAPI + ", " + iamQuotas,
				},
				{
					Path: "thumbprintLists",
					Sends: "Not set by the stack. Optional and Computed since thumbprint_list was made optional (v5.81-era, " +
						"PR #37255; v6.83.4's Go SDK no longer requires it): unset, no ThumbprintList is sent and IAM " +
						"retrieves one; for GitHub, AWS validates with its trusted root CAs and ignores thumbprints. Once set, " +
						"it cannot be cleared by removing it (" + iamIssueThumbprintClear + ").",
					AWS:    "ThumbprintList: optional; each exactly 40 hex characters (SHA-1); at most 5.",
					Check:  Each(0, 5, All(Length(40, 40), Pattern(`[0-9A-Fa-f]{40}`))),
					Source: iamOIDCTF + ", " + iamCreateOIDCAPI + ", " + iamOIDCThumbprintDoc + ", " + iamIssueThumbprint,
				},
				{
					Path:     "url",
					Required: true,
					ForceNew: true,
					Sends:    "CreateOpenIDConnectProvider Url. ForceNew (IAM cannot change a provider's URL).",
					AWS:      "Url: 1..255 characters, https, no query (the provider's validOpenIDURL); it names the provider (its ARN is oidc-provider/<host and path>).",
					Check:    iamOIDCURL(),
					Source:   iamOIDCTF + ", " + iamValidateTF + ", " + iamCreateOIDCAPI,
				},
			},
			World: []Fact{
				{Name: "one OIDC provider per URL in the account",
					Detail: "CreateOpenIDConnectProvider fails with EntityAlreadyExists when the account already has a provider " +
						"for that URL (e.g. token.actions.githubusercontent.com created by another stack or by hand): use " +
						"the existing ARN (the ci-roles oidcProviderArn setting). A replacement (url change) is " +
						"create-before-delete and would hit it for the same URL.",
					Source: iamCreateOIDCAPI},
				{Name: "OIDC providers per account",
					Detail: "100 per account (LimitExceeded).",
					Source: iamQuotas},
				{Name: "trust policies name the provider by ARN",
					Detail: "A role whose trust policy names a just-created provider as Federated principal can be refused with " +
						"MalformedPolicyDocument \"Invalid principal in policy\" until IAM has propagated it; the role's " +
						"provider retries CreateRole and UpdateAssumeRolePolicy on that message for 2 minutes.",
					Source: iamRoleTF + " (retryCreateRole)"},
			},
		},
	)
}
