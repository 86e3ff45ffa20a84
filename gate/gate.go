// Package gate is the user pool's pre token generation trigger: it decides whether Cognito may issue
// tokens to a user for an app client. With access tiers, each tier has its own app client, identity
// pool and role, and IGV's classic flow lets a token of a tier's client assume only that tier's role; the
// gate makes sure only the tier's members get such a token. With federated sign-in, it also keeps out
// users of an identity provider whose email is outside the provider's allowed domains (Cognito creates a
// federated user on first sign-in whatever the pool's admin-only sign-up says).
//
// Pre token generation runs every time Cognito issues tokens, refreshes included, unlike the pre
// authentication trigger; an error it returns refuses the tokens. The decision itself (Decide) is a
// pure function of the policy and the event, so it is tested on events shaped as Cognito sends them.
package gate

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/aws/aws-lambda-go/events"
)

// Policy is what the gate enforces. The stack renders it into the function's environment (EnvPolicy),
// keyed by app client name, which the stack chooses, so that the function never depends on the clients
// (which depend on the pool, which depends on the function).
type Policy struct {
	// Contact is who users ask for access; every refusal names it, since IGV shows nothing else.
	Contact string `json:"contact"`
	// Clients are the app clients the gate admits, by name; a client not listed is refused.
	Clients map[string]Client `json:"clients"`
	// EmailDomains are, by identity provider name, the email domains its users may have. A provider
	// without an entry admits any domain.
	EmailDomains map[string][]string `json:"emailDomains,omitempty"`
	// GroupsAttribute is the user attribute an identity provider's groups claim is mapped to, such as
	// "custom:groups"; empty when no provider sends groups.
	GroupsAttribute string `json:"groupsAttribute,omitempty"`
	// VerifiedEmails are the identity providers that say whether an email is verified (their claim is
	// mapped to email_verified): their users must have a verified one, or the domain rule means nothing.
	VerifiedEmails []string `json:"verifiedEmails,omitempty"`
}

// Client is one app client: untiered (every user of the pool) or a tier's.
type Client struct {
	// Tier is the tier the client serves; empty for the stack's single untiered client.
	Tier string `json:"tier,omitempty"`
	// Group is the tier's Cognito group: its members may have tokens for the client.
	Group string `json:"group,omitempty"`
	// IdPGroups are, by identity provider name, values of the groups attribute whose holders may have
	// tokens for the client. A value counts only for a user who signed in through that provider: another
	// provider (a partner's) could send the same value, and a user without a provider has no claim at all.
	IdPGroups map[string][]string `json:"idpGroups,omitempty"`
}

// EnvPolicy is the environment variable that carries the policy, as JSON.
const EnvPolicy = "IGV_GATE_POLICY"

// MaxPolicyBytes is what the policy may take of Lambda's 4 KB of environment variables.
const MaxPolicyBytes = 3800

// TriggerSources are the pre token generation sources that issue tokens to a user: every one is gated.
var TriggerSources = []string{
	"TokenGeneration_HostedAuth",
	"TokenGeneration_Authentication",
	"TokenGeneration_NewPasswordChallenge",
	"TokenGeneration_AuthenticateDevice",
	"TokenGeneration_RefreshTokens",
}

// Decision is the gate's answer for one event.
type Decision struct {
	Allow bool
	// Reason says why, for the function's log.
	Reason string
	// Message is what the user sees when refused: it names the tier and the contact.
	Message string
}

// Decide answers whether the user of ev may have tokens for the client named clientName.
func Decide(p Policy, clientName string, ev events.CognitoEventUserPoolsPreTokenGen) Decision {
	// refuse says why to the log (reason) and, without what the log alone should know (such as the
	// allowed domains), to the user (told).
	refuseTelling := func(tier, reason, told string) Decision {
		what := "IGV access"
		if tier != "" {
			what = fmt.Sprintf("IGV access to the %s data", tier)
		}
		return Decision{Reason: reason, Message: fmt.Sprintf("%s is refused: %s. Ask %s.", what, told, p.Contact)}
	}
	refuse := func(tier, reason string) Decision { return refuseTelling(tier, reason, reason) }
	if !slices.Contains(TriggerSources, ev.TriggerSource) {
		return refuse("", fmt.Sprintf("unknown token source %q", ev.TriggerSource))
	}
	client, ok := p.Clients[clientName]
	if !ok || clientName == "" {
		return refuse("", fmt.Sprintf("unknown app client %q", ev.CallerContext.ClientID))
	}
	attrs := ev.Request.UserAttributes
	email := strings.ToLower(attrs["email"])
	if email == "" {
		return refuse(client.Tier, "your account has no email address, which IGV needs")
	}
	signedInThrough, readable := providers(attrs["identities"])
	if !readable {
		// An attribute the gate cannot read must not let a user past the provider rules.
		return refuse(client.Tier, "your account's identity provider cannot be determined")
	}
	for _, provider := range signedInThrough {
		if slices.Contains(p.VerifiedEmails, provider) && attrs["email_verified"] != "true" {
			return refuse(client.Tier, fmt.Sprintf("%s does not say your email address is verified", provider))
		}
		domains := p.EmailDomains[provider]
		if len(domains) == 0 {
			continue
		}
		_, domain, _ := strings.Cut(email, "@")
		if !slices.Contains(domains, domain) {
			return refuseTelling(client.Tier, fmt.Sprintf("%s accounts of %s are not admitted (allowed: %s)", provider, domain, strings.Join(domains, ", ")),
				fmt.Sprintf("%s accounts of %s are not admitted", provider, domain))
		}
	}
	if client.Tier == "" {
		return Decision{Allow: true, Reason: "untiered client"}
	}
	if client.Group != "" && slices.Contains(ev.Request.GroupConfiguration.GroupsToOverride, client.Group) {
		return Decision{Allow: true, Reason: "member of group " + client.Group}
	}
	if p.GroupsAttribute != "" {
		for _, provider := range signedInThrough {
			for _, g := range ParseGroups(attrs[p.GroupsAttribute]) {
				if slices.Contains(client.IdPGroups[provider], g) {
					return Decision{Allow: true, Reason: "identity provider group " + provider + ":" + g}
				}
			}
		}
	}
	return refuse(client.Tier, "you are not a member of the "+client.Tier+" tier")
}

// providers are the identity providers a federated user signed in through, from Cognito's
// "identities" attribute (a JSON array as text); none for a user with a Cognito password. readable is
// false when the attribute is there but cannot be read.
func providers(identities string) (names []string, readable bool) {
	if identities == "" {
		return nil, true
	}
	var ids []struct {
		ProviderName string `json:"providerName"`
	}
	if err := json.Unmarshal([]byte(identities), &ids); err != nil {
		return nil, false
	}
	for _, id := range ids {
		if id.ProviderName == "" {
			return nil, false
		}
		names = append(names, id.ProviderName)
	}
	return names, true
}

// ParseGroups reads a groups attribute as Cognito stores a multi-valued claim: a JSON array as text
// (OIDC), or "[a, b]" without quotes (SAML), or a single value.
func ParseGroups(v string) []string {
	v = strings.TrimSpace(v)
	if v == "" {
		return nil
	}
	var list []string
	if json.Unmarshal([]byte(v), &list) == nil {
		return list
	}
	v = strings.TrimSuffix(strings.TrimPrefix(v, "["), "]")
	var out []string
	for _, g := range strings.Split(v, ",") {
		if g = strings.TrimSpace(g); g != "" {
			out = append(out, g)
		}
	}
	return out
}

// ParsePolicy reads the policy from its environment variable's value.
func ParsePolicy(v string) (Policy, error) {
	var p Policy
	dec := json.NewDecoder(strings.NewReader(v))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&p); err != nil {
		return Policy{}, fmt.Errorf("gate policy %s: %w", EnvPolicy, err)
	}
	if p.Contact == "" || len(p.Clients) == 0 {
		return Policy{}, fmt.Errorf("gate policy %s: needs a contact and at least one client", EnvPolicy)
	}
	return p, nil
}

// Render is the policy as the environment variable's value: compact, keys sorted (encoding/json sorts
// map keys), so the same policy always gives the same text and the function is not updated for nothing.
func (p Policy) Render() (string, error) {
	b, err := json.Marshal(p)
	if err != nil {
		return "", err
	}
	if len(b) > MaxPolicyBytes {
		return "", fmt.Errorf("the gate's policy is %d bytes, more than the %d of Lambda's 4 KB environment it may use", len(b), MaxPolicyBytes)
	}
	return string(b), nil
}
