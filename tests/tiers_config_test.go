package tests

import (
	"strings"
	"testing"

	"igv-aws-backend/stackconfig"
)

// tierMistakes are the tier configurations that would leave a path around the tiers, or a tier nobody
// can use, each refused before anything is registered.
var tierMistakes = []configMistake{
	{"a bucket in no tier", map[string]string{stackconfig.KeySharedBuckets: ""},
		stackconfig.KeyBuckets, "belongs to no tier"},
	{"a tier bucket not in buckets", map[string]string{stackconfig.KeyTiers: `[{"name":"clinical","buckets":["genomics-lab-typo"],"members":["jane.doe@genomics-lab.example.org"]}]`},
		stackconfig.KeyTiers + "[0].buckets", "not a bucket of buckets"},
	{"a member who is not a user", map[string]string{stackconfig.KeyTiers: strings.Replace(twoTiers, "jane.doe@", "john.doe@", 1)},
		stackconfig.KeyTiers + "[0].members", "not the email of one of users"},
	{"identity provider groups without a groups claim", map[string]string{stackconfig.KeyIdentityProviders: entra(`,"emailDomains":["genomics-lab.example.org"]`)},
		stackconfig.KeyTiers + "[1].idpGroups", "no identity provider has a groupsAttribute"},
	{"two tiers of one name", map[string]string{stackconfig.KeyTiers: strings.Replace(twoTiers, `"research"`, `"clinical"`, 1)},
		stackconfig.KeyTiers + "[1].name", "used by two tiers"},
	{"a tier name that is not a key", map[string]string{stackconfig.KeyTiers: strings.Replace(twoTiers, `"research"`, `"Research Data"`, 1)},
		stackconfig.KeyTiers + "[1].name", "not a tier name"},
	{"a tier nobody can enter", map[string]string{stackconfig.KeyTiers: `[{"name":"clinical","buckets":["genomics-lab-clinical-exomes","genomics-lab-wgs-2026"]}]`},
		stackconfig.KeyTiers + "[0].members", "nobody could sign in"},
	{"shared buckets without tiers", map[string]string{stackconfig.KeyTiers: ""},
		stackconfig.KeySharedBuckets, "no tiers"},
	{"an unknown field", map[string]string{stackconfig.KeyTiers: `[{"name":"clinical","bucket":["genomics-lab-clinical-exomes"]}]`},
		stackconfig.KeyTiers, "is not a list"},
	{"a member listed twice", map[string]string{stackconfig.KeyTiers: strings.Replace(twoTiers, `"members":["jane.doe@genomics-lab.example.org"]`, `"members":["jane.doe@genomics-lab.example.org","Jane.Doe@genomics-lab.example.org"]`, 1)},
		stackconfig.KeyTiers + "[0].members", "listed twice"},
	{"a tier name too long for its role's name", map[string]string{stackconfig.KeyTiers: strings.Replace(twoTiers, `"research"`, `"`+strings.Repeat("r", 30)+`"`, 1)},
		stackconfig.KeyTiers + "[1].name", "not a tier name"},
	{"a group value of no named provider when two providers send groups", map[string]string{stackconfig.KeyIdentityProviders: `[` +
		`{"name":"Entra","type":"SAML","metadataUrl":"` + entraMetadata + `","emailAttribute":"` + samlEmail + `","groupsAttribute":"http://schemas.microsoft.com/ws/2008/06/identity/claims/groups","emailDomains":["genomics-lab.example.org"]},` +
		`{"name":"Okta","type":"OIDC","issuer":"https://partner.okta.com","clientId":"0oa1b2c3d4","groupsAttribute":"groups","emailDomains":["partner.example.org"]}]`,
		stackconfig.KeyIdentityProviderSecrets: `{"Okta":"okta-secret"}`},
		stackconfig.KeyTiers + "[1].idpGroups", "PROVIDER:VALUE"},
	{"tiers without an admin contact", map[string]string{stackconfig.KeyAdminContact: "", stackconfig.KeyIdentityProviders: ""},
		stackconfig.KeyAdminContact, "whom to ask"},
}

func TestEachTierMistakeGivesItsErrorAndRegistersNothing(t *testing.T) {
	for _, m := range tierMistakes {
		t.Run(m.name, func(t *testing.T) { refusedBeforeAnythingIsRegistered(t, tieredStack(t, m.changes), m) })
	}
}
