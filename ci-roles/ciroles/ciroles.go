package ciroles

import (
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"igv-aws-backend/components"
	"igv-aws-backend/policies"
	"igv-aws-backend/stack"
)

// GitHubCIRolesArgs configures the CI roles of one AWS account.
type GitHubCIRolesArgs struct {
	// PreviewSubjects and DeploySubjects are the OIDC token subjects each role trusts. Required.
	PreviewSubjects []string
	DeploySubjects  []string
	// OIDCProviderARN of an existing GitHub provider. Optional: empty creates the provider.
	OIDCProviderARN string
	// Scope is what the roles may touch. Required.
	Scope policies.CIScope
	// RoleNamePrefix names the roles "<prefix>-preview" and "<prefix>-deploy". Required.
	RoleNamePrefix string
}

// GitHubCIRoles is the GitHub Actions OIDC provider and the preview and deploy roles.
type GitHubCIRoles struct {
	pulumi.ResourceState

	OIDCProviderARN pulumi.StringOutput `pulumi:"oidcProviderArn"`
	PreviewRoleARN  pulumi.StringOutput `pulumi:"previewRoleArn"`
	DeployRoleARN   pulumi.StringOutput `pulumi:"deployRoleArn"`
	// RoleBoundaryARN is the boundary the IGV stack's roles must carry (its roleBoundaryArn).
	RoleBoundaryARN pulumi.StringOutput `pulumi:"roleBoundaryArn"`
}

// RoleBoundaryName names the boundary policy; with the /ci/ path and the account it fixes its ARN,
// which the deploy role's conditions name before the policy exists.
func RoleBoundaryName(prefix string) string { return prefix + "-role-boundary" }

// RoleBoundaryARN is the boundary policy's ARN in an account.
func RoleBoundaryARN(accountID, prefix string) string {
	return fmt.Sprintf("arn:aws:iam::%s:policy/ci/%s", accountID, RoleBoundaryName(prefix))
}

// NewGitHubCIRoles registers the provider (unless given) and the two roles with their policies.
func NewGitHubCIRoles(ctx *pulumi.Context, name string, args *GitHubCIRolesArgs, opts ...pulumi.ResourceOption) (*GitHubCIRoles, error) {
	if args == nil || len(args.PreviewSubjects) == 0 || len(args.DeploySubjects) == 0 || args.RoleNamePrefix == "" {
		return nil, fmt.Errorf("ci roles %s: subjects and RoleNamePrefix are required", name)
	}
	c := &GitHubCIRoles{}
	if err := ctx.RegisterComponentResource("igv:ci:GitHubCIRoles", name, c, opts...); err != nil {
		return nil, err
	}
	parent := pulumi.Parent(c)

	// Kept outside the stack's /igv/ path, so the deploy role cannot change its own ceiling. Its
	// description stays as first deployed, though the boundary now also admits the token gate's logs and
	// client names: IAM cannot change a managed policy's description, so a new text would replace the
	// policy that every bounded role uses (tests/providertruth/iam.go).
	boundary, err := iam.NewPolicy(ctx, name+"-role-boundary", &iam.PolicyArgs{
		Name:        pulumi.String(RoleBoundaryName(args.RoleNamePrefix)),
		Path:        pulumi.String("/ci/"),
		Description: pulumi.String("Permissions boundary of the IGV stack's roles: read-only data access at most"),
		Policy:      pulumi.String(policies.RoleBoundary(args.Scope).MustJSON()),
	}, parent)
	if err != nil {
		return nil, fmt.Errorf("ci roles %s: role boundary: %w", name, err)
	}

	providerARN := pulumi.String(args.OIDCProviderARN).ToStringOutput()
	if args.OIDCProviderARN == "" {
		provider, err := iam.NewOpenIdConnectProvider(ctx, name+"-github", &iam.OpenIdConnectProviderArgs{
			Url:           pulumi.String("https://" + policies.GitHubOIDCHost),
			ClientIdLists: pulumi.ToStringArray([]string{policies.GitHubOIDCAudience}),
		}, parent)
		if err != nil {
			return nil, fmt.Errorf("ci roles %s: OIDC provider: %w", name, err)
		}
		providerARN = provider.Arn
	}

	newRole := func(kind, description string, subjects []string, permissions policies.Document) (*iam.Role, error) {
		trust := providerARN.ApplyT(func(arn string) (string, error) {
			return policies.GitHubOIDCTrust(arn, subjects).JSON()
		}).(pulumi.StringOutput)
		role, err := iam.NewRole(ctx, name+"-"+kind, &iam.RoleArgs{
			Name:               pulumi.String(args.RoleNamePrefix + "-" + kind),
			Path:               pulumi.String("/ci/"),
			Description:        pulumi.String(description),
			MaxSessionDuration: pulumi.Int(3600),
			AssumeRolePolicy:   trust,
		}, parent)
		if err != nil {
			return nil, fmt.Errorf("ci roles %s: %s role: %w", name, kind, err)
		}
		if _, err := iam.NewRolePolicy(ctx, name+"-"+kind+"-permissions", &iam.RolePolicyArgs{
			Role:   role.Name,
			Name:   pulumi.String("permissions"),
			Policy: pulumi.String(permissions.MustJSON()),
		}, parent); err != nil {
			return nil, fmt.Errorf("ci roles %s: %s policy: %w", name, kind, err)
		}
		return role, nil
	}
	preview, err := newRole("preview", "GitHub pull requests: read-only pulumi preview of the IGV stack",
		args.PreviewSubjects, policies.CIPreview(args.Scope))
	if err != nil {
		return nil, err
	}
	deploy, err := newRole("deploy", "GitHub deployment environments: pulumi up of the IGV stack",
		args.DeploySubjects, policies.CIDeploy(args.Scope))
	if err != nil {
		return nil, err
	}

	c.OIDCProviderARN = providerARN
	c.PreviewRoleARN = preview.Arn
	c.DeployRoleARN = deploy.Arn
	c.RoleBoundaryARN = boundary.Arn
	if err := ctx.RegisterResourceOutputs(c, pulumi.Map{
		"oidcProviderArn": c.OIDCProviderARN,
		"previewRoleArn":  c.PreviewRoleARN,
		"deployRoleArn":   c.DeployRoleARN,
		"roleBoundaryArn": c.RoleBoundaryARN,
	}); err != nil {
		return nil, err
	}
	return c, nil
}

// Program builds the CI roles from the stack's configuration and returns the stack outputs.
func Program(ctx *pulumi.Context) (pulumi.Map, error) {
	cfg, err := Load(ctx)
	if err != nil {
		return nil, err
	}
	roles, err := NewGitHubCIRoles(ctx, "igv-ci", &GitHubCIRolesArgs{
		PreviewSubjects: []string{cfg.PreviewSubject()},
		DeploySubjects:  cfg.DeploySubjects(),
		OIDCProviderARN: cfg.OIDCProviderARN,
		RoleNamePrefix:  cfg.RoleNamePrefix,
		Scope: policies.CIScope{
			AccountID:           cfg.AccountID,
			Region:              cfg.Region,
			IAMPath:             components.DefaultRolePath,
			ConfigBucketPattern: stack.ConfigBucketNamePattern,
			AuditBucketPattern:  stack.AuditBucketNamePattern,
			TrailPattern:        stack.AuditTrailNamePattern,
			DataBucketPatterns:  cfg.DataBucketPatterns,
			StateBucket:         cfg.StateBucket,
			AccessLogBucket:     cfg.AccessLogBucket,
			RoleBoundaryARN:     RoleBoundaryARN(cfg.AccountID, cfg.RoleNamePrefix),
			GateRolePath:        components.GateRolePath,
			GateFunctionPattern: components.GateFunctionPrefix + "*",
		},
	})
	if err != nil {
		return nil, err
	}
	return pulumi.Map{
		"oidcProviderArn": roles.OIDCProviderARN,
		"previewRoleArn":  roles.PreviewRoleARN,
		"deployRoleArn":   roles.DeployRoleARN,
		"roleBoundaryArn": roles.RoleBoundaryARN,
	}, nil
}
