// Command buildfloor is the build-cost floor of the stack: a Pulumi program that imports only the
// Pulumi SDK and the four pulumi-aws packages the stack uses, and registers one resource of each so
// the linker keeps them. tests/buildcost.sh builds it and the real program the same way; the real
// program must stay within 10% of this floor (README, "Measured cost").
package main

import (
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudfront"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cognito"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/s3"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		if _, err := cognito.NewUserPool(ctx, "pool", nil); err != nil {
			return err
		}
		if _, err := iam.NewRole(ctx, "role", &iam.RoleArgs{AssumeRolePolicy: pulumi.String("{}")}); err != nil {
			return err
		}
		if _, err := s3.NewBucketV2(ctx, "bucket", nil); err != nil {
			return err
		}
		_, err := cloudfront.NewOriginAccessControl(ctx, "oac", &cloudfront.OriginAccessControlArgs{
			OriginAccessControlOriginType: pulumi.String("s3"),
			SigningBehavior:               pulumi.String("always"),
			SigningProtocol:               pulumi.String("sigv4"),
		})
		return err
	})
}
