package tests

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"igv-aws-backend/stackconfig"
	"igv-aws-backend/synth"
	"igv-aws-backend/tests/providertruth"
)

// truthStacks are the example stacks plus variations that take every optional branch of the program,
// so that every property the stack can set meets its provider-truth table.
func truthStacks(t *testing.T) map[string]*synth.Result {
	t.Helper()
	prod := exampleStack(t, "prod")
	return map[string]*synth.Result{
		"dev":  example(t, "dev"),
		"prod": example(t, "prod"),
		"prod with a client secret and a custom config domain": run(t, withConfig(prod, map[string]string{
			stackconfig.KeyClientSecret:         "true",
			stackconfig.KeyConfigDomain:         "igv-config.genomics-lab.example.org",
			stackconfig.KeyConfigCertificateARN: "arn:aws:acm:us-east-1:123456789012:certificate/0d1e2f3a-4b5c-4d6e-8f90-a1b2c3d4e5f6",
			stackconfig.KeyThreatProtection:     "AUDIT",
		})),
		"prod with an SES email sender": run(t, withConfig(prod, map[string]string{stackconfig.KeyEmailSender: sesSender})),
		// Two trails, the first full (496 buckets and the management selector); a KMS-encrypted trail.
		"prod with 600 buckets and a KMS-encrypted trail": run(t, withConfig(prod, map[string]string{
			stackconfig.KeyBuckets:            manyBuckets(600),
			stackconfig.KeyMaxManagedPolicies: "20",
			stackconfig.KeyAuditTrail:         `{"enabled": true, "kmsKeyArn": "arn:aws:kms:eu-west-2:123456789012:key/3d2c1b0a-9e8f-4a6b-8c5d-4e3f2a1b0c9d"}`,
		})),
		"prod with an existing audit log bucket": run(t, withConfig(prod, map[string]string{
			stackconfig.KeyAuditTrail: `{"enabled": true, "logBucket": "genomics-lab-cloudtrail"}`,
		})),
		"prod federated through Entra ID (SAML, groups) and Okta (OIDC)": federated(t, nil),
		"consortium: two tiers with Entra ID groups and a shared bucket": example(t, "consortium"),
		"prod with Google only (single sign-on)": run(t, withConfig(prod, map[string]string{
			stackconfig.KeyIdentityProviders:       `[{"name":"Google","type":"Google","clientId":"123-abc.apps.googleusercontent.com","emailDomains":["genomics-lab.example.org"],"idpIdentifiers":["genomics-lab.example.org"]}]`,
			stackconfig.KeyIdentityProviderSecrets: `{"Google":"google-client-secret"}`,
			stackconfig.KeyAdminContact:            "igv-admins@genomics-lab.example.org",
			stackconfig.KeyLocalUsers:              "false",
			stackconfig.KeyUsers:                   "[]",
		})),
	}
}

// plainInputs are a resource's inputs as the provider receives them: secrets unwrapped.
func plainInputs(res synth.Resource) map[string]any {
	m, _ := unsecretDeep(res.Inputs).(map[string]any)
	return m
}

func unsecretDeep(v any) any {
	v = synth.Unsecret(v)
	switch x := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = unsecretDeep(e)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = unsecretDeep(e)
		}
		return out
	}
	return v
}

func TestEveryResourceTypeTheStackRegistersHasAProviderTruthTable(t *testing.T) {
	results := truthStacks(t)
	results["ci-roles-example"] = ciResult(t, nil)
	for name, r := range results {
		for _, res := range r.Resources {
			if !strings.HasPrefix(res.Type, "aws:") {
				continue // components and the stack itself reach no provider
			}
			_, ok := providertruth.Lookup(res.Type)
			assert.True(t, ok, "%s: %s has no provider-truth table", name, res.Type)
		}
	}
}

// TestAWSAcceptsEveryPropertyTheStackSends checks every input of every resource, as the provider would
// send it (members it sends with their block included), against the constraints the AWS API reference
// and the provider's own code put on it. Each violation is an error the first real `pulumi up` would hit.
func TestAWSAcceptsEveryPropertyTheStackSends(t *testing.T) {
	results := truthStacks(t)
	results["ci-roles-example"] = ciResult(t, nil)
	for name, r := range results {
		t.Run(name, func(t *testing.T) {
			for _, res := range r.Resources {
				if !strings.HasPrefix(res.Type, "aws:") {
					continue
				}
				for _, v := range providertruth.Validate(res.Type, plainInputs(res)) {
					t.Errorf("%s: %s", res.Name, v)
				}
			}
		})
	}
}
