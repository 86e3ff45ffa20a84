// Command ci-roles is the Pulumi program an admin runs once per AWS account to create the GitHub OIDC
// provider and the preview and deploy roles of the IGV stack's workflows. See ../README.md, "CI/CD".
package main

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"igv-aws-backend/ci-roles/ciroles"
	"igv-aws-backend/stack"
)

func main() {
	pulumi.Run(stack.Exporting(ciroles.Program))
}
