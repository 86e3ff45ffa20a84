package components

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/lambda"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"igv-aws-backend/gate"
	"igv-aws-backend/lambdazip"
	"igv-aws-backend/policies"
)

// GatePackage is the gate's main package, which lambdazip builds into the function's code.
const GatePackage = "igv-aws-backend/gate/function"

// GateRolePath is the IAM path of the gate's execution role: under the stack's path, so that the CI deploy
// role manages it like the stack's other roles, and a path of its own, so that the deploy role may pass
// this role, and no other, to Lambda (policies.CIDeploy, PassGateRoleToLambda).
const GateRolePath = DefaultRolePath + "gate/"

// GateArgs configure the token gate.
type GateArgs struct {
	// FunctionName of the Lambda function, fixed so that its log group can be named before it. Required.
	FunctionName string
	// Policy the gate enforces. Required.
	Policy gate.Policy
	// LogRetentionDays of the gate's log group. Required.
	LogRetentionDays int
	// PermissionsBoundary of the gate's role. Optional.
	PermissionsBoundary string
	// Tags for the function, its role and its log group. Optional.
	Tags map[string]string
}

// Gate is the user pool's pre token generation trigger: a Go Lambda function built from gate/function,
// its execution role and its log group. AttachTo grants it to a pool once the pool exists: the pool
// needs the function's ARN first, so the function cannot depend on the pool.
type Gate struct {
	pulumi.ResourceState

	FunctionARN pulumi.StringOutput `pulumi:"functionArn"`
	RoleName    pulumi.StringOutput `pulumi:"roleName"`

	name   string
	parent pulumi.ResourceOption
	fn     *lambda.Function
}

// NewGate builds the function's package (reproducibly: the same source gives the same bytes, so an
// unchanged gate is never redeployed) and registers the function, its role and its log group.
func NewGate(ctx *pulumi.Context, name string, args *GateArgs, opts ...pulumi.ResourceOption) (*Gate, error) {
	if args == nil || args.FunctionName == "" || args.LogRetentionDays == 0 {
		return nil, fmt.Errorf("gate %s: FunctionName, Policy and LogRetentionDays are required", name)
	}
	policy, err := args.Policy.Render()
	if err != nil {
		return nil, fmt.Errorf("gate %s: %w", name, err)
	}
	zip, err := lambdazip.Cached(context.Background(), ".", GatePackage)
	if err != nil {
		return nil, fmt.Errorf("gate %s: %w", name, err)
	}
	sum := sha256.Sum256(zip)
	zipPath, err := writePackage(zip, hex.EncodeToString(sum[:8]))
	if err != nil {
		return nil, fmt.Errorf("gate %s: %w", name, err)
	}

	g := &Gate{name: name}
	if err := ctx.RegisterComponentResource(typePrefix+"cognito:Gate", name, g, opts...); err != nil {
		return nil, err
	}
	g.parent = pulumi.Parent(g)

	roleArgs := &iam.RoleArgs{
		Path:             pulumi.String(GateRolePath),
		Description:      pulumi.String("IGV token gate: decides who may have tokens for which app client"),
		AssumeRolePolicy: pulumi.String(policies.LambdaTrust().MustJSON()),
		Tags:             tagMap(args.Tags),
	}
	if args.PermissionsBoundary != "" {
		roleArgs.PermissionsBoundary = pulumi.String(args.PermissionsBoundary)
	}
	role, err := iam.NewRole(ctx, name+"-role", roleArgs, g.parent)
	if err != nil {
		return nil, fmt.Errorf("gate %s: role: %w", name, err)
	}
	// Lambda would create /aws/lambda/NAME on its first run, without retention; the stack creates it first.
	logs, err := cloudwatch.NewLogGroup(ctx, name+"-logs", &cloudwatch.LogGroupArgs{
		Name:            pulumi.String(policies.LambdaLogGroupPrefix + args.FunctionName),
		RetentionInDays: pulumi.Int(args.LogRetentionDays),
		Tags:            tagMap(args.Tags),
	}, g.parent)
	if err != nil {
		return nil, fmt.Errorf("gate %s: log group: %w", name, err)
	}
	logPolicy, err := iam.NewRolePolicy(ctx, name+"-logs", &iam.RolePolicyArgs{
		Role: role.Name,
		Policy: logs.Arn.ApplyT(func(arn string) (string, error) {
			return policies.GateLogs(arn).JSON()
		}).(pulumi.StringOutput),
	}, g.parent)
	if err != nil {
		return nil, fmt.Errorf("gate %s: log policy: %w", name, err)
	}
	fn, err := lambda.NewFunction(ctx, name, &lambda.FunctionArgs{
		Name:           pulumi.String(args.FunctionName),
		Description:    pulumi.String("IGV token gate: the user pool's pre token generation trigger"),
		Role:           role.Arn,
		Runtime:        pulumi.String(lambdazip.Runtime),
		Handler:        pulumi.String(lambdazip.Handler),
		Architectures:  pulumi.ToStringArray([]string{lambdazip.Architecture}),
		Code:           pulumi.NewFileArchive(zipPath),
		SourceCodeHash: pulumi.String(base64.StdEncoding.EncodeToString(sum[:])),
		// Cognito waits 5 seconds for a trigger, whatever the function's own timeout.
		Timeout:    pulumi.Int(5),
		MemorySize: pulumi.Int(128),
		Environment: &lambda.FunctionEnvironmentArgs{
			Variables: pulumi.StringMap{gate.EnvPolicy: pulumi.String(policy)},
		},
		LoggingConfig: &lambda.FunctionLoggingConfigArgs{
			LogGroup:  logs.Name,
			LogFormat: pulumi.String("JSON"),
		},
		Tags: tagMap(args.Tags),
	}, g.parent, pulumi.DependsOn([]pulumi.Resource{logPolicy}))
	if err != nil {
		return nil, fmt.Errorf("gate %s: function: %w", name, err)
	}
	g.fn, g.FunctionARN, g.RoleName = fn, fn.Arn, role.Name
	if err := ctx.RegisterResourceOutputs(g, pulumi.Map{"functionArn": g.FunctionARN, "roleName": g.RoleName}); err != nil {
		return nil, err
	}
	return g, nil
}

// AttachTo lets the pool invoke the gate (and nothing else invoke it), and the gate list the pool's
// app clients. Call it once the pool exists.
func (g *Gate) AttachTo(ctx *pulumi.Context, userPoolARN pulumi.StringOutput) error {
	if _, err := iam.NewRolePolicy(ctx, g.name+"-list-clients", &iam.RolePolicyArgs{
		Role: g.RoleName,
		Policy: userPoolARN.ApplyT(func(arn string) (string, error) {
			return policies.ListPoolClients(arn).JSON()
		}).(pulumi.StringOutput),
	}, g.parent); err != nil {
		return fmt.Errorf("gate %s: list-clients policy: %w", g.name, err)
	}
	if _, err := lambda.NewPermission(ctx, g.name+"-invoke", &lambda.PermissionArgs{
		Action:    pulumi.String("lambda:InvokeFunction"),
		Function:  g.fn.Name,
		Principal: pulumi.String(policies.CognitoIDPService),
		SourceArn: userPoolARN,
	}, g.parent); err != nil {
		return fmt.Errorf("gate %s: invoke permission: %w", g.name, err)
	}
	return nil
}

// writePackage writes the function's package where Pulumi reads it when it uploads the code: named by
// its content (the same path for the same code, run after run), in the user's own cache directory (not
// a shared temporary directory, where another user could put other code under the name), written
// whole under a temporary name and renamed, so that a concurrent run never reads half a file.
func writePackage(zip []byte, hash string) (string, error) {
	base, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("no private directory for the function's package: %w", err)
	}
	dir := filepath.Join(base, "igv-aws-backend", "gate")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", err
	}
	tmp, err := os.CreateTemp(dir, "package-*.zip")
	if err != nil {
		return "", err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(zip); err != nil {
		tmp.Close()
		return "", err
	}
	if err := tmp.Close(); err != nil {
		return "", err
	}
	path := filepath.Join(dir, hash+".zip")
	return path, os.Rename(tmp.Name(), path)
}
