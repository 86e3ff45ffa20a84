// Package components holds the stack's Pulumi component resources, one per concept: the user pool,
// the identity pool and its role, the data buckets, the CloudFront-hosted config, and the Backend
// that composes them. Each owns its AWS resources, which are parented to it.
package components

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// Token prefix of this project's component types.
const typePrefix = "igv:"

// tagMap converts configured tags to a Pulumi input. A nil or empty map gives no tags property at all,
// so that untagged stacks register no empty maps.
func tagMap(tags map[string]string) pulumi.StringMapInput {
	if len(tags) == 0 {
		return nil
	}
	return pulumi.ToStringMap(tags)
}
