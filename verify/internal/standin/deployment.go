package standin

import (
	"net/http"
	"sync"
	"time"

	"github.com/johannesboyne/gofakes3/backend/s3mem"

	"igv-aws-backend/policies"
)

// DefaultPassword is the password every user of a synthesized deployment signs in with. The stack
// never knows its users' passwords (Cognito mails a temporary one), so the stand-in picks one that
// satisfies every password policy the stack can configure.
const DefaultPassword = "Correct-Horse-Battery-9"

// Deployment is a deployed stack as AWS would serve it. Its fields start as the synthesis says and
// tests change them to break it. Change fields before a request, not while one is being served.
type Deployment struct {
	Region    string
	AccountID string
	// ProvisioningURL is the URL IGV users paste; its host is the CloudFront distribution's domain.
	ProvisioningURL string
	// ConfigObjects are what CloudFront serves, by path ("/oauth-config.json.gz",
	// "/port-60152/oauth-config.json.gz"): the bodies exactly as uploaded to the config bucket.
	ConfigObjects map[string][]byte

	UserPool     UserPool
	Client       Client
	IdentityPool IdentityPool
	// Roles are the account's IAM roles, by ARN.
	Roles map[string]*Role
	// Buckets are the account's S3 buckets, by name: the ones the stack creates and the existing ones
	// it grants access to.
	Buckets map[string]*Bucket
	// Users are the user pool's users, by lower-case email (the pool signs in by email).
	Users map[string]User

	// Clock is the time every endpoint sees (token expiry, presigned URLs); nil is time.Now.
	Clock func() time.Time

	store *s3mem.Backend
	keys  *signingKeys
	fake  http.Handler // gofakes3 over store

	mu         sync.Mutex
	calls      []Call
	codes      map[string]*authCode     // hosted-UI authorization codes
	refresh    map[string]*refreshGrant // refresh tokens
	identities map[string]*identity     // Cognito identities by identity id
	sessions   map[string]*session      // STS session credentials by access key id
	created    map[string]bool          // buckets created in the object store
	csrf       map[string]bool          // hosted-UI XSRF tokens handed out
}

// UserPool is the Cognito user pool, with the fields DescribeUserPool returns.
type UserPool struct {
	ID   string
	Name string
	ARN  string
	// Domain is the hosted UI's host name, PREFIX.auth.REGION.amazoncognito.com; "" for no domain.
	Domain string
	// MFA is the MfaConfiguration: OFF, ON or OPTIONAL.
	MFA                 string
	AdminCreateUserOnly bool
	PasswordPolicy      PasswordPolicy
	// DeletionProtection is ACTIVE or INACTIVE.
	DeletionProtection     string
	UsernameAttributes     []string
	AutoVerifiedAttributes []string
	// AdvancedSecurityMode is the threat protection mode: OFF, AUDIT or ENFORCED.
	AdvancedSecurityMode string
	// Tier is LITE, ESSENTIALS or PLUS.
	Tier string
	Tags map[string]string
}

// PasswordPolicy is the user pool's password policy.
type PasswordPolicy struct {
	MinimumLength                 int32
	RequireLowercase              bool
	RequireUppercase              bool
	RequireNumbers                bool
	RequireSymbols                bool
	TemporaryPasswordValidityDays int32
}

// Client is the user pool's app client, with the fields DescribeUserPoolClient returns.
type Client struct {
	ClientID   string
	ClientName string
	// ClientSecret is "" for a public client, as IGV's config usually implies.
	ClientSecret                    string
	AllowedOAuthFlows               []string // code, implicit, client_credentials
	AllowedOAuthScopes              []string
	AllowedOAuthFlowsUserPoolClient bool
	CallbackURLs                    []string
	LogoutURLs                      []string
	SupportedIdentityProviders      []string
	ReadAttributes                  []string
	WriteAttributes                 []string
	ExplicitAuthFlows               []string
	PreventUserExistenceErrors      string
	EnableTokenRevocation           bool
	// Token validities, in TokenValidityUnits.
	AccessTokenValidity  int32
	IDTokenValidity      int32
	RefreshTokenValidity int32
	TokenValidityUnits   TokenValidityUnits
}

// TokenValidityUnits are the units of the client's token validities: seconds, minutes, hours or days.
type TokenValidityUnits struct {
	AccessToken, IDToken, RefreshToken string
}

// IdentityPool is the Cognito identity pool, with the fields DescribeIdentityPool and
// GetIdentityPoolRoles return.
type IdentityPool struct {
	ID                             string
	Name                           string
	AllowUnauthenticatedIdentities bool
	AllowClassicFlow               bool
	Providers                      []Provider
	// Roles maps "authenticated" and "unauthenticated" to role ARNs.
	Roles map[string]string
	Tags  map[string]string
}

// Provider is one Cognito user pool app client the identity pool accepts tokens of.
type Provider struct {
	ProviderName         string // cognito-idp.REGION.amazonaws.com/POOLID
	ClientID             string
	ServerSideTokenCheck bool
}

// Role is an IAM role.
type Role struct {
	ARN  string
	Name string
	Path string
	// ID is the role's unique id (AROA...), the first half of a session's aws:userid.
	ID          string
	Description string
	// Trust is the role's trust (assume role) policy.
	Trust policies.Document
	// Policies are the role's identity policies: an attached managed policy by its ARN, an inline
	// policy by its name.
	Policies           map[string]policies.Document
	MaxSessionDuration int32
	// PermissionsBoundaryARN names the role's permissions boundary. Boundary is its document when
	// known; nil means it is not evaluated (the stack's boundary belongs to another program).
	PermissionsBoundaryARN string
	Boundary               *policies.Document
}

// Bucket is an S3 bucket of the account. Its objects live in the deployment's object store
// (PutObject).
type Bucket struct {
	Name   string
	Region string
	// Policy is the bucket policy; nil for none.
	Policy *policies.Document
	// BlockPublicAccess is the bucket's Block Public Access (all four settings): anonymous requests
	// are refused whatever the policy says.
	BlockPublicAccess bool
	// KMSKeyARN is the customer managed key objects are encrypted with (reading needs kms:Decrypt on
	// it); "" for SSE-S3.
	KMSKeyARN string
	// Created tells whether the stack creates the bucket, rather than only granting access to it.
	Created bool
}

// User is a user of the user pool.
type User struct {
	// Username is what the stack registered (the email); Sub is Cognito's id of the user, which
	// Cognito also uses as the internal user name when users sign in by email.
	Username string
	Sub      string
	Password string
	// Attributes are the user's attributes as Cognito stores them (strings, email_verified "true").
	Attributes map[string]string
	// Disabled users cannot sign in.
	Disabled bool
}

func (d *Deployment) now() time.Time {
	if d.Clock != nil {
		return d.Clock()
	}
	return time.Now()
}
