package stackconfig

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"igv-aws-backend/policies"
)

// Parse validates a stack's raw configuration and returns it typed, or an *Error listing every problem.
func Parse(project, stack string, raw map[string]string) (*Config, error) {
	var ps problems
	c := &Config{Project: project, Stack: stack}
	get := func(key string) (string, bool) {
		if v, ok := raw[key]; ok {
			return v, true
		}
		v, ok := Defaults[key]
		return v, ok
	}

	checkUnknownKeys(raw, &ps)

	// The user pool and the identity pool are named "<project>-<stack>", which can never change
	// without replacing them; Cognito allows 128 characters.
	if n := len(c.ResourcePrefix()); n > MaxResourcePrefix {
		ps.add("project and stack name", quote(c.ResourcePrefix()), fmt.Sprintf(
			"is %d characters, but the Cognito pools named after it allow %d", n, MaxResourcePrefix),
			"use a shorter stack name (pulumi stack init) before the first deployment; a deployed stack cannot be renamed")
	}

	region, ok := raw[KeyRegion]
	switch {
	case !ok || strings.TrimSpace(region) == "":
		ps.add(KeyRegion, "", "is required: every resource and every data bucket lives in one region",
			"pulumi config set aws:region eu-west-2 (the region of your data buckets)")
	case !regionPattern.MatchString(region) || strings.HasPrefix(region, "cn-"):
		ps.add(KeyRegion, quote(region), "is not a region of the standard AWS partition",
			"use a region name such as eu-west-2 or us-east-1")
	default:
		c.Region = region
	}

	if v := raw[KeyDomainPrefix]; v != "" {
		c.DomainPrefix = v
		checkDomainPrefix(KeyDomainPrefix, v, &ps)
	} else {
		c.DomainPrefix = DefaultDomainPrefix(project, stack)
		checkDomainPrefix(KeyDomainPrefix+" (default from project and stack)", c.DomainPrefix, &ps)
	}

	v, _ := get(KeyCallbackPorts)
	c.CallbackPorts = parsePorts(v, &ps)
	c.ClientSecret = parseBool(KeyClientSecret, get, &ps)
	c.DeletionProtection = parseBool(KeyDeletionProtection, get, &ps)
	c.Protect = parseBool(KeyProtect, get, &ps)
	c.ListAllBuckets = parseBool(KeyListAllBuckets, get, &ps)
	c.LocalUsers = parseBool(KeyLocalUsers, get, &ps)
	c.AdminContact, _ = get(KeyAdminContact)
	if v := raw[KeyIdentityProviderSecrets]; v != "" && v != "{}" {
		if err := decodeStrict(v, &c.IdentityProviderSecrets); err != nil {
			ps.add(KeyIdentityProviderSecrets, "[secret]", "is not a map of provider name to client secret", fmt.Sprintf("pulumi config set --secret --path '%s.NAME' SECRET", KeyIdentityProviderSecrets))
		}
	}
	if v, _ := get(KeyIdentityProviders); v != "" && v != "[]" {
		c.IdentityProviders = parseIdentityProviders(v, c.IdentityProviderSecrets, ".", &ps)
	} else if len(c.IdentityProviderSecrets) > 0 {
		ps.add(KeyIdentityProviderSecrets, "[secret]", "is set, but there are no identityProviders", "remove it")
	}
	if !c.LocalUsers && len(c.IdentityProviders) == 0 {
		ps.add(KeyLocalUsers, "false", "leaves no way to sign in: there are no identityProviders", "add an identity provider, or set localUsers to true")
	}
	if (len(c.IdentityProviders) > 0 || raw[KeyTiers] != "" && raw[KeyTiers] != "[]") && !contactPattern.MatchString(c.AdminContact) {
		ps.add(KeyAdminContact, quote(c.AdminContact), "is required with identityProviders or tiers: a refused user is told whom to ask, and IGV shows nothing else",
			"give an email address or an https:// page, e.g. igv-admins@genomics-lab.example.org")
	}
	if v, _ := get(KeyMFA); v == "OFF" {
		ps.add(KeyMFA, quote(v), "turns multi-factor authentication off, which the security baseline forbids (Security Hub Cognito.5)",
			"use OPTIONAL (users may add an authenticator app) or ON (everyone must)")
	} else {
		c.MFA = MFA(parseEnum(KeyMFA, get, &ps, string(MFAOptional), string(MFAOn)))
	}
	c.ThreatProtection = ThreatProtection(parseEnum(KeyThreatProtection, get, &ps,
		string(ThreatProtectionOff), string(ThreatProtectionAudit), string(ThreatProtectionEnforced)))
	c.PriceClass = parseEnum(KeyPriceClass, get, &ps, "PriceClass_100", "PriceClass_200", "PriceClass_All")
	c.PasswordMinLength = parseInt(KeyPasswordMinLength, get, &ps, 12, 99,
		"Cognito accepts 8 to 99, but the security baseline (Security Hub Cognito.3) requires at least 12; 14 is recommended")
	c.MaxManagedPolicies = parseInt(KeyMaxManagedPolicies, get, &ps, 1, policies.HardMaxManagedPolicies,
		"the default IAM quota is 10 managed policies per role; a Service Quotas increase allows up to 20")

	users, _ := get(KeyUsers)
	c.Users = parseUsers(users, &ps)
	c.Buckets = parseBuckets(raw[KeyBuckets], c.Region, &ps)
	tags, _ := get(KeyTags)
	c.Tags = parseTags(tags, &ps)

	c.AccessLogBucket, _ = get(KeyAccessLogBucket)
	if c.AccessLogBucket != "" {
		if why := bucketNameProblem(c.AccessLogBucket); why != "" {
			ps.add(KeyAccessLogBucket, quote(c.AccessLogBucket), why, "give the name of an existing bucket in "+c.Region)
		}
	}
	c.ConfigDomain, _ = get(KeyConfigDomain)
	c.ConfigCertificateARN, _ = get(KeyConfigCertificateARN)
	checkCustomDomain(c.ConfigDomain, c.ConfigCertificateARN, &ps)
	c.RoleBoundaryARN, _ = get(KeyRoleBoundaryARN)
	if c.RoleBoundaryARN != "" && !policyARNPattern.MatchString(c.RoleBoundaryARN) {
		ps.add(KeyRoleBoundaryARN, quote(c.RoleBoundaryARN), "is not the ARN of a customer managed policy",
			"use the roleBoundaryArn output of this account's ci-roles stack, arn:aws:iam::ACCOUNT:policy/ci/NAME")
	}

	c.InvitationsPerDeployment = parseInt(KeyInvitationsPerDeploy, get, &ps, 1, DefaultSenderDailyLimit,
		fmt.Sprintf("Cognito's default sender sends at most %d emails a day per account, password resets included", DefaultSenderDailyLimit))
	if v, _ := get(KeyEmailSender); v != "" && v != "{}" {
		c.EmailSender = parseEmailSender(v, c.Region, &ps)
	}
	if v, _ := get(KeyAuditTrail); v != "" && v != "{}" {
		c.AuditTrail = parseAuditTrail(v, c, &ps)
	}

	tiers, _ := get(KeyTiers)
	shared, _ := get(KeySharedBuckets)
	parseTiers(tiers, shared, c, &ps)

	if !c.LocalUsers && len(c.Users) > 0 {
		ps.add(KeyUsers, fmt.Sprintf("%d users", len(c.Users)), "are Cognito password users, but localUsers is false, so they could not sign in",
			"remove them (users of the identity providers need no entry), or set localUsers to true")
	}

	// The packing check needs valid buckets and a valid quota; otherwise its message would mislead.
	if len(ps) == 0 {
		checkPacking(c, &ps)
	}

	if len(ps) > 0 {
		return nil, &Error{Stack: stack, Problems: ps}
	}
	return c, nil
}

// checkPacking reports grants that do not fit a role's quota of managed policies: the one role's, or
// each tier's.
func checkPacking(c *Config, ps *problems) {
	type role struct {
		key    string
		grants []policies.Grant
	}
	roles := []role{{KeyBuckets, c.Grants()}}
	if c.Tiered() {
		roles = nil
		for i, t := range c.Tiers {
			roles = append(roles, role{fmt.Sprintf("%s[%d].buckets", KeyTiers, i), c.TierGrants(t)})
		}
	}
	for _, r := range roles {
		if _, err := policies.DataAccess(r.grants, c.MaxManagedPolicies); err != nil {
			var capErr *policies.CapacityError
			if errors.As(err, &capErr) {
				ps.add(r.key, fmt.Sprintf("%d buckets", capErr.Buckets),
					fmt.Sprintf("the read-only policies do not fit the authenticated role's IAM quota: %v", capErr),
					fmt.Sprintf("grant whole buckets, or the same prefixes in every bucket, instead of prefixes of "+
						"each bucket's own (those cost most); split the buckets across stacks; or request a Service Quotas "+
						"increase of 'Managed policies per role' and raise %s (now %d, at most %d)",
						KeyMaxManagedPolicies, c.MaxManagedPolicies, policies.HardMaxManagedPolicies))
			} else {
				ps.add(r.key, "", err.Error(), "")
			}
		}
	}
}

var policyARNPattern = regexp.MustCompile(`^arn:aws:iam::[0-9]{12}:policy/([A-Za-z0-9+=,.@_-]+/)*[A-Za-z0-9+=,.@_-]{1,128}$`)

var regionPattern = regexp.MustCompile(`^[a-z]{2}-[a-z]+-[0-9]+$`)

// checkUnknownKeys reports keys of this project that the program does not read: a misspelt key
// would otherwise be ignored silently and leave its default in force.
func checkUnknownKeys(raw map[string]string, ps *problems) {
	var unknown []string
	for k := range raw {
		if strings.HasPrefix(k, Namespace+":") && !slices.Contains(Keys, k) {
			unknown = append(unknown, k)
		}
	}
	slices.Sort(unknown)
	for _, k := range unknown {
		fix := "remove it; the keys this stack reads are listed in the README"
		if near := nearestKey(k); near != "" {
			fix = "did you mean " + near + "?"
		}
		ps.add(k, "", "is not a key this stack reads", fix)
	}
}

func nearestKey(k string) string {
	best, bestDist := "", 4
	for _, known := range Keys {
		if d := editDistance(strings.ToLower(k), strings.ToLower(known)); d < bestDist {
			best, bestDist = known, d
		}
	}
	return best
}

func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}

// DefaultDomainPrefix derives a hosted-UI prefix from project and stack, dropping the words Cognito
// forbids ("aws", "amazon", "cognito"). It is unlikely to be globally unique: set domainPrefix.
func DefaultDomainPrefix(project, stack string) string {
	s := strings.ToLower(project + "-" + stack)
	for _, w := range []string{"amazon", "cognito", "aws"} {
		s = strings.ReplaceAll(s, w, "")
	}
	s = regexp.MustCompile(`[^a-z0-9]+`).ReplaceAllString(s, "-")
	s = strings.Trim(s, "-")
	if len(s) > 63 {
		s = strings.TrimRight(s[:63], "-")
	}
	return s
}

var domainPrefixPattern = regexp.MustCompile(`^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$`)

func checkDomainPrefix(key, v string, ps *problems) {
	const fix = "choose 1-63 lowercase letters, digits and hyphens, not starting or ending with a hyphen, " +
		"without aws, amazon or cognito, and unique across all AWS customers (e.g. mylab-igv-prod)"
	if !domainPrefixPattern.MatchString(v) {
		ps.add(key, quote(v), "is not a valid Cognito domain prefix", fix)
		return
	}
	for _, w := range []string{"aws", "amazon", "cognito"} {
		if strings.Contains(v, w) {
			ps.add(key, quote(v), fmt.Sprintf("contains %q, which Cognito forbids in a domain prefix", w), fix)
			return
		}
	}
}

func parsePorts(v string, ps *problems) []int {
	var ports []int
	if err := json.Unmarshal([]byte(v), &ports); err != nil {
		ps.add(KeyCallbackPorts, v, "is not a list of port numbers", "write it as a list, e.g. [60151]")
		return nil
	}
	if len(ports) == 0 {
		ps.add(KeyCallbackPorts, v, "is empty: IGV needs a callback URL", "use IGV's default port: [60151]")
	}
	if len(ports) > MaxCallbackPorts {
		ps.add(KeyCallbackPorts, fmt.Sprintf("%d ports", len(ports)), fmt.Sprintf("is more than the %d callback URLs Cognito allows an app client", MaxCallbackPorts),
			"list only the ports your users' IGV listens on")
	}
	seen := map[int]bool{}
	for _, p := range ports {
		if p < 1024 || p > 65535 {
			ps.add(KeyCallbackPorts, strconv.Itoa(p), "is not a port IGV can listen on",
				"use IGV's port (Preferences > Advanced > Port, default 60151), between 1024 and 65535")
		}
		if seen[p] {
			ps.add(KeyCallbackPorts, strconv.Itoa(p), "is listed twice", "list each port once")
		}
		seen[p] = true
	}
	return ports
}

func parseBool(key string, get func(string) (string, bool), ps *problems) bool {
	v, _ := get(key)
	b, err := strconv.ParseBool(v)
	if err != nil {
		ps.add(key, quote(v), "is not a boolean", "set true or false")
	}
	return b
}

func parseInt(key string, get func(string) (string, bool), ps *problems, lo, hi int, why string) int {
	v, _ := get(key)
	n, err := strconv.Atoi(v)
	switch {
	case err != nil:
		ps.add(key, quote(v), "is not a whole number", fmt.Sprintf("set a number from %d to %d", lo, hi))
	case n < lo || n > hi:
		ps.add(key, v, "is out of range: "+why, fmt.Sprintf("set a number from %d to %d", lo, hi))
	}
	return n
}

func parseEnum(key string, get func(string) (string, bool), ps *problems, allowed ...string) string {
	v, _ := get(key)
	if !slices.Contains(allowed, v) {
		ps.add(key, quote(v), "is not one of "+strings.Join(allowed, ", "),
			"set one of "+strings.Join(allowed, ", ")+" (exactly, in that case)")
	}
	return v
}

// decodeStrict decodes a structured value and rejects unknown fields: a misspelt "prefix" would
// otherwise grant a whole bucket instead of a folder.
func decodeStrict(v string, out any) error {
	dec := json.NewDecoder(bytes.NewReader([]byte(v)))
	dec.DisallowUnknownFields()
	return dec.Decode(out)
}

// sessionNamePattern is STS's RoleSessionName syntax; IGV passes the user's email as that name.
var sessionNamePattern = regexp.MustCompile(`^[A-Za-z0-9_+=,.@-]{2,64}$`)
var emailPattern = regexp.MustCompile(`^[^@\s]+@[^@\s]+\.[^@\s]+$`)

func parseUsers(v string, ps *problems) []User {
	if v == "" {
		return nil
	}
	var users []User
	if err := decodeStrict(v, &users); err != nil {
		ps.add(KeyUsers, "", "is not a list of {email, givenName, familyName}: "+err.Error(),
			"write each user as an object with exactly those keys")
		return nil
	}
	seen := map[string]bool{}
	for i, u := range users {
		key := fmt.Sprintf("%s[%d].email", KeyUsers, i)
		switch {
		case !emailPattern.MatchString(u.Email):
			ps.add(key, quote(u.Email), "is not an email address", "give the user's email address")
		case !sessionNamePattern.MatchString(u.Email):
			ps.add(key, quote(u.Email), "cannot be an STS session name, which IGV makes of the email "+
				"(at most 64 characters of A-Z a-z 0-9 _ + = , . @ -)",
				"use another address of that form for this user")
		}
		lower := strings.ToLower(u.Email)
		if seen[lower] {
			ps.add(key, quote(u.Email), "is listed twice (Cognito usernames are case-insensitive here)", "list each user once")
		}
		seen[lower] = true
		for field, name := range map[string]string{"givenName": u.GivenName, "familyName": u.FamilyName} {
			if len(name) > 256 {
				ps.add(fmt.Sprintf("%s[%d].%s", KeyUsers, i, field), quote(name[:20]+"..."),
					"is longer than 256 characters", "shorten it")
			}
		}
	}
	return users
}

var kmsKeyPattern = regexp.MustCompile(`^arn:aws:kms:([a-z0-9-]+):([0-9]{12}):key/([A-Za-z0-9-]+)$`)

func parseBuckets(v, region string, ps *problems) []Bucket {
	if v == "" {
		ps.add(KeyBuckets, "", "is required: IGV users need at least one bucket to read",
			`add e.g. [{"name": "my-sequencing-data"}] (create: true to have the stack create it)`)
		return nil
	}
	var buckets []Bucket
	if err := decodeStrict(v, &buckets); err != nil {
		ps.add(KeyBuckets, "", "is not a list of {name, create, prefixes, kmsKeyArn}: "+err.Error(),
			"write each bucket as an object with only those keys")
		return nil
	}
	if len(buckets) == 0 {
		ps.add(KeyBuckets, "[]", "is empty: IGV users need at least one bucket to read", "add a bucket")
	}
	seen := map[string]bool{}
	for i, b := range buckets {
		at := fmt.Sprintf("%s[%d]", KeyBuckets, i)
		if why := bucketNameProblem(b.Name); why != "" {
			ps.add(at+".name", quote(b.Name), why, "use the bucket's exact S3 name")
		} else if b.Create && strings.Contains(b.Name, ".") {
			ps.add(at+".name", quote(b.Name), "contains a dot: S3 cannot serve such a bucket over virtual-hosted HTTPS, "+
				"which IGV's AWS SDK uses", "name new buckets with letters, digits and hyphens only")
		}
		if seen[b.Name] {
			ps.add(at+".name", quote(b.Name), "is listed twice", "merge the two entries (list all its prefixes in one)")
		}
		seen[b.Name] = true

		seenPrefix := map[string]bool{}
		for j, p := range b.Prefixes {
			pkey := fmt.Sprintf("%s.prefixes[%d]", at, j)
			switch {
			case p == "":
				ps.add(pkey, `""`, "is empty, which would grant the whole bucket", "remove prefixes to grant the whole bucket")
			case strings.HasPrefix(p, "/"):
				ps.add(pkey, quote(p), "starts with /, but S3 keys do not", "write it as "+quote(strings.TrimLeft(p, "/")))
			case strings.ContainsAny(p, "*?") || strings.Contains(p, "${"):
				ps.add(pkey, quote(p), "contains an IAM wildcard or policy variable, which would widen the grant",
					"list literal key prefixes only")
			case len(p) > 1024:
				ps.add(pkey, quote(p[:40]+"..."), "is longer than an S3 key can be", "shorten it")
			}
			if seenPrefix[p] {
				ps.add(pkey, quote(p), "is listed twice", "list each prefix once")
			}
			seenPrefix[p] = true
		}

		if b.KMSKeyARN != "" {
			m := kmsKeyPattern.FindStringSubmatch(b.KMSKeyARN)
			switch {
			case m == nil:
				ps.add(at+".kmsKeyArn", quote(b.KMSKeyARN), "is not a KMS key ARN (aliases cannot be granted kms:Decrypt)",
					"use the key's ARN: arn:aws:kms:REGION:ACCOUNT:key/KEY-ID")
			case region != "" && m[1] != region:
				ps.add(at+".kmsKeyArn", quote(b.KMSKeyARN), fmt.Sprintf("is in %s, but the stack and its buckets are in %s",
					m[1], region), "use the key that encrypts this bucket, which S3 requires to be in the bucket's region")
			}
		}
	}
	return buckets
}

// bucketNameProblem applies S3's naming rules for general purpose buckets.
func bucketNameProblem(name string) string {
	switch {
	case len(name) < 3 || len(name) > 63:
		return "must be 3 to 63 characters long"
	case !bucketNamePattern.MatchString(name):
		return "must be lowercase letters, digits, dots and hyphens, beginning and ending with a letter or digit"
	case strings.Contains(name, ".."):
		return "must not contain two adjacent dots"
	case net.ParseIP(name) != nil:
		return "must not be formatted as an IP address"
	}
	for _, p := range []string{"xn--", "sthree-", "amzn-s3-demo-"} {
		if strings.HasPrefix(name, p) {
			return "must not begin with " + p
		}
	}
	for _, s := range []string{"-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"} {
		if strings.HasSuffix(name, s) {
			return "must not end with " + s
		}
	}
	return ""
}

var bucketNamePattern = regexp.MustCompile(`^[a-z0-9][a-z0-9.-]*[a-z0-9]$`)

var tagKeyPattern = regexp.MustCompile(`^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$`)
var tagValuePattern = regexp.MustCompile(`^[\p{L}\p{Z}\p{N}_.:/=+\-@]{0,256}$`)

func parseTags(v string, ps *problems) map[string]string {
	if v == "" {
		return map[string]string{}
	}
	var tags map[string]string
	if err := decodeStrict(v, &tags); err != nil {
		ps.add(KeyTags, "", "is not a map of tag names to text values: "+err.Error(), `write e.g. {"cost-centre": "genomics"}`)
		return map[string]string{}
	}
	keys := make([]string, 0, len(tags))
	for k := range tags {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		switch {
		case strings.HasPrefix(strings.ToLower(k), "aws:"):
			ps.add(KeyTags+"."+k, "", "uses the aws: prefix, which AWS reserves", "rename the tag")
		case !tagKeyPattern.MatchString(k):
			ps.add(KeyTags+"."+k, "", "is not a valid tag key (1-128 letters, digits, spaces and _ . : / = + - @)", "rename the tag")
		}
		if !tagValuePattern.MatchString(tags[k]) {
			ps.add(KeyTags+"."+k, quote(tags[k]), "is not a valid tag value (up to 256 letters, digits, spaces and _ . : / = + - @)",
				"change the value")
		}
	}
	if len(tags) > 45 {
		ps.add(KeyTags, fmt.Sprintf("%d tags", len(tags)), "is more than fit: AWS allows 50 tags per resource", "use at most 45")
	}
	return tags
}

var acmPattern = regexp.MustCompile(`^arn:aws:acm:([a-z0-9-]+):[0-9]{12}:certificate/[A-Za-z0-9-]+$`)
var hostnamePattern = regexp.MustCompile(`^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$`)

func checkCustomDomain(domain, cert string, ps *problems) {
	switch {
	case domain == "" && cert == "":
		return
	case domain == "" || cert == "":
		ps.add(KeyConfigDomain, quote(domain), "and "+KeyConfigCertificateARN+" must be set together",
			"set both (the certificate must cover the domain) or neither")
		return
	}
	if !hostnamePattern.MatchString(domain) {
		ps.add(KeyConfigDomain, quote(domain), "is not a lowercase host name", "use e.g. igv-config.example.org")
	}
	if m := acmPattern.FindStringSubmatch(cert); m == nil {
		ps.add(KeyConfigCertificateARN, quote(cert), "is not an ACM certificate ARN", "use arn:aws:acm:us-east-1:ACCOUNT:certificate/ID")
	} else if m[1] != "us-east-1" {
		ps.add(KeyConfigCertificateARN, quote(cert), "is in "+m[1]+", but CloudFront only uses certificates in us-east-1",
			"request or import the certificate in us-east-1")
	}
}
