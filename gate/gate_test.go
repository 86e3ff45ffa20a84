package gate

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-sdk-go-v2/aws"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	poolID        = "eu-west-2_f8KQ3W8c2"
	clinicalID    = "1clinical0000000000000000a"
	researchID    = "2research0000000000000000b"
	untieredID    = "3desktop00000000000000000c"
	contact       = "igv-admins@genomics-lab.example.org"
	entraIdentity = `[{"userId":"a1b2","providerName":"Entra","providerType":"SAML","issuer":"https://sts.windows.net/x/","primary":"true","dateCreated":"1700000000000"}]`
)

// policy is two tiers behind Entra ID, whose users must have lab addresses.
var policy = Policy{
	Contact: contact,
	Clients: map[string]Client{
		"igv-tier-clinical": {Tier: "clinical", Group: "igv-clinical", IdPGroups: map[string][]string{"Entra": {"9f3c-clinical-staff"}}},
		"igv-tier-research": {Tier: "research", Group: "igv-research", IdPGroups: map[string][]string{"Entra": {"research"}, "Okta": {"wgs-consortium"}}},
	},
	EmailDomains:    map[string][]string{"Entra": {"genomics-lab.example.org"}},
	GroupsAttribute: "custom:groups",
}

var names = staticNames{clinicalID: "igv-tier-clinical", researchID: "igv-tier-research", untieredID: "igv-desktop"}

type staticNames map[string]string

func (s staticNames) Name(_ context.Context, _, id string) (string, error) { return s[id], nil }

// event is a pre token generation event (version 1) as Cognito documents it, decoded from its JSON.
func event(t *testing.T, source, clientID, email string, groups []string, extra map[string]string) events.CognitoEventUserPoolsPreTokenGen {
	t.Helper()
	attrs := map[string]string{"sub": "7d8e", "email": email, "email_verified": "true", "cognito:user_status": "CONFIRMED"}
	for k, v := range extra {
		attrs[k] = v
	}
	if groups == nil {
		groups = []string{}
	}
	doc := map[string]any{
		"version": "1", "triggerSource": source, "region": "eu-west-2", "userPoolId": poolID, "userName": "7d8e",
		"callerContext": map[string]any{"awsSdkVersion": "aws-sdk-unknown-unknown", "clientId": clientID},
		"request": map[string]any{
			"userAttributes":     attrs,
			"groupConfiguration": map[string]any{"groupsToOverride": groups, "iamRolesToOverride": []string{}, "preferredRole": nil},
			"clientMetadata":     map[string]string{},
		},
		"response": map[string]any{"claimsOverrideDetails": nil},
	}
	b, err := json.Marshal(doc)
	require.NoError(t, err)
	var ev events.CognitoEventUserPoolsPreTokenGen
	require.NoError(t, json.Unmarshal(b, &ev))
	return ev
}

func handle(t *testing.T, p Policy, ev events.CognitoEventUserPoolsPreTokenGen) (map[string]any, error) {
	t.Helper()
	var log bytes.Buffer
	h := &Handler{Policy: p, Clients: names, Log: &log}
	out, err := h.Handle(context.Background(), ev)
	assert.Equal(t, ev, out, "the gate never changes the tokens' claims")
	var line map[string]any
	require.NoError(t, json.Unmarshal(log.Bytes(), &line), "one JSON line per decision: %s", log.String())
	return line, err
}

func TestATiersMemberGetsTokensFromEverySource(t *testing.T) {
	for _, source := range TriggerSources {
		line, err := handle(t, policy, event(t, source, clinicalID, "jane.doe@genomics-lab.example.org", []string{"igv-clinical"}, nil))
		assert.NoError(t, err, source)
		assert.Equal(t, "member of group igv-clinical", line["reason"], source)
		assert.Equal(t, "clinical", line["tier"])
	}
}

func TestANonMemberIsRefusedFromEverySourceRefreshIncluded(t *testing.T) {
	for _, source := range TriggerSources {
		line, err := handle(t, policy, event(t, source, clinicalID, "raj.patel@genomics-lab.example.org", []string{"igv-research"}, nil))
		require.Error(t, err, source)
		assert.Equal(t, "IGV access to the clinical data is refused: you are not a member of the clinical tier. Ask "+contact+".", err.Error())
		assert.Equal(t, false, line["allow"])
	}
}

func TestAMemberOfOneTierIsRefusedTheOther(t *testing.T) {
	_, err := handle(t, policy, event(t, "TokenGeneration_HostedAuth", researchID, "jane.doe@genomics-lab.example.org", []string{"igv-clinical"}, nil))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "research")
}

func TestAFederatedUserIsAdmittedByTheirIdentityProvidersGroupClaim(t *testing.T) {
	for name, claim := range map[string]string{
		"SAML, as Cognito stores a multi-valued attribute": "[4c1d-finance, 9f3c-clinical-staff]",
		"OIDC, a JSON array": `["4c1d-finance","9f3c-clinical-staff"]`,
		"a single value":     "9f3c-clinical-staff",
	} {
		line, err := handle(t, policy, event(t, "TokenGeneration_HostedAuth", clinicalID, "jane.doe@genomics-lab.example.org", nil,
			map[string]string{"identities": entraIdentity, "custom:groups": claim, "cognito:user_status": "EXTERNAL_PROVIDER"}))
		assert.NoError(t, err, name)
		assert.Equal(t, "identity provider group Entra:9f3c-clinical-staff", line["reason"], name)
		assert.Equal(t, []any{"Entra"}, line["providers"])
	}
}

func TestAFederatedUserWithoutTheGroupIsRefused(t *testing.T) {
	_, err := handle(t, policy, event(t, "TokenGeneration_RefreshTokens", clinicalID, "jane.doe@genomics-lab.example.org", nil,
		map[string]string{"identities": entraIdentity, "custom:groups": "[4c1d-finance]"}))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "not a member of the clinical tier")
}

func TestAnIdentityProvidersUserOutsideItsEmailDomainsIsRefusedEvenAsAMember(t *testing.T) {
	line, err := handle(t, policy, event(t, "TokenGeneration_HostedAuth", clinicalID, "someone@gmail.com", []string{"igv-clinical"},
		map[string]string{"identities": entraIdentity}))
	require.Error(t, err)
	assert.Equal(t, "IGV access to the clinical data is refused: Entra accounts of gmail.com are not admitted. Ask "+contact+".", err.Error())
	assert.Contains(t, line["reason"], "gmail.com")
}

func TestTheDomainRuleAppliesOnlyToTheProvidersUsers(t *testing.T) {
	// A local user, created by an administrator, is not an Entra user.
	_, err := handle(t, policy, event(t, "TokenGeneration_HostedAuth", clinicalID, "visitor@partner.example.com", []string{"igv-clinical"}, nil))
	assert.NoError(t, err)
}

// An identities attribute the gate cannot read is refused, whatever the policy says of providers.
func TestUnreadableIdentitiesAreRefused(t *testing.T) {
	for _, identities := range []string{"not json", `[{"userId":"a1"}]`, `{"providerName":"Entra"}`} {
		_, err := handle(t, policy, event(t, "TokenGeneration_HostedAuth", clinicalID, "someone@gmail.com", []string{"igv-clinical"},
			map[string]string{"identities": identities}))
		require.Error(t, err, identities)
		assert.Contains(t, err.Error(), "cannot be determined")
	}
}

// A provider that says whether an email is verified must say it is: otherwise an unverified address at
// the lab's domain would pass the domain rule.
func TestAProvidersUnverifiedEmailIsRefused(t *testing.T) {
	p := policy
	p.VerifiedEmails = []string{"Entra"}
	for verified, allowed := range map[string]bool{"true": true, "false": false, "": false} {
		_, err := handle(t, p, event(t, "TokenGeneration_RefreshTokens", clinicalID, "jane.doe@genomics-lab.example.org", []string{"igv-clinical"},
			map[string]string{"identities": entraIdentity, "email_verified": verified}))
		assert.Equal(t, allowed, err == nil, "email_verified %q", verified)
	}
}

// The user learns that their domain is not admitted, not which domains are: that stays in the log.
func TestARefusedDomainIsToldWithoutTheAllowedOnes(t *testing.T) {
	line, err := handle(t, policy, event(t, "TokenGeneration_HostedAuth", clinicalID, "someone@gmail.com", []string{"igv-clinical"},
		map[string]string{"identities": entraIdentity}))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "Entra accounts of gmail.com are not admitted")
	assert.NotContains(t, err.Error(), "allowed")
	assert.Contains(t, line["reason"], "allowed: genomics-lab.example.org")
}

func TestAnUnknownClientIsRefused(t *testing.T) {
	line, err := handle(t, policy, event(t, "TokenGeneration_HostedAuth", "4unknown00000000000000000d", "jane.doe@genomics-lab.example.org", []string{"igv-clinical"}, nil))
	require.Error(t, err)
	assert.Contains(t, err.Error(), `unknown app client "4unknown00000000000000000d"`)
	assert.Contains(t, err.Error(), contact)
	assert.Nil(t, line["client"], "no client name is logged for an id the pool does not have")
}

func TestAnUnknownTriggerSourceIsRefused(t *testing.T) {
	for _, source := range []string{"TokenGeneration_ClientCredentials", "PreAuthentication_Authentication", ""} {
		_, err := handle(t, policy, event(t, source, clinicalID, "jane.doe@genomics-lab.example.org", []string{"igv-clinical"}, nil))
		require.Error(t, err, source)
		assert.Contains(t, err.Error(), "unknown token source")
	}
}

func TestAnUntieredClientAdmitsEveryUserWithinTheDomains(t *testing.T) {
	p := Policy{Contact: contact, Clients: map[string]Client{"igv-desktop": {}}, EmailDomains: policy.EmailDomains}
	_, err := handle(t, p, event(t, "TokenGeneration_HostedAuth", untieredID, "jane.doe@genomics-lab.example.org", nil, map[string]string{"identities": entraIdentity}))
	assert.NoError(t, err)
	_, err = handle(t, p, event(t, "TokenGeneration_HostedAuth", untieredID, "someone@gmail.com", nil, map[string]string{"identities": entraIdentity}))
	require.Error(t, err)
	assert.Equal(t, "IGV access is refused: Entra accounts of gmail.com are not admitted. Ask "+contact+".", err.Error())
}

func TestAUserWithoutAnEmailIsRefused(t *testing.T) {
	_, err := handle(t, policy, event(t, "TokenGeneration_HostedAuth", clinicalID, "", []string{"igv-clinical"}, nil))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "no email address")
}

type failingNames struct{}

func (failingNames) Name(context.Context, string, string) (string, error) {
	return "", errors.New("ThrottlingException: Rate exceeded")
}

func TestTheGateFailsClosedWhenItCannotResolveTheClient(t *testing.T) {
	var log bytes.Buffer
	h := &Handler{Policy: policy, Clients: failingNames{}, Log: &log}
	_, err := h.Handle(context.Background(), event(t, "TokenGeneration_HostedAuth", clinicalID, "jane.doe@genomics-lab.example.org", []string{"igv-clinical"}, nil))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "could not be checked")
	assert.Contains(t, log.String(), "ThrottlingException")
}

// fakeClients answers ListUserPoolClients in pages of two, and counts the calls.
type fakeClients struct {
	clients []types.UserPoolClientDescription
	calls   int
}

func (f *fakeClients) ListUserPoolClients(_ context.Context, in *cip.ListUserPoolClientsInput, _ ...func(*cip.Options)) (*cip.ListUserPoolClientsOutput, error) {
	f.calls++
	start := 0
	if in.NextToken != nil {
		fmt.Sscan(*in.NextToken, &start)
	}
	end := min(start+2, len(f.clients))
	out := &cip.ListUserPoolClientsOutput{UserPoolClients: f.clients[start:end]}
	if end < len(f.clients) {
		out.NextToken = aws.String(fmt.Sprint(end))
	}
	return out, nil
}

func TestClientNamesComeFromTheListingAndAreKeptUntilAnUnknownIDAppears(t *testing.T) {
	api := &fakeClients{}
	for id, name := range names {
		api.clients = append(api.clients, types.UserPoolClientDescription{ClientId: aws.String(id), ClientName: aws.String(name), UserPoolId: aws.String(poolID)})
	}
	p := &PoolClients{API: api}
	name, err := p.Name(context.Background(), poolID, researchID)
	require.NoError(t, err)
	assert.Equal(t, "igv-tier-research", name)
	assert.Equal(t, 2, api.calls, "three clients, two pages")
	_, _ = p.Name(context.Background(), poolID, clinicalID)
	assert.Equal(t, 2, api.calls, "known ids are answered from memory")

	api.clients = append(api.clients, types.UserPoolClientDescription{ClientId: aws.String("5new"), ClientName: aws.String("igv-tier-new")})
	name, _ = p.Name(context.Background(), poolID, "5new")
	assert.Equal(t, "igv-tier-new", name, "a client added later is found")
	name, _ = p.Name(context.Background(), poolID, "6gone")
	assert.Equal(t, "", name)
}

func TestThePolicyRoundTripsThroughItsEnvironmentVariableByteForByte(t *testing.T) {
	a, err := policy.Render()
	require.NoError(t, err)
	b, err := policy.Render()
	require.NoError(t, err)
	assert.Equal(t, a, b)
	back, err := ParsePolicy(a)
	require.NoError(t, err)
	assert.Equal(t, policy, back)
}

func TestAPolicyTooLargeForLambdasEnvironmentIsAnError(t *testing.T) {
	p := Policy{Contact: contact, Clients: map[string]Client{"igv-tier-a": {Tier: "a", IdPGroups: map[string][]string{}}}}
	c := p.Clients["igv-tier-a"]
	for i := range 120 {
		c.IdPGroups["Entra"] = append(c.IdPGroups["Entra"], fmt.Sprintf("0b1c2d3e-4f50-6172-8394-a5b6c7d8e%03d", i))
	}
	p.Clients["igv-tier-a"] = c
	_, err := p.Render()
	require.Error(t, err)
	assert.Contains(t, err.Error(), "4 KB")
}

func TestAMisspeltPolicyIsAnErrorNotAnOpenGate(t *testing.T) {
	_, err := ParsePolicy(`{"contact":"x","clients":{"igv-desktop":{}},"emailDomain":{"Entra":["a.org"]}}`)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "emailDomain")
	_, err = ParsePolicy(`{"contact":"x"}`)
	require.Error(t, err)
	assert.True(t, strings.Contains(err.Error(), "at least one client"))
}

// A groups value admits only users of the provider it is listed under: a partner's provider sending the
// clinical group's value gets nothing, nor does a password user whose attribute somehow holds it.
func TestAnIdentityProviderGroupCountsOnlyFromItsOwnProvider(t *testing.T) {
	oktaIdentity := `[{"userId":"c3d4","providerName":"Okta","providerType":"OIDC","primary":"true"}]`
	for _, source := range TriggerSources {
		fromEntra := event(t, source, clinicalID, "ana@genomics-lab.example.org", nil,
			map[string]string{"identities": entraIdentity, "custom:groups": "[9f3c-clinical-staff]"})
		assert.True(t, Decide(policy, "igv-tier-clinical", fromEntra).Allow, source)
		fromOkta := event(t, source, clinicalID, "eve@partner.example.org", nil,
			map[string]string{"identities": oktaIdentity, "custom:groups": `["9f3c-clinical-staff"]`})
		assert.False(t, Decide(policy, "igv-tier-clinical", fromOkta).Allow, "%s: Okta sending Entra's clinical group", source)
		oktaResearch := event(t, source, researchID, "eve@partner.example.org", nil,
			map[string]string{"identities": oktaIdentity, "custom:groups": `["wgs-consortium"]`})
		assert.True(t, Decide(policy, "igv-tier-research", oktaResearch).Allow, "%s: Okta's own research group", source)
		local := event(t, source, clinicalID, "mallory@genomics-lab.example.org", nil, map[string]string{"custom:groups": "[9f3c-clinical-staff]"})
		assert.False(t, Decide(policy, "igv-tier-clinical", local).Allow, "%s: a password user holding the value", source)
	}
}
