// Command igv-aws-backend is the Pulumi program that deploys IGV desktop's AWS backend.
// See README.md; the program itself lives in package stack.
package main

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"igv-aws-backend/stack"
)

func main() {
	pulumi.Run(stack.Run)
}
