package components

import (
	"fmt"
	"slices"
	"strings"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cognito"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// IdentityProvider is an institution's identity provider, as the user pool registers it.
type IdentityProvider struct {
	// Name on the sign-in page, and the provider's id in the pool. Required.
	Name string
	// Type is "SAML", "OIDC" or "Google". Required.
	Type string
	// Details are the provider details the stack sends (MetadataURL, oidc_issuer, client_id, ...), the
	// client secret excepted. Required.
	Details map[string]string
	// ClientSecret of an OIDC or Google app registration; sent as a Pulumi secret. Empty for SAML.
	ClientSecret string
	// AttributeMapping maps pool attributes to the provider's claims; "email" is required.
	AttributeMapping map[string]string
	// IdPIdentifiers route users to the provider by their email domain on the hosted UI. Optional.
	IdPIdentifiers []string
}

// GroupsAttribute is the user pool's custom attribute that carries an identity provider's groups
// claim ("custom:groups" to the API, "groups" in the pool's schema).
const GroupsAttribute = "custom:groups"

// CustomAttributesOf is the pool's custom attributes (schema names): "groups" when a provider maps a
// groups claim, and every attribute a previous deployment created, since Cognito cannot remove one
// (preflight reads them back from the stack output userPoolCustomAttributes). Sorted, so the schema's
// order never shows as a change.
func CustomAttributesOf(idps []IdentityProvider, deployed []string) []string {
	out := slices.Clone(deployed)
	for _, p := range idps {
		if _, ok := p.AttributeMapping[GroupsAttribute]; ok {
			out = append(out, strings.TrimPrefix(GroupsAttribute, "custom:"))
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// FilledProviderDetails are the provider details Cognito adds on read to what the stack sends, per type
// (tests/providertruth/research/cognito-identity-provider.md, section 2). terraform-provider-aws v5.100.0
// stores them and shows their absence from the inputs as a change on every preview, so they are ignored;
// nothing else is, so that a rotated client secret still deploys.
var FilledProviderDetails = map[string][]string{
	"Google": {"attributes_url", "attributes_url_add_attributes", "authorize_url", "oidc_issuer", "token_request_method", "token_url"},
	"OIDC":   {"attributes_url", "attributes_url_add_attributes", "authorize_url", "jwks_uri", "token_url"},
	"SAML":   {"ActiveEncryptionCertificate", "SLORedirectBindingURI", "SSORedirectBindingURI"},
}

// newIdentityProviders registers the providers of a pool and returns their names once each exists, for
// the app client, which Cognito lets name only providers that exist ("The provider X does not exist").
func newIdentityProviders(ctx *pulumi.Context, name string, poolID pulumi.StringInput, idps []IdentityProvider, parent pulumi.ResourceOption) ([]pulumi.StringOutput, error) {
	var names []pulumi.StringOutput
	for _, p := range idps {
		if p.Name == "" || p.Type == "" || len(p.Details) == 0 || p.AttributeMapping["email"] == "" {
			return nil, fmt.Errorf("identity provider %q: Name, Type, Details and an email mapping are required", p.Name)
		}
		details := pulumi.StringMap{}
		for k, v := range p.Details {
			details[k] = pulumi.String(v)
		}
		if p.ClientSecret != "" {
			// The provider does not mark provider details secret; a secret input keeps it secret in state.
			details["client_secret"] = pulumi.ToSecret(pulumi.String(p.ClientSecret)).(pulumi.StringOutput)
		}
		var ignore []string
		for _, k := range FilledProviderDetails[p.Type] {
			if _, set := p.Details[k]; !set {
				ignore = append(ignore, fmt.Sprintf("providerDetails[%q]", k))
			}
		}
		args := &cognito.IdentityProviderArgs{
			UserPoolId:       poolID,
			ProviderName:     pulumi.String(p.Name),
			ProviderType:     pulumi.String(p.Type),
			ProviderDetails:  details,
			AttributeMapping: pulumi.ToStringMap(p.AttributeMapping),
		}
		if len(p.IdPIdentifiers) > 0 {
			args.IdpIdentifiers = pulumi.ToStringArray(p.IdPIdentifiers)
		}
		// The name is the provider's id: a new type under the same name must delete the old one first
		// (DuplicateProviderException otherwise); pulumi-aws does not say so itself.
		idp, err := cognito.NewIdentityProvider(ctx, name+"-idp-"+p.Name, args, parent,
			pulumi.DeleteBeforeReplace(true), pulumi.IgnoreChanges(ignore))
		if err != nil {
			return nil, fmt.Errorf("identity provider %s: %w", p.Name, err)
		}
		names = append(names, idp.ProviderName)
	}
	return names, nil
}

// supportedProviders are the app client's sign-in options: Cognito's own unless single sign-on only,
// then the identity providers in config order.
func supportedProviders(local bool, idps []pulumi.StringOutput) pulumi.StringArrayInput {
	var out pulumi.StringArray
	if local {
		out = append(out, pulumi.String("COGNITO"))
	}
	for _, n := range idps {
		out = append(out, n)
	}
	return out
}

// writeAttributes are what federated sign-in writes to a user: every attribute the providers map must be
// writable by the app client, or Cognito refuses the sign-in. Nil without providers: the client's
// default, as before federation.
func writeAttributes(idps []IdentityProvider) []string {
	var out []string
	for _, p := range idps {
		for attr := range p.AttributeMapping {
			if attr != "username" && !slices.Contains(out, attr) {
				out = append(out, attr)
			}
		}
	}
	slices.Sort(out)
	return out
}
