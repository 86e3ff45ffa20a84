package components

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"igv-aws-backend/gate"
	"igv-aws-backend/igvconfig"
	"igv-aws-backend/policies"
	"igv-aws-backend/stackconfig"
)

// BackendArgs is the validated stack configuration.
type BackendArgs struct {
	// Config of the stack, from stackconfig.Load. Required.
	Config *stackconfig.Config
	// DeployedCustomAttributes are the user pool's custom attributes as the last deployment recorded
	// them (package preflight). They stay in the schema whatever the config says: Cognito cannot
	// remove a custom attribute, and the provider fails the update that tries. Optional.
	DeployedCustomAttributes []string
}

// Backend is everything IGV desktop needs on AWS: the user pool, the identity pool and its role, the
// data buckets and the CloudFront-hosted oauth-config.json rendered from their outputs.
type Backend struct {
	pulumi.ResourceState

	UserPool *UserPool
	// IdentityPool is the one identity pool, without tiers; nil with them.
	IdentityPool *IdentityPool
	// TierIdentityPools are the tiers' identity pools, by tier name.
	TierIdentityPools map[string]*IdentityPool
	DataBuckets       *DataBuckets
	ConfigSite        *ConfigSite
	// AuditTrail is nil unless the config enables it.
	AuditTrail *AuditTrail

	// OAuthConfig is oauth-config.json as published at the provisioning URL (the first callback
	// port's); a secret when it holds a client secret. Without tiers.
	OAuthConfig pulumi.StringOutput `pulumi:"oauthConfig"`
	// TierOAuthConfigs are the tiers' oauth-config.json (their first callback port's), by tier name.
	TierOAuthConfigs map[string]pulumi.StringOutput
	// HostedUIURL is the base URL of the Cognito hosted UI.
	HostedUIURL pulumi.StringOutput `pulumi:"hostedUiUrl"`
	// CustomAttributes are the pool's custom attributes (schema names), for the next deployment to keep.
	CustomAttributes []string
}

// NewBackend registers the whole backend.
func NewBackend(ctx *pulumi.Context, name string, args *BackendArgs, opts ...pulumi.ResourceOption) (*Backend, error) {
	if args == nil || args.Config == nil {
		return nil, fmt.Errorf("backend %s: a validated Config is required", name)
	}
	cfg := args.Config
	c := &Backend{}
	if err := ctx.RegisterComponentResource(typePrefix+"index:Backend", name, c, opts...); err != nil {
		return nil, err
	}
	parent := pulumi.Parent(c)

	callbacks := CallbackURLs(cfg.CallbackPorts)
	copies := igvconfig.CopiesFor(cfg.CallbackPorts)
	var tierNames []string
	for _, t := range cfg.Tiers {
		tierNames = append(tierNames, t.Name)
	}
	if cfg.Tiered() {
		copies = igvconfig.TierCopies(cfg.CallbackPorts, tierNames)
	}
	// The site first: its URLs do not depend on the pool, and the pool's invitation names them.
	configSite, err := NewConfigSite(ctx, name+"-config", &ConfigSiteArgs{
		Copies:          copies,
		PriceClass:      cfg.PriceClass,
		AccessLogBucket: cfg.AccessLogBucket,
		Domain:          cfg.ConfigDomain,
		CertificateARN:  cfg.ConfigCertificateARN,
		Comment:         "IGV OAuth provisioning config of " + cfg.ResourcePrefix(),
		Tags:            cfg.Tags,
	}, parent)
	if err != nil {
		return nil, err
	}

	users := make([]PoolUser, len(cfg.Users))
	for i, u := range cfg.Users {
		users[i] = PoolUser{Email: u.Email, GivenName: u.GivenName, FamilyName: u.FamilyName}
	}
	poolArgs := &UserPoolArgs{
		Name:               cfg.ResourcePrefix(),
		Region:             cfg.Region,
		DomainPrefix:       cfg.DomainPrefix,
		CallbackURLs:       callbacks,
		ClientSecret:       cfg.ClientSecret,
		MFA:                string(cfg.MFA),
		PasswordMinLength:  cfg.PasswordMinLength,
		DeletionProtection: cfg.DeletionProtection,
		ThreatProtection:   string(cfg.ThreatProtection),
		Protect:            cfg.Protect,
		Users:              users,
		SingleSignOnOnly:   !cfg.LocalUsers,
		Tags:               cfg.Tags,
	}
	for _, t := range cfg.Tiers {
		poolArgs.Tiers = append(poolArgs.Tiers, PoolTier{Name: t.Name, Members: t.Members})
	}
	if poolArgs.IdentityProviders, err = IdentityProvidersOf(cfg); err != nil {
		return nil, err
	}
	poolArgs.CustomAttributes = CustomAttributesOf(poolArgs.IdentityProviders, args.DeployedCustomAttributes)
	c.CustomAttributes = poolArgs.CustomAttributes
	var tokenGate *Gate
	if cfg.Gated() {
		tokenGate, err = NewGate(ctx, name+"-gate", &GateArgs{
			FunctionName: GateFunctionName(cfg), Policy: GatePolicy(cfg), LogRetentionDays: GateLogRetentionDays,
			PermissionsBoundary: cfg.RoleBoundaryARN, Tags: cfg.Tags,
		}, parent)
		if err != nil {
			return nil, err
		}
		poolArgs.PreTokenGeneration = tokenGate.FunctionARN
	}
	if s := cfg.EmailSender; s != nil {
		poolArgs.EmailSender = &EmailSender{
			SourceARN: s.SESIdentityARN, From: s.From, ReplyTo: s.ReplyTo, ConfigurationSet: s.ConfigurationSet,
			ProvisioningURL: configSite.ProvisioningURL, Port: copies[0].Port,
		}
		if cfg.Tiered() {
			// Each tier has its own URL, and the invitation is the pool's: it tells users to ask.
			poolArgs.EmailSender.ProvisioningURL = pulumi.String("")
		}
	}
	userPool, err := NewUserPool(ctx, name+"-users", poolArgs, parent)
	if err != nil {
		return nil, err
	}
	if tokenGate != nil {
		if err := tokenGate.AttachTo(ctx, userPool.UserPoolARN); err != nil {
			return nil, err
		}
	}

	newIdentityPool := func(resource, poolName string, client PoolClient, grants []policies.Grant) (*IdentityPool, error) {
		return NewIdentityPool(ctx, resource, &IdentityPoolArgs{
			Name:                poolName,
			ProviderName:        userPool.ProviderName,
			ClientID:            client.ID,
			Grants:              grants,
			MaxManagedPolicies:  cfg.MaxManagedPolicies,
			Protect:             cfg.Protect,
			PermissionsBoundary: cfg.RoleBoundaryARN,
			ListAllBuckets:      cfg.ListAllBuckets,
			Tags:                cfg.Tags,
		}, parent)
	}
	// What each config copy names: the one client and identity pool, or its tier's.
	type sources struct {
		client PoolClient
		pool   *IdentityPool
	}
	byTier := map[string]sources{}
	if !cfg.Tiered() {
		identityPool, err := newIdentityPool(name+"-identity", cfg.ResourcePrefix(),
			PoolClient{ID: userPool.ClientID, Secret: userPool.ClientSecret}, cfg.Grants())
		if err != nil {
			return nil, err
		}
		c.IdentityPool = identityPool
		byTier[""] = sources{PoolClient{ID: userPool.ClientID, Secret: userPool.ClientSecret}, identityPool}
	} else {
		c.TierIdentityPools = map[string]*IdentityPool{}
		for _, t := range cfg.Tiers {
			// Named after the tier: adding or removing a tier touches no other tier's resources.
			pool, err := newIdentityPool(name+"-identity-"+t.Name, TierIdentityPoolName(cfg, t.Name), userPool.TierClients[t.Name], cfg.TierGrants(t))
			if err != nil {
				return nil, err
			}
			c.TierIdentityPools[t.Name] = pool
			byTier[t.Name] = sources{userPool.TierClients[t.Name], pool}
		}
	}
	anyRole := byTier[firstTier(tierNames)].pool.RoleARN

	buckets := make([]DataBucket, len(cfg.Buckets))
	for i, b := range cfg.Buckets {
		buckets[i] = DataBucket{Name: b.Name, Create: b.Create, KMSKeyARN: b.KMSKeyARN}
	}
	dataBuckets, err := NewDataBuckets(ctx, name+"-data", &DataBucketsArgs{
		Buckets:         buckets,
		AccessLogBucket: cfg.AccessLogBucket,
		Tags:            cfg.Tags,
	}, parent)
	if err != nil {
		return nil, err
	}

	if a := cfg.AuditTrail; a != nil {
		account := anyRole.ApplyT(AccountOf).(pulumi.StringOutput)
		c.AuditTrail, err = NewAuditTrail(ctx, name+"-audit", &AuditTrailArgs{
			Name:            cfg.ResourcePrefix() + "-audit",
			Region:          cfg.Region,
			AccountID:       account,
			Buckets:         stackconfig.TrailBuckets(cfg.Buckets),
			LogBucket:       a.LogBucket,
			RetentionDays:   a.RetentionDays,
			ObjectLock:      string(a.ObjectLock),
			KMSKeyARN:       a.KMSKeyARN,
			AccessLogBucket: cfg.AccessLogBucket,
			Tags:            cfg.Tags,
		}, parent)
		if err != nil {
			return nil, err
		}
	}

	// One config file per callback port (and tier): IGV uses only redirect_uris[0].
	var files []ConfigFile
	c.TierOAuthConfigs = map[string]pulumi.StringOutput{}
	for _, cp := range copies {
		redirect := CallbackURLs([]int{cp.Port})
		src := byTier[cp.Tier]
		content := pulumi.All(
			userPool.HostedUIDomain, src.client.ID, src.client.Secret, userPool.UserPoolID,
			src.pool.IdentityPoolID, src.pool.RoleARN,
		).ApplyT(func(v []any) (string, error) {
			b, err := igvconfig.Render(igvconfig.Values{
				Region:         cfg.Region,
				HostedUIDomain: v[0].(string),
				ClientID:       v[1].(string),
				ClientSecret:   v[2].(string),
				UserPoolID:     v[3].(string),
				IdentityPoolID: v[4].(string),
				RoleARN:        v[5].(string),
				RedirectURIs:   redirect,
			})
			return string(b), err
		}).(pulumi.StringOutput)
		files = append(files, ConfigFile{Copy: cp, Content: content})
		if cp.Tier != "" && cp.Key == cp.Tier {
			c.TierOAuthConfigs[cp.Tier] = content
		}
	}
	oauthConfig := files[0].Content.ToStringOutput()
	if cfg.Tiered() {
		oauthConfig = pulumi.String("").ToStringOutput()
	}

	if err := configSite.Publish(ctx, files); err != nil {
		return nil, err
	}

	c.UserPool, c.DataBuckets, c.ConfigSite = userPool, dataBuckets, configSite
	c.OAuthConfig = oauthConfig
	c.HostedUIURL = pulumi.Sprintf("https://%s", userPool.HostedUIDomain)
	if err := ctx.RegisterResourceOutputs(c, pulumi.Map{
		"oauthConfig":     c.OAuthConfig,
		"hostedUiUrl":     c.HostedUIURL,
		"provisioningUrl": configSite.ProvisioningURL,
	}); err != nil {
		return nil, err
	}
	return c, nil
}

// CallbackURLs are IGV's local OAuth callbacks, one per port. Cognito accepts plain http only for
// localhost, which is where IGV listens.
func CallbackURLs(ports []int) []string {
	urls := make([]string, len(ports))
	for i, p := range ports {
		urls[i] = fmt.Sprintf("http://localhost:%d/oauthCallback", p)
	}
	return urls
}

// IdentityProvidersOf turns the config's identity providers into what the user pool registers: the
// provider details and attribute mapping Cognito expects of each type.
func IdentityProvidersOf(cfg *stackconfig.Config) ([]IdentityProvider, error) {
	var out []IdentityProvider
	for _, p := range cfg.IdentityProviders {
		idp := IdentityProvider{
			Name: p.Name, Type: string(p.Type), Details: map[string]string{},
			AttributeMapping: map[string]string{"email": p.EmailAttribute}, IdPIdentifiers: p.IdPIdentifiers,
			ClientSecret: cfg.IdentityProviderSecrets[p.Name],
		}
		if p.EmailVerifiedAttribute != "" {
			idp.AttributeMapping["email_verified"] = p.EmailVerifiedAttribute
		}
		if p.GroupsAttribute != "" {
			idp.AttributeMapping[GroupsAttribute] = p.GroupsAttribute
		}
		scopes := p.Scopes
		switch p.Type {
		case stackconfig.IdPSAML:
			if p.MetadataURL != "" {
				idp.Details["MetadataURL"] = p.MetadataURL
			} else {
				b, err := os.ReadFile(p.MetadataFile)
				if err != nil {
					return nil, fmt.Errorf("identity provider %s: %w", p.Name, err)
				}
				idp.Details["MetadataFile"] = string(b)
			}
		case stackconfig.IdPOIDC:
			if len(scopes) == 0 {
				scopes = []string{"openid", "email"}
			}
			idp.Details["oidc_issuer"] = p.Issuer
			idp.Details["attributes_request_method"] = "GET"
			// Cognito stores username = sub when it is not mapped; mapping it keeps the plan stable.
			idp.AttributeMapping["username"] = "sub"
		case stackconfig.IdPGoogle:
			if len(scopes) == 0 {
				scopes = []string{"openid", "email", "profile"}
			}
			idp.AttributeMapping["username"] = "sub"
		}
		if p.Type != stackconfig.IdPSAML {
			idp.Details["client_id"] = p.ClientID
			idp.Details["authorize_scopes"] = strings.Join(scopes, " ")
		}
		out = append(out, idp)
	}
	return out, nil
}

// IdentityProviderSetup is what an identity provider's administrator enters for the stack's pool.
type IdentityProviderSetup struct {
	Type string `json:"type"`
	// ACSURL and EntityID are a SAML provider's reply (assertion consumer service) URL and audience.
	ACSURL   string `json:"acsUrl,omitempty"`
	EntityID string `json:"entityId,omitempty"`
	// RedirectURI is an OIDC or Google app registration's redirect URI.
	RedirectURI string `json:"redirectUri,omitempty"`
}

// Setup is the identity providers' setup values, by provider name, from the pool's id and hosted-UI domain.
func Setup(idps []IdentityProvider, userPoolID, hostedUIDomain string) map[string]IdentityProviderSetup {
	out := map[string]IdentityProviderSetup{}
	for _, p := range idps {
		if p.Type == "SAML" {
			out[p.Name] = IdentityProviderSetup{Type: p.Type, ACSURL: "https://" + hostedUIDomain + "/saml2/idpresponse", EntityID: "urn:amazon:cognito:sp:" + userPoolID}
		} else {
			out[p.Name] = IdentityProviderSetup{Type: p.Type, RedirectURI: "https://" + hostedUIDomain + "/oauth2/idpresponse"}
		}
	}
	return out
}

// GateLogRetentionDays keeps the gate's decisions (who was refused, and why) for a year.
const GateLogRetentionDays = 365

// ClientName is the untiered app client's name; the gate knows clients by name, and each tier's is
// TierClientName.
const ClientName = "igv-desktop"

// GateFunctionPrefix begins the name of every stack's gate function: the CI deploy role may manage the
// functions (and their log groups) whose names begin with it, and no others.
const GateFunctionPrefix = "igv-gate-"

// GateFunctionName names the gate's function after the stack, within Lambda's 64 characters and
// alphabet: readable, and unique per project and stack through a hash of both.
func GateFunctionName(cfg *stackconfig.Config) string {
	sum := sha256.Sum256([]byte(cfg.ResourcePrefix()))
	stack := strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' {
			return r
		}
		return '-'
	}, cfg.Stack)
	if len(stack) > 40 {
		stack = stack[:40]
	}
	return GateFunctionPrefix + stack + "-" + hex.EncodeToString(sum[:4])
}

// TierIdentityPoolName is a tier's identity pool name, "<project>-<stack>-<tier>".
func TierIdentityPoolName(cfg *stackconfig.Config, tier string) string {
	return cfg.ResourcePrefix() + "-" + tier
}

// firstTier is the tier whose role the stack reads its account from ("" without tiers).
func firstTier(tiers []string) string {
	if len(tiers) == 0 {
		return ""
	}
	return tiers[0]
}

// GatePolicy is what the gate enforces for the stack: the app client (or each tier's, open to the
// tier's group and identity provider groups), and each provider's email domains.
func GatePolicy(cfg *stackconfig.Config) gate.Policy {
	p := gate.Policy{Contact: cfg.AdminContact, Clients: map[string]gate.Client{ClientName: {}}}
	if cfg.Tiered() {
		p.Clients = map[string]gate.Client{}
		for _, t := range cfg.Tiers {
			client := gate.Client{Tier: t.Name, Group: TierGroupName(t.Name)}
			if len(t.IdPGroups) > 0 {
				client.IdPGroups = cfg.TierIdPGroups(t)
			}
			p.Clients[TierClientName(t.Name)] = client
		}
		if slices.ContainsFunc(cfg.IdentityProviders, func(idp stackconfig.IdentityProvider) bool { return idp.GroupsAttribute != "" }) {
			p.GroupsAttribute = GroupsAttribute
		}
	}
	for _, idp := range cfg.IdentityProviders {
		if idp.EmailVerifiedAttribute != "" {
			p.VerifiedEmails = append(p.VerifiedEmails, idp.Name)
		}
		if len(idp.EmailDomains) > 0 {
			if p.EmailDomains == nil {
				p.EmailDomains = map[string][]string{}
			}
			p.EmailDomains[idp.Name] = idp.EmailDomains
		}
		if idp.GroupsAttribute != "" {
			p.GroupsAttribute = GroupsAttribute
		}
	}
	return p
}
