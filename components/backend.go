package components

import (
	"fmt"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"igv-aws-backend/igvconfig"
	"igv-aws-backend/stackconfig"
)

// BackendArgs is the validated stack configuration.
type BackendArgs struct {
	// Config of the stack, from stackconfig.Load. Required.
	Config *stackconfig.Config
}

// Backend is everything IGV desktop needs on AWS: the user pool, the identity pool and its role, the
// data buckets and the CloudFront-hosted oauth-config.json rendered from their outputs.
type Backend struct {
	pulumi.ResourceState

	UserPool     *UserPool
	IdentityPool *IdentityPool
	DataBuckets  *DataBuckets
	ConfigSite   *ConfigSite
	// AuditTrail is nil unless the config enables it.
	AuditTrail *AuditTrail

	// OAuthConfig is oauth-config.json as published at the provisioning URL (the first callback
	// port's); a secret when it holds a client secret.
	OAuthConfig pulumi.StringOutput `pulumi:"oauthConfig"`
	// HostedUIURL is the base URL of the Cognito hosted UI.
	HostedUIURL pulumi.StringOutput `pulumi:"hostedUiUrl"`
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
		Tags:               cfg.Tags,
	}
	if s := cfg.EmailSender; s != nil {
		poolArgs.EmailSender = &EmailSender{
			SourceARN: s.SESIdentityARN, From: s.From, ReplyTo: s.ReplyTo, ConfigurationSet: s.ConfigurationSet,
			ProvisioningURL: configSite.ProvisioningURL, Port: copies[0].Port,
		}
	}
	userPool, err := NewUserPool(ctx, name+"-users", poolArgs, parent)
	if err != nil {
		return nil, err
	}

	identityPool, err := NewIdentityPool(ctx, name+"-identity", &IdentityPoolArgs{
		Name:                cfg.ResourcePrefix(),
		ProviderName:        userPool.ProviderName,
		ClientID:            userPool.ClientID,
		Grants:              cfg.Grants(),
		MaxManagedPolicies:  cfg.MaxManagedPolicies,
		Protect:             cfg.Protect,
		PermissionsBoundary: cfg.RoleBoundaryARN,
		ListAllBuckets:      cfg.ListAllBuckets,
		Tags:                cfg.Tags,
	}, parent)
	if err != nil {
		return nil, err
	}

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
		account := identityPool.RoleARN.ApplyT(AccountOf).(pulumi.StringOutput)
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

	// One config file per callback port: IGV uses only redirect_uris[0].
	var files []ConfigFile
	for _, cp := range copies {
		redirect := CallbackURLs([]int{cp.Port})
		content := pulumi.All(
			userPool.HostedUIDomain, userPool.ClientID, userPool.ClientSecret, userPool.UserPoolID,
			identityPool.IdentityPoolID, identityPool.RoleARN,
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
	}
	oauthConfig := files[0].Content.ToStringOutput()

	if err := configSite.Publish(ctx, files); err != nil {
		return nil, err
	}

	c.UserPool, c.IdentityPool, c.DataBuckets, c.ConfigSite = userPool, identityPool, dataBuckets, configSite
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
