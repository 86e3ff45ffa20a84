package preflight

import (
	"fmt"
	"slices"
	"strings"

	"igv-aws-backend/stackconfig"
)

// CustomAttributesOutput records the user pool's custom attributes (schema names, e.g. ["groups"]):
// Cognito adds a custom attribute but never removes one, and terraform-provider-aws fails the update
// that tries ("cannot modify or remove schema items", hashicorp/terraform-provider-aws#21654), so the
// next deployment must keep every one of them.
const CustomAttributesOutput = "userPoolCustomAttributes"

// Findings are what the stack's last deployment tells the program, beyond problems.
type Findings struct {
	// DeployedCustomAttributes are the user pool's custom attributes the last deployment recorded.
	DeployedCustomAttributes []string
}

// deployedCustomAttributes reads CustomAttributesOutput of the last deployment. It warns when the
// configuration no longer maps one of them: the attribute stays in the pool, unused.
func deployedCustomAttributes(cfg *stackconfig.Config, last *lastDeployment) ([]string, []stackconfig.Problem) {
	value, err := last.value(CustomAttributesOutput)
	if err != nil {
		return nil, []stackconfig.Problem{{Key: stackconfig.KeyIdentityProviders,
			Why: "the stack's previous deployment cannot be read to keep the user pool's custom attributes: " + firstLine(err),
			Fix: "check access to the Pulumi backend; the stack reads its own outputs"}}
	}
	list, _ := value.([]any)
	var deployed []string
	for _, v := range list {
		if s, ok := v.(string); ok {
			deployed = append(deployed, s)
		}
	}
	slices.Sort(deployed)
	var unused []string
	for _, name := range deployed {
		if name == "groups" && !slices.ContainsFunc(cfg.IdentityProviders, func(p stackconfig.IdentityProvider) bool { return p.GroupsAttribute != "" }) {
			unused = append(unused, "custom:"+name)
		}
	}
	if len(unused) > 0 {
		last.ctx.Log.Warn(fmt.Sprintf("no identity provider maps %s any more; the user pool keeps the attribute, "+
			"since Cognito cannot remove a custom attribute, and users keep the values their last sign-in wrote", strings.Join(unused, ", ")), nil)
	}
	return deployed, nil
}
