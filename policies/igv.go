package policies

// The documents that give IGV desktop users their AWS access (igv-contract.md, sections 4 and 5).

const (
	cognitoIdentity = "cognito-identity.amazonaws.com"
	// Condition keys of the web-identity token that Cognito Identity issues.
	cognitoAudience = cognitoIdentity + ":aud"
	cognitoAMR      = cognitoIdentity + ":amr"
)

// IdentityPoolTrust is the authenticated role's trust policy. In the classic flow the client names the
// role it wants, so this document is the security boundary: it accepts only web-identity tokens that
// this identity pool issued (aud) to a signed-in user (amr = authenticated), never a guest identity
// or a token of another pool.
func IdentityPoolTrust(identityPoolID string) Document {
	return New(Statement{
		Sid:       "AssumeFromThisIdentityPoolWhenAuthenticated",
		Effect:    Allow,
		Principal: Principals{"Federated": {cognitoIdentity}},
		Action:    Values{"sts:AssumeRoleWithWebIdentity"},
		Condition: Conditions{
			"StringEquals":           {cognitoAudience: {identityPoolID}},
			"ForAnyValue:StringLike": {cognitoAMR: {"authenticated"}},
		},
	})
}

// ListAllBuckets serves IGV's Amazon > Load from S3 menu, which calls ListBuckets. That action has no
// resource-level permissions, so "*" is its only possible resource: the one documented exception to
// CKV_AWS_355. It reveals bucket names in the account, never their contents.
func ListAllBuckets() Document {
	return New(Statement{
		Sid:      "ListBucketsForIGVMenu",
		Effect:   Allow,
		Action:   Values{"s3:ListAllMyBuckets"},
		Resource: Values{"*"},
	})
}

// DenyInsecureTransport is the TLS-only statement every bucket policy of the stack carries
// (Security Hub S3.5, CKV_AWS_379). A Deny on "s3:*" is the documented form: it blocks every request
// that does not use TLS, whoever makes it.
func DenyInsecureTransport(bucket string) Statement {
	return Statement{
		Sid:       "DenyInsecureTransport",
		Effect:    Deny,
		Principal: Principals{"AWS": {"*"}},
		Action:    Values{"s3:*"},
		Resource:  Values{BucketARN(bucket), ObjectsARN(bucket, "")},
		Condition: Conditions{"Bool": {"aws:SecureTransport": {"false"}}},
	}
}

// CloudFrontRead lets exactly one CloudFront distribution, through its Origin Access Control, read the
// given objects of a bucket (Security Hub CloudFront.13). Nothing else of the bucket is readable, and
// without s3:ListBucket a request for any other key gets 403, never a listing.
func CloudFrontRead(bucket, distributionARN string, keys ...string) Statement {
	resources := make([]string, 0, len(keys))
	for _, k := range keys {
		resources = append(resources, BucketARN(bucket)+"/"+k)
	}
	return Statement{
		Sid:       "AllowThisDistributionToReadTheConfig",
		Effect:    Allow,
		Principal: Principals{"Service": {"cloudfront.amazonaws.com"}},
		Action:    Values{"s3:GetObject"},
		Resource:  sortedUnique(resources),
		Condition: Conditions{"StringEquals": {"AWS:SourceArn": {distributionARN}}},
	}
}

// BucketPolicy is a bucket's resource policy: always TLS-only, plus any further statements.
func BucketPolicy(bucket string, more ...Statement) Document {
	return New(append([]Statement{DenyInsecureTransport(bucket)}, more...)...)
}

// BucketARN is the ARN of an S3 bucket (standard partition).
func BucketARN(bucket string) string { return "arn:aws:s3:::" + bucket }

// ObjectsARN is the ARN pattern of a bucket's objects, limited to a key prefix when one is given.
// IAM matches "*" across "/", so "runs/2024/" covers every key below that folder.
func ObjectsARN(bucket, prefix string) string { return BucketARN(bucket) + "/" + prefix + "*" }

// AccessLogDelivery is the statement an access-log bucket's owner adds so that S3's logging service may
// deliver the stack's server access logs under prefix (README, "Access logs"). S3 does not check it
// when logging is switched on; without it, logs silently never arrive.
func AccessLogDelivery(logBucket, prefix, accountID string) Statement {
	return Statement{
		Sid:       "S3ServerAccessLogsOfTheIGVStack",
		Effect:    Allow,
		Principal: Principals{"Service": {"logging.s3.amazonaws.com"}},
		Action:    Values{"s3:PutObject"},
		Resource:  Values{BucketARN(logBucket) + "/" + prefix + "*"},
		Condition: Conditions{"StringEquals": {"aws:SourceAccount": {accountID}}},
	}
}

// CloudTrailDelivery are the statements a log bucket's policy needs for the given trails to deliver to
// it (CloudTrail checks them at CreateTrail): reading the bucket's ACL, and writing under
// AWSLogs/ACCOUNT/ with the owner in full control, both only for these trails (aws:SourceArn).
func CloudTrailDelivery(bucket, accountID string, trailARNs []string) []Statement {
	trails := Conditions{"StringEquals": {"aws:SourceArn": sortedUnique(trailARNs)}}
	write := Conditions{"StringEquals": {
		"aws:SourceArn": sortedUnique(trailARNs),
		"s3:x-amz-acl":  {"bucket-owner-full-control"},
	}}
	principal := Principals{"Service": {"cloudtrail.amazonaws.com"}}
	return []Statement{
		{Sid: "AWSCloudTrailAclCheck", Effect: Allow, Principal: principal, Action: Values{"s3:GetBucketAcl"},
			Resource: Values{BucketARN(bucket)}, Condition: trails},
		{Sid: "AWSCloudTrailWrite", Effect: Allow, Principal: principal, Action: Values{"s3:PutObject"},
			Resource: Values{BucketARN(bucket) + "/AWSLogs/" + accountID + "/*"}, Condition: write},
	}
}

// TrailARN is a CloudTrail trail's ARN.
func TrailARN(region, accountID, name string) string {
	return "arn:aws:cloudtrail:" + region + ":" + accountID + ":trail/" + name
}
