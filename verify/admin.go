package verify

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentity"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/smithy-go"

	"igv-aws-backend/policies"
)

// Expected is what the stack sets, read from its synthesis and outputs (verify -stack). Nil: verify
// compares AWS with what every deployment of the stack sets, whatever its config.
type Expected struct {
	Stack string
	// UserPool and Client are the inputs the stack registers for the user pool and its app client.
	UserPool, Client map[string]any
	// RenderedConfigs are the config files the stack rendered, by provisioning URL.
	RenderedConfigs map[string]string
	// ListAllBuckets is the stack's listAllBuckets: whether the role may call ListBuckets.
	ListAllBuckets bool
}

// checkUserPool compares the user pool and its app client with what the stack sets, and checks the
// client serves IGV's login: its callback, scopes and secret match the config.
func checkUserPool(ctx context.Context, admin aws.Config, cfg Config, exp *Expected, r *Report) {
	idp := cognitoidentityprovider.NewFromConfig(admin)
	const drift = "run pulumi up to set it back (pulumi preview shows the change first); settings changed in the console are overwritten"
	pool, err := idp.DescribeUserPool(ctx, &cognitoidentityprovider.DescribeUserPoolInput{UserPoolId: aws.String(cfg.AWSCognitoPoolID)})
	if err != nil {
		r.failAdmin("the user pool is as the stack sets it", "DescribeUserPool "+cfg.AWSCognitoPoolID+": "+awsError(err), err, EntryDrift)
	} else {
		want := invariantUserPool
		if exp != nil {
			want = factsFromInputs(exp.UserPool, keysOf(userPoolFacts(pool.UserPool)))
		}
		if d := drifted("the user pool's", want, userPoolFacts(pool.UserPool)); len(d) > 0 {
			r.fail("the user pool is as the stack sets it", strings.Join(d, "; "), drift, EntryDrift)
		} else {
			r.pass("the user pool is as the stack sets it", fmt.Sprintf("%d settings compared", len(want)))
		}
	}

	out, err := idp.DescribeUserPoolClient(ctx, &cognitoidentityprovider.DescribeUserPoolClientInput{
		UserPoolId: aws.String(cfg.AWSCognitoPoolID), ClientId: aws.String(cfg.ClientID)})
	if err != nil {
		r.failAdmin("the app client serves IGV's login", "DescribeUserPoolClient "+cfg.ClientID+": "+awsError(err), err, EntryStaleConfig)
		return
	}
	c := out.UserPoolClient
	var p *problem
	scopes := strings.Fields(mustUnescape(cfg.Scope))
	switch {
	case !slices.Contains(c.CallbackURLs, cfg.RedirectURIs[0]):
		p = problemf(EntryRedirectMismatch, "run pulumi up, and give users the stack's provisioningUrls",
			"the config's redirect_uris[0] %s is not among the client's callback URLs %v", cfg.RedirectURIs[0], c.CallbackURLs)
	case !subset(scopes, c.AllowedOAuthScopes):
		p = problemf(EntryInvalidScope, "run pulumi up", "the config asks for the scopes %v, the client allows %v", scopes, c.AllowedOAuthScopes)
	case (aws.ToString(c.ClientSecret) != "") != (cfg.ClientSecret != ""):
		p = problemf(EntryStaleConfig, "run pulumi up to republish the config with the client's secret setting",
			"the client has a secret: %v, the config has one: %v; IGV's code exchange fails either way round", aws.ToString(c.ClientSecret) != "", cfg.ClientSecret != "")
	case cfg.ClientSecret != "" && aws.ToString(c.ClientSecret) != cfg.ClientSecret:
		p = problemf(EntryStaleConfig, "run pulumi up to republish the config", "the config's client_secret is not the client's secret")
	}
	r.add("the app client serves IGV's login", "code flow, callback "+cfg.RedirectURIs[0]+", scopes "+strings.Join(scopes, " "), p)

	want := invariantClient
	if exp != nil {
		want = factsFromInputs(exp.Client, keysOf(clientFacts(c)))
	}
	if d := drifted("the app client's", want, clientFacts(c)); len(d) > 0 {
		r.fail("the app client is as the stack sets it", strings.Join(d, "; "), drift, EntryDrift)
	} else {
		r.pass("the app client is as the stack sets it", fmt.Sprintf("%d settings compared", len(want)))
	}
}

// checkIdentityPool checks the identity pool IGV's credentials come from: classic flow on, guests off,
// and this user pool's client its only provider; no unauthenticated role.
func checkIdentityPool(ctx context.Context, admin aws.Config, cfg Config, r *Report) {
	const name = "the identity pool: classic flow on, guests off, this client its only provider"
	ci := cognitoidentity.NewFromConfig(admin)
	pool, err := ci.DescribeIdentityPool(ctx, &cognitoidentity.DescribeIdentityPoolInput{IdentityPoolId: aws.String(cfg.AWSCognitoFedPoolID)})
	if err != nil {
		r.failAdmin(name, "DescribeIdentityPool "+cfg.AWSCognitoFedPoolID+": "+awsError(err), err, EntryStaleConfig)
		return
	}
	roles, err := ci.GetIdentityPoolRoles(ctx, &cognitoidentity.GetIdentityPoolRolesInput{IdentityPoolId: aws.String(cfg.AWSCognitoFedPoolID)})
	if err != nil {
		r.failAdmin(name, "GetIdentityPoolRoles "+cfg.AWSCognitoFedPoolID+": "+awsError(err), err, EntryDrift)
		return
	}
	const fix = "run pulumi up to set the identity pool back"
	provider := "cognito-idp." + cfg.AWSRegion + ".amazonaws.com/" + cfg.AWSCognitoPoolID
	var p *problem
	switch {
	case !aws.ToBool(pool.AllowClassicFlow):
		p = problemf(EntryClassicFlow, fix, "the classic (basic) flow is off: IGV's GetOpenIdToken fails")
	case pool.AllowUnauthenticatedIdentities:
		p = problemf(EntryGuestsAllowed, fix, "unauthenticated (guest) identities are allowed")
	case roles.Roles["unauthenticated"] != "":
		p = problemf(EntryGuestsAllowed, fix+", which removes the unauthenticated role", "the pool has an unauthenticated role %s", roles.Roles["unauthenticated"])
	case len(pool.CognitoIdentityProviders) != 1 || aws.ToString(pool.CognitoIdentityProviders[0].ProviderName) != provider ||
		aws.ToString(pool.CognitoIdentityProviders[0].ClientId) != cfg.ClientID:
		var have []string
		for _, ip := range pool.CognitoIdentityProviders {
			have = append(have, aws.ToString(ip.ProviderName)+" client "+aws.ToString(ip.ClientId))
		}
		p = problemf(EntryNotSupported, fix+"; if the pool is right, the config is stale: use the stack's provisioningUrl",
			"the pool's providers are %v; IGV's tokens come from %s client %s", have, provider, cfg.ClientID)
	case len(pool.SupportedLoginProviders) > 0 || len(pool.OpenIdConnectProviderARNs) > 0 || len(pool.SamlProviderARNs) > 0 || pool.DeveloperProviderName != nil:
		p = problemf(EntryDrift, fix, "the pool accepts other logins than the user pool's (social, OIDC, SAML or developer providers)")
	}
	r.add(name, "provider "+provider+", client "+cfg.ClientID, p)
}

// checkRoleTrust reads the role's trust policy: every statement that allows assuming it must be the
// web-identity grant of this identity pool (aud) to signed-in identities (amr).
func checkRoleTrust(ctx context.Context, admin aws.Config, cfg Config, r *Report) {
	const name = "the role trusts only this identity pool's signed-in identities (aud, amr)"
	client := iam.NewFromConfig(admin)
	roleName := cfg.AWSCognitoRoleARN[strings.LastIndex(cfg.AWSCognitoRoleARN, "/")+1:]
	out, err := client.GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String(roleName)})
	if err != nil {
		r.failAdmin(name, "GetRole "+roleName+": "+awsError(err), err, EntryStaleConfig)
		return
	}
	const fix = "run pulumi up to restore the trust policy the stack sets"
	if aws.ToString(out.Role.Arn) != cfg.AWSCognitoRoleARN {
		r.fail(name, fmt.Sprintf("the role named %s is %s, the config names %s (the path differs)", roleName, aws.ToString(out.Role.Arn), cfg.AWSCognitoRoleARN), fix, EntryStaleConfig)
		return
	}
	text, err := url.QueryUnescape(aws.ToString(out.Role.AssumeRolePolicyDocument))
	if err != nil {
		text = aws.ToString(out.Role.AssumeRolePolicyDocument)
	}
	doc, err := policies.Parse(text)
	if err != nil {
		r.fail(name, "the trust policy cannot be read: "+err.Error(), fix, EntryAssumeRoleDenied)
		return
	}
	r.add(name, "aud "+cfg.AWSCognitoFedPoolID+", amr authenticated", trustProblem(doc, cfg.AWSCognitoFedPoolID))
}

func trustProblem(doc policies.Document, identityPoolID string) *problem {
	const fix = "run pulumi up to restore the trust policy the stack sets"
	grants := 0
	for _, s := range doc.Statement {
		if s.Effect != policies.Allow {
			continue
		}
		webIdentity := len(s.Principal) == 1 && slices.Equal(s.Principal["Federated"], policies.Values{"cognito-identity.amazonaws.com"}) &&
			slices.Equal(s.Action, policies.Values{"sts:AssumeRoleWithWebIdentity"})
		if !webIdentity {
			return problemf(EntryRoleTooBroad, fix, "statement %q lets other principals or actions assume the role: %v %v", s.Sid, s.Principal, s.Action)
		}
		aud := s.Condition["StringEquals"]["cognito-identity.amazonaws.com:aud"]
		amr := s.Condition["ForAnyValue:StringLike"]["cognito-identity.amazonaws.com:amr"]
		if !slices.Equal(aud, policies.Values{identityPoolID}) {
			return problemf(EntryAssumeRoleDenied, fix, "statement %q: StringEquals cognito-identity.amazonaws.com:aud is %v, want exactly [%s]", s.Sid, aud, identityPoolID)
		}
		if !slices.Equal(amr, policies.Values{"authenticated"}) {
			return problemf(EntryGuestsAllowed, fix, "statement %q: ForAnyValue:StringLike cognito-identity.amazonaws.com:amr is %v, want exactly [authenticated]: guests could assume the role", s.Sid, amr)
		}
		grants++
	}
	if grants == 0 {
		return problemf(EntryAssumeRoleDenied, fix, "no statement lets Cognito identities assume the role")
	}
	return nil
}

func subset(want, have []string) bool {
	for _, w := range want {
		if !slices.Contains(have, w) {
			return false
		}
	}
	return true
}

func mustUnescape(s string) string {
	if u, err := url.QueryUnescape(s); err == nil {
		return u
	}
	return s
}

// adminProblem names the entry and fix of an admin call that failed: when verify's own credentials
// lack a permission, the README's list of read-only actions, not a user-facing symptom.
func adminProblem(err error, entry Entry) (Entry, string) {
	var api smithy.APIError
	if errors.As(err, &api) {
		code := api.ErrorCode()
		if strings.Contains(code, "AccessDenied") || code == "NotAuthorizedException" || code == "UnauthorizedOperation" ||
			code == "InvalidClientTokenId" || code == "ExpiredToken" || code == "ExpiredTokenException" {
			return EntryVerifyAccess, "give verify's credentials the read-only actions in the README's verify section"
		}
		if strings.Contains(code, "NotFound") || code == "NoSuchEntity" || code == "NoSuchBucket" {
			return entry, "the config or the stack names a resource that does not exist: use the stack's provisioningUrl, and run pulumi up"
		}
	}
	return entry, "check the credentials and the network, then run verify again"
}

// failAdmin records a failed admin call.
func (r *Report) failAdmin(name, detail string, err error, entry Entry) {
	entry, fix := adminProblem(err, entry)
	r.fail(name, detail, fix, entry)
}
