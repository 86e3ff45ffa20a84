package policies

import "fmt"

// The documents of the CI roles that GitHub Actions assumes through OIDC: a read-only preview role for
// pull requests and a deploy role for the dev and prod environments.

const (
	// GitHubOIDCHost is GitHub Actions' token issuer.
	GitHubOIDCHost = "token.actions.githubusercontent.com"
	// GitHubOIDCAudience is the audience aws-actions/configure-aws-credentials asks for.
	GitHubOIDCAudience = "sts.amazonaws.com"
)

// GitHubOIDCTrust lets GitHub Actions runs of one repository assume a role, and only those whose token
// subject is one of subjects (e.g. "repo:OWNER/REPO:pull_request", "repo:OWNER/REPO:environment:prod").
// Pinning sub, not only aud, is what keeps every other GitHub repository out (CKV_AWS_358).
func GitHubOIDCTrust(providerARN string, subjects []string) Document {
	return New(Statement{
		Sid:       "GitHubActionsOfThisRepository",
		Effect:    Allow,
		Principal: Principals{"Federated": {providerARN}},
		Action:    Values{"sts:AssumeRoleWithWebIdentity"},
		Condition: Conditions{"StringEquals": {
			GitHubOIDCHost + ":aud": {GitHubOIDCAudience},
			GitHubOIDCHost + ":sub": sortedUnique(subjects),
		}},
	})
}

// CIScope is what the CI roles may touch: one account and region, the IGV stack's IAM path, its
// buckets, and optionally the Pulumi state bucket and the access-log bucket.
type CIScope struct {
	AccountID string
	Region    string
	// IAMPath of the stack's roles and policies, e.g. "/igv/".
	IAMPath string
	// ConfigBucketPattern matches the auto-named config buckets, e.g. "igv-config-*".
	ConfigBucketPattern string
	// AuditBucketPattern matches the audit log bucket the stack creates, e.g. "igv-audit-logs-*".
	AuditBucketPattern string
	// TrailPattern matches the stack's CloudTrail trails by name, e.g. "igv-aws-backend-*-audit*".
	TrailPattern string
	// DataBucketPatterns match the data buckets the stack may create, e.g. "genomics-lab-*".
	DataBucketPatterns []string
	// StateBucket holds a self-managed Pulumi backend ("" with Pulumi Cloud).
	StateBucket string
	// AccessLogBucket receives the stack's S3 server access logs: the program reads it and its bucket
	// policy at preview (package preflight), which needs s3:ListBucket and s3:GetBucketPolicy.
	AccessLogBucket string
	// RoleBoundaryARN is the permissions boundary every role the deploy role creates must carry.
	RoleBoundaryARN string
	// GateRolePath is the IAM path of the token gate's execution role, inside IAMPath, e.g. "/igv/gate/":
	// the one path whose roles the deploy role may pass to Lambda.
	GateRolePath string
	// GateFunctionPattern matches the names of the gate's Lambda functions, e.g. "igv-gate-*"; their log
	// groups are Lambda's /aws/lambda/NAME.
	GateFunctionPattern string
}

func (s CIScope) userPools() string {
	return fmt.Sprintf("arn:aws:cognito-idp:%s:%s:userpool/*", s.Region, s.AccountID)
}
func (s CIScope) identityPools() string {
	return fmt.Sprintf("arn:aws:cognito-identity:%s:%s:identitypool/*", s.Region, s.AccountID)
}
func (s CIScope) roles() string {
	return fmt.Sprintf("arn:aws:iam::%s:role%s*", s.AccountID, s.IAMPath)
}
func (s CIScope) managedPolicies() string {
	return fmt.Sprintf("arn:aws:iam::%s:policy%s*", s.AccountID, s.IAMPath)
}
func (s CIScope) distributions() string {
	return fmt.Sprintf("arn:aws:cloudfront::%s:distribution/*", s.AccountID)
}
func (s CIScope) originAccessControls() string {
	return fmt.Sprintf("arn:aws:cloudfront::%s:origin-access-control/*", s.AccountID)
}
func (s CIScope) trails() string {
	return fmt.Sprintf("arn:aws:cloudtrail:%s:%s:trail/%s", s.Region, s.AccountID, s.TrailPattern)
}
func (s CIScope) gateRoles() string {
	return fmt.Sprintf("arn:aws:iam::%s:role%s*", s.AccountID, s.GateRolePath)
}
func (s CIScope) gateFunctions() string {
	return fmt.Sprintf("arn:aws:lambda:%s:%s:function:%s", s.Region, s.AccountID, s.GateFunctionPattern)
}

// gateLogGroups matches the gate functions' log groups, and with its trailing wildcard also their ":*"
// form (the ARN DescribeLogGroups reports) and their log streams (":log-stream:NAME").
func (s CIScope) gateLogGroups() string {
	return fmt.Sprintf("arn:aws:logs:%s:%s:log-group:%s%s", s.Region, s.AccountID, LambdaLogGroupPrefix, s.GateFunctionPattern)
}

// logGroupsOfRegion is every log group of the account in the region. DescribeLogGroups, with which the
// provider reads a log group, is authorized against "arn:aws:logs:REGION:ACCOUNT:log-group::log-stream:"
// whatever the name prefix asked for, so no narrower resource can allow it.
func (s CIScope) logGroupsOfRegion() string {
	return fmt.Sprintf("arn:aws:logs:%s:%s:log-group:*", s.Region, s.AccountID)
}

func (s CIScope) buckets() []string {
	out := []string{BucketARN(s.ConfigBucketPattern), BucketARN(s.AuditBucketPattern)}
	for _, p := range s.DataBucketPatterns {
		out = append(out, BucketARN(p))
	}
	return out
}

// Read-only actions on the stack's trails.
var trailReadActions = []string{"cloudtrail:GetEventSelectors", "cloudtrail:GetTrail", "cloudtrail:GetTrailStatus", "cloudtrail:ListTags"}

// Read-only actions on the gate's functions, as terraform-provider-aws reads aws_lambda_function
// (GetFunction, ListVersionsByFunction, GetFunctionCodeSigningConfig; ListTags, which GetFunction needs
// for a tagged function, and the tags interceptor's fallback) and aws_lambda_permission (GetPolicy).
var gateFunctionReadActions = []string{
	"lambda:GetFunction", "lambda:GetFunctionCodeSigningConfig", "lambda:GetPolicy", "lambda:ListTags",
	"lambda:ListVersionsByFunction",
}

// Read-only actions on the gate's log groups: the tags of aws_cloudwatch_log_group, which its read leaves
// to the provider's tags interceptor (ListTagsForResource). The group itself is read with
// DescribeLogGroups (logGroupsOfRegion).
var gateLogGroupReadActions = []string{"logs:ListTagsForResource"}

// Read-only actions on the bucket configuration the stack manages (never on objects of data buckets).
var bucketReadActions = []string{
	"s3:GetAccelerateConfiguration", "s3:GetBucket*", "s3:GetEncryptionConfiguration",
	"s3:GetLifecycleConfiguration", "s3:GetReplicationConfiguration",
}

// CIPreview is the preview role's policy: read-only describe, get and list on exactly the resource
// types of the stack, and the Pulumi state. `pulumi preview` itself reads only the state; the rest
// lets a reviewer's `pulumi preview --refresh` compare the state with AWS. It writes nothing (but a
// self-managed backend's stack lock) and cannot list or read the data buckets' objects.
func CIPreview(s CIScope) Document {
	statements := []Statement{
		// DescribeUserPoolDomain takes a domain, not a pool: it has no resource-level permission.
		{Sid: "ReadUserPoolDomains", Effect: Allow, Resource: Values{"*"}, Action: Values{"cognito-idp:DescribeUserPoolDomain"}},
		// Describe* covers the identity providers (DescribeIdentityProvider); GetGroup reads a user group,
		// AdminListGroupsForUser a tier member's membership (List* does not match an Admin action).
		{Sid: "ReadUserPools", Effect: Allow, Resource: Values{s.userPools()}, Action: sortedUnique([]string{
			"cognito-idp:Describe*", "cognito-idp:List*", "cognito-idp:GetGroup", "cognito-idp:GetUserPoolMfaConfig",
			"cognito-idp:AdminGetUser", "cognito-idp:AdminListGroupsForUser",
		})},
		{Sid: "ReadIdentityPools", Effect: Allow, Resource: Values{s.identityPools()}, Action: sortedUnique([]string{
			"cognito-identity:DescribeIdentityPool", "cognito-identity:GetIdentityPoolRoles", "cognito-identity:ListTagsForResource",
		})},
		{Sid: "ReadStackRoles", Effect: Allow, Resource: Values{s.roles()}, Action: sortedUnique([]string{
			"iam:GetRole", "iam:GetRolePolicy", "iam:ListAttachedRolePolicies", "iam:ListRolePolicies", "iam:ListRoleTags",
		})},
		{Sid: "ReadStackPolicies", Effect: Allow, Resource: Values{s.managedPolicies()}, Action: sortedUnique([]string{
			"iam:GetPolicy", "iam:GetPolicyVersion", "iam:ListPolicyTags", "iam:ListPolicyVersions",
		})},
		{Sid: "ReadBucketSettings", Effect: Allow, Resource: sortedUnique(s.buckets()), Action: sortedUnique(bucketReadActions)},
		// HeadBucket, with which the provider reads a bucket, needs s3:ListBucket: granted on the config
		// bucket only, so the preview role never lists the keys of sequencing data.
		{Sid: "ReadConfigBucket", Effect: Allow, Resource: Values{BucketARN(s.ConfigBucketPattern)}, Action: Values{"s3:ListBucket"}},
		{Sid: "ReadConfigObjects", Effect: Allow, Resource: Values{ObjectsARN(s.ConfigBucketPattern, "")},
			Action: sortedUnique([]string{"s3:GetObject", "s3:GetObjectTagging"})},
		{Sid: "ReadDistributions", Effect: Allow, Resource: sortedUnique([]string{s.distributions(), s.originAccessControls()}),
			Action: sortedUnique([]string{
				"cloudfront:GetDistribution", "cloudfront:GetDistributionConfig", "cloudfront:GetOriginAccessControl",
				"cloudfront:GetOriginAccessControlConfig", "cloudfront:ListTagsForResource",
			})},
		{Sid: "ReadAuditTrails", Effect: Allow, Resource: Values{s.trails()}, Action: sortedUnique(trailReadActions)},
		// DescribeTrails has no resource-level permission.
		{Sid: "DescribeAuditTrails", Effect: Allow, Resource: Values{"*"}, Action: Values{"cloudtrail:DescribeTrails"}},
		{Sid: "ReadGateFunctions", Effect: Allow, Resource: Values{s.gateFunctions()}, Action: sortedUnique(gateFunctionReadActions)},
		{Sid: "ReadGateLogGroups", Effect: Allow, Resource: Values{s.gateLogGroups()}, Action: sortedUnique(gateLogGroupReadActions)},
		s.describeLogGroups(),
	}
	if s.AccessLogBucket != "" {
		statements = append(statements, s.checkAccessLogBucket())
	}
	if s.StateBucket != "" {
		statements = append(statements,
			Statement{Sid: "ReadPulumiState", Effect: Allow, Action: Values{"s3:GetObject", "s3:ListBucket"},
				Resource: Values{BucketARN(s.StateBucket), ObjectsARN(s.StateBucket, "")}},
			// A self-managed backend locks the stack while it previews.
			Statement{Sid: "LockPulumiStacks", Effect: Allow, Action: Values{"s3:DeleteObject", "s3:PutObject"},
				Resource: Values{ObjectsARN(s.StateBucket, ".pulumi/locks/")}},
		)
	}
	return New(statements...)
}

// CognitoEmailService is the service principal of Cognito's email sending through SES.
const CognitoEmailService = "email.cognito-idp.amazonaws.com"

// CognitoEmailServiceLinkedRoleARN is the role Cognito creates for SES (DEVELOPER) email in an account.
func CognitoEmailServiceLinkedRoleARN(accountID string) string {
	return fmt.Sprintf("arn:aws:iam::%s:role/aws-service-role/%s/AWSServiceRoleForAmazonCognitoIdpEmailService", accountID, CognitoEmailService)
}

// describeLogGroups lets the provider read a log group: the names, retention and settings of the
// region's log groups, never their events.
func (s CIScope) describeLogGroups() Statement {
	return Statement{Sid: "DescribeLogGroups", Effect: Allow, Resource: Values{s.logGroupsOfRegion()},
		Action: Values{"logs:DescribeLogGroups"}}
}

// checkAccessLogBucket lets the program's preflight read the access-log bucket and its policy (never
// its objects, never a change).
func (s CIScope) checkAccessLogBucket() Statement {
	return Statement{Sid: "CheckAccessLogBucket", Effect: Allow, Resource: Values{BucketARN(s.AccessLogBucket)},
		Action: Values{"s3:GetBucketPolicy", "s3:ListBucket"}}
}

// CIDeploy is the deploy role's policy: the actions `pulumi up` needs to manage exactly the stack's
// resource types, in this account and region, under the stack's IAM path and bucket names. It cannot
// delete data buckets (they are retained on delete), read their objects, attach a policy outside the
// stack's IAM path, or create or change a role's permissions unless the role carries the boundary
// (RoleBoundary), so it cannot make itself an administrator through a role it creates.
func CIDeploy(s CIScope) Document {
	statements := []Statement{
		// Creation has no resource-level permission in Cognito.
		{Sid: "CreatePools", Effect: Allow, Resource: Values{"*"}, Action: Values{
			"cognito-identity:CreateIdentityPool", "cognito-idp:CreateUserPool", "cognito-idp:DescribeUserPoolDomain",
		}},
		{Sid: "ManageUserPools", Effect: Allow, Resource: Values{s.userPools()}, Action: sortedUnique([]string{
			"cognito-idp:AdminCreateUser", "cognito-idp:AdminDeleteUser", "cognito-idp:AdminDeleteUserAttributes",
			"cognito-idp:AdminDisableUser",
			"cognito-idp:AdminEnableUser", "cognito-idp:AdminGetUser", "cognito-idp:AdminUpdateUserAttributes",
			"cognito-idp:CreateUserPoolClient", "cognito-idp:CreateUserPoolDomain", "cognito-idp:DeleteUserPool",
			"cognito-idp:DeleteUserPoolClient", "cognito-idp:DeleteUserPoolDomain", "cognito-idp:DescribeUserPool",
			"cognito-idp:DescribeUserPoolClient", "cognito-idp:GetUserPoolMfaConfig", "cognito-idp:ListTagsForResource",
			"cognito-idp:ListUserPoolClients", "cognito-idp:SetUserPoolMfaConfig", "cognito-idp:TagResource",
			"cognito-idp:UntagResource", "cognito-idp:UpdateUserPool", "cognito-idp:UpdateUserPoolClient",
			"cognito-idp:UpdateUserPoolDomain",
		})},
		// The user pools' identity providers (aws_cognito_identity_provider), groups (aws_cognito_user_group)
		// and the tiers' memberships (aws_cognito_user_in_group: AdminAddUserToGroup, read by
		// AdminListGroupsForUser, AdminRemoveUserFromGroup), as terraform-provider-aws creates, reads,
		// updates and deletes them.
		{Sid: "ManageIdentityProvidersAndGroups", Effect: Allow, Resource: Values{s.userPools()}, Action: sortedUnique([]string{
			"cognito-idp:AdminAddUserToGroup", "cognito-idp:AdminListGroupsForUser", "cognito-idp:AdminRemoveUserFromGroup",
			"cognito-idp:CreateGroup", "cognito-idp:CreateIdentityProvider", "cognito-idp:DeleteGroup",
			"cognito-idp:DeleteIdentityProvider", "cognito-idp:DescribeIdentityProvider", "cognito-idp:GetGroup",
			"cognito-idp:UpdateGroup", "cognito-idp:UpdateIdentityProvider",
		})},
		{Sid: "ManageIdentityPools", Effect: Allow, Resource: Values{s.identityPools()}, Action: sortedUnique([]string{
			"cognito-identity:DeleteIdentityPool", "cognito-identity:DescribeIdentityPool",
			"cognito-identity:GetIdentityPoolRoles", "cognito-identity:ListTagsForResource",
			"cognito-identity:SetIdentityPoolRoles", "cognito-identity:TagResource", "cognito-identity:UntagResource",
			"cognito-identity:UpdateIdentityPool",
		})},
		{Sid: "ManageStackRoles", Effect: Allow, Resource: Values{s.roles()}, Action: sortedUnique([]string{
			"iam:DeleteRole", "iam:GetRole", "iam:GetRolePolicy", "iam:ListAttachedRolePolicies",
			"iam:ListInstanceProfilesForRole", "iam:ListRolePolicies", "iam:ListRoleTags", "iam:TagRole", "iam:UntagRole",
			"iam:UpdateAssumeRolePolicy", "iam:UpdateRole", "iam:UpdateRoleDescription",
		})},
		// A role is created, and its permissions changed, only with the boundary: whatever its policies
		// say, it can do no more than the IGV role's read-only access.
		{Sid: "CreateOnlyBoundedRoles", Effect: Allow, Resource: Values{s.roles()},
			Action:    Values{"iam:CreateRole", "iam:DeleteRolePolicy", "iam:PutRolePermissionsBoundary", "iam:PutRolePolicy"},
			Condition: Conditions{"StringEquals": {"iam:PermissionsBoundary": {s.RoleBoundaryARN}}}},
		// Only the stack's own policies can be attached to the stack's (bounded) roles: no AdministratorAccess.
		{Sid: "AttachOnlyStackPolicies", Effect: Allow, Resource: Values{s.roles()},
			Action: Values{"iam:AttachRolePolicy", "iam:DetachRolePolicy"},
			Condition: Conditions{
				"ArnLike":      {"iam:PolicyARN": {s.managedPolicies()}},
				"StringEquals": {"iam:PermissionsBoundary": {s.RoleBoundaryARN}},
			}},
		{Sid: "ManageStackPolicies", Effect: Allow, Resource: Values{s.managedPolicies()}, Action: sortedUnique([]string{
			"iam:CreatePolicy", "iam:CreatePolicyVersion", "iam:DeletePolicy", "iam:DeletePolicyVersion", "iam:GetPolicy",
			"iam:GetPolicyVersion", "iam:ListPolicyTags", "iam:ListPolicyVersions", "iam:TagPolicy", "iam:UntagPolicy",
		})},
		// SetIdentityPoolRoles passes the authenticated role to Cognito Identity, and to nothing else.
		{Sid: "PassStackRolesToCognito", Effect: Allow, Resource: Values{s.roles()}, Action: Values{"iam:PassRole"},
			Condition: Conditions{"StringEquals": {"iam:PassedToService": {"cognito-identity.amazonaws.com"}}}},
		// CreateFunction and UpdateFunctionConfiguration pass the gate's role to Lambda: only roles under the
		// gate's own path, and only to Lambda.
		{Sid: "PassGateRoleToLambda", Effect: Allow, Resource: Values{s.gateRoles()}, Action: Values{"iam:PassRole"},
			Condition: Conditions{"StringEquals": {"iam:PassedToService": {LambdaService}}}},
		// The token gate: its functions (which hold no data, so the stack may delete them), their invoke
		// permission and their log groups, as terraform-provider-aws manages aws_lambda_function,
		// aws_lambda_permission and aws_cloudwatch_log_group. Tagging on create needs lambda:TagResource and
		// logs:TagResource. Nothing of the account's other functions or log groups.
		// The gate's invoke permission names Cognito; the deploy role may grant none to anyone else (itself
		// included), so it cannot run the gates it deploys.
		{Sid: "LetOnlyCognitoInvokeTheGate", Effect: Allow, Resource: Values{s.gateFunctions()}, Action: Values{"lambda:AddPermission"},
			Condition: Conditions{"StringEquals": {"lambda:Principal": {CognitoIDPService}}}},
		{Sid: "ManageGateFunctions", Effect: Allow, Resource: Values{s.gateFunctions()}, Action: sortedUnique(append([]string{
			"lambda:CreateFunction", "lambda:DeleteFunction", "lambda:RemovePermission",
			"lambda:TagResource", "lambda:UntagResource", "lambda:UpdateFunctionCode", "lambda:UpdateFunctionConfiguration",
		}, gateFunctionReadActions...))},
		{Sid: "ManageGateLogGroups", Effect: Allow, Resource: Values{s.gateLogGroups()}, Action: sortedUnique(append([]string{
			"logs:CreateLogGroup", "logs:DeleteLogGroup", "logs:PutRetentionPolicy", "logs:TagResource", "logs:UntagResource",
		}, gateLogGroupReadActions...))},
		s.describeLogGroups(),
		// s3:ListBucket is what HeadBucket needs, with which the provider finds a bucket after creating it.
		{Sid: "ConfigureBuckets", Effect: Allow, Resource: sortedUnique(s.buckets()), Action: sortedUnique(append([]string{
			"s3:CreateBucket", "s3:ListBucket", "s3:PutBucketLogging", "s3:PutBucketOwnershipControls", "s3:PutBucketPolicy",
			"s3:PutBucketPublicAccessBlock", "s3:PutBucketTagging", "s3:PutBucketVersioning", "s3:PutEncryptionConfiguration",
		}, bucketReadActions...))},
		// The config bucket holds only generated files: the stack may replace its objects and delete it.
		{Sid: "ManageConfigBucket", Effect: Allow, Resource: Values{BucketARN(s.ConfigBucketPattern)}, Action: sortedUnique([]string{
			"s3:DeleteBucket", "s3:DeleteBucketPolicy", "s3:ListBucketVersions",
		})},
		{Sid: "ManageConfigObjects", Effect: Allow, Resource: Values{ObjectsARN(s.ConfigBucketPattern, "")}, Action: sortedUnique([]string{
			"s3:DeleteObject", "s3:DeleteObjectVersion", "s3:GetObject", "s3:GetObjectTagging", "s3:PutObject",
			"s3:PutObjectTagging",
		})},
		// The audit log bucket is created lock-capable, with its retention and lock; it is retained on
		// delete, never deleted, and the role writes and reads none of its logs.
		{Sid: "ConfigureAuditLogBucket", Effect: Allow, Resource: Values{BucketARN(s.AuditBucketPattern)}, Action: sortedUnique([]string{
			"s3:PutBucketObjectLockConfiguration", "s3:PutLifecycleConfiguration",
		})},
		{Sid: "ManageAuditTrails", Effect: Allow, Resource: Values{s.trails()}, Action: sortedUnique(append([]string{
			"cloudtrail:AddTags", "cloudtrail:CreateTrail", "cloudtrail:DeleteTrail", "cloudtrail:PutEventSelectors",
			"cloudtrail:RemoveTags", "cloudtrail:StartLogging", "cloudtrail:StopLogging", "cloudtrail:UpdateTrail",
		}, trailReadActions...))},
		{Sid: "DescribeAuditTrails", Effect: Allow, Resource: Values{"*"}, Action: Values{"cloudtrail:DescribeTrails"}},
		{Sid: "ManageDistributions", Effect: Allow, Resource: sortedUnique([]string{s.distributions(), s.originAccessControls()}),
			Action: sortedUnique([]string{
				"cloudfront:CreateDistribution", "cloudfront:CreateOriginAccessControl", "cloudfront:DeleteDistribution",
				"cloudfront:DeleteOriginAccessControl", "cloudfront:GetDistribution", "cloudfront:GetDistributionConfig",
				"cloudfront:GetOriginAccessControl", "cloudfront:GetOriginAccessControlConfig",
				"cloudfront:ListTagsForResource", "cloudfront:TagResource", "cloudfront:UntagResource",
				"cloudfront:UpdateDistribution", "cloudfront:UpdateOriginAccessControl",
			})},
	}
	// With an SES sender (emailSender), Cognito creates its email service-linked role on the first
	// CreateUserPool or UpdateUserPool, with the caller's permission: that role and no other.
	statements = append(statements, Statement{Sid: "CreateCognitoEmailServiceLinkedRole", Effect: Allow,
		Action:    Values{"iam:CreateServiceLinkedRole"},
		Resource:  Values{CognitoEmailServiceLinkedRoleARN(s.AccountID)},
		Condition: Conditions{"StringEquals": {"iam:AWSServiceName": {CognitoEmailService}}}})
	if s.AccessLogBucket != "" {
		statements = append(statements, s.checkAccessLogBucket())
	}
	if s.StateBucket != "" {
		statements = append(statements,
			Statement{Sid: "ListPulumiState", Effect: Allow, Action: Values{"s3:ListBucket"}, Resource: Values{BucketARN(s.StateBucket)}},
			Statement{Sid: "WritePulumiState", Effect: Allow, Action: Values{"s3:DeleteObject", "s3:GetObject", "s3:PutObject"},
				Resource: Values{ObjectsARN(s.StateBucket, "")}})
	}
	return New(statements...)
}

// RoleBoundary is the permissions boundary of the stack's roles: the most any of them may ever do, which
// is what the IGV role needs (igv-contract.md, section 5) and what the token gate's role needs (GateLogs,
// ListPoolClients). A boundary grants nothing by itself; it caps. The data access is capped on "*", the
// role's own policies naming the buckets and keys (which the stack's configuration, not this program,
// knows); the gate's is capped to the gate's log groups and the user pools of the scope's account and
// region.
func RoleBoundary(s CIScope) Document {
	// The buckets no role of the stack reads: the Pulumi state, the audit logs and the access logs.
	private := []string{BucketARN(s.AuditBucketPattern), ObjectsARN(s.AuditBucketPattern, "")}
	for _, b := range []string{s.StateBucket, s.AccessLogBucket} {
		if b != "" {
			private = append(private, BucketARN(b), ObjectsARN(b, ""))
		}
	}
	return New(
		Statement{
			Sid:      "AtMostReadOnlyDataAccess",
			Effect:   Allow,
			Action:   Values{"s3:GetObject", "s3:ListAllMyBuckets", "s3:ListBucket"},
			Resource: Values{"*"},
		},
		// Keys only through S3 (SSE-KMS objects), never to decrypt anything else.
		Statement{
			Sid:       "AtMostDecryptThroughS3",
			Effect:    Allow,
			Action:    Values{"kms:Decrypt"},
			Resource:  Values{"*"},
			Condition: Conditions{"StringEquals": {"kms:ViaService": {"s3." + s.Region + ".amazonaws.com"}}},
		},
		Statement{
			Sid:      "NeverTheStateOrTheLogs",
			Effect:   Deny,
			Action:   Values{"s3:GetObject", "s3:ListBucket"},
			Resource: sortedUnique(private),
		},
		Statement{
			Sid:      "AtMostTheGatesOwnLogs",
			Effect:   Allow,
			Action:   Values{"logs:CreateLogStream", "logs:PutLogEvents"},
			Resource: Values{s.gateLogGroups()},
		},
		Statement{
			Sid:      "AtMostThePoolsClientNames",
			Effect:   Allow,
			Action:   Values{"cognito-idp:ListUserPoolClients"},
			Resource: Values{s.userPools()},
		},
	)
}
