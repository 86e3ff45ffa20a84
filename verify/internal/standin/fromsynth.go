package standin

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"sort"
	"strings"

	"github.com/johannesboyne/gofakes3/backend/s3mem"

	"igv-aws-backend/policies"
	"igv-aws-backend/stack"
	"igv-aws-backend/stackconfig"
	"igv-aws-backend/synth"
)

// Resource types FromSynth reads.
const (
	typeUserPool         = "aws:cognito/userPool:UserPool"
	typeUserPoolClient   = "aws:cognito/userPoolClient:UserPoolClient"
	typeUserPoolDomain   = "aws:cognito/userPoolDomain:UserPoolDomain"
	typeUser             = "aws:cognito/user:User"
	typeIdentityPool     = "aws:cognito/identityPool:IdentityPool"
	typeRoleAttachment   = "aws:cognito/identityPoolRoleAttachment:IdentityPoolRoleAttachment"
	typeRole             = "aws:iam/role:Role"
	typePolicy           = "aws:iam/policy:Policy"
	typeRolePolicy       = "aws:iam/rolePolicy:RolePolicy"
	typePolicyAttachment = "aws:iam/rolePolicyAttachment:RolePolicyAttachment"
	typeBucket           = "aws:s3/bucketV2:BucketV2"
	typeBucketPolicy     = "aws:s3/bucketPolicy:BucketPolicy"
	typePublicAccess     = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock"
	typeEncryption       = "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2"
	typeObject           = "aws:s3/bucketObjectv2:BucketObjectv2"
)

// FromSynth builds the deployment that the synthesized stack would be once deployed: every field is
// read from the resources' inputs and mocked outputs and from the stack outputs, so a healthy
// deployment is exactly what the program would deploy.
func FromSynth(r *synth.Result) (*Deployment, error) {
	if r == nil {
		return nil, errors.New("standin: no synthesis")
	}
	cfg, err := stackconfig.Parse(r.Stack.Project, r.Stack.Name, r.Stack.Config)
	if err != nil {
		return nil, fmt.Errorf("standin: stack config: %w", err)
	}
	keys, err := sharedKeys()
	if err != nil {
		return nil, err
	}
	s := &synthReader{r: r}
	d := &Deployment{
		Region:          r.Stack.Config[stackconfig.KeyRegion],
		AccountID:       synth.Account,
		ProvisioningURL: s.output("provisioningUrl"),
		ConfigObjects:   map[string][]byte{},
		Roles:           map[string]*Role{},
		Buckets:         map[string]*Bucket{},
		Users:           map[string]User{},
		store:           s3mem.New(),
		keys:            keys,
	}
	d.UserPool = s.userPool(d.Region)
	d.Client = s.client()
	d.IdentityPool = s.identityPool()
	s.roles(d)
	s.buckets(d, cfg)
	s.users(d)
	if err := s.configObjects(d); err != nil {
		return nil, err
	}
	if s.err != nil {
		return nil, s.err
	}
	return d, nil
}

// synthReader reads resources of a synthesis, remembering the first problem.
type synthReader struct {
	r   *synth.Result
	err error
}

func (s *synthReader) fail(format string, args ...any) {
	if s.err == nil {
		s.err = fmt.Errorf("standin: "+format, args...)
	}
}

func (s *synthReader) ofType(typ string) []synth.Resource {
	var out []synth.Resource
	for _, res := range s.r.Resources {
		if res.Type == typ {
			out = append(out, res)
		}
	}
	return out
}

// one returns the only resource of a type; a deployment without it is not this stack.
func (s *synthReader) one(typ string) synth.Resource {
	all := s.ofType(typ)
	if len(all) != 1 {
		s.fail("the synthesis has %d resources of type %s, want 1", len(all), typ)
		return synth.Resource{Outputs: map[string]any{}}
	}
	return all[0]
}

func (s *synthReader) output(name string) string {
	v, _ := synth.Unsecret(s.r.Outputs[name]).(string)
	if v == "" {
		s.fail("the synthesis has no stack output %s", name)
	}
	return v
}

// value walks a resource's outputs (which echo its inputs) by keys and list indexes.
func value(res synth.Resource, path ...any) any {
	var v any = res.Outputs
	for _, p := range path {
		v = synth.Unsecret(v)
		switch k := p.(type) {
		case string:
			m, ok := v.(map[string]any)
			if !ok {
				return nil
			}
			v = m[k]
		case int:
			a, ok := v.([]any)
			if !ok || k >= len(a) {
				return nil
			}
			v = a[k]
		}
	}
	return synth.Unsecret(v)
}

func str(res synth.Resource, path ...any) string {
	s, _ := value(res, path...).(string)
	return s
}

func boolean(res synth.Resource, path ...any) bool {
	b, _ := value(res, path...).(bool)
	return b
}

func integer(res synth.Resource, path ...any) int32 {
	switch n := value(res, path...).(type) {
	case int64:
		return int32(n)
	case float64:
		return int32(n)
	}
	return 0
}

func stringList(res synth.Resource, path ...any) []string {
	a, _ := value(res, path...).([]any)
	out := make([]string, 0, len(a))
	for _, e := range a {
		if s, ok := synth.Unsecret(e).(string); ok {
			out = append(out, s)
		}
	}
	return out
}

func stringMap(res synth.Resource, path ...any) map[string]string {
	m, _ := value(res, path...).(map[string]any)
	out := make(map[string]string, len(m))
	for k, v := range m {
		if s, ok := synth.Unsecret(v).(string); ok {
			out[k] = s
		}
	}
	return out
}

func (s *synthReader) userPool(region string) UserPool {
	pool := s.one(typeUserPool)
	p := UserPool{
		ID:                     pool.ID,
		Name:                   str(pool, "name"),
		ARN:                    str(pool, "arn"),
		MFA:                    str(pool, "mfaConfiguration"),
		AdminCreateUserOnly:    boolean(pool, "adminCreateUserConfig", "allowAdminCreateUserOnly"),
		DeletionProtection:     str(pool, "deletionProtection"),
		UsernameAttributes:     stringList(pool, "usernameAttributes"),
		AutoVerifiedAttributes: stringList(pool, "autoVerifiedAttributes"),
		AdvancedSecurityMode:   str(pool, "userPoolAddOns", "advancedSecurityMode"),
		Tier:                   str(pool, "userPoolTier"),
		Tags:                   stringMap(pool, "tags"),
		PasswordPolicy: PasswordPolicy{
			MinimumLength:                 integer(pool, "passwordPolicy", "minimumLength"),
			RequireLowercase:              boolean(pool, "passwordPolicy", "requireLowercase"),
			RequireUppercase:              boolean(pool, "passwordPolicy", "requireUppercase"),
			RequireNumbers:                boolean(pool, "passwordPolicy", "requireNumbers"),
			RequireSymbols:                boolean(pool, "passwordPolicy", "requireSymbols"),
			TemporaryPasswordValidityDays: integer(pool, "passwordPolicy", "temporaryPasswordValidityDays"),
		},
	}
	// AWS's defaults for what the provider leaves unset.
	if p.MFA == "" {
		p.MFA = "OFF"
	}
	if p.DeletionProtection == "" {
		p.DeletionProtection = "INACTIVE"
	}
	if p.AdvancedSecurityMode == "" {
		p.AdvancedSecurityMode = "OFF"
	}
	domain := s.one(typeUserPoolDomain)
	if prefix := str(domain, "domain"); prefix != "" {
		p.Domain = prefix
		if str(domain, "certificateArn") == "" {
			// A prefix domain: Cognito serves it under its own auth domain.
			p.Domain = prefix + ".auth." + region + ".amazoncognito.com"
		}
	}
	if hosted := s.output("hostedUiUrl"); hosted != "" {
		if u, err := url.Parse(hosted); err != nil || u.Host != p.Domain {
			s.fail("hostedUiUrl %q does not name the user pool domain %q", hosted, p.Domain)
		}
	}
	if id := s.output("userPoolId"); id != p.ID {
		s.fail("output userPoolId %q is not the user pool %q", id, p.ID)
	}
	return p
}

func (s *synthReader) client() Client {
	c := s.one(typeUserPoolClient)
	client := Client{
		ClientID:                        c.ID,
		ClientName:                      str(c, "name"),
		ClientSecret:                    str(c, "clientSecret"),
		AllowedOAuthFlows:               stringList(c, "allowedOauthFlows"),
		AllowedOAuthScopes:              stringList(c, "allowedOauthScopes"),
		AllowedOAuthFlowsUserPoolClient: boolean(c, "allowedOauthFlowsUserPoolClient"),
		CallbackURLs:                    stringList(c, "callbackUrls"),
		LogoutURLs:                      stringList(c, "logoutUrls"),
		SupportedIdentityProviders:      stringList(c, "supportedIdentityProviders"),
		ReadAttributes:                  stringList(c, "readAttributes"),
		WriteAttributes:                 stringList(c, "writeAttributes"),
		ExplicitAuthFlows:               stringList(c, "explicitAuthFlows"),
		PreventUserExistenceErrors:      str(c, "preventUserExistenceErrors"),
		EnableTokenRevocation:           boolean(c, "enableTokenRevocation"),
		AccessTokenValidity:             integer(c, "accessTokenValidity"),
		IDTokenValidity:                 integer(c, "idTokenValidity"),
		RefreshTokenValidity:            integer(c, "refreshTokenValidity"),
		TokenValidityUnits: TokenValidityUnits{
			AccessToken:  str(c, "tokenValidityUnits", "accessToken"),
			IDToken:      str(c, "tokenValidityUnits", "idToken"),
			RefreshToken: str(c, "tokenValidityUnits", "refreshToken"),
		},
	}
	// Cognito's defaults: one hour for access and id tokens, 30 days for refresh tokens.
	if client.AccessTokenValidity == 0 {
		client.AccessTokenValidity, client.TokenValidityUnits.AccessToken = 60, "minutes"
	}
	if client.IDTokenValidity == 0 {
		client.IDTokenValidity, client.TokenValidityUnits.IDToken = 60, "minutes"
	}
	if client.RefreshTokenValidity == 0 {
		client.RefreshTokenValidity, client.TokenValidityUnits.RefreshToken = 30, "days"
	}
	for _, u := range []*string{&client.TokenValidityUnits.AccessToken, &client.TokenValidityUnits.IDToken} {
		if *u == "" {
			*u = "hours"
		}
	}
	if client.TokenValidityUnits.RefreshToken == "" {
		client.TokenValidityUnits.RefreshToken = "days"
	}
	if id := s.output("userPoolClientId"); id != client.ClientID {
		s.fail("output userPoolClientId %q is not the app client %q", id, client.ClientID)
	}
	return client
}

func (s *synthReader) identityPool() IdentityPool {
	pool := s.one(typeIdentityPool)
	p := IdentityPool{
		ID:                             pool.ID,
		Name:                           str(pool, "identityPoolName"),
		AllowUnauthenticatedIdentities: boolean(pool, "allowUnauthenticatedIdentities"),
		AllowClassicFlow:               boolean(pool, "allowClassicFlow"),
		Roles:                          map[string]string{},
		Tags:                           stringMap(pool, "tags"),
	}
	providers, _ := value(pool, "cognitoIdentityProviders").([]any)
	for i := range providers {
		p.Providers = append(p.Providers, Provider{
			ProviderName:         str(pool, "cognitoIdentityProviders", i, "providerName"),
			ClientID:             str(pool, "cognitoIdentityProviders", i, "clientId"),
			ServerSideTokenCheck: boolean(pool, "cognitoIdentityProviders", i, "serverSideTokenCheck"),
		})
	}
	for _, att := range s.ofType(typeRoleAttachment) {
		if str(att, "identityPoolId") == p.ID {
			for k, v := range stringMap(att, "roles") {
				p.Roles[k] = v
			}
		}
	}
	if id := s.output("identityPoolId"); id != p.ID {
		s.fail("output identityPoolId %q is not the identity pool %q", id, p.ID)
	}
	return p
}

func (s *synthReader) parse(res synth.Resource, prop string) policies.Document {
	doc, err := policies.Parse(str(res, prop))
	if err != nil {
		s.fail("%s %s: %w", res.URN, prop, err)
	}
	return doc
}

func (s *synthReader) roles(d *Deployment) {
	byName := map[string]*Role{}
	for _, res := range s.ofType(typeRole) {
		role := &Role{
			ARN:                    str(res, "arn"),
			Name:                   res.ID,
			Path:                   str(res, "path"),
			ID:                     str(res, "uniqueId"),
			Description:            str(res, "description"),
			Trust:                  s.parse(res, "assumeRolePolicy"),
			Policies:               map[string]policies.Document{},
			MaxSessionDuration:     integer(res, "maxSessionDuration"),
			PermissionsBoundaryARN: str(res, "permissionsBoundary"),
		}
		if role.MaxSessionDuration == 0 {
			role.MaxSessionDuration = 3600
		}
		d.Roles[role.ARN] = role
		byName[role.Name] = role
	}
	managed := map[string]synth.Resource{}
	for _, res := range s.ofType(typePolicy) {
		managed[str(res, "arn")] = res
	}
	for _, res := range s.ofType(typeRolePolicy) {
		role, ok := byName[str(res, "role")]
		if !ok {
			s.fail("inline policy %s names role %q, which the synthesis does not create", res.URN, str(res, "role"))
			continue
		}
		role.Policies[str(res, "name")] = s.parse(res, "policy")
	}
	for _, res := range s.ofType(typePolicyAttachment) {
		role, ok := byName[str(res, "role")]
		if !ok {
			s.fail("attachment %s names role %q, which the synthesis does not create", res.URN, str(res, "role"))
			continue
		}
		arn := str(res, "policyArn")
		p, ok := managed[arn]
		if !ok {
			s.fail("attachment %s names policy %s, which the synthesis does not create", res.URN, arn)
			continue
		}
		role.Policies[arn] = s.parse(p, "policy")
	}
	if arn := s.output("authenticatedRoleArn"); d.Roles[arn] == nil {
		s.fail("output authenticatedRoleArn %q is not a role of the synthesis", arn)
	}
}

func (s *synthReader) buckets(d *Deployment, cfg *stackconfig.Config) {
	for _, res := range s.ofType(typeBucket) {
		name := str(res, "bucket")
		d.Buckets[name] = &Bucket{Name: name, Region: str(res, "region"), Created: true}
	}
	// Buckets the stack only grants access to already exist in the account; the synthesis says
	// where when it was given the account's state, else they are in the stack's region.
	for _, b := range cfg.Buckets {
		if _, ok := d.Buckets[b.Name]; ok {
			continue
		}
		bucket := &Bucket{Name: b.Name, Region: d.Region, BlockPublicAccess: true, KMSKeyARN: b.KMSKeyARN}
		if ex := s.r.Stack.Existing; ex != nil {
			if acct, ok := ex.Buckets[b.Name]; ok {
				bucket.Region = acct.Region
				if acct.Policy != "" {
					doc, err := policies.Parse(acct.Policy)
					if err != nil {
						s.fail("existing bucket %s: %w", b.Name, err)
					}
					bucket.Policy = &doc
				}
			}
		}
		d.Buckets[b.Name] = bucket
	}
	for _, res := range s.ofType(typeBucketPolicy) {
		if b := d.Buckets[str(res, "bucket")]; b != nil {
			doc := s.parse(res, "policy")
			b.Policy = &doc
		}
	}
	for _, res := range s.ofType(typePublicAccess) {
		if b := d.Buckets[str(res, "bucket")]; b != nil {
			b.BlockPublicAccess = boolean(res, "blockPublicAcls") && boolean(res, "blockPublicPolicy") &&
				boolean(res, "ignorePublicAcls") && boolean(res, "restrictPublicBuckets")
		}
	}
	for _, res := range s.ofType(typeEncryption) {
		if b := d.Buckets[str(res, "bucket")]; b != nil {
			b.KMSKeyARN = str(res, "rules", 0, "applyServerSideEncryptionByDefault", "kmsMasterKeyId")
		}
	}
	for _, name := range stringList(synth.Resource{Outputs: s.r.Outputs}, "dataBuckets") {
		if d.Buckets[name] == nil {
			s.fail("output dataBuckets names %s, which is neither created nor configured", name)
		}
	}
}

func (s *synthReader) users(d *Deployment) {
	for _, res := range s.ofType(typeUser) {
		attrs := stringMap(res, "attributes")
		email := strings.ToLower(attrs["email"])
		if email == "" {
			email = strings.ToLower(str(res, "username"))
		}
		d.Users[email] = User{
			Username:   str(res, "username"),
			Sub:        str(res, "sub"),
			Password:   DefaultPassword,
			Attributes: attrs,
		}
	}
}

// configObjects reads the objects uploaded to the config bucket: CloudFront serves them, and they
// are in the bucket as well.
func (s *synthReader) configObjects(d *Deployment) error {
	bucket := s.output("configBucket")
	if d.Buckets[bucket] == nil {
		s.fail("output configBucket %q is not a bucket of the synthesis", bucket)
		return nil
	}
	files, err := s.r.Files()
	if err != nil {
		return fmt.Errorf("standin: %w", err)
	}
	objects := s.ofType(typeObject)
	sort.Slice(objects, func(i, j int) bool { return str(objects[i], "key") < str(objects[j], "key") })
	for _, res := range objects {
		if str(res, "bucket") != bucket {
			continue
		}
		key := str(res, "key")
		body, ok := files[key]
		if !ok {
			s.fail("config object %s has no body in the synthesis", key)
			continue
		}
		d.ConfigObjects["/"+key] = body
		if err := d.putObject(bucket, key, str(res, "contentType"), body); err != nil {
			return err
		}
	}
	if len(d.ConfigObjects) == 0 {
		s.fail("the synthesis uploads nothing to the config bucket %s", bucket)
	}
	if u, err := url.Parse(d.ProvisioningURL); err == nil {
		if _, ok := d.ConfigObjects[u.Path]; !ok {
			s.fail("provisioningUrl %s names no uploaded config object", d.ProvisioningURL)
		}
	}
	return nil
}

// PutObject adds a data object to a bucket of the deployment, as its owner would upload it.
func (d *Deployment) PutObject(bucket, key string, body []byte) error {
	return d.putObject(bucket, key, "application/octet-stream", body)
}

func (d *Deployment) putObject(bucket, key, contentType string, body []byte) error {
	if d.Buckets[bucket] == nil {
		return fmt.Errorf("standin: put %s/%s: the deployment has no bucket %s", bucket, key, bucket)
	}
	if err := d.ensureStoreBucket(bucket); err != nil {
		return err
	}
	meta := map[string]string{"Content-Type": contentType}
	if _, err := d.store.PutObject(bucket, key, meta, bytes.NewReader(body), int64(len(body)), nil); err != nil {
		return fmt.Errorf("standin: put %s/%s: %w", bucket, key, err)
	}
	return nil
}

// ensureStoreBucket creates a bucket of the deployment in the object store on first use, so tests
// may add buckets to Buckets at any time.
func (d *Deployment) ensureStoreBucket(bucket string) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.created == nil {
		d.created = map[string]bool{}
	}
	if d.created[bucket] {
		return nil
	}
	if err := d.store.CreateBucket(bucket); err != nil {
		return fmt.Errorf("standin: create bucket %s: %w", bucket, err)
	}
	d.created[bucket] = true
	return nil
}

// Synthesize runs the stack's program offline for one of the project's stacks (Pulumi.<stack>.yaml in
// projectDir): what FromSynth builds a deployment from.
func Synthesize(projectDir, stackName string) (*synth.Result, error) {
	st, err := synth.LoadStack(projectDir, stackName, "")
	if err != nil {
		return nil, err
	}
	return synth.Run(stack.Program, st)
}
