// Package ciroles is the CI-roles program: the GitHub OIDC identity provider and the two roles the
// IGV stack's workflows assume, a read-only preview role for pull requests and a deploy role for the
// deployment environments. An admin runs it once per AWS account (see README, "CI/CD").
package ciroles

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"igv-aws-backend/stackconfig"
)

// Namespace is the project name in ci-roles/Pulumi.yaml.
const Namespace = "igv-aws-backend-ci-roles"

// Configuration keys.
const (
	KeyRegion             = "aws:region"
	KeyRepository         = Namespace + ":githubRepository"
	KeyAccountID          = Namespace + ":accountId"
	KeyOIDCProviderARN    = Namespace + ":oidcProviderArn"
	KeyDeployEnvironments = Namespace + ":deployEnvironments"
	KeyDataBucketPatterns = Namespace + ":dataBucketPatterns"
	KeyStateBucket        = Namespace + ":stateBucket"
	KeyAccessLogBucket    = Namespace + ":accessLogBucket"
	KeyRoleNamePrefix     = Namespace + ":roleNamePrefix"
)

// Keys are every key the program reads.
var Keys = []string{KeyRegion, KeyRepository, KeyAccountID, KeyOIDCProviderARN, KeyDeployEnvironments,
	KeyDataBucketPatterns, KeyStateBucket, KeyAccessLogBucket, KeyRoleNamePrefix}

// Defaults of the optional keys, as Pulumi.yaml declares them.
var Defaults = map[string]string{
	KeyOIDCProviderARN:    "",
	KeyDeployEnvironments: `["dev","prod"]`,
	KeyStateBucket:        "",
	KeyAccessLogBucket:    "",
	KeyRoleNamePrefix:     "igv-aws-backend-ci",
}

// Config is the validated configuration of one account's CI roles.
type Config struct {
	Region string
	// Repository is "OWNER/REPO", the only repository whose workflows may assume the roles.
	Repository string
	AccountID  string
	// OIDCProviderARN is an existing GitHub OIDC provider; empty creates one (one per account).
	OIDCProviderARN string
	// DeployEnvironments are the GitHub environments whose jobs may deploy (e.g. dev, prod).
	DeployEnvironments []string
	// DataBucketPatterns match the names of the data buckets the stack may create.
	DataBucketPatterns []string
	StateBucket        string
	AccessLogBucket    string
	RoleNamePrefix     string
}

var (
	repoPattern        = regexp.MustCompile(`^[A-Za-z0-9-]+/[A-Za-z0-9._-]+$`)
	accountPattern     = regexp.MustCompile(`^[0-9]{12}$`)
	environmentPattern = regexp.MustCompile(`^[A-Za-z0-9._-]{1,255}$`)
	bucketPattern      = regexp.MustCompile(`^[a-z0-9][a-z0-9.*-]{1,62}$`)
	oidcARNPattern     = regexp.MustCompile(`^arn:aws:iam::[0-9]{12}:oidc-provider/token\.actions\.githubusercontent\.com$`)
	roleNamePattern    = regexp.MustCompile(`^[A-Za-z0-9+=,.@_-]{1,50}$`)
)

// Parse validates the raw configuration and reports every problem at once.
func Parse(stack string, raw map[string]string) (*Config, error) {
	var ps []stackconfig.Problem
	add := func(key, value, why, fix string) {
		ps = append(ps, stackconfig.Problem{Key: key, Value: value, Why: why, Fix: fix})
	}
	get := func(k string) string {
		if v, ok := raw[k]; ok {
			return v
		}
		return Defaults[k]
	}
	c := &Config{
		Region: raw[KeyRegion], Repository: get(KeyRepository), AccountID: get(KeyAccountID),
		OIDCProviderARN: get(KeyOIDCProviderARN), StateBucket: get(KeyStateBucket),
		AccessLogBucket: get(KeyAccessLogBucket), RoleNamePrefix: get(KeyRoleNamePrefix),
	}
	for k := range raw {
		if strings.HasPrefix(k, Namespace+":") && !slices.Contains(Keys, k) {
			add(k, "", "is not a key this program reads", "remove it; the keys are listed in the README's CI/CD section")
		}
	}
	if c.Region == "" {
		add(KeyRegion, "", "is required: the region of the IGV stack", "set the region the IGV stack deploys to")
	}
	if !repoPattern.MatchString(c.Repository) {
		add(KeyRepository, fmt.Sprintf("%q", c.Repository), "is not OWNER/REPO", "set the GitHub repository, e.g. genomics-lab/igv-aws-backend")
	}
	if !accountPattern.MatchString(c.AccountID) {
		add(KeyAccountID, fmt.Sprintf("%q", c.AccountID), "is not a 12-digit AWS account id", "set the id of the account the roles live in")
	}
	if c.OIDCProviderARN != "" && !oidcARNPattern.MatchString(c.OIDCProviderARN) {
		add(KeyOIDCProviderARN, c.OIDCProviderARN, "is not the ARN of a GitHub Actions OIDC provider",
			"use arn:aws:iam::ACCOUNT:oidc-provider/token.actions.githubusercontent.com, or leave it empty to create one")
	}
	if err := json.Unmarshal([]byte(get(KeyDeployEnvironments)), &c.DeployEnvironments); err != nil || len(c.DeployEnvironments) == 0 {
		add(KeyDeployEnvironments, get(KeyDeployEnvironments), "is not a non-empty list of GitHub environment names", `e.g. ["dev", "prod"]`)
	}
	for _, e := range c.DeployEnvironments {
		if !environmentPattern.MatchString(e) {
			add(KeyDeployEnvironments, e, "is not a GitHub environment name", "use the environment's exact name")
		}
	}
	if err := json.Unmarshal([]byte(get(KeyDataBucketPatterns)), &c.DataBucketPatterns); err != nil || len(c.DataBucketPatterns) == 0 {
		add(KeyDataBucketPatterns, get(KeyDataBucketPatterns), "is required: the names of the data buckets the stack creates",
			`e.g. ["genomics-lab-*"]; existing buckets the stack only reads need no pattern`)
	}
	for _, p := range c.DataBucketPatterns {
		if !bucketPattern.MatchString(p) || strings.Trim(p, "*-.") == "" || !strings.ContainsAny(strings.TrimRight(p, "*"), "abcdefghijklmnopqrstuvwxyz0123456789") {
			add(KeyDataBucketPatterns, p, "is not a bucket name pattern narrower than every bucket",
				"use a name or a prefix with *, e.g. genomics-lab-*")
		}
	}
	for key, b := range map[string]string{KeyStateBucket: c.StateBucket, KeyAccessLogBucket: c.AccessLogBucket} {
		if b != "" && (!bucketPattern.MatchString(b) || strings.Contains(b, "*")) {
			add(key, b, "is not a bucket name", "give the bucket's exact name")
		}
	}
	if !roleNamePattern.MatchString(c.RoleNamePrefix) {
		add(KeyRoleNamePrefix, c.RoleNamePrefix, "is not usable in an IAM role name", "use up to 50 letters, digits and +=,.@_-")
	}
	if len(ps) > 0 {
		slices.SortStableFunc(ps, func(a, b stackconfig.Problem) int { return strings.Compare(a.Key, b.Key) })
		return nil, &stackconfig.Error{Stack: stack, Problems: ps}
	}
	return c, nil
}

// Load reads the running stack's configuration.
func Load(ctx *pulumi.Context) (*Config, error) {
	return Parse(ctx.Stack(), stackconfig.RawFor(ctx, Keys))
}

// PreviewSubject is the OIDC subject of a pull-request job.
func (c *Config) PreviewSubject() string { return "repo:" + c.Repository + ":pull_request" }

// DeploySubjects are the OIDC subjects of the deployment environments' jobs.
func (c *Config) DeploySubjects() []string {
	out := make([]string, len(c.DeployEnvironments))
	for i, e := range c.DeployEnvironments {
		out[i] = "repo:" + c.Repository + ":environment:" + e
	}
	return out
}
