// Package stackconfig reads a stack's configuration once into one typed, validated value.
//
// Parse is a pure function of the raw configuration (keys "namespace:key", values as the Pulumi engine
// passes them: scalars as text, lists and objects as JSON). It reports every problem at once and
// runs before any resource is registered, so a bad configuration deploys nothing.
package stackconfig

import (
	"igv-aws-backend/policies"
)

// Namespace is the project name in Pulumi.yaml, under which the stack's own keys live.
const Namespace = "igv-aws-backend"

// Configuration keys.
const (
	KeyRegion               = "aws:region"
	KeyDomainPrefix         = Namespace + ":domainPrefix"
	KeyCallbackPorts        = Namespace + ":callbackPorts"
	KeyClientSecret         = Namespace + ":clientSecret"
	KeyMFA                  = Namespace + ":mfa"
	KeyPasswordMinLength    = Namespace + ":passwordMinLength"
	KeyDeletionProtection   = Namespace + ":deletionProtection"
	KeyThreatProtection     = Namespace + ":threatProtection"
	KeyProtect              = Namespace + ":protect"
	KeyUsers                = Namespace + ":users"
	KeyBuckets              = Namespace + ":buckets"
	KeyTags                 = Namespace + ":tags"
	KeyPriceClass           = Namespace + ":priceClass"
	KeyAccessLogBucket      = Namespace + ":accessLogBucket"
	KeyConfigDomain         = Namespace + ":configDomain"
	KeyConfigCertificateARN = Namespace + ":configCertificateArn"
	KeyMaxManagedPolicies   = Namespace + ":maxManagedPolicies"
	KeyRoleBoundaryARN      = Namespace + ":roleBoundaryArn"
	KeyEmailSender          = Namespace + ":emailSender"
	KeyInvitationsPerDeploy = Namespace + ":invitationsPerDeployment"
	KeyAuditTrail           = Namespace + ":auditTrail"
	KeyListAllBuckets       = Namespace + ":listAllBuckets"
	KeyIdentityProviders    = Namespace + ":identityProviders"
	// KeyIdentityProviderSecrets is a secret map of provider name to client secret, apart from
	// identityProviders so that the list itself stays readable (a secret inside it would hide it all).
	KeyIdentityProviderSecrets = Namespace + ":identityProviderSecrets"
	KeyLocalUsers              = Namespace + ":localUsers"
	KeyAdminContact            = Namespace + ":adminContact"
	KeyTiers                   = Namespace + ":tiers"
	KeySharedBuckets           = Namespace + ":sharedBuckets"
)

// Keys are every key the program reads.
var Keys = []string{
	KeyRegion, KeyDomainPrefix, KeyCallbackPorts, KeyClientSecret, KeyMFA, KeyPasswordMinLength,
	KeyDeletionProtection, KeyThreatProtection, KeyProtect, KeyUsers, KeyBuckets, KeyTags, KeyPriceClass,
	KeyAccessLogBucket, KeyConfigDomain, KeyConfigCertificateARN, KeyMaxManagedPolicies, KeyRoleBoundaryARN,
	KeyEmailSender, KeyInvitationsPerDeploy, KeyAuditTrail, KeyListAllBuckets,
	KeyIdentityProviders, KeyIdentityProviderSecrets, KeyLocalUsers, KeyAdminContact, KeyTiers, KeySharedBuckets,
}

// Defaults of the optional keys, as text the way Pulumi passes them. Pulumi.yaml declares the same
// defaults (a test keeps the two equal); Parse applies them too, because the mock engine does not.
var Defaults = map[string]string{
	KeyDomainPrefix:            "",
	KeyCallbackPorts:           "[60151]",
	KeyClientSecret:            "false",
	KeyMFA:                     string(MFAOptional),
	KeyPasswordMinLength:       "12",
	KeyDeletionProtection:      "true",
	KeyThreatProtection:        string(ThreatProtectionOff),
	KeyProtect:                 "true",
	KeyPriceClass:              "PriceClass_100",
	KeyAccessLogBucket:         "",
	KeyConfigDomain:            "",
	KeyConfigCertificateARN:    "",
	KeyMaxManagedPolicies:      "10",
	KeyRoleBoundaryARN:         "",
	KeyEmailSender:             "{}",
	KeyInvitationsPerDeploy:    "20",
	KeyAuditTrail:              "{}",
	KeyListAllBuckets:          "true",
	KeyIdentityProviders:       "[]",
	KeyIdentityProviderSecrets: "{}",
	KeyLocalUsers:              "true",
	KeyAdminContact:            "",
	KeyTiers:                   "[]",
	KeySharedBuckets:           "[]",
	KeyUsers:                   "[]",
	KeyTags:                    "{}",
}

// Limits AWS puts on what the config names.
const (
	// MaxResourcePrefix is the longest "<project>-<stack>": the user pool's and identity pool's name.
	MaxResourcePrefix = 128
	// MaxCallbackPorts is how many callback URLs Cognito allows one app client.
	MaxCallbackPorts = 100
)

// MFA is the user pool's multi-factor setting; the factor is always TOTP (an authenticator app).
// Cognito also knows OFF, which the security baseline (Security Hub Cognito.5) does not allow.
type MFA string

const (
	MFAOptional MFA = "OPTIONAL"
	MFAOn       MFA = "ON"
)

// ThreatProtection is Cognito's threat protection (formerly advanced security) mode.
type ThreatProtection string

const (
	ThreatProtectionOff      ThreatProtection = "OFF"
	ThreatProtectionAudit    ThreatProtection = "AUDIT"
	ThreatProtectionEnforced ThreatProtection = "ENFORCED"
)

// Config is the whole, validated configuration of one stack.
type Config struct {
	Project string
	Stack   string

	// Region holds every resource and every data bucket: IGV signs S3 requests in this region only.
	Region string
	// DomainPrefix is the hosted-UI prefix: https://<prefix>.auth.<region>.amazoncognito.com.
	DomainPrefix string
	// CallbackPorts are IGV's local OAuth listener ports; the first is redirect_uris[0].
	CallbackPorts []int
	// ClientSecret makes the app client confidential, for IGV 2.16. The secret is public either way.
	ClientSecret       bool
	MFA                MFA
	PasswordMinLength  int
	DeletionProtection bool
	ThreatProtection   ThreatProtection
	// Protect sets Pulumi's protect option on the user pool and the created data buckets.
	Protect bool
	Users   []User
	Buckets []Bucket
	Tags    map[string]string
	// PriceClass is the CloudFront price class of the config distribution.
	PriceClass string
	// AccessLogBucket, when set, receives S3 server access logs of the created buckets and the
	// CloudFront logs of the config distribution.
	AccessLogBucket string
	// ConfigDomain and ConfigCertificateARN put the config file behind a custom domain with TLS 1.2.
	ConfigDomain         string
	ConfigCertificateARN string
	// MaxManagedPolicies is the role's quota of attached managed policies (10 unless raised).
	MaxManagedPolicies int
	// RoleBoundaryARN is the permissions boundary of the authenticated role; the CI deploy role creates
	// roles only with the boundary its account's ci-roles stack made.
	RoleBoundaryARN string
	// EmailSender, when set, sends Cognito's email (invitations included) through SES, with the
	// stack's own invitation. Nil: Cognito's default sender and its default invitation.
	EmailSender *EmailSender
	// InvitationsPerDeployment is how many new users one deployment may invite through Cognito's
	// default sender, which sends at most DefaultSenderDailyLimit emails a day.
	InvitationsPerDeployment int
	// AuditTrail, when enabled, records who read which object of the data buckets (CloudTrail).
	AuditTrail *AuditTrail
	// ListAllBuckets grants s3:ListAllMyBuckets, which IGV's Amazon > Load from S3 calls to list the
	// account's bucket names. Off, IGV 3.0 users name their buckets in the AWS_S3_BUCKETS preference.
	ListAllBuckets bool
	// IdentityProviders are the institution's identity providers users may sign in with (federation).
	IdentityProviders []IdentityProvider
	// IdentityProviderSecrets are the OIDC and Google client secrets, by provider name. Secret.
	IdentityProviderSecrets map[string]string
	// LocalUsers keeps Cognito's own sign-in (passwords) beside the identity providers.
	LocalUsers bool
	// AdminContact is who users ask for access: the gate's refusals name it.
	AdminContact string
	// Tiers split the data into projects whose users and buckets must not mix. None: one role reads
	// every bucket, as before tiers.
	Tiers []Tier
	// SharedBuckets are read by every tier.
	SharedBuckets []string
}

// Gated tells whether the stack runs the token gate: with identity providers (to enforce their email
// domains, since Cognito creates a federated user on first sign-in whatever admin-only sign-up says),
// and with tiers (membership is proven only there).
func (c *Config) Gated() bool { return len(c.IdentityProviders) > 0 || c.Tiered() }

// ObjectLock is the Object Lock mode of the audit log bucket's default retention.
type ObjectLock string

const (
	ObjectLockNone       ObjectLock = "NONE"
	ObjectLockGovernance ObjectLock = "GOVERNANCE"
	ObjectLockCompliance ObjectLock = "COMPLIANCE"
)

// AuditTrail is a CloudTrail trail recording the STS calls that hand out IGV credentials and every read
// and listing of the data buckets, delivered to an S3 bucket.
type AuditTrail struct {
	Enabled bool `json:"enabled"`
	// LogBucket is an existing bucket for the logs, which the stack never modifies; empty: the stack
	// creates one, lock-capable, retained on delete.
	LogBucket string `json:"logBucket,omitempty"`
	// RetentionDays is how long the logs are kept (and locked, with ObjectLock).
	RetentionDays int `json:"retentionDays,omitempty"`
	// KMSKeyARN encrypts the log files with this key (SSE-KMS); empty: SSE-S3.
	KMSKeyARN string `json:"kmsKeyArn,omitempty"`
	// ObjectLock is the default retention mode of the created log bucket.
	ObjectLock ObjectLock `json:"objectLock,omitempty"`
}

// Audit trail limits.
const (
	// DefaultAuditRetentionDays keeps logs a year unless configured.
	DefaultAuditRetentionDays = 365
	// MaxSelectorValuesPerTrail is CloudTrail's hard cap on the values of a trail's advanced event
	// selectors, all selectors and fields together.
	MaxSelectorValuesPerTrail = 500
	// BucketsPerFirstTrail and BucketsPerTrail are how many data buckets (one value each) fit beside the
	// fixed values: the data selector's "Data", "AWS::S3::Object" and "true", and on the first trail the
	// management selector's "Management".
	BucketsPerFirstTrail = MaxSelectorValuesPerTrail - 4
	BucketsPerTrail      = MaxSelectorValuesPerTrail - 3
	// MaxAuditTrails is how many trails the stack may use: CloudTrail allows 5 per region and account,
	// one left for the account's own.
	MaxAuditTrails = 4
)

// DefaultSenderDailyLimit is how many emails Cognito's default sender sends a day per account, password
// resets and resent invitations included.
const DefaultSenderDailyLimit = 50

// EmailSender is an SES identity Cognito sends the pool's email through (EmailSendingAccount DEVELOPER).
type EmailSender struct {
	// SESIdentityARN is the verified identity: arn:aws:ses:REGION:ACCOUNT:identity/DOMAIN-OR-ADDRESS.
	SESIdentityARN string `json:"sesIdentityArn"`
	// From is the sender, "address" or "Name <address>", within the identity.
	From string `json:"from"`
	// ReplyTo is where replies go. Optional.
	ReplyTo string `json:"replyTo,omitempty"`
	// ConfigurationSet is an SES configuration set for the messages (event publishing). Optional.
	ConfigurationSet string `json:"configurationSet,omitempty"`
}

// User is a bootstrap user, invited by email with a temporary password.
type User struct {
	Email      string `json:"email"`
	GivenName  string `json:"givenName,omitempty"`
	FamilyName string `json:"familyName,omitempty"`
}

// Bucket is a data bucket IGV users may read.
type Bucket struct {
	Name string `json:"name"`
	// Create makes the stack create and harden the bucket; otherwise it only grants read access.
	Create bool `json:"create,omitempty"`
	// Prefixes limits reads to keys under these prefixes.
	Prefixes []string `json:"prefixes,omitempty"`
	// KMSKeyARN is the customer managed key of the bucket's objects; the role may decrypt with it.
	KMSKeyARN string `json:"kmsKeyArn,omitempty"`
}

// Grants are the buckets as read grants for policies.DataAccess.
func (c *Config) Grants() []policies.Grant {
	grants := make([]policies.Grant, len(c.Buckets))
	for i, b := range c.Buckets {
		grants[i] = policies.Grant{Bucket: b.Name, Prefixes: b.Prefixes, KMSKeyARN: b.KMSKeyARN}
	}
	return grants
}

// ResourcePrefix names the stack's AWS resources that need a fixed name ("<project>-<stack>"). It never
// changes for a stack, so no name-derived replacement can ever happen.
func (c *Config) ResourcePrefix() string { return c.Project + "-" + c.Stack }
