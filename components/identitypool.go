package components

import (
	"fmt"
	"strconv"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cognito"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"igv-aws-backend/policies"
)

// DefaultRolePath is the IAM path of the stack's role and policies; the CI deploy role may manage
// IAM only under it.
const DefaultRolePath = "/igv/"

// IdentityPoolArgs configures the identity pool that turns a Cognito login into AWS credentials.
type IdentityPoolArgs struct {
	// Name of the identity pool. Required.
	Name string
	// ProviderName of the user pool ("cognito-idp.<region>.amazonaws.com/<pool id>"). Required.
	ProviderName pulumi.StringInput
	// ClientID of the user pool's app client for IGV. Required.
	ClientID pulumi.StringInput
	// Grants are the buckets the authenticated role may read. Required.
	Grants []policies.Grant
	// MaxManagedPolicies the role may carry (its IAM quota). Optional, default 10.
	MaxManagedPolicies int
	// RolePath of the authenticated role. Optional, default "/igv/".
	RolePath string
	// Protect sets Pulumi's protect option on the identity pool: replacing it would give every user a
	// new identity id. Optional, default false.
	Protect bool
	// PermissionsBoundary of the authenticated role. Optional, default none.
	PermissionsBoundary string
	// ListAllBuckets grants s3:ListAllMyBuckets for IGV's Amazon > Load from S3 menu. Optional, default
	// false here; the stack's config defaults it to true. Without it, IGV 3.0 lists the buckets named in
	// its AWS_S3_BUCKETS preference instead.
	ListAllBuckets bool
	// Tags for the pool, the role and its policies. Optional.
	Tags map[string]string
}

// IdentityPool is the Cognito identity pool (classic flow, no guests), its authenticated role with the
// read-only data policies, and the role attachment. No unauthenticated role exists.
type IdentityPool struct {
	pulumi.ResourceState

	IdentityPoolID pulumi.StringOutput `pulumi:"identityPoolId"`
	// RoleARN is the authenticated role's exact ARN, path included, as IGV must name it.
	RoleARN  pulumi.StringOutput `pulumi:"roleArn"`
	RoleName pulumi.StringOutput `pulumi:"roleName"`
}

// NewIdentityPool registers the identity pool, its role and the role's policies.
func NewIdentityPool(ctx *pulumi.Context, name string, args *IdentityPoolArgs, opts ...pulumi.ResourceOption) (*IdentityPool, error) {
	if args == nil || args.Name == "" || args.ProviderName == nil || args.ClientID == nil {
		return nil, fmt.Errorf("identity pool %s: Name, ProviderName and ClientID are required", name)
	}
	maxPolicies := args.MaxManagedPolicies
	if maxPolicies == 0 {
		maxPolicies = policies.DefaultMaxManagedPolicies
	}
	rolePath := args.RolePath
	if rolePath == "" {
		rolePath = DefaultRolePath
	}
	// Pack the data access first: a quota problem must stop the program before anything is registered.
	dataPolicies, err := policies.DataAccess(args.Grants, maxPolicies)
	if err != nil {
		return nil, fmt.Errorf("identity pool %s: %w", name, err)
	}

	c := &IdentityPool{}
	if err := ctx.RegisterComponentResource(typePrefix+"cognito:IdentityPool", name, c, opts...); err != nil {
		return nil, err
	}
	parent := pulumi.Parent(c)

	pool, err := cognito.NewIdentityPool(ctx, name, &cognito.IdentityPoolArgs{
		IdentityPoolName: pulumi.String(args.Name),
		// Guests get nothing: Security Hub Cognito.2, CKV_AWS_366.
		AllowUnauthenticatedIdentities: pulumi.Bool(false),
		// IGV speaks only the classic flow (GetId, GetOpenIdToken, AssumeRoleWithWebIdentity). The
		// trust policy's aud and amr conditions are what keep this safe.
		AllowClassicFlow: pulumi.Bool(true),
		CognitoIdentityProviders: cognito.IdentityPoolCognitoIdentityProviderArray{
			&cognito.IdentityPoolCognitoIdentityProviderArgs{
				ProviderName: args.ProviderName,
				ClientId:     args.ClientID,
				// Tokens of users who signed out or were disabled are refused.
				ServerSideTokenCheck: pulumi.Bool(true),
			},
		},
		Tags: tagMap(args.Tags),
	}, parent, pulumi.Protect(args.Protect))
	if err != nil {
		return nil, fmt.Errorf("identity pool %s: %w", name, err)
	}

	trust := pool.ID().ToStringOutput().ApplyT(func(id string) (string, error) {
		return policies.IdentityPoolTrust(id).JSON()
	}).(pulumi.StringOutput)
	roleArgs := &iam.RoleArgs{
		Path:        pulumi.String(rolePath),
		Description: pulumi.String("IGV desktop users signed in through Cognito: read-only access to the configured buckets"),
		// IGV asks STS for one hour.
		MaxSessionDuration: pulumi.Int(3600),
		AssumeRolePolicy:   trust,
		Tags:               tagMap(args.Tags),
	}
	if args.PermissionsBoundary != "" {
		roleArgs.PermissionsBoundary = pulumi.String(args.PermissionsBoundary)
	}
	role, err := iam.NewRole(ctx, name+"-authenticated", roleArgs, parent)
	if err != nil {
		return nil, fmt.Errorf("identity pool %s: role: %w", name, err)
	}

	if args.ListAllBuckets {
		if _, err := iam.NewRolePolicy(ctx, name+"-list-buckets", &iam.RolePolicyArgs{
			Role:   role.Name,
			Policy: pulumi.String(policies.ListAllBuckets().MustJSON()),
		}, parent); err != nil {
			return nil, fmt.Errorf("identity pool %s: list-buckets policy: %w", name, err)
		}
	}

	for _, dp := range dataPolicies {
		// Named by slot, which depends only on the bucket names: adding a bucket touches one policy.
		slot := name + "-data-" + strconv.Itoa(dp.Slot)
		policy, err := iam.NewPolicy(ctx, slot, &iam.PolicyArgs{
			Path: pulumi.String(rolePath),
			// Fixed text: a changed description would replace the policy.
			Description: pulumi.String(fmt.Sprintf("IGV read-only data access, slot %d", dp.Slot)),
			Policy:      pulumi.String(dp.Document.MustJSON()),
			Tags:        tagMap(args.Tags),
		}, parent)
		if err != nil {
			return nil, fmt.Errorf("identity pool %s: %s: %w", name, slot, err)
		}
		if _, err := iam.NewRolePolicyAttachment(ctx, slot, &iam.RolePolicyAttachmentArgs{
			Role:      role.Name,
			PolicyArn: policy.Arn,
		}, parent); err != nil {
			return nil, fmt.Errorf("identity pool %s: %s attachment: %w", name, slot, err)
		}
	}

	// Only the authenticated role: with no "unauthenticated" key there is no guest role to misuse.
	// An identity pool has one roles configuration, and deleting the attachment clears it: replaced
	// create-first, the old attachment's delete would wipe the new roles. So delete first.
	if _, err := cognito.NewIdentityPoolRoleAttachment(ctx, name+"-roles", &cognito.IdentityPoolRoleAttachmentArgs{
		IdentityPoolId: pool.ID(),
		Roles:          pulumi.StringMap{"authenticated": role.Arn},
	}, parent, pulumi.DeleteBeforeReplace(true)); err != nil {
		return nil, fmt.Errorf("identity pool %s: role attachment: %w", name, err)
	}

	c.IdentityPoolID = pool.ID().ToStringOutput()
	c.RoleARN = role.Arn
	c.RoleName = role.Name
	if err := ctx.RegisterResourceOutputs(c, pulumi.Map{
		"identityPoolId": c.IdentityPoolID,
		"roleArn":        c.RoleARN,
		"roleName":       c.RoleName,
	}); err != nil {
		return nil, err
	}
	return c, nil
}
