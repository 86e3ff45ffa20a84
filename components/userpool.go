package components

import (
	"fmt"
	"slices"
	"strings"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cognito"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"igv-aws-backend/invitation"
)

// UserPoolArgs configures the Cognito user pool IGV users sign in to.
type UserPoolArgs struct {
	// Name of the pool. Required. Cognito cannot rename a pool: a new name would replace it and lose
	// every user, so derive it from something that never changes (project and stack).
	Name string
	// Region of the pool, for the hosted-UI host name. Required.
	Region string
	// DomainPrefix of the hosted UI, globally unique. Required.
	DomainPrefix string
	// CallbackURLs registered on the app client; IGV uses the first. Required.
	CallbackURLs []string
	// ClientSecret makes the app client confidential (IGV 2.16). Optional, default false (public
	// client; IGV 2.17+ uses PKCE).
	ClientSecret bool
	// MFA is "OPTIONAL" or "ON" ("OFF" works too, but the security baseline forbids it); the factor is
	// TOTP. Required.
	MFA string
	// PasswordMinLength of user passwords. Required.
	PasswordMinLength int
	// DeletionProtection makes AWS refuse to delete the pool. Optional, default false.
	DeletionProtection bool
	// ThreatProtection is "OFF", "AUDIT" or "ENFORCED"; anything but OFF needs the Plus feature plan.
	ThreatProtection string
	// Protect sets Pulumi's protect option on the pool. Optional, default false.
	Protect bool
	// Users are invited by email with a temporary password. Optional.
	Users []PoolUser
	// EmailSender sends the pool's email through SES, with the stack's own invitation. Optional,
	// default Cognito's default sender and invitation.
	EmailSender *EmailSender
	// IdentityProviders users may sign in with on the hosted UI (federation). Optional.
	IdentityProviders []IdentityProvider
	// CustomAttributes are the pool's custom attributes, by schema name without the custom: prefix
	// (e.g. "groups"). Cognito adds them but never removes one, so once deployed a name must stay in
	// this list (CustomAttributesOf). Optional.
	CustomAttributes []string
	// SingleSignOnOnly removes Cognito's own sign-in (passwords) from the app client. Optional, default
	// false; it needs IdentityProviders.
	SingleSignOnOnly bool
	// PreTokenGeneration is the ARN of the token gate the pool runs before it issues tokens (version 1
	// events). Optional: none without identity providers or tiers.
	PreTokenGeneration pulumi.StringInput
	// Tiers each get a Cognito group holding their members and an app client of their own, instead of
	// the one app client. Optional.
	Tiers []PoolTier
	// Tags for the pool. Optional.
	Tags map[string]string
}

// PoolTier is an access tier as the user pool sees it: a group and an app client.
type PoolTier struct {
	// Name is the tier's stable key. Required.
	Name string
	// Members are emails of the pool's Users. Optional.
	Members []string
}

// TierClientName is the app client name of a tier (the gate knows clients by name).
func TierClientName(tier string) string { return ClientName + "-" + tier }

// TierGroupName is the Cognito group of a tier's members.
func TierGroupName(tier string) string { return "igv-tier-" + tier }

// EmailSender is an SES identity the pool sends its email through (EmailSendingAccount DEVELOPER).
type EmailSender struct {
	// SourceARN of the verified SES identity. Required.
	SourceARN string
	// From is "address" or "Name <address>" within the identity. Required.
	From string
	// ReplyTo and ConfigurationSet are optional.
	ReplyTo          string
	ConfigurationSet string
	// ProvisioningURL is written into the invitation. Required.
	ProvisioningURL pulumi.StringInput
	// Port is the IGV callback port ProvisioningURL's config serves. Required.
	Port int
}

// PoolUser is a user created by an administrator.
type PoolUser struct {
	Email      string
	GivenName  string
	FamilyName string
}

// UserPool is the Cognito user pool, its app client for IGV, its hosted-UI domain and its bootstrap users.
type UserPool struct {
	pulumi.ResourceState

	UserPoolID  pulumi.StringOutput `pulumi:"userPoolId"`
	UserPoolARN pulumi.StringOutput `pulumi:"userPoolArn"`
	// ProviderName is "cognito-idp.<region>.amazonaws.com/<pool id>": how an identity pool names this pool.
	ProviderName pulumi.StringOutput `pulumi:"providerName"`
	// ClientID and ClientSecret are the app client's, without tiers (empty with them). ClientSecret is
	// empty for a public client; otherwise a secret output.
	ClientID     pulumi.StringOutput `pulumi:"clientId"`
	ClientSecret pulumi.StringOutput `pulumi:"clientSecret"`
	// TierClients are the tiers' app clients, by tier name.
	TierClients map[string]PoolClient
	// HostedUIDomain is "<prefix>.auth.<region>.amazoncognito.com".
	HostedUIDomain pulumi.StringOutput `pulumi:"hostedUiDomain"`
	// CreatedUsers are the users' emails (lower case, sorted) once every one of them exists: it never
	// resolves if one fails, so a record made of it never counts a failed invitation as sent.
	CreatedUsers pulumi.StringArrayOutput `pulumi:"createdUsers"`
}

// PoolClient is an app client's id and secret (empty for a public client, otherwise a secret output).
type PoolClient struct {
	ID     pulumi.StringOutput
	Secret pulumi.StringOutput
}

// ReadAttributes are what the app client may read, and so what the id token carries: the email, which
// IGV makes the STS session name of, and whether it is verified.
var ReadAttributes = []string{"email", "email_verified"}

// The flows and scopes IGV uses (igv-contract.md, section 3).
var (
	oauthFlows  = []string{"code"}
	oauthScopes = []string{"email", "openid", "profile"}
)

// NewUserPool registers the user pool and its children.
func NewUserPool(ctx *pulumi.Context, name string, args *UserPoolArgs, opts ...pulumi.ResourceOption) (*UserPool, error) {
	if args == nil || args.Name == "" || args.Region == "" || args.DomainPrefix == "" || len(args.CallbackURLs) == 0 {
		return nil, fmt.Errorf("user pool %s: Name, Region, DomainPrefix and CallbackURLs are required", name)
	}
	adminCreate := &cognito.UserPoolAdminCreateUserConfigArgs{
		// Only administrators create users (Prowler cognito_user_pool_self_registration_disabled).
		AllowAdminCreateUserOnly: pulumi.Bool(true),
	}
	var email cognito.UserPoolEmailConfigurationPtrInput
	if s := args.EmailSender; s != nil {
		template, emailConfig, err := sesInvitation(s)
		if err != nil {
			return nil, fmt.Errorf("user pool %s: %w", name, err)
		}
		adminCreate.InviteMessageTemplate, email = template, emailConfig
	}

	c := &UserPool{}
	if err := ctx.RegisterComponentResource(typePrefix+"cognito:UserPool", name, c, opts...); err != nil {
		return nil, err
	}
	parent := pulumi.Parent(c)

	pool, err := cognito.NewUserPool(ctx, name, &cognito.UserPoolArgs{
		Name: pulumi.String(args.Name),
		// Without an SES sender, no invitation template: the provider sends every member of it, an
		// unset smsMessage as "", which CreateUserPool refuses (hashicorp/terraform-provider-aws#13060),
		// and the API allows a custom email only with SES (DEVELOPER) sending. Cognito's default
		// invitation is sent instead.
		AdminCreateUserConfig: adminCreate,
		EmailConfiguration:    email,
		// Email is the username: IGV makes the STS session name of it.
		UsernameAttributes:     pulumi.ToStringArray([]string{"email"}),
		AutoVerifiedAttributes: pulumi.ToStringArray([]string{"email"}),
		UsernameConfiguration: &cognito.UserPoolUsernameConfigurationArgs{
			CaseSensitive: pulumi.Bool(false),
		},
		Schemas: schemas(args.CustomAttributes),
		PasswordPolicy: &cognito.UserPoolPasswordPolicyArgs{
			MinimumLength:                 pulumi.Int(args.PasswordMinLength),
			RequireLowercase:              pulumi.Bool(true),
			RequireUppercase:              pulumi.Bool(true),
			RequireNumbers:                pulumi.Bool(true),
			RequireSymbols:                pulumi.Bool(true),
			TemporaryPasswordValidityDays: pulumi.Int(7),
		},
		MfaConfiguration:              pulumi.String(args.MFA),
		SoftwareTokenMfaConfiguration: softwareTokenMFA(args.MFA),
		// Forgotten passwords are reset through the verified email only, never by SMS.
		AccountRecoverySetting: &cognito.UserPoolAccountRecoverySettingArgs{
			RecoveryMechanisms: cognito.UserPoolAccountRecoverySettingRecoveryMechanismArray{
				&cognito.UserPoolAccountRecoverySettingRecoveryMechanismArgs{
					Name: pulumi.String("verified_email"), Priority: pulumi.Int(1),
				},
			},
		},
		DeletionProtection: pulumi.String(activeOrInactive(args.DeletionProtection)),
		UserPoolAddOns: &cognito.UserPoolUserPoolAddOnsArgs{
			AdvancedSecurityMode: pulumi.String(args.ThreatProtection),
		},
		UserPoolTier: pulumi.String(userPoolTier(args.ThreatProtection)),
		LambdaConfig: lambdaConfig(args.PreTokenGeneration),
		Tags:         tagMap(args.Tags),
	}, parent, pulumi.Protect(args.Protect))
	if err != nil {
		return nil, fmt.Errorf("user pool %s: %w", name, err)
	}

	if args.SingleSignOnOnly && len(args.IdentityProviders) == 0 {
		return nil, fmt.Errorf("user pool %s: SingleSignOnOnly needs IdentityProviders", name)
	}
	idpNames, err := newIdentityProviders(ctx, name, pool.ID().ToStringOutput(), args.IdentityProviders, parent)
	if err != nil {
		return nil, fmt.Errorf("user pool %s: %w", name, err)
	}

	newClient := func(resource, clientName string) (PoolClient, error) {
		client, err := cognito.NewUserPoolClient(ctx, resource, clientArgs(args, pool.ID(), clientName, idpNames), parent)
		if err != nil {
			return PoolClient{}, fmt.Errorf("user pool %s: app client %s: %w", name, clientName, err)
		}
		pc := PoolClient{ID: client.ID().ToStringOutput(), Secret: pulumi.String("").ToStringOutput()}
		if args.ClientSecret {
			pc.Secret = pulumi.ToSecret(client.ClientSecret).(pulumi.StringOutput)
		}
		return pc, nil
	}
	var untiered PoolClient
	if len(args.Tiers) == 0 {
		if untiered, err = newClient(name+"-client", ClientName); err != nil {
			return nil, err
		}
	} else {
		c.TierClients = map[string]PoolClient{}
		for _, t := range args.Tiers {
			// Named after the tier, never a list position: adding or removing a tier touches no other.
			if c.TierClients[t.Name], err = newClient(name+"-client-"+t.Name, TierClientName(t.Name)); err != nil {
				return nil, err
			}
		}
	}

	// A new prefix replaces the domain, and a pool holds one prefix domain: the old one must go first
	// ("User pool already has a domain configured", aws/aws-cdk#10062). The hosted UI is down for
	// the seconds between the two calls.
	domain, err := cognito.NewUserPoolDomain(ctx, name+"-domain", &cognito.UserPoolDomainArgs{
		Domain:     pulumi.String(args.DomainPrefix),
		UserPoolId: pool.ID(),
	}, parent, pulumi.DeleteBeforeReplace(true))
	if err != nil {
		return nil, fmt.Errorf("user pool %s: domain: %w", name, err)
	}

	var created []any
	var emails []string
	byEmail := map[string]*cognito.User{}
	for _, u := range args.Users {
		// The pool's usernames are case-insensitive, and the username cannot change without replacing
		// the user, whose new self would then collide with the old (UsernameExistsException). So the
		// email is used in lower case: a change of case in the config changes nothing.
		email := strings.ToLower(u.Email)
		attrs := map[string]string{"email": email, "email_verified": "true"}
		if u.GivenName != "" {
			attrs["given_name"] = u.GivenName
		}
		if u.FamilyName != "" {
			attrs["family_name"] = u.FamilyName
		}
		// Named after the email, never a list position: reordering users touches nobody.
		user, err := cognito.NewUser(ctx, name+"-user-"+email, &cognito.UserArgs{
			UserPoolId:             pool.ID(),
			Username:               pulumi.String(email),
			Attributes:             pulumi.ToStringMap(attrs),
			DesiredDeliveryMediums: pulumi.ToStringArray([]string{"EMAIL"}),
		}, parent)
		if err != nil {
			return nil, fmt.Errorf("user pool %s: user %s: %w", name, u.Email, err)
		}
		created = append(created, user.ID())
		emails = append(emails, email)
		byEmail[email] = user
	}
	if err := newTierGroups(ctx, name, pool, args.Tiers, byEmail, parent); err != nil {
		return nil, err
	}
	slices.Sort(emails)
	c.CreatedUsers = pulumi.All(created...).ApplyT(func([]any) []string { return emails }).(pulumi.StringArrayOutput)

	c.UserPoolID = pool.ID().ToStringOutput()
	c.UserPoolARN = pool.Arn
	c.ProviderName = pool.Endpoint
	c.ClientID, c.ClientSecret = untiered.ID, untiered.Secret
	if c.ClientID == (pulumi.StringOutput{}) {
		c.ClientID, c.ClientSecret = pulumi.String("").ToStringOutput(), pulumi.String("").ToStringOutput()
	}
	c.HostedUIDomain = pulumi.Sprintf("%s.auth.%s.amazoncognito.com", domain.Domain, args.Region)

	if err := ctx.RegisterResourceOutputs(c, pulumi.Map{
		"userPoolId":     c.UserPoolID,
		"userPoolArn":    c.UserPoolARN,
		"providerName":   c.ProviderName,
		"clientId":       c.ClientID,
		"clientSecret":   c.ClientSecret,
		"hostedUiDomain": c.HostedUIDomain,
		"createdUsers":   c.CreatedUsers,
	}); err != nil {
		return nil, err
	}
	return c, nil
}

// clientArgs are an app client for IGV: the same for the one client and every tier's.
func clientArgs(args *UserPoolArgs, poolID pulumi.IDOutput, clientName string, idpNames []pulumi.StringOutput) *cognito.UserPoolClientArgs {
	return &cognito.UserPoolClientArgs{
		Name:       pulumi.String(clientName),
		UserPoolId: poolID,
		// The authorization-code flow only: no implicit flow, no password flows from the client.
		AllowedOauthFlowsUserPoolClient: pulumi.Bool(true),
		AllowedOauthFlows:               pulumi.ToStringArray(oauthFlows),
		AllowedOauthScopes:              pulumi.ToStringArray(oauthScopes),
		ExplicitAuthFlows:               pulumi.ToStringArray([]string{"ALLOW_REFRESH_TOKEN_AUTH"}),
		CallbackUrls:                    pulumi.ToStringArray(args.CallbackURLs),
		SupportedIdentityProviders:      supportedProviders(!args.SingleSignOnOnly, idpNames),
		WriteAttributes:                 writeAttributesInput(args.IdentityProviders),
		GenerateSecret:                  pulumi.Bool(args.ClientSecret),
		PreventUserExistenceErrors:      pulumi.String("ENABLED"),
		EnableTokenRevocation:           pulumi.Bool(true),
		// The id token carries every attribute the client may read, and IGV needs only the email. IGV
		// decodes the token with Java's standard Base64 decoder, which fails on the "-" and "_" of
		// base64url that non-ASCII names such as "Zoë" produce (JWTParser.getPayload): no names.
		ReadAttributes: pulumi.ToStringArray(ReadAttributes),
		// IGV refreshes an hour-long session; the refresh token keeps users signed in for a working month.
		AccessTokenValidity:  pulumi.Int(1),
		IdTokenValidity:      pulumi.Int(1),
		RefreshTokenValidity: pulumi.Int(30),
		TokenValidityUnits: &cognito.UserPoolClientTokenValidityUnitsArgs{
			AccessToken:  pulumi.String("hours"),
			IdToken:      pulumi.String("hours"),
			RefreshToken: pulumi.String("days"),
		},
	}
}

// sesInvitation is the pool's email configuration for an SES sender, and the stack's invitation with
// every member set (subject, email and SMS), so that the provider sends no empty one.
func sesInvitation(s *EmailSender) (*cognito.UserPoolAdminCreateUserConfigInviteMessageTemplateArgs, *cognito.UserPoolEmailConfigurationArgs, error) {
	if s.SourceARN == "" || s.From == "" || s.ProvisioningURL == nil {
		return nil, nil, fmt.Errorf("an email sender needs SourceARN, From and ProvisioningURL")
	}
	fixed, err := invitation.Render(invitation.Values{})
	if err != nil {
		return nil, nil, err
	}
	emailBody := s.ProvisioningURL.ToStringOutput().ApplyT(func(url string) (string, error) {
		m, err := invitation.Render(invitation.Values{ProvisioningURL: url, Port: s.Port})
		return m.Email, err
	}).(pulumi.StringOutput)
	template := &cognito.UserPoolAdminCreateUserConfigInviteMessageTemplateArgs{
		EmailSubject: pulumi.String(fixed.Subject),
		EmailMessage: emailBody,
		SmsMessage:   pulumi.String(fixed.SMS),
	}
	config := &cognito.UserPoolEmailConfigurationArgs{
		EmailSendingAccount: pulumi.String("DEVELOPER"),
		SourceArn:           pulumi.String(s.SourceARN),
		FromEmailAddress:    pulumi.String(s.From),
	}
	if s.ReplyTo != "" {
		config.ReplyToEmailAddress = pulumi.String(s.ReplyTo)
	}
	if s.ConfigurationSet != "" {
		config.ConfigurationSet = pulumi.String(s.ConfigurationSet)
	}
	return template, config, nil
}

// schemas are the pool's attributes: the email, and the custom attributes (identity providers' groups
// claims land in one). Cognito adds custom attributes but never changes or removes one
// (hashicorp/terraform-provider-aws#21654), so each is mutable (federated sign-in rewrites it at every
// sign-in), never required (only possible at creation), and stays once added.
func schemas(custom []string) cognito.UserPoolSchemaArray {
	out := cognito.UserPoolSchemaArray{&cognito.UserPoolSchemaArgs{
		Name:              pulumi.String("email"),
		AttributeDataType: pulumi.String("String"),
		Required:          pulumi.Bool(true),
		Mutable:           pulumi.Bool(true),
		StringAttributeConstraints: &cognito.UserPoolSchemaStringAttributeConstraintsArgs{
			MinLength: pulumi.String("0"),
			MaxLength: pulumi.String("2048"),
		},
	}}
	for _, name := range custom {
		out = append(out, &cognito.UserPoolSchemaArgs{
			Name:                   pulumi.String(name),
			AttributeDataType:      pulumi.String("String"),
			Required:               pulumi.Bool(false),
			Mutable:                pulumi.Bool(true),
			DeveloperOnlyAttribute: pulumi.Bool(false),
			StringAttributeConstraints: &cognito.UserPoolSchemaStringAttributeConstraintsArgs{
				MinLength: pulumi.String("0"),
				MaxLength: pulumi.String("2048"),
			},
		})
	}
	return out
}

// lambdaConfig runs the gate before every token issue. The PreTokenGenerationConfig form names the event
// version (V1_0, which every feature plan has); the older preTokenGeneration member is left for AWS to fill.
func lambdaConfig(gateARN pulumi.StringInput) cognito.UserPoolLambdaConfigPtrInput {
	if gateARN == nil {
		return nil
	}
	return &cognito.UserPoolLambdaConfigArgs{
		PreTokenGenerationConfig: &cognito.UserPoolLambdaConfigPreTokenGenerationConfigArgs{
			LambdaArn:     gateARN,
			LambdaVersion: pulumi.String("V1_0"),
		},
	}
}

func writeAttributesInput(idps []IdentityProvider) pulumi.StringArrayInput {
	attrs := writeAttributes(idps)
	if len(attrs) == 0 {
		return nil
	}
	return pulumi.ToStringArray(attrs)
}

// softwareTokenMFA enables TOTP whenever MFA is possible; Cognito requires a factor for OPTIONAL and ON.
func softwareTokenMFA(mfa string) cognito.UserPoolSoftwareTokenMfaConfigurationPtrInput {
	if mfa == "OFF" {
		return nil
	}
	return &cognito.UserPoolSoftwareTokenMfaConfigurationArgs{Enabled: pulumi.Bool(true)}
}

// userPoolTier picks the feature plan: threat protection exists only in Plus; Essentials otherwise,
// the default plan of new pools.
func userPoolTier(threatProtection string) string {
	if threatProtection == "OFF" {
		return "ESSENTIALS"
	}
	return "PLUS"
}

func activeOrInactive(on bool) string {
	if on {
		return "ACTIVE"
	}
	return "INACTIVE"
}

// newTierGroups registers each tier's Cognito group and puts its members in it. The gate admits a
// user to a tier's client only as a member of its group (or through the tier's identity provider
// groups). Groups and memberships are named after the tier and the email, never list positions.
func newTierGroups(ctx *pulumi.Context, name string, pool *cognito.UserPool, tiers []PoolTier, users map[string]*cognito.User, parent pulumi.ResourceOption) error {
	for _, t := range tiers {
		group, err := cognito.NewUserGroup(ctx, name+"-group-"+t.Name, &cognito.UserGroupArgs{
			UserPoolId:  pool.ID(),
			Name:        pulumi.String(TierGroupName(t.Name)),
			Description: pulumi.String("Members of the IGV access tier " + t.Name),
		}, parent)
		if err != nil {
			return fmt.Errorf("user pool %s: group of tier %s: %w", name, t.Name, err)
		}
		for _, email := range t.Members {
			email = strings.ToLower(email)
			user, ok := users[email]
			if !ok {
				return fmt.Errorf("user pool %s: tier %s: member %s is not a user of the pool", name, t.Name, email)
			}
			if _, err := cognito.NewUserInGroup(ctx, name+"-member-"+t.Name+"-"+email, &cognito.UserInGroupArgs{
				UserPoolId: pool.ID(),
				GroupName:  group.Name,
				// The user's own output, so that the membership waits for the user.
				Username: user.Username,
				// Every input replaces a membership, and a replacement that named the same user would add
				// it, then remove it: remove first (tests/providertruth/cognito_useringroup.go).
			}, parent, pulumi.DeleteBeforeReplace(true)); err != nil {
				return fmt.Errorf("user pool %s: tier %s: member %s: %w", name, t.Name, email, err)
			}
		}
	}
	return nil
}
