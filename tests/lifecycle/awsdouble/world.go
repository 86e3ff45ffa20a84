package awsdouble

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"igv-aws-backend/synth"
	"igv-aws-backend/tests/providertruth"
)

// Resource type tokens the account rules concern.
const (
	tokenUserPool       = "aws:cognito/userPool:UserPool"
	tokenUserPoolDomain = "aws:cognito/userPoolDomain:UserPoolDomain"
	tokenUser           = "aws:cognito/user:User"
	tokenBucket         = "aws:s3/bucketV2:BucketV2"
	tokenObject         = "aws:s3/bucketObjectv2:BucketObjectv2"
	tokenLogging        = "aws:s3/bucketLoggingV2:BucketLoggingV2"
	tokenDistribution   = "aws:cloudfront/distribution:Distribution"
	tokenTrail          = "aws:cloudtrail/trail:Trail"
	tokenObjectLock     = "aws:s3/bucketObjectLockConfigurationV2:BucketObjectLockConfigurationV2"
	tokenBucketPolicy   = "aws:s3/bucketPolicy:BucketPolicy"
	tokenVersioning     = "aws:s3/bucketVersioningV2:BucketVersioningV2"
	tokenUserGroup      = "aws:cognito/userGroup:UserGroup"
	tokenUserInGroup    = "aws:cognito/userInGroup:UserInGroup"
)

// Object is one resource that exists in the simulated account.
type Object struct {
	Token   string
	ID      string
	URN     string
	Inputs  map[string]any
	Outputs map[string]any
}

// ExternalBucket is a bucket of the account that the stack does not manage: an existing data bucket,
// or the access-log bucket an administrator prepared.
type ExternalBucket struct {
	Region string
	// Objects counts what the bucket holds.
	Objects int
	// Policy is the bucket policy JSON ("" for none).
	Policy string
	// ObjectOwnership is the bucket's ownership setting ("BucketOwnerEnforced" disables ACLs).
	ObjectOwnership string
}

// World is the simulated AWS account, with the names other customers hold.
type World struct {
	Objects map[string]*Object
	// External buckets of this account, by name.
	External map[string]*ExternalBucket
	// ForeignBuckets and ForeignDomains are held by other AWS customers: bucket names and Cognito
	// domain prefixes are global.
	ForeignBuckets map[string]bool
	ForeignDomains map[string]bool
	// DefaultSenderEmailsToday counts the emails Cognito's default sender sent today for the account;
	// it refuses past DefaultSenderDailyLimit.
	DefaultSenderEmailsToday int
	// SESIdentities are the verified SES identities of the account, by ARN.
	SESIdentities map[string]bool
	// DataObjects counts the objects users put in the buckets the stack created, by bucket name.
	DataObjects map[string]int
	// Generations counts how often each URN was created.
	Generations map[string]int
}

// NewWorld returns an empty account.
func NewWorld() *World {
	return &World{
		Objects:        map[string]*Object{},
		External:       map[string]*ExternalBucket{},
		ForeignBuckets: map[string]bool{},
		ForeignDomains: map[string]bool{},
		SESIdentities:  map[string]bool{},
		DataObjects:    map[string]int{},
		Generations:    map[string]int{},
	}
}

// Clone deep-copies the account, so that one first deployment can seed many scenarios.
func (w *World) Clone() *World {
	b, err := json.Marshal(w)
	if err != nil {
		panic(err)
	}
	c := NewWorld()
	if err := json.Unmarshal(b, c); err != nil {
		panic(err)
	}
	return c
}

func key(token, id string) string { return token + " " + id }

func (w *World) put(o *Object)           { w.Objects[key(o.Token, o.ID)] = o }
func (w *World) remove(token, id string) { delete(w.Objects, key(token, id)) }
func (w *World) get(token, id string) (*Object, bool) {
	o, ok := w.Objects[key(token, id)]
	return o, ok
}
func (w *World) generation(urn string) int     { return w.Generations[urn] }
func (w *World) nextGeneration(urn string) int { w.Generations[urn]++; return w.Generations[urn] }
func str(m map[string]any, k string) string    { s, _ := m[k].(string); return s }

// find returns an object of the type that matches, if any. The rules only ask whether one exists (names
// are unique), so map order does not matter.
func (w *World) find(token string, match func(*Object) bool) *Object {
	for _, o := range w.Objects {
		if o.Token == token && match(o) {
			return o
		}
	}
	return nil
}

func (w *World) sortedKeys() []string {
	keys := make([]string, 0, len(w.Objects))
	for k := range w.Objects {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// OfType lists the objects of a type, sorted by id.
func (w *World) OfType(token string) []*Object {
	var out []*Object
	for _, k := range w.sortedKeys() {
		if o := w.Objects[k]; o.Token == token {
			out = append(out, o)
		}
	}
	return out
}

// Bucket finds a bucket the stack created, by name.
func (w *World) Bucket(name string) *Object {
	return w.find(tokenBucket, func(o *Object) bool { return str(o.Inputs, "bucket") == name })
}

// BucketSetting finds a bucket's sub-resource (versioning, encryption, ...) by bucket name.
func (w *World) BucketSetting(token, bucket string) *Object {
	return w.find(token, func(o *Object) bool { return str(o.Inputs, "bucket") == bucket })
}

// refusal is an AWS error, with the fact of the tables it comes from.
func refusal(token, factName, awsError string) error {
	src := "no source recorded"
	if r, ok := providertruth.Lookup(token); ok {
		for _, f := range r.World {
			if f.Name == factName {
				src = f.Source
			}
		}
	}
	return fmt.Errorf("%s (provider double: %s fact %q, %s)", awsError, token, factName, src)
}

// Fact names the double enforces, as the provider-truth tables name them; a test keeps every one of
// them recorded, with its source, in the tables.
const (
	FactOneDomainPerPool     = "one prefix domain per user pool"
	FactDomainPrefixesGlobal = "prefixes are shared by all AWS customers"
	FactUsernamesUnique      = "usernames and emails are unique per pool"
	FactDeletionProtection   = "deletion protection blocks DeleteUserPool"
	FactPoolWithDomain       = "a pool with a domain cannot be deleted"
	FactBucketNamesGlobal    = "bucket names are global"
	FactBucketNotEmpty       = "a non-empty bucket cannot be deleted"
	FactLogTargetRegion      = "the target must be in the same Region and account"
	// The stack sends no CloudFront logs any more; the rule stays as a guard against their return.
	FactCloudFrontLogBucketACLs = "the standard-logging bucket must have ACLs enabled"
	FactSESIdentityVerified     = "the SES identity must exist and be verified"
	FactDefaultSenderQuota      = "the default email sender has a daily quota"
	FactTrailChecksBucketPolicy = "CreateTrail checks the bucket policy"
	FactObjectLockVersioned     = "Object Lock needs a versioned bucket"
)

// DefaultSenderDailyLimit is the default sender's quota (the user pool table's fact).
const DefaultSenderDailyLimit = 50

// Facts lists, per resource type, the account rules the double enforces.
var Facts = map[string][]string{
	tokenUserPoolDomain: {FactOneDomainPerPool, FactDomainPrefixesGlobal},
	tokenUser:           {FactUsernamesUnique},
	tokenUserPool:       {FactDeletionProtection, FactPoolWithDomain, FactSESIdentityVerified, FactDefaultSenderQuota},
	tokenBucket:         {FactBucketNamesGlobal, FactBucketNotEmpty},
	tokenLogging:        {FactLogTargetRegion},
	tokenDistribution:   {FactCloudFrontLogBucketACLs},
	tokenTrail:          {FactTrailChecksBucketPolicy},
	tokenObjectLock:     {FactObjectLockVersioned},
	tokenUserInGroup:    {providertruth.FactUserInGroupNeedsGroup, providertruth.FactUserInGroupNeedsUser},
}

func (w *World) admitCreate(token, region string, in map[string]any) error {
	switch token {
	case tokenUserPoolDomain:
		prefix, pool := str(in, "domain"), str(in, "userPoolId")
		if w.ForeignDomains[prefix] || w.find(token, func(o *Object) bool { return str(o.Inputs, "domain") == prefix }) != nil {
			return refusal(token, FactDomainPrefixesGlobal, "InvalidParameterException: Domain already exists.")
		}
		if w.find(token, func(o *Object) bool { return str(o.Inputs, "userPoolId") == pool }) != nil {
			return refusal(token, FactOneDomainPerPool, "InvalidParameterException: User pool already has a domain configured.")
		}
	case tokenUser:
		pool, name := str(in, "userPoolId"), strings.ToLower(str(in, "username"))
		if w.find(token, func(o *Object) bool {
			return str(o.Inputs, "userPoolId") == pool && strings.ToLower(str(o.Inputs, "username")) == name
		}) != nil {
			return refusal(token, FactUsernamesUnique, "UsernameExistsException: An account with the given email already exists.")
		}
		// The invitation is an email of the pool's sender.
		if p, ok := w.get(tokenUserPool, pool); ok {
			email, _ := p.Inputs["emailConfiguration"].(map[string]any)
			if str(email, "emailSendingAccount") != "DEVELOPER" {
				if w.DefaultSenderEmailsToday >= DefaultSenderDailyLimit {
					return refusal(tokenUserPool, FactDefaultSenderQuota, "LimitExceededException: Exceeded daily email limit for the operation or the account. "+
						"If a higher limit is required, please configure your user pool to use your own Amazon SES configuration for sending email.")
				}
				w.DefaultSenderEmailsToday++
			}
		}
	case tokenBucket:
		name := str(in, "bucket")
		if w.ForeignBuckets[name] {
			return refusal(token, FactBucketNamesGlobal, "BucketAlreadyExists: The requested bucket name is not available.")
		}
		if w.External[name] != nil || w.Bucket(name) != nil {
			return refusal(token, FactBucketNamesGlobal, "BucketAlreadyOwnedByYou: Your previous request to create the named bucket succeeded and you already own it.")
		}
	case tokenObject:
		w.DataObjects[str(in, "bucket")]++
	case tokenUserInGroup:
		pool, group, user := str(in, "userPoolId"), str(in, "groupName"), strings.ToLower(str(in, "username"))
		if w.find(tokenUserGroup, func(o *Object) bool { return str(o.Inputs, "userPoolId") == pool && str(o.Inputs, "name") == group }) == nil {
			return refusal(token, providertruth.FactUserInGroupNeedsGroup, "ResourceNotFoundException: Group not found.")
		}
		if w.find(tokenUser, func(o *Object) bool {
			return str(o.Inputs, "userPoolId") == pool && strings.ToLower(str(o.Inputs, "username")) == user
		}) == nil {
			return refusal(token, providertruth.FactUserInGroupNeedsUser, "UserNotFoundException: User does not exist.")
		}
	}
	if err := w.admitEmail(token, in); err != nil {
		return err
	}
	if err := w.admitAudit(token, in); err != nil {
		return err
	}
	return w.admitLogging(token, region, in)
}

// admitAudit applies what CloudTrail and S3 Object Lock check when a trail or a lock is set up.
func (w *World) admitAudit(token string, in map[string]any) error {
	switch token {
	case tokenTrail:
		bucket := str(in, "s3BucketName")
		policy := ""
		if ext := w.External[bucket]; ext != nil {
			policy = ext.Policy
		} else if p := w.BucketSetting(tokenBucketPolicy, bucket); p != nil {
			policy = str(p.Inputs, "policy")
		}
		// Both statements CloudTrail requires: reading the ACL, and writing with the owner in control, for
		// this trail.
		if !strings.Contains(policy, "cloudtrail.amazonaws.com") || !strings.Contains(policy, "trail/"+str(in, "name")) ||
			!strings.Contains(policy, "s3:GetBucketAcl") || !strings.Contains(policy, "s3:PutObject") ||
			!strings.Contains(policy, "bucket-owner-full-control") {
			return refusal(token, FactTrailChecksBucketPolicy, "InsufficientS3BucketPolicyException: Incorrect S3 bucket policy is detected for bucket: "+bucket)
		}
	case tokenObjectLock:
		bucket := str(in, "bucket")
		status := ""
		if v := w.BucketSetting(tokenVersioning, bucket); v != nil {
			config, _ := v.Inputs["versioningConfiguration"].(map[string]any)
			status = str(config, "status")
		}
		if status != "Enabled" {
			return refusal(token, FactObjectLockVersioned, "InvalidBucketState: Versioning must be 'Enabled' on the bucket to apply a Object Lock configuration")
		}
	}
	return nil
}

func (w *World) admitUpdate(token, region string, in map[string]any) error {
	if err := w.admitEmail(token, in); err != nil {
		return err
	}
	if err := w.admitAudit(token, in); err != nil {
		return err
	}
	return w.admitLogging(token, region, in)
}

// admitEmail applies what Cognito requires of an SES sender.
func (w *World) admitEmail(token string, in map[string]any) error {
	if token != tokenUserPool {
		return nil
	}
	email, _ := in["emailConfiguration"].(map[string]any)
	if str(email, "emailSendingAccount") == "DEVELOPER" && !w.SESIdentities[str(email, "sourceArn")] {
		return refusal(token, FactSESIdentityVerified, "InvalidParameterException: Cognito received the following error from Amazon SES when attempting to send email: Email address is not verified.")
	}
	return nil
}

// admitLogging applies what S3 and CloudFront require of a log bucket when logging is turned on.
func (w *World) admitLogging(token, region string, in map[string]any) error {
	switch token {
	case tokenLogging:
		// S3 checks the target's existence, owner and Region at PutBucketLogging; whether its policy
		// lets the logging service write is only found out at delivery, when logs silently do not
		// arrive (the tables' "the target's permissions are checked at delivery" fact).
		target := str(in, "targetBucket")
		ext := w.External[target]
		if ext == nil {
			return refusal(token, FactLogTargetRegion, "InvalidTargetBucketForLogging: The target bucket for logging does not exist")
		}
		if ext.Region != region {
			return refusal(token, FactLogTargetRegion, "CrossLocationLoggingProhibitted: Cross S3 location logging not allowed.")
		}
	case tokenDistribution:
		lc, _ := in["loggingConfig"].(map[string]any)
		if lc == nil {
			return nil
		}
		target := strings.TrimSuffix(str(lc, "bucket"), ".s3.amazonaws.com")
		if ext := w.External[target]; ext == nil || ext.ObjectOwnership == "BucketOwnerEnforced" || ext.ObjectOwnership == "" {
			return refusal(token, FactCloudFrontLogBucketACLs, "InvalidArgument: The S3 bucket that you specified for CloudFront logs does not enable ACL access: "+str(lc, "bucket"))
		}
	}
	return nil
}

func (w *World) admitDelete(token, id string) error {
	obj, ok := w.get(token, id)
	if !ok {
		return nil // already gone: the provider treats that as deleted
	}
	switch token {
	case tokenUserPool:
		if str(obj.Inputs, "deletionProtection") == "ACTIVE" {
			return refusal(token, FactDeletionProtection, "InvalidParameterException: The user pool cannot be deleted because deletion protection is activated. Deletion protection must be inactivated first.")
		}
		if w.find(tokenUserPoolDomain, func(o *Object) bool { return str(o.Inputs, "userPoolId") == id }) != nil {
			return refusal(token, FactPoolWithDomain, "InvalidParameterException: User pool cannot be deleted. It has a domain configured that should be deleted first.")
		}
	case tokenBucket:
		name := str(obj.Inputs, "bucket")
		if force, _ := obj.Inputs["forceDestroy"].(bool); !force && w.DataObjects[name] > 0 {
			return refusal(token, FactBucketNotEmpty, "BucketNotEmpty: The bucket you tried to delete is not empty")
		}
	case tokenObject:
		w.DataObjects[str(obj.Inputs, "bucket")]--
	}
	return nil
}

// invoke answers the data sources the program may read, as the provider would.
func (w *World) invoke(token, region string, args map[string]any) (map[string]any, error) {
	name := str(args, "bucket")
	ext := w.External[name]
	b := synth.AccountBucket{}
	if ext != nil {
		b = synth.AccountBucket{Region: ext.Region, Policy: ext.Policy}
	}
	return synth.BucketDataSource(token, name, b, ext != nil)
}
