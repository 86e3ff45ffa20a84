// Package stack is the Pulumi program: configuration in, backend built, outputs out. `pulumi up` runs
// it through main.go and the offline synth runs the very same function under the mock engine.
package stack

import (
	"fmt"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"igv-aws-backend/components"
	"igv-aws-backend/preflight"
	"igv-aws-backend/stackconfig"
)

// Stack output names.
const (
	OutputProvisioningURL      = "provisioningUrl"
	OutputProvisioningURLs     = "provisioningUrls"
	OutputHostedUIURL          = "hostedUiUrl"
	OutputUserPoolID           = "userPoolId"
	OutputUserPoolClientID     = "userPoolClientId"
	OutputIdentityPoolID       = "identityPoolId"
	OutputAuthenticatedRoleARN = "authenticatedRoleArn"
	OutputDataBuckets          = "dataBuckets"
	OutputConfigBucket         = "configBucket"
	OutputDistributionID       = "distributionId"
	OutputOAuthConfig          = "oauthConfig"
	OutputInvitedUsers         = preflight.InvitedUsersOutput
	OutputAuditTrailARNs       = "auditTrailArns"
	OutputAuditLogBucket       = "auditLogBucket"
	// OutputIdentityProviderSetup is, by identity provider, what its administrator enters for this pool.
	OutputIdentityProviderSetup = "identityProviderSetup"
	// With tiers, by tier name, instead of the single client's, identity pool's, role's and config's.
	OutputUserPoolClientIDs     = "userPoolClientIds"
	OutputIdentityPoolIDs       = "identityPoolIds"
	OutputAuthenticatedRoleARNs = "authenticatedRoleArns"
	OutputOAuthConfigs          = "oauthConfigs"
)

// BackendName names the backend component; every resource name of the stack starts with it.
const BackendName = "igv"

// ConfigBucketNamePattern matches the config bucket's name: Pulumi auto-names it after the ConfigSite
// ("igv-config") with a random suffix. The CI deploy role may manage buckets of this name.
const ConfigBucketNamePattern = BackendName + "-config-*"

// AuditBucketNamePattern matches the audit log bucket the stack creates (auto-named after the AuditTrail).
const AuditBucketNamePattern = BackendName + "-audit-logs-*"

// AuditTrailNamePattern matches the stack's trails, "<project>-<stack>-audit[-N]", for any stack.
const AuditTrailNamePattern = stackconfig.Namespace + "-*-audit*"

// Program loads and validates the configuration, builds the backend and returns the stack outputs.
// The mock engine discards exports, so the outputs are returned for the caller to export or record.
func Program(ctx *pulumi.Context) (pulumi.Map, error) {
	cfg, err := stackconfig.Load(ctx)
	if err != nil {
		return nil, err
	}
	// The gate's policy travels in its environment, which Lambda caps: too many tiers, groups or
	// domains are a configuration error, before anything is registered.
	if cfg.Gated() {
		if _, err := components.GatePolicy(cfg).Render(); err != nil {
			key := stackconfig.KeyIdentityProviders
			if cfg.Tiered() {
				key = stackconfig.KeyTiers
			}
			return nil, &stackconfig.Error{Stack: cfg.Stack, Problems: []stackconfig.Problem{{Key: key,
				Value: fmt.Sprintf("%d tiers, %d identity providers", len(cfg.Tiers), len(cfg.IdentityProviders)), Why: err.Error(),
				Fix: "list fewer idpGroups (Entra ID group object ids are 36 characters each) or email domains, or split the tiers across stacks"}}}
		}
	}
	found, err := preflight.Check(ctx, cfg, logSources(cfg))
	if err != nil {
		return nil, err
	}
	var tracker components.ResourceTracker
	b, err := components.NewBackend(ctx, BackendName, &components.BackendArgs{
		Config: cfg, DeployedCustomAttributes: found.DeployedCustomAttributes,
	}, tracker.Option())
	if err != nil {
		return nil, err
	}
	if _, err := components.NewDestroyGuard(ctx, BackendName+"-destroy-guard", tracker.Resources(), cfg.Protect); err != nil {
		return nil, err
	}
	outputs := pulumi.Map{
		OutputProvisioningURLs: b.ConfigSite.ProvisioningURLs,
		OutputHostedUIURL:      b.HostedUIURL,
		OutputUserPoolID:       b.UserPool.UserPoolID,
		OutputDataBuckets:      b.DataBuckets.BucketNames,
		OutputConfigBucket:     b.ConfigSite.BucketName,
		OutputDistributionID:   b.ConfigSite.DistributionID,
		OutputInvitedUsers: b.UserPool.CreatedUsers.ApplyT(func(emails []string) []string {
			return preflight.Record(emails)
		}).(pulumi.StringArrayOutput),
	}
	if !cfg.Tiered() {
		outputs[OutputProvisioningURL] = b.ConfigSite.ProvisioningURL
		outputs[OutputUserPoolClientID] = b.UserPool.ClientID
		outputs[OutputIdentityPoolID] = b.IdentityPool.IdentityPoolID
		outputs[OutputAuthenticatedRoleARN] = b.IdentityPool.RoleARN
		outputs[OutputOAuthConfig] = b.OAuthConfig
	} else {
		// No untiered URL, client, pool or role exists: every output names its tier.
		clients, pools, roles, configs := pulumi.StringMap{}, pulumi.StringMap{}, pulumi.StringMap{}, pulumi.StringMap{}
		for _, t := range cfg.Tiers {
			clients[t.Name] = b.UserPool.TierClients[t.Name].ID
			pools[t.Name] = b.TierIdentityPools[t.Name].IdentityPoolID
			roles[t.Name] = b.TierIdentityPools[t.Name].RoleARN
			configs[t.Name] = b.TierOAuthConfigs[t.Name]
		}
		outputs[OutputUserPoolClientIDs] = clients
		outputs[OutputIdentityPoolIDs] = pools
		outputs[OutputAuthenticatedRoleARNs] = roles
		outputs[OutputOAuthConfigs] = configs
	}
	if len(b.CustomAttributes) > 0 {
		outputs[preflight.CustomAttributesOutput] = pulumi.ToStringArray(b.CustomAttributes)
	}
	if len(cfg.IdentityProviders) > 0 {
		idps, err := components.IdentityProvidersOf(cfg)
		if err != nil {
			return nil, err
		}
		outputs[OutputIdentityProviderSetup] = pulumi.All(b.UserPool.UserPoolID, b.UserPool.HostedUIDomain).ApplyT(func(v []any) (map[string]any, error) {
			out := map[string]any{}
			for name, s := range components.Setup(idps, v[0].(string), v[1].(string)) {
				entry := map[string]any{"type": s.Type}
				for k, v := range map[string]string{"acsUrl": s.ACSURL, "entityId": s.EntityID, "redirectUri": s.RedirectURI} {
					if v != "" {
						entry[k] = v
					}
				}
				out[name] = entry
			}
			return out, nil
		}).(pulumi.MapOutput)
	}
	if a := b.AuditTrail; a != nil {
		outputs[OutputAuditTrailARNs] = a.TrailARNs
		outputs[OutputAuditLogBucket] = a.LogBucket
		if preflight.AuditLock(cfg) != "" {
			outputs[preflight.AuditLockOutput] = a.Lock
		}
	}
	return outputs, nil
}

// logSources are the buckets that send server access logs: the created data buckets and the config
// bucket (auto-named, so a pattern).
func logSources(cfg *stackconfig.Config) []string {
	sources := []string{ConfigBucketNamePattern}
	if a := cfg.AuditTrail; a != nil && a.LogBucket == "" {
		sources = append(sources, AuditBucketNamePattern)
	}
	for _, b := range cfg.Buckets {
		if b.Create {
			sources = append(sources, b.Name)
		}
	}
	return sources
}

// Run is Program with its outputs exported: the entry point for the Pulumi engine.
var Run = Exporting(Program)

// Exporting turns a program that returns its stack outputs into one that exports them.
func Exporting(program func(*pulumi.Context) (pulumi.Map, error)) pulumi.RunFunc {
	return func(ctx *pulumi.Context) error {
		outputs, err := program(ctx)
		if err != nil {
			return err
		}
		for name, value := range outputs {
			ctx.Export(name, value)
		}
		return nil
	}
}
