package tests

import (
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"igv-aws-backend/components"
	"igv-aws-backend/gate"
	"igv-aws-backend/policies"
	"igv-aws-backend/policies/iamsim"
	"igv-aws-backend/stackconfig"
	"igv-aws-backend/synth"
	"igv-aws-backend/tests/providertruth"
)

const typeIdentityProvider = "aws:cognito/identityProvider:IdentityProvider"

// federated is prod signing in through Entra ID (SAML, with its groups claim) and Okta (OIDC).
func federated(t *testing.T, extra map[string]string) *synth.Result {
	t.Helper()
	changes := map[string]string{
		stackconfig.KeyIdentityProviders: `[` +
			`{"name":"Entra","type":"SAML","metadataUrl":"` + entraMetadata + `","emailAttribute":"` + samlEmail + `",` +
			`"groupsAttribute":"http://schemas.microsoft.com/ws/2008/06/identity/claims/groups","idpIdentifiers":["genomics-lab.example.org"],"emailDomains":["genomics-lab.example.org"]},` +
			`{"name":"Okta","type":"OIDC","issuer":"https://partner.okta.com","clientId":"0oa1b2c3d4","emailVerifiedAttribute":"email_verified"}]`,
		stackconfig.KeyIdentityProviderSecrets: `{"Okta":"okta-client-secret-value"}`,
		stackconfig.KeyAdminContact:            "igv-admins@genomics-lab.example.org",
	}
	for k, v := range extra {
		changes[k] = v
	}
	return run(t, withConfig(exampleStack(t, "prod"), changes))
}

func idp(t *testing.T, r *synth.Result, name string) synth.Resource {
	t.Helper()
	return withInput(t, r, typeIdentityProvider, "providerName", name)
}

// withInput is the one resource of a type whose input prop is value.
func withInput(t testing.TB, r *synth.Result, typ, prop, value string) synth.Resource {
	t.Helper()
	for _, res := range ofType(r, typ) {
		if input(res, prop) == value {
			return res
		}
	}
	t.Fatalf("no %s with %s %s", typ, prop, value)
	return synth.Resource{}
}

func TestWithoutIdentityProvidersThePlanIsUnchanged(t *testing.T) {
	r := example(t, "prod")
	assert.Empty(t, ofType(r, typeIdentityProvider))
	client := only(t, r, typeUserPoolClient)
	assert.Equal(t, []string{"COGNITO"}, strs(input(client, "supportedIdentityProviders")))
	assert.Nil(t, input(client, "writeAttributes"))
	assert.NotContains(t, r.Outputs, "identityProviderSetup")
}

func TestEachIdentityProviderIsRegisteredWithItsDetailsAndEmailMapping(t *testing.T) {
	r := federated(t, nil)
	entra := idp(t, r, "Entra")
	assert.Equal(t, "SAML", input(entra, "providerType"))
	assert.Equal(t, map[string]any{"MetadataURL": entraMetadata}, input(entra, "providerDetails"))
	assert.Equal(t, samlEmail, input(entra, "attributeMapping", "email"))
	assert.Equal(t, "http://schemas.microsoft.com/ws/2008/06/identity/claims/groups", input(entra, "attributeMapping", "custom:groups"))
	assert.Equal(t, []string{"genomics-lab.example.org"}, strs(input(entra, "idpIdentifiers")))

	okta := idp(t, r, "Okta")
	assert.Equal(t, "OIDC", input(okta, "providerType"))
	assert.Equal(t, "https://partner.okta.com", input(okta, "providerDetails", "oidc_issuer"))
	assert.Equal(t, "openid email", input(okta, "providerDetails", "authorize_scopes"))
	assert.Equal(t, "GET", input(okta, "providerDetails", "attributes_request_method"))
	assert.Equal(t, map[string]any{"email": "email", "email_verified": "email_verified", "username": "sub"}, input(okta, "attributeMapping"))
}

func TestAClientSecretIsASecretInTheInputsAndNowhereInPlainText(t *testing.T) {
	r := federated(t, nil)
	okta := idp(t, r, "Okta")
	details := okta.Inputs["providerDetails"]
	m, _ := synth.Unsecret(details).(map[string]any)
	require.NotNil(t, m)
	assert.True(t, synth.IsSecret(m["client_secret"]) || synth.IsSecret(details), "the client secret reaches the provider as a secret")
	files, err := r.Files()
	require.NoError(t, err)
	for name, body := range files {
		assert.NotContains(t, string(body), "okta-client-secret-value", "%s holds the secret in plain text", name)
	}
	assert.Contains(t, string(files[synth.ResourcesFile]), `"[secret]": "`+synth.Redacted+`"`, "the file shows where a secret goes")
}

func TestOnlyTheDetailsAWSFillsInAreIgnoredSoARotatedSecretDeploys(t *testing.T) {
	r := federated(t, nil)
	assert.ElementsMatch(t, []string{`providerDetails["ActiveEncryptionCertificate"]`, `providerDetails["SLORedirectBindingURI"]`, `providerDetails["SSORedirectBindingURI"]`},
		idp(t, r, "Entra").Options.IgnoreChanges)
	okta := idp(t, r, "Okta").Options.IgnoreChanges
	assert.NotContains(t, okta, `providerDetails["client_secret"]`)
	assert.Contains(t, okta, `providerDetails["attributes_url_add_attributes"]`)
	for _, p := range ofType(r, typeIdentityProvider) {
		assert.True(t, p.Options.DeleteBeforeReplace, "%s: the name is the provider's id", p.Name)
	}
}

func TestTheClientOffersCognitoAndTheProvidersAndMayWriteWhatTheyMap(t *testing.T) {
	r := federated(t, nil)
	client := only(t, r, typeUserPoolClient)
	assert.Equal(t, []string{"COGNITO", "Entra", "Okta"}, strs(input(client, "supportedIdentityProviders")))
	assert.Equal(t, []string{"custom:groups", "email", "email_verified"}, strs(input(client, "writeAttributes")))
	assert.Equal(t, []string{"email", "email_verified"}, strs(input(client, "readAttributes")), "the id token still carries only what IGV needs")

	sso := federated(t, map[string]string{stackconfig.KeyLocalUsers: "false", stackconfig.KeyUsers: "[]"})
	assert.Equal(t, []string{"Entra", "Okta"}, strs(input(only(t, sso, typeUserPoolClient), "supportedIdentityProviders")))
}

func TestAGroupsClaimAddsAMutableOptionalCustomAttribute(t *testing.T) {
	r := federated(t, nil)
	pool := only(t, r, typeUserPool)
	schemas, _ := input(pool, "schemas").([]any)
	i := slices.IndexFunc(schemas, func(s any) bool { m, _ := s.(map[string]any); return m["name"] == "groups" })
	require.GreaterOrEqual(t, i, 0, "a groups attribute in the pool's schema")
	groups := schemas[i].(map[string]any)
	assert.Equal(t, true, groups["mutable"])
	assert.Equal(t, false, groups["required"])
	assert.Equal(t, "String", groups["attributeDataType"])
}

// Cognito cannot remove a custom attribute: the stack records the pool's, and keeps every recorded one
// in the schema when no provider maps it any more (the provider would fail the update otherwise).
func TestACustomAttributeOnceDeployedStaysInTheSchema(t *testing.T) {
	r := federated(t, nil)
	assert.Equal(t, []any{"groups"}, r.Outputs["userPoolCustomAttributes"], "recorded for the next deployment")

	st := withConfig(exampleStack(t, "prod"), map[string]string{
		stackconfig.KeyIdentityProviders: `[{"name":"Entra","type":"SAML","metadataUrl":"` + entraMetadata + `","emailAttribute":"` + samlEmail + `"}]`,
		stackconfig.KeyAdminContact:      "igv-admins@genomics-lab.example.org",
	})
	st.Previous = map[string]any{"userPoolId": "eu-west-2_AbCdEf123", "userPoolCustomAttributes": []any{"groups"}}
	kept := run(t, st)
	before, _ := input(only(t, r, typeUserPool), "schemas").([]any)
	after, _ := input(only(t, kept, typeUserPool), "schemas").([]any)
	assert.Equal(t, before, after, "the schema the last deployment created, unchanged")
	require.NoError(t, providertruth.SchemaItemsKept(
		map[string]any{"schemas": before}, map[string]any{"schemas": after}))
	assert.Equal(t, []any{"groups"}, kept.Outputs["userPoolCustomAttributes"])

	st.Previous = map[string]any{"userPoolId": "eu-west-2_AbCdEf123"}
	fresh, _ := input(only(t, run(t, st), typeUserPool), "schemas").([]any)
	assert.Error(t, providertruth.SchemaItemsKept(map[string]any{"schemas": before}, map[string]any{"schemas": fresh}),
		"without the record, the schema would drop the attribute and the update fail")
}

func TestTheOutputsTellEachIdentityProvidersAdministratorWhatToEnter(t *testing.T) {
	r := federated(t, nil)
	setup, _ := r.Outputs["identityProviderSetup"].(map[string]any)
	require.NotNil(t, setup)
	poolID := outputString(t, r, "userPoolId")
	domain := strings.TrimPrefix(outputString(t, r, "hostedUiUrl"), "https://")
	assert.Equal(t, map[string]any{"type": "SAML", "acsUrl": "https://" + domain + "/saml2/idpresponse", "entityId": "urn:amazon:cognito:sp:" + poolID}, setup["Entra"])
	assert.Equal(t, map[string]any{"type": "OIDC", "redirectUri": "https://" + domain + "/oauth2/idpresponse"}, setup["Okta"])
}

func TestTheIgnoredProviderDetailsAreExactlyThoseTheProviderTruthSaysAWSFillsIn(t *testing.T) {
	require.Len(t, components.FilledProviderDetails, len(providertruth.IdentityProviderDetailsFilledByAWS))
	for typ, keys := range providertruth.IdentityProviderDetailsFilledByAWS {
		assert.ElementsMatch(t, keys, components.FilledProviderDetails[typ], typ)
	}
}

func TestTheClientNamesOnlyProvidersThatExistAndMayWriteEveryMappedAttribute(t *testing.T) {
	for name, r := range map[string]*synth.Result{"federated": federated(t, nil)} {
		var idps []map[string]any
		for _, p := range ofType(r, typeIdentityProvider) {
			idps = append(idps, plainInputs(p))
		}
		vs := providertruth.CheckFederation(plainInputs(only(t, r, typeUserPool)), plainInputs(only(t, r, typeUserPoolClient)), idps)
		assert.Empty(t, vs, name)
	}
}

const (
	typeFunction   = "aws:lambda/function:Function"
	typePermission = "aws:lambda/permission:Permission"
	typeLogGroup   = "aws:cloudwatch/logGroup:LogGroup"
)

func TestWithIdentityProvidersTheGateRunsBeforeEveryTokenIssue(t *testing.T) {
	r := federated(t, nil)
	fn := only(t, r, typeFunction)
	pool := only(t, r, typeUserPool)
	assert.Equal(t, fn.Outputs["arn"], input(pool, "lambdaConfig", "preTokenGenerationConfig", "lambdaArn"))
	assert.Equal(t, "V1_0", input(pool, "lambdaConfig", "preTokenGenerationConfig", "lambdaVersion"))
	assert.Equal(t, "provided.al2023", input(fn, "runtime"))
	assert.Equal(t, "bootstrap", input(fn, "handler"))
	assert.Equal(t, []string{"arm64"}, strs(input(fn, "architectures")))
	assert.EqualValues(t, 5, input(fn, "timeout"), "Cognito waits 5 seconds for a trigger")

	policy, err := gate.ParsePolicy(input(fn, "environment", "variables", gate.EnvPolicy).(string))
	require.NoError(t, err)
	assert.Equal(t, "igv-admins@genomics-lab.example.org", policy.Contact)
	assert.Equal(t, map[string][]string{"Entra": {"genomics-lab.example.org"}}, policy.EmailDomains)
	assert.Equal(t, components.GroupsAttribute, policy.GroupsAttribute)
	assert.Contains(t, policy.Clients, input(only(t, r, typeUserPoolClient), "name"), "the gate knows the app client by the name the stack gives it")
}

func TestOnlyThisUserPoolMayInvokeTheGate(t *testing.T) {
	r := federated(t, nil)
	perm := only(t, r, typePermission)
	assert.Equal(t, "lambda:InvokeFunction", input(perm, "action"))
	assert.Equal(t, "cognito-idp.amazonaws.com", input(perm, "principal"))
	assert.Equal(t, only(t, r, typeUserPool).Outputs["arn"], input(perm, "sourceArn"))
}

func TestTheGatesRoleMayWriteItsOwnLogsAndListThisPoolsClientsOnly(t *testing.T) {
	r := federated(t, nil)
	logs := only(t, r, typeLogGroup)
	fn := only(t, r, typeFunction)
	assert.Equal(t, "/aws/lambda/"+input(fn, "name").(string), input(logs, "name"), "the group Lambda would otherwise create without retention")
	assert.EqualValues(t, components.GateLogRetentionDays, input(logs, "retentionInDays"))
	var docs []policies.Document
	for _, rp := range ofType(r, "aws:iam/rolePolicy:RolePolicy") {
		if strings.HasPrefix(rp.Name, "igv-gate") {
			docs = append(docs, policyDoc(t, rp, "policy"))
		}
	}
	require.Len(t, docs, 2)
	can := func(action, resource string) bool {
		d, err := iamsim.Evaluate(docs, iamsim.Request{Action: action, Resource: resource})
		require.NoError(t, err)
		return d == iamsim.Allowed
	}
	poolARN := only(t, r, typeUserPool).Outputs["arn"].(string)
	assert.True(t, can("cognito-idp:ListUserPoolClients", poolARN))
	assert.False(t, can("cognito-idp:DescribeUserPoolClient", poolARN), "never the clients' secrets")
	assert.False(t, can("cognito-idp:ListUserPoolClients", "arn:aws:cognito-idp:eu-west-2:123456789012:userpool/eu-west-2_Other"))
	assert.True(t, can("logs:PutLogEvents", logs.Outputs["arn"].(string)+":log-stream:2026/11/30/[$LATEST]abc"))
	assert.False(t, can("logs:PutLogEvents", "arn:aws:logs:eu-west-2:123456789012:log-group:/aws/lambda/other:log-stream:x"))
	role := ofType(r, "aws:iam/role:Role")
	for _, ro := range role {
		if strings.HasPrefix(ro.Name, "igv-gate") {
			trust := policyDoc(t, ro, "assumeRolePolicy")
			d, err := iamsim.Evaluate([]policies.Document{trust}, iamsim.Request{PrincipalType: "Service", Principal: "lambda.amazonaws.com", Action: "sts:AssumeRole"})
			require.NoError(t, err)
			assert.Equal(t, iamsim.Allowed, d)
		}
	}
}

func TestWithoutIdentityProvidersThereIsNoGate(t *testing.T) {
	r := example(t, "prod")
	assert.Empty(t, ofType(r, typeFunction))
	assert.Nil(t, input(only(t, r, typeUserPool), "lambdaConfig"))
}
