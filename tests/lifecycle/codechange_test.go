package lifecycle

import (
	"strings"
	"testing"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cognito"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/s3"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"igv-aws-backend/stack"
)

// No config edit can replace a pool or a data bucket (their replacing inputs are fixed by the code, or
// are their resource names). A code change can: these tests make one, by a transformation of the
// stack's program, to show what stands in its way.

// withTransformation is the stack's program with one change to every resource of a type.
func withTransformation(typ string, change func(props pulumi.Input) pulumi.Input) pulumi.RunFunc {
	return func(ctx *pulumi.Context) error {
		if err := ctx.RegisterStackTransformation(func(args *pulumi.ResourceTransformationArgs) *pulumi.ResourceTransformationResult {
			if args.Type != typ {
				return nil
			}
			return &pulumi.ResourceTransformationResult{Props: change(args.Props), Opts: args.Opts}
		}); err != nil {
			return err
		}
		return stack.Run(ctx)
	}
}

// caseSensitiveUsernames is a code change that replaces the user pool (usernameConfiguration is ForceNew).
var caseSensitiveUsernames = withTransformation(typeUserPool, func(p pulumi.Input) pulumi.Input {
	args := p.(*cognito.UserPoolArgs)
	args.UsernameConfiguration = &cognito.UserPoolUsernameConfigurationArgs{CaseSensitive: pulumi.Bool(true)}
	return args
})

func TestACodeChangeThatWouldReplaceAProtectedUserPoolIsRefusedAtPreview(t *testing.T) {
	t.Parallel()
	e := deployed(t, "prod")
	e.withProgram(caseSensitiveUsernames)
	r := e.preview()
	require.Error(t, r.Err)
	assert.Contains(t, strings.Join(r.Diags, "\n"), "protect")
	r = e.up()
	require.Error(t, r.Err)
	assert.Empty(t, e.double.Calls(), "nothing reached AWS")
}

// In dev (protect off) the same change goes through: the pool, its client, domain and users are
// replaced, delete first (the bridge replaces an explicitly named resource delete-first). Dev's users
// are test users; prod keeps protect on.
func TestWithProtectOffACodeChangeCanReplaceTheUserPool(t *testing.T) {
	t.Parallel()
	e := deployed(t, "dev")
	e.withProgram(caseSensitiveUsernames)
	r := e.mustUp()
	assert.Contains(t, r.on(typeUserPool), "replace igv-users")
	assert.Contains(t, r.on(typeUserPool), "delete-replaced igv-users")
	assert.Len(t, e.World().OfType(typeUserPool), 1)
}

// A code change that would replace a data bucket (Object Lock is ForceNew) leaves the existing bucket
// alone: the data buckets ignore changes of their replacing inputs. (Replaced, the explicitly named bucket
// would be deleted first, which retainOnDelete skips, and then fail to be created: out of the state, with
// every later up failing until it was imported again.)
func TestACodeChangeThatWouldReplaceADataBucketLeavesItAlone(t *testing.T) {
	t.Parallel()
	e := deployed(t, "dev")
	bucket := createdBucket(t, e)
	e.withProgram(withTransformation(typeBucket, func(p pulumi.Input) pulumi.Input {
		args := p.(*s3.BucketV2Args)
		args.ObjectLockEnabled = pulumi.Bool(true)
		return args
	}))
	r := e.mustUp()
	assert.Empty(t, r.touched(typeBucket, "igv-data-"+bucket), "the data bucket is neither replaced nor updated")
	assertBucketKeptHardened(t, e, bucket)
	assert.Nil(t, e.World().Bucket(bucket).Inputs["objectLockEnabled"])
}

// developerProvider is a code change that replaces the identity pool (developerProviderName is ForceNew).
var developerProvider = withTransformation(typeIdentityPool, func(p pulumi.Input) pulumi.Input {
	args := p.(*cognito.IdentityPoolArgs)
	args.DeveloperProviderName = pulumi.String("login.genomics-lab.example.org")
	return args
})

func TestACodeChangeThatWouldReplaceAProtectedIdentityPoolIsRefusedAtPreview(t *testing.T) {
	t.Parallel()
	e := deployed(t, "prod")
	e.withProgram(developerProvider)
	r := e.preview()
	require.Error(t, r.Err)
	assert.Contains(t, strings.Join(r.Diags, "\n"), "protect")
}
