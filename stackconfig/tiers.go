package stackconfig

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"igv-aws-backend/policies"
)

// Tier is a project or cohort whose data must not mix with another's: its own app client, identity
// pool, role and provisioning URL, open only to its members.
type Tier struct {
	// Name is the tier's stable key: it names the tier's resources, its Cognito group and its config
	// object's folder. Renaming a tier replaces all of them.
	Name string `json:"name"`
	// Buckets are names from buckets the tier's role may read (the stack's sharedBuckets come with them).
	Buckets []string `json:"buckets"`
	// Members are emails of users, put in the tier's Cognito group.
	Members []string `json:"members,omitempty"`
	// IdPGroups are values of an identity provider's groups claim whose holders belong to the tier, as
	// the provider sends them; "PROVIDER:VALUE" names the provider, which is required when more than one
	// provider has a groupsAttribute (a value counts only from its own provider).
	IdPGroups []string `json:"idpGroups,omitempty"`
}

// MaxTierName keeps a tier's derived names within AWS's limits. The tightest is its role's: pulumi-aws
// names it "igv-identity-<tier>-authenticated-<7 hex>", and IAM role names take 64 characters.
const MaxTierName = 64 - len("igv-identity--authenticated-") - 7

var tierNamePattern = regexp.MustCompile(`^[a-z0-9]([a-z0-9-]*[a-z0-9])?$`)

// Tiered tells whether the stack splits its data into tiers.
func (c *Config) Tiered() bool { return len(c.Tiers) > 0 }

// TierGrants are the read grants of a tier's role: its buckets and the shared ones, in the order of
// buckets (so that moving a bucket between tiers changes only the two tiers' policies).
func (c *Config) TierGrants(t Tier) []policies.Grant {
	var out []policies.Grant
	for _, g := range c.Grants() {
		if slices.Contains(t.Buckets, g.Bucket) || slices.Contains(c.SharedBuckets, g.Bucket) {
			out = append(out, g)
		}
	}
	return out
}

// TierIdPGroups are a tier's idpGroups by provider name: "PROVIDER:VALUE" names its provider; a plain
// value belongs to the one provider with a groupsAttribute. Call it on a validated config.
func (c *Config) TierIdPGroups(t Tier) map[string][]string {
	out := map[string][]string{}
	senders := groupSenders(c.IdentityProviders)
	for _, g := range t.IdPGroups {
		provider, value := splitIdPGroup(g, senders)
		if provider == "" && len(senders) == 1 {
			provider = senders[0]
		}
		out[provider] = append(out[provider], value)
	}
	return out
}

// groupSenders are the providers that map a groups claim.
func groupSenders(idps []IdentityProvider) []string {
	var out []string
	for _, p := range idps {
		if p.GroupsAttribute != "" {
			out = append(out, p.Name)
		}
	}
	return out
}

// splitIdPGroup reads "PROVIDER:VALUE" when PROVIDER is one of senders; otherwise the whole is a value
// (Entra ID object ids and most group names have no colon, but a name may).
func splitIdPGroup(g string, senders []string) (provider, value string) {
	if p, v, ok := strings.Cut(g, ":"); ok && slices.Contains(senders, p) {
		return p, v
	}
	return "", g
}

// parseTiers reads tiers and sharedBuckets and checks them against buckets, users and the identity
// providers, which must be parsed first.
func parseTiers(tiersJSON, sharedJSON string, c *Config, ps *problems) {
	if sharedJSON != "" && sharedJSON != "[]" {
		if err := decodeStrict(sharedJSON, &c.SharedBuckets); err != nil {
			ps.add(KeySharedBuckets, sharedJSON, "is not a list of bucket names", "write it as [\"bucket-a\", \"bucket-b\"]")
		}
	}
	if tiersJSON != "" && tiersJSON != "[]" {
		if err := decodeStrict(tiersJSON, &c.Tiers); err != nil {
			ps.add(KeyTiers, tiersJSON, "is not a list of {name, buckets, members, idpGroups}: "+err.Error(),
				"write each tier as an object with the keys the README's Access tiers section lists")
			return
		}
	}
	configured := map[string]bool{}
	for _, b := range c.Buckets {
		configured[b.Name] = true
	}
	if !c.Tiered() {
		if len(c.SharedBuckets) > 0 {
			ps.add(KeySharedBuckets, fmt.Sprint(c.SharedBuckets), "is set, but there are no tiers to share the buckets", "remove it, or add tiers")
		}
		return
	}
	for _, b := range c.SharedBuckets {
		if !configured[b] {
			ps.add(KeySharedBuckets, quote(b), "is not a bucket of buckets", "add it to buckets first, or fix the name")
		}
	}
	users := map[string]bool{}
	for _, u := range c.Users {
		users[strings.ToLower(u.Email)] = true
	}
	senders := groupSenders(c.IdentityProviders)
	inTier := map[string]bool{}
	names := map[string]bool{}
	for i := range c.Tiers {
		t := &c.Tiers[i]
		at := func(field string) string { return fmt.Sprintf("%s[%d].%s", KeyTiers, i, field) }
		switch {
		case !tierNamePattern.MatchString(t.Name) || len(t.Name) > MaxTierName:
			ps.add(at("name"), quote(t.Name), fmt.Sprintf("is not a tier name: 1 to %d lower-case letters, digits and inner hyphens", MaxTierName),
				"name the project or cohort, e.g. clinical or consortium-a; the name is the tier's key and never changes")
		case names[t.Name]:
			ps.add(at("name"), quote(t.Name), "is used by two tiers", "give each tier its own name")
		}
		names[t.Name] = true
		if n := len(c.ResourcePrefix()) + 1 + len(t.Name); n > MaxResourcePrefix {
			ps.add(at("name"), quote(t.Name), fmt.Sprintf("makes the tier's identity pool name %d characters; Cognito takes %d", n, MaxResourcePrefix),
				"use a shorter tier name")
		}
		if len(t.Buckets) == 0 && len(c.SharedBuckets) == 0 {
			ps.add(at("buckets"), "[]", "grant nothing: the tier would have no data", "list the tier's buckets")
		}
		for _, b := range t.Buckets {
			inTier[b] = true
			if !configured[b] {
				ps.add(at("buckets"), quote(b), "is not a bucket of buckets", "add it to buckets first, or fix the name")
			}
		}
		seen := map[string]bool{}
		for j, m := range t.Members {
			t.Members[j] = strings.ToLower(m)
			switch {
			case !users[t.Members[j]]:
				ps.add(at("members"), quote(m), "is not the email of one of users", "add the user to users first (members are Cognito users), or fix the address")
			case seen[t.Members[j]]:
				ps.add(at("members"), quote(m), "is listed twice (emails are compared in lower case)", "list each member once")
			}
			seen[t.Members[j]] = true
		}
		if len(t.IdPGroups) > 0 && len(senders) == 0 {
			ps.add(at("idpGroups"), fmt.Sprint(t.IdPGroups), "cannot match: no identity provider has a groupsAttribute", "set groupsAttribute on the provider that sends the groups claim")
		}
		for _, g := range t.IdPGroups {
			provider, value := splitIdPGroup(g, senders)
			switch {
			case value == "" || strings.Contains(value, ","):
				ps.add(at("idpGroups"), quote(g), "is not one group value (empty, or holding a comma, which separates the claim's values)", "give each group as the provider sends it")
			case provider == "" && len(senders) > 1:
				ps.add(at("idpGroups"), quote(g), fmt.Sprintf("does not say which provider sends it, and %s all send groups: a value counts only from its own provider", strings.Join(senders, ", ")),
					fmt.Sprintf("write it as PROVIDER:VALUE, e.g. %q", senders[0]+":"+g))
			}
		}
		if len(t.Members) == 0 && len(t.IdPGroups) == 0 {
			ps.add(at("members"), "[]", "and idpGroups are both empty: nobody could sign in to the tier", "list its members' emails, or the identity provider groups that admit them")
		}
	}
	for _, b := range c.Buckets {
		if !inTier[b.Name] && !slices.Contains(c.SharedBuckets, b.Name) {
			ps.add(KeyBuckets, quote(b.Name), "belongs to no tier: with tiers, every bucket is read only through a tier",
				fmt.Sprintf("list it in a tier's buckets, or in %s for every tier", KeySharedBuckets))
		}
	}
}
