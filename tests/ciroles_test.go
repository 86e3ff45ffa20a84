package tests

import (
	"path"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"igv-aws-backend/ci-roles/ciroles"
	"igv-aws-backend/components"
	"igv-aws-backend/policies"
	"igv-aws-backend/policies/iamsim"
	"igv-aws-backend/stack"
	"igv-aws-backend/stackconfig"
	"igv-aws-backend/synth"
)

const (
	typeOIDCProvider = "aws:iam/openIdConnectProvider:OpenIdConnectProvider"
	ciRepo           = "genomics-lab/igv-aws-backend"
)

func ciStack(t testing.TB) synth.Stack {
	t.Helper()
	st, err := synth.LoadStack("../ci-roles", "example", "")
	require.NoError(t, err)
	return st
}

func ciResult(t testing.TB, changes map[string]string) *synth.Result {
	t.Helper()
	r, err := synth.Run(ciroles.Program, withConfig(ciStack(t), changes))
	require.NoError(t, err)
	return r
}

// ciRole returns the preview or deploy role with its trust and permission documents.
func ciRole(t *testing.T, r *synth.Result, kind string) (synth.Resource, policies.Document, policies.Document) {
	t.Helper()
	var role, perms synth.Resource
	for _, res := range r.Resources {
		switch {
		case res.Type == typeRole && res.Name == "igv-ci-"+kind:
			role = res
		case res.Type == typeRolePolicy && res.Name == "igv-ci-"+kind+"-permissions":
			perms = res
		}
	}
	require.NotEmpty(t, role.URN, kind)
	require.NotEmpty(t, perms.URN, kind)
	assert.Equal(t, role.Outputs["name"], input(perms, "role"))
	return role, policyDoc(t, role, "assumeRolePolicy"), policyDoc(t, perms, "policy")
}

func assume(t *testing.T, trust policies.Document, providerARN, aud, sub string) iamsim.Decision {
	t.Helper()
	d, err := iamsim.Evaluate([]policies.Document{trust}, iamsim.Request{
		PrincipalType: "Federated", Principal: providerARN, Action: "sts:AssumeRoleWithWebIdentity",
		Context: map[string][]string{
			"token.actions.githubusercontent.com:aud": {aud},
			"token.actions.githubusercontent.com:sub": {sub},
		},
	})
	require.NoError(t, err)
	return d
}

func allowed(t *testing.T, doc policies.Document, action, resource string, ctx map[string][]string) bool {
	t.Helper()
	d, err := iamsim.Evaluate([]policies.Document{doc}, iamsim.Request{Action: action, Resource: resource, Context: ctx})
	require.NoError(t, err)
	return d == iamsim.Allowed
}

func TestPreviewRoleTrustsOnlyPullRequestsOfThisRepository(t *testing.T) {
	r := ciResult(t, nil)
	provider := only(t, r, typeOIDCProvider)
	arn := provider.Outputs["arn"].(string)
	_, trust, _ := ciRole(t, r, "preview")
	assert.Equal(t, iamsim.Allowed, assume(t, trust, arn, "sts.amazonaws.com", "repo:"+ciRepo+":pull_request"))
	assert.Equal(t, iamsim.ImplicitDeny, assume(t, trust, arn, "sts.amazonaws.com", "repo:someone/else:pull_request"), "another repository")
	assert.Equal(t, iamsim.ImplicitDeny, assume(t, trust, arn, "sts.amazonaws.com", "repo:"+ciRepo+":ref:refs/heads/main"), "a branch push")
	assert.Equal(t, iamsim.ImplicitDeny, assume(t, trust, arn, "sts.amazonaws.com", "repo:"+ciRepo+":environment:prod"))
	assert.Equal(t, iamsim.ImplicitDeny, assume(t, trust, arn, "https://github.com/genomics-lab", "repo:"+ciRepo+":pull_request"), "wrong audience")
	assert.Equal(t, iamsim.ImplicitDeny, assume(t, trust, "arn:aws:iam::123456789012:oidc-provider/other", "sts.amazonaws.com", "repo:"+ciRepo+":pull_request"))
}

func TestDeployRoleTrustsOnlyTheDeploymentEnvironmentsOfThisRepository(t *testing.T) {
	r := ciResult(t, nil)
	arn := only(t, r, typeOIDCProvider).Outputs["arn"].(string)
	_, trust, _ := ciRole(t, r, "deploy")
	for _, env := range []string{"dev", "prod"} {
		assert.Equal(t, iamsim.Allowed, assume(t, trust, arn, "sts.amazonaws.com", "repo:"+ciRepo+":environment:"+env), env)
		assert.Equal(t, iamsim.ImplicitDeny, assume(t, trust, arn, "sts.amazonaws.com", "repo:fork/igv-aws-backend:environment:"+env), "a fork's "+env)
	}
	assert.Equal(t, iamsim.ImplicitDeny, assume(t, trust, arn, "sts.amazonaws.com", "repo:"+ciRepo+":pull_request"), "pull requests never deploy")
	assert.Equal(t, iamsim.ImplicitDeny, assume(t, trust, arn, "sts.amazonaws.com", "repo:"+ciRepo+":environment:staging"))
	assert.Equal(t, iamsim.ImplicitDeny, assume(t, trust, arn, "sts.amazonaws.com", "repo:"+ciRepo+":ref:refs/heads/feature"))
}

func TestTrustPoliciesPinSubjectAndAudienceExactly(t *testing.T) {
	r := ciResult(t, nil)
	for _, kind := range []string{"preview", "deploy"} {
		_, trust, _ := ciRole(t, r, kind)
		for _, s := range trust.Statement {
			assert.Equal(t, policies.Values{"sts:AssumeRoleWithWebIdentity"}, s.Action)
			assert.Equal(t, []string{"StringEquals"}, keysOf(s.Condition), "%s: exact matches only, no StringLike wildcards", kind)
			subs := s.Condition["StringEquals"]["token.actions.githubusercontent.com:sub"]
			require.NotEmpty(t, subs, "CKV_AWS_358: sub is pinned")
			for _, sub := range subs {
				assert.True(t, strings.HasPrefix(sub, "repo:"+ciRepo+":"), sub)
				assert.NotContains(t, sub, "*")
			}
			assert.Equal(t, policies.Values{"sts.amazonaws.com"}, s.Condition["StringEquals"]["token.actions.githubusercontent.com:aud"])
		}
	}
}

func TestCIPoliciesUseWildcardActionsOnlyForReading(t *testing.T) {
	r := ciResult(t, nil)
	for _, kind := range []string{"preview", "deploy"} {
		_, _, perms := ciRole(t, r, kind)
		for _, s := range perms.Statement {
			assert.Equal(t, policies.Allow, s.Effect)
			for _, a := range s.Action {
				service, verb, _ := strings.Cut(a, ":")
				assert.NotEqual(t, "*", verb, "%s: %s", kind, a)
				assert.NotEmpty(t, service)
				if strings.Contains(a, "*") {
					assert.True(t, readOnly(a), "%s: %s is a wildcard that is not read-only", kind, a)
				}
			}
			for _, res := range s.Resource {
				if res == "*" {
					assert.Contains(t, []string{"CreatePools", "ReadUserPoolDomains", "DescribeAuditTrails"}, s.Sid,
						"%s: * only for actions without resource-level permissions", kind)
				}
			}
		}
	}
}

func readOnly(action string) bool {
	_, verb, _ := strings.Cut(action, ":")
	for _, p := range []string{"Describe", "Get", "List"} {
		if strings.HasPrefix(verb, p) {
			return true
		}
	}
	return false
}

func TestPreviewRoleOnlyReads(t *testing.T) {
	_, _, perms := ciRole(t, ciResult(t, nil), "preview")
	for _, s := range perms.Statement {
		for _, a := range s.Action {
			if s.Sid == "LockPulumiStacks" {
				assert.Equal(t, policies.Values{"arn:aws:s3:::genomics-lab-pulumi-state/.pulumi/locks/*"}, s.Resource,
					"the only write: a self-managed backend's stack locks")
				continue
			}
			// AdminGetUser reads a user (refresh of the bootstrap users) and AdminListGroupsForUser a tier
			// member's groups: the two reads not named Get or List.
			assert.True(t, readOnly(a) || a == "cognito-idp:AdminGetUser" || a == "cognito-idp:AdminListGroupsForUser", "preview may not %s", a)
		}
	}
	assert.False(t, allowed(t, perms, "s3:GetObject", "arn:aws:s3:::genomics-lab-wgs-2026/sample.bam", nil), "no sequencing data")
	assert.False(t, allowed(t, perms, "s3:ListBucket", "arn:aws:s3:::genomics-lab-wgs-2026", nil), "no object listing")
	assert.True(t, allowed(t, perms, "s3:GetBucketPolicy", "arn:aws:s3:::genomics-lab-wgs-2026", nil))
	// The program's preflight reads the access-log bucket and its policy at preview.
	assert.True(t, allowed(t, perms, "s3:ListBucket", "arn:aws:s3:::genomics-lab-access-logs-eu-west-2", nil))
	assert.True(t, allowed(t, perms, "s3:GetBucketPolicy", "arn:aws:s3:::genomics-lab-access-logs-eu-west-2", nil))
	assert.True(t, allowed(t, perms, "cognito-idp:DescribeUserPool", "arn:aws:cognito-idp:eu-west-2:123456789012:userpool/eu-west-2_abc", nil))
	assert.False(t, allowed(t, perms, "cognito-idp:DescribeUserPool", "arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_abc", nil), "other regions")
	assert.False(t, allowed(t, perms, "iam:GetRole", "arn:aws:iam::123456789012:role/admin", nil), "roles outside the stack's path")
}

func TestDeployRoleManagesEveryResourceOfTheStack(t *testing.T) {
	_, _, perms := ciRole(t, ciResult(t, nil), "deploy")
	r := example(t, "prod")
	can := func(action, resource string) {
		t.Helper()
		assert.True(t, allowed(t, perms, action, resource, nil), "%s on %s", action, resource)
	}
	can("cognito-idp:CreateUserPool", "*")
	pool := only(t, r, typeUserPool).Outputs["arn"].(string)
	for _, a := range []string{"UpdateUserPool", "SetUserPoolMfaConfig", "CreateUserPoolClient", "CreateUserPoolDomain", "AdminCreateUser", "TagResource"} {
		can("cognito-idp:"+a, pool)
	}
	can("cognito-identity:CreateIdentityPool", "*")
	can("cognito-identity:SetIdentityPoolRoles", only(t, r, typeIdentityPool).Outputs["arn"].(string))
	role := only(t, r, typeRole).Outputs["arn"].(string)
	for _, a := range []string{"UpdateAssumeRolePolicy", "TagRole"} {
		can("iam:"+a, role)
	}
	// The stack's role carries the boundary the deploy role requires.
	boundary := input(only(t, r, typeRole), "permissionsBoundary").(string)
	assert.Equal(t, ciroles.RoleBoundaryARN("123456789012", "igv-aws-backend-ci"), boundary)
	bounded := map[string][]string{"iam:PermissionsBoundary": {boundary}}
	for _, a := range []string{"CreateRole", "PutRolePolicy", "DeleteRolePolicy"} {
		assert.True(t, allowed(t, perms, "iam:"+a, role, bounded), a)
	}
	for _, p := range ofType(r, typePolicy) {
		can("iam:CreatePolicy", p.Outputs["arn"].(string))
		can("iam:CreatePolicyVersion", p.Outputs["arn"].(string))
		assert.True(t, allowed(t, perms, "iam:AttachRolePolicy", role, map[string][]string{
			"iam:PolicyARN": {p.Outputs["arn"].(string)}, "iam:PermissionsBoundary": {boundary},
		}))
	}
	assert.True(t, allowed(t, perms, "iam:PassRole", role, map[string][]string{"iam:PassedToService": {"cognito-identity.amazonaws.com"}}))
	for _, b := range ofType(r, typeBucket) {
		arn := b.Outputs["arn"].(string)
		for _, a := range []string{"CreateBucket", "PutBucketPublicAccessBlock", "PutBucketOwnershipControls",
			"PutEncryptionConfiguration", "PutBucketVersioning", "PutBucketPolicy", "PutBucketTagging", "PutBucketLogging", "GetBucketPolicy"} {
			can("s3:"+a, arn)
		}
	}
	config := outputString(t, r, "configBucket")
	can("s3:PutObject", "arn:aws:s3:::"+config+"/oauth-config.json.gz")
	can("s3:DeleteBucket", "arn:aws:s3:::"+config)
	dist := only(t, r, typeDistribution).Outputs["arn"].(string)
	for _, a := range []string{"CreateDistribution", "UpdateDistribution", "TagResource"} {
		can("cloudfront:"+a, dist)
	}
	can("cloudfront:CreateOriginAccessControl", "arn:aws:cloudfront::123456789012:origin-access-control/"+only(t, r, typeOAC).ID)
	// The preflight reads the access-log bucket and its policy; nothing changes it (no ACL grants any more).
	can("s3:ListBucket", "arn:aws:s3:::genomics-lab-access-logs-eu-west-2")
	can("s3:GetBucketPolicy", "arn:aws:s3:::genomics-lab-access-logs-eu-west-2")
	assert.False(t, allowed(t, perms, "s3:PutBucketAcl", "arn:aws:s3:::genomics-lab-access-logs-eu-west-2", nil))
	assert.False(t, allowed(t, perms, "s3:PutBucketPolicy", "arn:aws:s3:::genomics-lab-access-logs-eu-west-2", nil))
	can("s3:PutObject", "arn:aws:s3:::genomics-lab-pulumi-state/.pulumi/stacks/igv-aws-backend/prod.json")
}

func TestDeployRoleCannotDeleteOrReadDataNorEscalate(t *testing.T) {
	_, _, perms := ciRole(t, ciResult(t, nil), "deploy")
	data := "arn:aws:s3:::genomics-lab-wgs-2026"
	assert.False(t, allowed(t, perms, "s3:DeleteBucket", data, nil), "data buckets are retained, never deleted")
	assert.False(t, allowed(t, perms, "s3:DeleteBucketPolicy", data, nil))
	assert.False(t, allowed(t, perms, "s3:GetObject", data+"/sample.bam", nil), "deploying needs no sequencing data")
	assert.False(t, allowed(t, perms, "s3:PutObject", data+"/sample.bam", nil))
	assert.False(t, allowed(t, perms, "s3:CreateBucket", "arn:aws:s3:::someone-elses-bucket", nil), "only the configured bucket names")
	role := "arn:aws:iam::123456789012:role/igv/igv-identity-authenticated-1"
	assert.False(t, allowed(t, perms, "iam:AttachRolePolicy", role,
		map[string][]string{"iam:PolicyARN": {"arn:aws:iam::aws:policy/AdministratorAccess"}}), "no AdministratorAccess")
	assert.False(t, allowed(t, perms, "iam:PassRole", role, map[string][]string{"iam:PassedToService": {"ec2.amazonaws.com"}}))
	assert.False(t, allowed(t, perms, "iam:CreateRole", "arn:aws:iam::123456789012:role/admin", nil), "only under /igv/")
	boundary := map[string][]string{"iam:PermissionsBoundary": {ciroles.RoleBoundaryARN("123456789012", "igv-aws-backend-ci")}}
	assert.False(t, allowed(t, perms, "iam:CreateRole", role, nil), "no role without the boundary")
	assert.False(t, allowed(t, perms, "iam:CreateRole", role,
		map[string][]string{"iam:PermissionsBoundary": {"arn:aws:iam::aws:policy/AdministratorAccess"}}), "nor with another one")
	assert.True(t, allowed(t, perms, "iam:CreateRole", role, boundary))
	assert.False(t, allowed(t, perms, "iam:PutRolePolicy", "arn:aws:iam::123456789012:role/igv/unbounded", nil),
		"no inline policy for a role without the boundary")
	assert.False(t, allowed(t, perms, "iam:DeleteRolePermissionsBoundary", role, boundary), "the boundary stays")
	assert.False(t, allowed(t, perms, "iam:CreatePolicyVersion",
		ciroles.RoleBoundaryARN("123456789012", "igv-aws-backend-ci"), nil), "nor can the deploy role widen it")
	assert.False(t, allowed(t, perms, "iam:PutRolePolicy", "arn:aws:iam::123456789012:role/ci/igv-aws-backend-ci-deploy", nil),
		"it cannot widen itself")
	assert.False(t, allowed(t, perms, "cognito-idp:DeleteUserPool", "arn:aws:cognito-idp:us-east-1:123456789012:userpool/x", nil))
}

func TestTheConfigBucketNameMatchesWhatTheDeployRoleMayManage(t *testing.T) {
	forEachExample(t, func(t *testing.T, r *synth.Result) {
		ok, err := path.Match(stack.ConfigBucketNamePattern, outputString(t, r, "configBucket"))
		require.NoError(t, err)
		assert.True(t, ok)
		assert.Equal(t, "/igv/", input(only(t, r, typeRole), "path"), "the deploy role manages IAM under /igv/ only")
	})
}

func TestCIRolesReuseAnExistingOIDCProvider(t *testing.T) {
	existing := "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"
	r := ciResult(t, map[string]string{ciroles.KeyOIDCProviderARN: existing})
	assert.Empty(t, ofType(r, typeOIDCProvider), "one provider per account: an existing one is reused")
	for _, kind := range []string{"preview", "deploy"} {
		_, trust, _ := ciRole(t, r, kind)
		assert.Equal(t, policies.Values{existing}, trust.Statement[0].Principal["Federated"])
	}
}

func TestCIOIDCProviderIsGitHubsWithTheSTSAudience(t *testing.T) {
	p := only(t, ciResult(t, nil), typeOIDCProvider)
	assert.Equal(t, "https://token.actions.githubusercontent.com", input(p, "url"))
	assert.Equal(t, []string{"sts.amazonaws.com"}, strs(input(p, "clientIdLists")))
}

func TestCIRolesConfigMistakesAreReportedAtOnce(t *testing.T) {
	r, err := synth.Run(ciroles.Program, withConfig(ciStack(t), map[string]string{
		ciroles.KeyRepository:         "igv-aws-backend",
		ciroles.KeyAccountID:          "1234",
		ciroles.KeyDataBucketPatterns: `["*"]`,
		ciroles.Namespace + ":repo":   "x",
	}))
	var cfgErr *stackconfig.Error
	require.ErrorAs(t, err, &cfgErr)
	assert.Len(t, cfgErr.Problems, 4, "%v", err)
	assert.Empty(t, r.Resources)
	for _, key := range []string{ciroles.KeyRepository, ciroles.KeyAccountID, ciroles.KeyDataBucketPatterns, ciroles.Namespace + ":repo"} {
		assert.Contains(t, err.Error(), key)
	}
}

func TestCIRolesPulumiYamlDeclaresTheSameDefaultsAsTheProgram(t *testing.T) {
	st := minimalStack(t, "../ci-roles")
	assert.Equal(t, ciroles.Namespace, st.Project)
	for key, want := range ciroles.Defaults {
		got := st.Config[key]
		if strings.HasPrefix(want, "[") {
			assert.JSONEq(t, want, got, key)
		} else {
			assert.Equal(t, want, got, key)
		}
	}
}

func TestRoleBoundaryCoversExactlyWhatTheIGVRoleNeeds(t *testing.T) {
	r := ciResult(t, nil)
	boundary := ciBoundary(t, r)
	assert.Equal(t, "/ci/", input(boundary, "path"), "outside /igv/, where the deploy role cannot touch it")
	assert.Equal(t, ciroles.RoleBoundaryARN("123456789012", "igv-aws-backend-ci"), boundary.Outputs["arn"])
	assert.Equal(t, boundary.Outputs["arn"], outputString(t, r, "roleBoundaryArn"))
	doc := policyDoc(t, boundary, "policy")
	// Every statement of every role the stack creates lies within the boundary: the IGV role's in every
	// example stack, and with identity providers the token gate's role's too...
	stacks := map[string]*synth.Result{"federated": federatedExample(t)}
	for _, name := range exampleStacks {
		stacks[name] = example(t, name)
	}
	checked := map[string]bool{}
	for name, st := range stacks {
		for _, role := range ofType(st, typeRole) {
			assert.Equal(t, boundary.Outputs["arn"], input(role, "permissionsBoundary"), "%s: %s carries the boundary", name, role.Name)
		}
		for _, d := range roleDocuments(t, st) {
			for _, s := range d.Statement {
				for _, a := range s.Action {
					for _, res := range s.Resource {
						// The roles decrypt only as S3 reads an SSE-KMS object for them.
						ctx := map[string][]string{"kms:ViaService": {"s3.eu-west-2.amazonaws.com"}}
						assert.True(t, allowed(t, doc, a, res, ctx), "%s: %s on %s", name, a, res)
						checked[a] = true
					}
				}
			}
		}
	}
	for _, a := range []string{"s3:GetObject", "s3:ListBucket", "logs:PutLogEvents", "logs:CreateLogStream", "cognito-idp:ListUserPoolClients"} {
		assert.True(t, checked[a], "%s was among the statements checked", a)
	}
	// ...and nothing else does.
	for _, a := range []string{"s3:PutObject", "s3:DeleteObject", "iam:CreateRole", "iam:PassRole", "sts:AssumeRole", "kms:Encrypt",
		"cognito-identity:GetId", "lambda:InvokeFunction", "logs:CreateLogGroup"} {
		assert.False(t, allowed(t, doc, a, "*", nil), a)
	}
	// A role under the boundary decrypts only through S3, and never reads the state or the logs, whatever
	// its own policies say.
	key := "arn:aws:kms:eu-west-2:123456789012:key/5f0c8a8e-2b8e-4d53-9f6a-0b1d2c3e4f50"
	assert.False(t, allowed(t, doc, "kms:Decrypt", key, nil), "a direct Decrypt call")
	assert.False(t, allowed(t, doc, "kms:Decrypt", key, map[string][]string{"kms:ViaService": {"secretsmanager.eu-west-2.amazonaws.com"}}))
	for _, object := range []string{
		"arn:aws:s3:::genomics-lab-pulumi-state/.pulumi/stacks/igv-aws-backend/prod.json",
		"arn:aws:s3:::igv-audit-logs-98ac0da/AWSLogs/123456789012/CloudTrail/eu-west-2/2026/11/30/x.json.gz",
		"arn:aws:s3:::genomics-lab-access-logs-eu-west-2/s3/genomics-lab-wgs-2026/2026-11-30-06-00-00-0000000000000000",
	} {
		assert.False(t, allowed(t, doc, "s3:GetObject", object, nil), object)
	}
}

// The boundary admits the token gate's own logs and the pool's client names, so it caps every role the
// deploy role creates, the IGV data role included, at that too: never another log group, another region's,
// reading logs, or any other listing of the pools.
func TestTheBoundaryLetsNoRoleWriteOtherLogsOrListOtherThings(t *testing.T) {
	doc := policyDoc(t, ciBoundary(t, ciResult(t, nil)), "policy")
	g := gateOf(t, federatedExample(t))
	can := func(action, resource string) bool { return allowed(t, doc, action, resource, nil) }
	stream := g.logGroup + ":log-stream:2026/11/30/[$LATEST]0123456789abcdef"
	assert.True(t, can("logs:PutLogEvents", stream), "the gate writes its own logs")
	assert.True(t, can("logs:CreateLogStream", stream))
	assert.True(t, can("cognito-idp:ListUserPoolClients", g.pool))
	for _, res := range []string{
		"arn:aws:logs:eu-west-2:123456789012:log-group:/aws/lambda/payroll-export:log-stream:x",
		"arn:aws:logs:eu-west-2:123456789012:log-group:/aws/cloudtrail/organization:log-stream:x",
		strings.Replace(stream, ":eu-west-2:", ":us-east-1:", 1),
		strings.Replace(stream, ":123456789012:", ":111122223333:", 1),
	} {
		assert.False(t, can("logs:PutLogEvents", res), "no other log group: %s", res)
		assert.False(t, can("logs:CreateLogStream", res), res)
	}
	for _, a := range []string{"logs:CreateLogGroup", "logs:DeleteLogGroup", "logs:PutRetentionPolicy", "logs:GetLogEvents",
		"logs:FilterLogEvents", "logs:DescribeLogStreams", "logs:DeleteLogStream"} {
		assert.False(t, can(a, g.logGroup+":*"), "%s: the gate's logs are written, never read or changed", a)
	}
	for _, a := range []string{"ListUsers", "ListUserPools", "ListGroups", "ListIdentityProviders", "DescribeUserPoolClient",
		"DescribeUserPool", "AdminGetUser", "UpdateUserPoolClient"} {
		assert.False(t, can("cognito-idp:"+a, g.pool), "cognito-idp:%s: client names, nothing else of the pool", a)
	}
	assert.False(t, can("cognito-idp:ListUserPoolClients", strings.Replace(g.pool, ":eu-west-2:", ":us-east-1:", 1)), "other regions")
	assert.False(t, can("cognito-idp:ListUserPoolClients", strings.Replace(g.pool, ":123456789012:", ":111122223333:", 1)), "other accounts")
}

// With an SES sender Cognito creates its email service-linked role with the deploy role's permission:
// exactly that role, for that service, and no other service-linked role.
func TestDeployRoleMayCreateOnlyCognitosEmailServiceLinkedRole(t *testing.T) {
	_, _, perms := ciRole(t, ciResult(t, nil), "deploy")
	role := "arn:aws:iam::123456789012:role/aws-service-role/email.cognito-idp.amazonaws.com/AWSServiceRoleForAmazonCognitoIdpEmailService"
	cognitoEmail := map[string][]string{"iam:AWSServiceName": {"email.cognito-idp.amazonaws.com"}}
	assert.True(t, allowed(t, perms, "iam:CreateServiceLinkedRole", role, cognitoEmail))
	assert.False(t, allowed(t, perms, "iam:CreateServiceLinkedRole", role, map[string][]string{"iam:AWSServiceName": {"ec2.amazonaws.com"}}))
	assert.False(t, allowed(t, perms, "iam:CreateServiceLinkedRole",
		"arn:aws:iam::123456789012:role/aws-service-role/elasticloadbalancing.amazonaws.com/AWSServiceRoleForElasticLoadBalancing",
		map[string][]string{"iam:AWSServiceName": {"elasticloadbalancing.amazonaws.com"}}))
	_, _, preview := ciRole(t, ciResult(t, nil), "preview")
	assert.False(t, allowed(t, preview, "iam:CreateServiceLinkedRole", role, cognitoEmail), "the preview role creates nothing")
}

// The deploy role can create exactly the audit trail, its log bucket and its settings, and no more:
// not another trail, not the logs themselves, not the bucket's deletion.
func TestDeployRoleManagesExactlyTheAuditTrailAndItsBucket(t *testing.T) {
	_, _, perms := ciRole(t, ciResult(t, nil), "deploy")
	can := func(action, resource string) bool { return allowed(t, perms, action, resource, nil) }
	trail := "arn:aws:cloudtrail:eu-west-2:123456789012:trail/igv-aws-backend-prod-audit"
	for _, a := range []string{"CreateTrail", "PutEventSelectors", "StartLogging", "UpdateTrail", "AddTags", "DeleteTrail", "GetTrail"} {
		assert.True(t, can("cloudtrail:"+a, trail), a)
		assert.True(t, can("cloudtrail:"+a, trail+"-2"), "%s on the second trail", a)
	}
	assert.False(t, can("cloudtrail:StopLogging", "arn:aws:cloudtrail:eu-west-2:123456789012:trail/organization-trail"),
		"the account's other trails are not the stack's")
	assert.False(t, can("cloudtrail:DeleteTrail", "arn:aws:cloudtrail:us-east-1:123456789012:trail/igv-aws-backend-prod-audit"), "other regions")
	bucket := "arn:aws:s3:::igv-audit-logs-98ac0da"
	for _, a := range []string{"CreateBucket", "PutBucketObjectLockConfiguration", "PutLifecycleConfiguration", "PutBucketPolicy", "PutBucketVersioning"} {
		assert.True(t, can("s3:"+a, bucket), a)
	}
	assert.False(t, can("s3:DeleteBucket", bucket), "the log bucket is retained, never deleted")
	assert.False(t, can("s3:GetObject", bucket+"/AWSLogs/123456789012/CloudTrail/eu-west-2/2026/11/30/x.json.gz"), "no reading the logs")
	assert.False(t, can("s3:DeleteObject", bucket+"/AWSLogs/123456789012/CloudTrail/eu-west-2/2026/11/30/x.json.gz"), "nor deleting them")
	assert.False(t, can("s3:PutBucketObjectLockConfiguration", "arn:aws:s3:::genomics-lab-wgs-2026"), "locks only on the audit bucket")
	assert.False(t, can("s3:BypassGovernanceRetention", bucket))

	_, _, preview := ciRole(t, ciResult(t, nil), "preview")
	assert.True(t, allowed(t, preview, "cloudtrail:GetEventSelectors", trail, nil))
	assert.False(t, allowed(t, preview, "cloudtrail:StopLogging", trail, nil))
}

// ciBoundary is the CI-roles program's permissions boundary policy.
func ciBoundary(t *testing.T, r *synth.Result) synth.Resource {
	t.Helper()
	for _, p := range ofType(r, typePolicy) {
		if p.Name == "igv-ci-role-boundary" {
			return p
		}
	}
	t.Fatal("no igv-ci-role-boundary policy")
	return synth.Resource{}
}

var (
	federatedMu     sync.Mutex
	federatedResult *synth.Result
)

// federatedExample is the prod example with identity providers (federated), which deploys the token gate;
// synthesized once per test binary, and tests must not modify it.
func federatedExample(t *testing.T) *synth.Result {
	t.Helper()
	federatedMu.Lock()
	defer federatedMu.Unlock()
	if federatedResult == nil {
		federatedResult = federated(t, nil)
	}
	return federatedResult
}

// gateARNs are the ARNs of what the stack deploys for the token gate, as the synthesized stack has them.
type gateARNs struct {
	function, logGroup, role, dataRole, pool string
	roleResource                             synth.Resource
}

func gateOf(t *testing.T, r *synth.Result) gateARNs {
	t.Helper()
	g := gateARNs{
		function: only(t, r, typeFunction).Outputs["arn"].(string),
		logGroup: only(t, r, typeLogGroup).Outputs["arn"].(string),
		pool:     only(t, r, typeUserPool).Outputs["arn"].(string),
	}
	for _, role := range ofType(r, typeRole) {
		if strings.HasPrefix(role.Name, "igv-gate") {
			g.role, g.roleResource = role.Outputs["arn"].(string), role
		} else {
			g.dataRole = role.Outputs["arn"].(string)
		}
	}
	require.NotEmpty(t, g.role, "the gate's role")
	require.NotEmpty(t, g.dataRole, "the IGV data role")
	return g
}

// Every call terraform-provider-aws makes to create, read, update and delete the gate's function
// (aws_lambda_function), its invoke permission (aws_lambda_permission) and its log group
// (aws_cloudwatch_log_group).
var (
	gateFunctionActions = []string{
		"CreateFunction", "GetFunction", "ListVersionsByFunction", "GetFunctionCodeSigningConfig", "ListTags",
		"TagResource", "UntagResource", "UpdateFunctionConfiguration", "UpdateFunctionCode", "DeleteFunction",
		"AddPermission", "GetPolicy", "RemovePermission",
	}
	gateLogGroupActions = []string{
		"CreateLogGroup", "PutRetentionPolicy", "TagResource", "UntagResource", "ListTagsForResource", "DeleteLogGroup",
	}
	identityProviderAndGroupActions = []string{
		"CreateIdentityProvider", "DescribeIdentityProvider", "UpdateIdentityProvider", "DeleteIdentityProvider",
		"CreateGroup", "GetGroup", "UpdateGroup", "DeleteGroup",
	}
)

// DescribeLogGroups is authorized on this ARN whatever log group it reads.
const describeLogGroupsARN = "arn:aws:logs:eu-west-2:123456789012:log-group::log-stream:"

func TestTheGatesRoleHasAPathOfItsOwnAndCarriesTheBoundary(t *testing.T) {
	g := gateOf(t, federatedExample(t))
	assert.Equal(t, components.GateRolePath, input(g.roleResource, "path"))
	assert.True(t, strings.HasPrefix(g.role, "arn:aws:iam::123456789012:role/igv/gate/"), g.role)
	assert.False(t, strings.HasPrefix(g.dataRole, "arn:aws:iam::123456789012:role/igv/gate/"), "the IGV data role is not on the gate's path")
	assert.Equal(t, ciroles.RoleBoundaryARN("123456789012", "igv-aws-backend-ci"), input(g.roleResource, "permissionsBoundary"))
}

func TestDeployRoleManagesTheGatesFunctionLogGroupAndRole(t *testing.T) {
	_, _, perms := ciRole(t, ciResult(t, nil), "deploy")
	g := gateOf(t, federatedExample(t))
	can := func(action, resource string, ctx map[string][]string) {
		t.Helper()
		assert.True(t, allowed(t, perms, action, resource, ctx), "%s on %s", action, resource)
	}
	for _, a := range gateFunctionActions {
		if a != "AddPermission" {
			can("lambda:"+a, g.function, nil)
		}
	}
	// The invoke permission it may add names Cognito, and nothing else: not itself, not another account.
	can("lambda:AddPermission", g.function, map[string][]string{"lambda:Principal": {"cognito-idp.amazonaws.com"}})
	for _, principal := range []string{"arn:aws:iam::123456789012:role/ci/igv-aws-backend-ci-deploy", "123456789012", "*", "lambda.amazonaws.com"} {
		assert.False(t, allowed(t, perms, "lambda:AddPermission", g.function, map[string][]string{"lambda:Principal": {principal}}), principal)
	}
	assert.False(t, allowed(t, perms, "lambda:AddPermission", g.function, nil), "without the condition key")
	assert.False(t, allowed(t, perms, "lambda:InvokeFunction", g.function, nil), "it never invokes the gate")
	for _, a := range gateLogGroupActions {
		can("logs:"+a, g.logGroup, nil)
		can("logs:"+a, g.logGroup+":*", nil)
	}
	can("logs:DescribeLogGroups", describeLogGroupsARN, nil)
	bounded := map[string][]string{"iam:PermissionsBoundary": {ciroles.RoleBoundaryARN("123456789012", "igv-aws-backend-ci")}}
	for _, a := range []string{"CreateRole", "PutRolePolicy", "DeleteRolePolicy"} {
		can("iam:"+a, g.role, bounded)
	}
	for _, a := range []string{"GetRole", "GetRolePolicy", "ListRolePolicies", "TagRole", "DeleteRole"} {
		can("iam:"+a, g.role, nil)
	}
	can("iam:PassRole", g.role, map[string][]string{"iam:PassedToService": {"lambda.amazonaws.com"}})
}

func TestDeployRoleCannotTouchOtherFunctionsOrLogGroups(t *testing.T) {
	_, _, perms := ciRole(t, ciResult(t, nil), "deploy")
	g := gateOf(t, federatedExample(t))
	cannot := func(action, resource string) {
		t.Helper()
		assert.False(t, allowed(t, perms, action, resource, nil), "%s on %s", action, resource)
	}
	for _, fn := range []string{
		"arn:aws:lambda:eu-west-2:123456789012:function:payroll-export",
		strings.Replace(g.function, ":eu-west-2:", ":us-east-1:", 1),
		strings.Replace(g.function, ":123456789012:", ":111122223333:", 1),
	} {
		for _, a := range gateFunctionActions {
			cannot("lambda:"+a, fn)
		}
	}
	for _, a := range []string{"InvokeFunction", "PublishVersion", "PutFunctionConcurrency", "CreateFunctionUrlConfig", "CreateEventSourceMapping"} {
		cannot("lambda:"+a, g.function)
	}
	for _, lg := range []string{
		"arn:aws:logs:eu-west-2:123456789012:log-group:/aws/lambda/payroll-export",
		"arn:aws:logs:eu-west-2:123456789012:log-group:/aws/cloudtrail/organization",
		strings.Replace(g.logGroup, ":eu-west-2:", ":us-east-1:", 1),
	} {
		for _, a := range gateLogGroupActions {
			cannot("logs:"+a, lg)
		}
	}
	for _, a := range []string{"GetLogEvents", "FilterLogEvents", "PutLogEvents", "CreateLogStream", "DeleteLogStream", "DeleteRetentionPolicy"} {
		cannot("logs:"+a, g.logGroup+":*")
	}
	cannot("logs:DescribeLogGroups", strings.Replace(describeLogGroupsARN, ":eu-west-2:", ":us-east-1:", 1))
}

func TestDeployRolePassesOnlyTheGatesRoleAndOnlyToLambda(t *testing.T) {
	_, _, perms := ciRole(t, ciResult(t, nil), "deploy")
	g := gateOf(t, federatedExample(t))
	pass := func(role, service string) bool {
		ctx := map[string][]string{"iam:PassedToService": {service}}
		if service == "" {
			ctx = nil
		}
		return allowed(t, perms, "iam:PassRole", role, ctx)
	}
	assert.True(t, pass(g.role, "lambda.amazonaws.com"))
	for _, service := range []string{"ec2.amazonaws.com", "states.amazonaws.com", "edgelambda.amazonaws.com", ""} {
		assert.False(t, pass(g.role, service), "the gate's role to %q", service)
	}
	for _, role := range []string{
		g.dataRole,
		"arn:aws:iam::123456789012:role/igv/igv-other",
		"arn:aws:iam::123456789012:role/admin",
		"arn:aws:iam::123456789012:role/ci/igv-aws-backend-ci-deploy",
		"arn:aws:iam::111122223333:role/igv/gate/igv-gate-role",
	} {
		assert.False(t, pass(role, "lambda.amazonaws.com"), "no other role to Lambda: %s", role)
	}
	assert.True(t, pass(g.dataRole, "cognito-identity.amazonaws.com"), "the IGV data role still goes to Cognito Identity")
}

func TestDeployRoleManagesTheIdentityProvidersAndGroupsOfThisRegionsPools(t *testing.T) {
	_, _, deploy := ciRole(t, ciResult(t, nil), "deploy")
	_, _, preview := ciRole(t, ciResult(t, nil), "preview")
	r := federatedExample(t)
	pool := gateOf(t, r).pool
	require.NotEmpty(t, ofType(r, typeIdentityProvider))
	for _, a := range identityProviderAndGroupActions {
		assert.True(t, allowed(t, deploy, "cognito-idp:"+a, pool, nil), a)
		assert.False(t, allowed(t, deploy, "cognito-idp:"+a, strings.Replace(pool, ":eu-west-2:", ":us-east-1:", 1), nil), "%s: other regions", a)
		assert.False(t, allowed(t, deploy, "cognito-idp:"+a, strings.Replace(pool, ":123456789012:", ":111122223333:", 1), nil), "%s: other accounts", a)
		if readOnly("cognito-idp:" + a) {
			assert.True(t, allowed(t, preview, "cognito-idp:"+a, pool, nil), "the preview role reads %s", a)
		} else {
			assert.False(t, allowed(t, preview, "cognito-idp:"+a, pool, nil), "the preview role may not %s", a)
		}
	}
}

func TestPreviewRoleReadsTheGateButChangesNothing(t *testing.T) {
	_, _, perms := ciRole(t, ciResult(t, nil), "preview")
	g := gateOf(t, federatedExample(t))
	for _, a := range gateFunctionActions {
		assert.Equal(t, readOnly("lambda:"+a), allowed(t, perms, "lambda:"+a, g.function, nil), "lambda:%s", a)
		assert.False(t, allowed(t, perms, "lambda:"+a, "arn:aws:lambda:eu-west-2:123456789012:function:payroll-export", nil),
			"lambda:%s on another function", a)
	}
	for _, a := range gateLogGroupActions {
		assert.Equal(t, readOnly("logs:"+a), allowed(t, perms, "logs:"+a, g.logGroup, nil), "logs:%s", a)
	}
	assert.True(t, allowed(t, perms, "logs:DescribeLogGroups", describeLogGroupsARN, nil))
	assert.False(t, allowed(t, perms, "logs:GetLogEvents", g.logGroup+":*", nil), "no reading the gate's decisions")
	assert.True(t, allowed(t, perms, "iam:GetRole", g.role, nil))
	assert.False(t, allowed(t, perms, "iam:PassRole", g.role, map[string][]string{"iam:PassedToService": {"lambda.amazonaws.com"}}))
	assert.False(t, allowed(t, perms, "lambda:InvokeFunction", g.function, nil))
}

// DescribeLogGroups cannot be limited to the gate's log groups: it is the one statement whose resource
// is every log group of the region (README, Security exceptions).
func TestOnlyDescribeLogGroupsReachesEveryLogGroupOfTheRegion(t *testing.T) {
	r := ciResult(t, nil)
	for _, kind := range []string{"preview", "deploy"} {
		_, _, perms := ciRole(t, r, kind)
		found := false
		for _, s := range perms.Statement {
			for _, res := range s.Resource {
				if strings.HasPrefix(res, "arn:aws:logs:") && !strings.Contains(res, ":log-group:/aws/lambda/igv-gate-") {
					assert.Equal(t, "DescribeLogGroups", s.Sid, "%s: %s", kind, res)
					assert.Equal(t, policies.Values{"logs:DescribeLogGroups"}, s.Action, kind)
					assert.Equal(t, "arn:aws:logs:eu-west-2:123456789012:log-group:*", res, "%s: this account and region only", kind)
					found = true
				}
			}
		}
		assert.True(t, found, kind)
	}
}

// Each CI role's permissions are one inline policy, and IAM takes at most 10,240 characters (whitespace not
// counted) of inline policy per role: the gate's statements must not push the example past it.
func TestTheCIPoliciesFitIAMsInlinePolicyLimit(t *testing.T) {
	r := ciResult(t, nil)
	for _, kind := range []string{"preview", "deploy"} {
		_, _, perms := ciRole(t, r, kind)
		n := len(strings.Join(strings.Fields(perms.MustJSON()), ""))
		assert.Less(t, n, 10240, kind)
	}
}

// Tiers put their members in groups: the deploy role adds and removes memberships in this region's pools,
// the preview role only reads them.
func TestDeployRoleManagesTierMembershipsAndPreviewOnlyReadsThem(t *testing.T) {
	_, _, deploy := ciRole(t, ciResult(t, nil), "deploy")
	_, _, preview := ciRole(t, ciResult(t, nil), "preview")
	r := tiered(t, nil)
	pool := only(t, r, typeUserPool).Outputs["arn"].(string)
	require.NotEmpty(t, ofType(r, typeUserInGroup))
	for _, a := range []string{"AdminAddUserToGroup", "AdminListGroupsForUser", "AdminRemoveUserFromGroup", "CreateGroup", "GetGroup", "DeleteGroup"} {
		assert.True(t, allowed(t, deploy, "cognito-idp:"+a, pool, nil), a)
	}
	assert.True(t, allowed(t, preview, "cognito-idp:AdminListGroupsForUser", pool, nil))
	assert.False(t, allowed(t, preview, "cognito-idp:AdminAddUserToGroup", pool, nil))
	assert.False(t, allowed(t, deploy, "cognito-idp:AdminAddUserToGroup", "arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_x", nil), "other regions")
}
