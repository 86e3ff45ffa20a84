package providertruth

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
)

// S3: the buckets, their hardening sub-resources, the bucket policies and the config objects.
//
// Facts were read in terraform-provider-aws internal/service/s3 (the stored revisions are late v5.x, the
// same SDK-v2 code v5.100.0 ships; line anchors were counted on those revisions and may be off by a few
// lines at the tag), in the pulumi-aws v6.83.4 Go SDK (aliases, required arguments) and in the S3 API
// reference and user guide.

const (
	s3API      = "https://docs.aws.amazon.com/AmazonS3/latest/API/"
	s3Guide    = "https://docs.aws.amazon.com/AmazonS3/latest/userguide/"
	s3TF       = TerraformAWS + "internal/service/s3/"
	s3SDK      = PulumiAWS + "sdk/go/aws/s3/"
	s3Naming   = s3Guide + "bucketnamingrules.html"
	s3Errors   = s3API + "ErrorResponses.html#ErrorCodeList"
	s3Retryer  = s3TF + "service_package.go"
	s3BPAMeans = s3Guide + "access-control-block-public-access.html#access-control-block-public-access-policy-status"
)

// s3BucketName: the naming rules of general purpose buckets, which S3 enforces in every Region (us-east-1
// included, since March 2018): 3..63 characters of lowercase letters, digits, dots and hyphens, starting
// and ending with a letter or digit, no two adjacent dots, not an IP address, and none of the reserved
// prefixes and suffixes.
func s3BucketName() Check {
	chars := regexp.MustCompile(`^[a-z0-9.-]+$`)
	ip := regexp.MustCompile(`^(?:[0-9]{1,3}\.){3}[0-9]{1,3}$`)
	edge := regexp.MustCompile(`^[a-z0-9].*[a-z0-9]$|^[a-z0-9]$`)
	return func(v any) error {
		s, err := str(v)
		if err != nil {
			return err
		}
		bad := func(why string) error {
			return fmt.Errorf("InvalidBucketName: The specified bucket is not valid: %q %s", short(s), why)
		}
		switch {
		case len(s) < 3 || len(s) > 63:
			return bad("must be 3 to 63 characters long")
		case !chars.MatchString(s):
			return bad("may contain only lowercase letters, numbers, dots (.) and hyphens (-)")
		case !edge.MatchString(s):
			return bad("must begin and end with a letter or number")
		case strings.Contains(s, ".."):
			return bad("must not contain two adjacent periods")
		case ip.MatchString(s):
			return bad("must not be formatted as an IP address")
		}
		for _, p := range []string{"xn--", "sthree-", "amzn-s3-demo-"} {
			if strings.HasPrefix(s, p) {
				return bad("must not start with the reserved prefix " + p)
			}
		}
		for _, x := range []string{"-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"} {
			if strings.HasSuffix(s, x) {
				return bad("must not end with the reserved suffix " + x)
			}
		}
		return nil
	}
}

// s3Bytes: a string of min..max bytes in UTF-8 (S3 counts object keys in bytes, not characters).
func s3Bytes(min, max int) Check {
	return func(v any) error {
		s, err := str(v)
		if err != nil {
			return err
		}
		if n := len(s); n < min || n > max {
			return fmt.Errorf("KeyTooLongError: %q is %d bytes in UTF-8; S3 takes %d to %d", short(s), n, min, max)
		}
		return nil
	}
}

// s3Base64: the provider decodes content_base64 with standard base64 before the upload.
func s3Base64() Check {
	return func(v any) error {
		s, err := str(v)
		if err != nil {
			return err
		}
		if _, err := base64.StdEncoding.DecodeString(s); err != nil {
			return fmt.Errorf("decoding content_base64: %v", err)
		}
		return nil
	}
}

// s3KMSKeyID: what PutBucketEncryption takes as KMSMasterKeyID: a key ID, key ARN, alias name or alias
// ARN. A key of another account must be given by ARN (an ID or alias resolves in the bucket owner's account).
func s3KMSKeyID() Check {
	return Pattern(`arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:(key/(mrk-[0-9a-f]{32}|[0-9a-f-]{36})|alias/[A-Za-z0-9/_-]+)` +
		`|mrk-[0-9a-f]{32}|[0-9a-f-]{36}|alias/[A-Za-z0-9/_-]+`)
}

// s3PolicySize: S3 limits a bucket policy to 20 KB. The provider sends the document compacted
// (structure.NormalizeJsonString), so whitespace outside strings does not count.
func s3PolicySize(maxBytes int) Check {
	return func(v any) error {
		s, err := str(v)
		if err != nil {
			return err
		}
		var buf bytes.Buffer
		if err := json.Compact(&buf, []byte(s)); err != nil {
			return fmt.Errorf("MalformedPolicy: %v", err)
		}
		if n := buf.Len(); n > maxBytes {
			return fmt.Errorf("PolicyTooLarge: the bucket policy has %d bytes, more than S3's %d", n, maxBytes)
		}
		return nil
	}
}

// s3PolicyNotPublic: with BlockPublicPolicy on (every bucket of this stack has it, and its policy waits
// for the Public Access Block), PutBucketPolicy refuses a policy S3 deems public: an Allow to a wildcard
// principal that no condition pins to fixed values (aws:SourceArn, aws:SourceAccount, aws:PrincipalOrgID,
// a VPC endpoint, ...). Deny statements and grants to named accounts or service principals are not public.
func s3PolicyNotPublic() Check {
	fixedKeys := map[string]bool{
		"aws:sourcearn": true, "aws:sourceaccount": true, "aws:sourceowner": true, "aws:principalaccount": true,
		"aws:principalarn": true, "aws:principalorgid": true, "aws:sourcevpc": true, "aws:sourcevpce": true,
		"aws:sourceip": true, "aws:userid": true, "s3:dataaccesspointarn": true, "s3:dataaccesspointaccount": true,
	}
	wildcard := func(p any) bool {
		switch x := p.(type) {
		case string:
			return x == "*"
		case map[string]any:
			for _, v := range x {
				switch y := v.(type) {
				case string:
					if y == "*" {
						return true
					}
				case []any:
					for _, e := range y {
						if e == "*" {
							return true
						}
					}
				}
			}
		}
		return false
	}
	pinned := func(c any) bool {
		ops, _ := c.(map[string]any)
		for op, kv := range ops {
			if strings.HasSuffix(strings.ToLower(op), "ifexists") {
				continue
			}
			m, _ := kv.(map[string]any)
			for k, vals := range m {
				if !fixedKeys[strings.ToLower(k)] {
					continue
				}
				list, ok := vals.([]any)
				if !ok {
					list = []any{vals}
				}
				fixed := len(list) > 0
				for _, e := range list {
					s := fmt.Sprint(e)
					if strings.Contains(s, "*") || s == "0.0.0.0/0" || s == "::/0" {
						fixed = false
					}
				}
				if fixed {
					return true
				}
			}
		}
		return false
	}
	return func(v any) error {
		s, err := str(v)
		if err != nil {
			return err
		}
		var doc map[string]any
		if err := json.Unmarshal([]byte(s), &doc); err != nil {
			return fmt.Errorf("MalformedPolicy: %v", err)
		}
		stmts, ok := doc["Statement"].([]any)
		if !ok {
			stmts = []any{doc["Statement"]}
		}
		for i, raw := range stmts {
			st, _ := raw.(map[string]any)
			if st == nil || st["Effect"] != "Allow" {
				continue
			}
			_, notPrincipal := st["NotPrincipal"]
			if (wildcard(st["Principal"]) || notPrincipal) && !pinned(st["Condition"]) {
				return fmt.Errorf("AccessDenied: Access Denied (statement %d %v grants a wildcard principal without a fixed-value "+
					"condition: a public policy, which BlockPublicPolicy refuses)", i, st["Sid"])
			}
		}
		return nil
	}
}

// s3Conflicts: the provider's ConflictsWith among the given top-level inputs.
func s3Conflicts(paths ...string) func(map[string]any) error {
	return func(in map[string]any) error {
		var set []string
		for _, p := range paths {
			if Get(in, p) != nil {
				set = append(set, p)
			}
		}
		if len(set) > 1 {
			return fmt.Errorf("%q: conflicts with %q (set only one)", set[0], set[1])
		}
		return nil
	}
}

func init() {
	bucketFact := func(name, detail, source string) Fact { return Fact{Name: name, Detail: detail, Source: source} }

	register(
		Resource{
			Token:     "aws:s3/bucketV2:BucketV2",
			Terraform: "aws_s3_bucket",
			Source:    s3TF + "bucket.go",
			API:       s3API + "API_CreateBucket.html",
			AutoName: &AutoName{
				Property:  "bucket",
				MaxLength: 63,
				Lowercase: true,
				Source: PulumiAWS + "provider/resources.go (\"aws_s3_bucket\": Tok BucketV2, \"bucket\": " +
					"tfbridge.AutoNameTransform(\"bucket\", 63, strings.ToLower)); the name is the lowercased logical name, " +
					"\"-\" and 7 random hex digits, and registration fails when that exceeds 63 (resource.NewUniqueName: " +
					"\"name '...' plus 7 random chars is longer than maximum length 63\"); nothing but case is rewritten, so " +
					"a logical name with '_' or '.' edge characters yields an invalid bucket name",
			},
			Overrides: "pulumi-aws maps aws_s3_bucket to BucketV2 (aws_s3_bucket_legacy keeps the token Bucket) and the SDK registers " +
				"every BucketV2 with the alias aws:s3/bucket:Bucket (" + s3SDK + "bucketV2.go#L172-L176); auto-names bucket " +
				"(see AutoName); no delete-before-replace. The provider's S3 client retries OperationAborted " +
				"(\"A conflicting conditional operation is currently in progress\") up to max_retries (" + s3Retryer + ").",
			Properties: []Property{
				{
					Path:     "bucket",
					ForceNew: true,
					Sends: "CreateBucket Bucket, with ACL private and (outside us-east-1) CreateBucketConfiguration.LocationConstraint " +
						"= the provider's region; in us-east-1 it first calls HeadBucket and fails with BucketAlreadyExists if the bucket " +
						"is found (us-east-1 would otherwise answer 200 and reset the ACL). Then HeadBucket until found, PutBucketTagging, " +
						"and a read of 13 bucket settings (GetBucketPolicy, -Acl, -Cors, -Website, -Versioning, -Accelerate, " +
						"-RequestPayment, -Logging, -Lifecycle, -Replication, -Encryption, GetObjectLockConfiguration, GetBucketLocation). " +
						"Unset: the auto-name. The provider validates the name (validBucketName) before calling AWS.",
					AWS: "CreateBucket Bucket: globally unique, 3..63 lowercase letters, digits, '.', '-'; starts and ends with a letter " +
						"or digit; no '..'; not an IP address; no reserved prefix (xn--, sthree-, amzn-s3-demo-) or suffix (-s3alias, " +
						"--ol-s3, .mrap, --x-s3, --table-s3).",
					Check:  s3BucketName(),
					Source: s3TF + "bucket.go (schema \"bucket\": Optional, Computed, ForceNew, StringLenBetween(0, 63); resourceBucketCreate; validBucketName); " + s3Naming,
				},
				{
					Path:     "objectLockEnabled",
					ForceNew: true,
					Sends: "CreateBucket ObjectLockEnabledForBucket = true when set (which also turns versioning on); the schema " +
						"marks it ForceNew, so turning it on for an existing bucket replaces the bucket. The stack does not set it; " +
						"the lifecycle suite sets it by a code change to show what a replacing change of a data bucket does.",
					AWS:    "CreateBucket x-amz-bucket-object-lock-enabled: a boolean, only at creation.",
					Check:  Bool(),
					Source: s3TF + "bucket.go (schema \"object_lock_enabled\": Optional, Computed, ForceNew, ConflictsWith object_lock_configuration.0.object_lock_enabled); " + s3API + "API_CreateBucket.html#API_CreateBucket_RequestSyntax",
				},
				{
					Path: "forceDestroy",
					Sends: "Nothing: provider-side only (default false). On delete, DeleteBucket answering BucketNotEmpty makes the " +
						"provider empty the bucket (every object version and delete marker) and retry, only when force_destroy is true " +
						"in the STATE being deleted: setting it and deleting in the same update still fails with BucketNotEmpty.",
					AWS:    "none",
					Check:  Bool(),
					Source: s3TF + "bucket.go (schema force_destroy Optional Default false; resourceBucketDelete)",
				},
				{
					Path: "tags",
					Sends: "PutBucketTagging with the tags (merged with provider default tags) after CreateBucket; on update " +
						"PutBucketTagging with the whole set, or DeleteBucketTagging when it becomes empty.",
					AWS:    "Tagging.TagSet: at most 50 tags per bucket; keys 1..128, values 0..256 characters; no aws: prefix.",
					Check:  Tags(50),
					Source: s3TF + "bucket.go (@Tags(identifierAttribute=\"bucket\"), bucketCreateTags); " + s3Guide + "CostAllocTagging.html",
				},
			},
			World: []Fact{
				bucketFact("bucket names are global",
					"A name taken by any account in the partition fails CreateBucket with 409 BucketAlreadyExists. A name this account "+
						"already owns fails with 409 BucketAlreadyOwnedByYou outside us-east-1; in us-east-1 S3 answers 200 (and resets the "+
						"ACL), so the provider checks with HeadBucket first and fails with BucketAlreadyExists. Either way an existing "+
						"bucket cannot be 'created' by the stack: it must be imported.",
					s3API+"API_CreateBucket.html#API_CreateBucket_Errors; "+s3TF+"bucket.go (resourceBucketCreate: \"Special case: us-east-1 "+
						"does not return error if the bucket already exists and is owned by current account. It also resets the Bucket ACLs.\")"),
				bucketFact("a non-empty bucket cannot be deleted",
					"DeleteBucket answers 409 BucketNotEmpty while any object version or delete marker remains (a versioned bucket keeps "+
						"old versions after its objects are 'deleted'). Only force_destroy=true in state makes the provider empty it.",
					s3API+"API_DeleteBucket.html; "+s3TF+"bucket.go (resourceBucketDelete, emptyBucket)"),
				bucketFact("concurrent bucket changes conflict",
					"S3 refuses a bucket-level change while another is in progress on the same bucket (and CreateBucket of a name "+
						"just deleted) with 409 OperationAborted \"A conflicting conditional operation is currently in progress against "+
						"this resource. Please try again.\" The provider's S3 client retries that error up to max_retries (25 by default), "+
						"so parallel sub-resources usually succeed, but can exhaust the retries.",
					s3Retryer+"; https://github.com/hashicorp/terraform-provider-aws/issues/7628; "+
						"https://github.com/hashicorp/terraform-provider-aws/issues/36873"),
				bucketFact("defaults of a new bucket",
					"Since April 2023 a new bucket has Block Public Access (all four) on and Object Ownership BucketOwnerEnforced "+
						"(ACLs disabled); since January 2023 it has SSE-S3 default encryption. The provider's CreateBucket sends ACL "+
						"private, which BucketOwnerEnforced accepts.",
					s3Guide+"create-bucket-overview.html; "+s3Guide+"default-encryption-faq.html"),
				bucketFact("the provider reads 13 bucket settings",
					"Create, refresh and import read policy, ACL, CORS, website, versioning, accelerate, request payment, logging, "+
						"lifecycle, replication, encryption, object lock and location: the caller needs s3:ListBucket (HeadBucket), "+
						"s3:GetBucket*, s3:GetAccelerateConfiguration, s3:GetLifecycleConfiguration, s3:GetReplicationConfiguration, "+
						"s3:GetEncryptionConfiguration (and s3:GetBucketTagging) on the bucket, or the read fails with AccessDenied.",
					s3TF+"bucket.go (resourceBucketRead)"),
			},
		},

		Resource{
			Token:     "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
			Terraform: "aws_s3_bucket_public_access_block",
			Source:    s3TF + "bucket_public_access_block.go",
			API:       s3API + "API_PutPublicAccessBlock.html",
			Overrides: "none beyond the token (no aliases, no auto-name, no delete-before-replace)",
			Properties: []Property{
				{
					Path:     "bucket",
					ForceNew: true,
					Required: true,
					Sends:    "PutPublicAccessBlock Bucket (retried while NoSuchBucket, 2 minutes); the resource ID is the bucket name.",
					AWS:      "Bucket: an existing bucket of the caller.",
					Check:    s3BucketName(),
					Source:   s3TF + "bucket_public_access_block.go#L45-L49",
				},
				{
					Path:   "blockPublicAcls",
					Sends:  "PublicAccessBlockConfiguration.BlockPublicAcls, always (false when unset: schema Default false).",
					AWS:    "BlockPublicAcls: boolean.",
					Check:  Bool(),
					Source: s3TF + "bucket_public_access_block.go#L36-L40",
				},
				{
					Path:   "blockPublicPolicy",
					Sends:  "PublicAccessBlockConfiguration.BlockPublicPolicy, always (false when unset).",
					AWS:    "BlockPublicPolicy: boolean. When true, PutBucketPolicy of a public policy fails with AccessDenied.",
					Check:  Bool(),
					Source: s3TF + "bucket_public_access_block.go#L41-L44",
				},
				{
					Path:   "ignorePublicAcls",
					Sends:  "PublicAccessBlockConfiguration.IgnorePublicAcls, always (false when unset).",
					AWS:    "IgnorePublicAcls: boolean.",
					Check:  Bool(),
					Source: s3TF + "bucket_public_access_block.go#L50-L53",
				},
				{
					Path:   "restrictPublicBuckets",
					Sends:  "PublicAccessBlockConfiguration.RestrictPublicBuckets, always (false when unset).",
					AWS:    "RestrictPublicBuckets: boolean.",
					Check:  Bool(),
					Source: s3TF + "bucket_public_access_block.go#L54-L57",
				},
			},
			World: []Fact{
				{Name: "delete removes the bucket's Block Public Access",
					Detail: "Delete calls DeletePublicAccessBlock: the bucket is left with no bucket-level Block Public Access (only " +
						"the account-level setting, if any, still applies). Update skips the read-back (eventual consistency).",
					Source: s3TF + "bucket_public_access_block.go (resourceBucketPublicAccessBlockDelete); " + s3API + "API_DeletePublicAccessBlock.html"},
				{Name: "a sub-resource's delete acts on the bucket, not on an instance",
					Detail: "S3 keeps one public access block per bucket. When the program renames the resource (no alias) or creates " +
						"a second one for the same bucket, Pulumi creates the new one first and deletes the old one last, and that " +
						"delete removes the setting the new one just made.",
					Source: s3TF + "bucket_public_access_block.go (ID = bucket name; Delete by bucket)"},
			},
		},

		Resource{
			Token:     "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
			Terraform: "aws_s3_bucket_ownership_controls",
			Source:    s3TF + "bucket_ownership_controls.go",
			API:       s3API + "API_PutBucketOwnershipControls.html",
			Overrides: "none beyond the token; rule (MaxItems 1) is an object in Pulumi",
			Properties: []Property{
				{
					Path:     "bucket",
					ForceNew: true,
					Required: true,
					Sends:    "PutBucketOwnershipControls Bucket; the resource ID is the bucket name.",
					AWS:      "Bucket: an existing bucket of the caller.",
					Check:    s3BucketName(),
					Source:   s3TF + "bucket_ownership_controls.go#L30-L35",
				},
				{
					Path: "rule",
					// Required, but Validate counts only leaves as set: the members carry Required.
					Sends:  "OwnershipControls.Rules: the one rule (schema MinItems 1, MaxItems 1).",
					AWS:    "OwnershipControls.Rules: required.",
					Source: s3TF + "bucket_ownership_controls.go#L36-L49",
				},
				{
					Path:     "rule.objectOwnership",
					Required: true,
					Sends:    "OwnershipControls.Rules[0].ObjectOwnership.",
					AWS: "ObjectOwnership: BucketOwnerPreferred | ObjectWriter | BucketOwnerEnforced. BucketOwnerEnforced fails with " +
						"InvalidBucketAclWithObjectOwnership while the bucket ACL grants anyone but the owner.",
					Check:  OneOf("BucketOwnerPreferred", "ObjectWriter", "BucketOwnerEnforced"),
					Source: s3TF + "bucket_ownership_controls.go#L42-L46; " + s3API + "API_OwnershipControlsRule.html",
				},
			},
			World: []Fact{
				{Name: "delete re-enables ACLs",
					Detail: "Delete calls DeleteBucketOwnershipControls (retried on OperationAborted for 5 minutes): a bucket without " +
						"ownership controls behaves as ObjectWriter, i.e. ACLs are enabled again and objects uploaded by other accounts " +
						"belong to them.",
					Source: s3TF + "bucket_ownership_controls.go (resourceBucketOwnershipControlsDelete); " + s3Guide + "about-object-ownership.html"},
				{Name: "ACL-dependent features need ACLs enabled",
					Detail: "With BucketOwnerEnforced, PutBucketAcl/PutObjectAcl with grants fail (AccessControlListNotSupported) and the " +
						"bucket cannot receive CloudFront standard (legacy) logs: CloudFront's CreateDistribution/UpdateDistribution " +
						"answers 400 InvalidArgument \"The S3 bucket that you specified for CloudFront logs does not enable ACL access\".",
					Source: s3Guide + "about-object-ownership.html; https://github.com/aws-samples/baseline-environment-on-aws/issues/363"},
			},
		},

		Resource{
			Token:     "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
			Terraform: "aws_s3_bucket_server_side_encryption_configuration",
			Source:    s3TF + "bucket_server_side_encryption_configuration.go",
			API:       s3API + "API_PutBucketEncryption.html",
			Overrides: "token with the V2 suffix; rule is renamed rules (a set in Terraform, a list in Pulumi)",
			Properties: []Property{
				{
					Path:     "bucket",
					ForceNew: true,
					Required: true,
					Sends:    "PutBucketEncryption Bucket (retried while NoSuchBucket or OperationAborted, 2 minutes); the ID is the bucket name.",
					AWS:      "Bucket: an existing bucket of the caller.",
					Check:    s3BucketName(),
					Source:   s3TF + "bucket_server_side_encryption_configuration.go#L38-L43",
				},
				{
					Path: "rules",
					// Required, but Validate counts only leaves as set: the members carry Required.
					Sends:  "ServerSideEncryptionConfiguration.Rules, one per element.",
					AWS:    "ServerSideEncryptionConfiguration.Rules: required.",
					Source: s3TF + "bucket_server_side_encryption_configuration.go#L50-L78",
				},
				{
					Path:   "rules[].applyServerSideEncryptionByDefault",
					Sends:  "Rules[].ApplyServerSideEncryptionByDefault when present.",
					AWS:    "ServerSideEncryptionByDefault.",
					Source: s3TF + "bucket_server_side_encryption_configuration.go#L55-L72",
				},
				{
					Path:     "rules[].applyServerSideEncryptionByDefault.sseAlgorithm",
					Required: true,
					Sends:    "ServerSideEncryptionByDefault.SSEAlgorithm.",
					AWS:      "SSEAlgorithm: AES256 | aws:kms | aws:kms:dsse.",
					Check:    OneOf("AES256", "aws:kms", "aws:kms:dsse"),
					Source:   s3TF + "bucket_server_side_encryption_configuration.go#L65-L69; " + s3API + "API_ServerSideEncryptionByDefault.html",
				},
				{
					Path: "rules[].applyServerSideEncryptionByDefault.kmsMasterKeyId",
					Sends: "ServerSideEncryptionByDefault.KMSMasterKeyID, only when non-empty (unset with aws:kms: the AWS managed key " +
						"aws/s3, which other accounts cannot use).",
					AWS: "KMSMasterKeyID: key ID, key ARN or alias (ARN); only with aws:kms or aws:kms:dsse; a symmetric key in the " +
						"bucket's Region; a key of another account only by ARN. S3 does not check the key here: a key the writer cannot " +
						"use fails later PutObject/GetObject calls with KMS AccessDenied.",
					Check:  s3KMSKeyID(),
					Source: s3TF + "bucket_server_side_encryption_configuration.go (expandServerSideEncryptionByDefault); " + s3API + "API_ServerSideEncryptionByDefault.html",
				},
				{
					Path:           "rules[].bucketKeyEnabled",
					SentWithParent: true,
					SentUnset:      false,
					Sends: "Rules[].BucketKeyEnabled, always: expandServerSideEncryptionRules sends the schema's zero value false when " +
						"unset (a drift-free false, harmless with AES256).",
					AWS:    "BucketKeyEnabled: boolean; effective only with SSE-KMS.",
					Check:  Bool(),
					Source: s3TF + "bucket_server_side_encryption_configuration.go#L73-L76 (expandServerSideEncryptionRules)",
				},
			},
			Rules: []Rule{
				{
					Name: "a KMS key only with an aws:kms algorithm",
					Check: func(in map[string]any) error {
						rules, _ := Get(in, "rules").([]any)
						for _, r := range rules {
							m, _ := r.(map[string]any)
							sse, _ := m["applyServerSideEncryptionByDefault"].(map[string]any)
							alg, _ := sse["sseAlgorithm"].(string)
							if key, ok := sse["kmsMasterKeyId"]; ok && key != nil && alg != Unknown && !strings.HasPrefix(alg, "aws:kms") {
								return fmt.Errorf("InvalidArgument: KMSMasterKeyID is not applicable if the default sse algorithm is not aws:kms or aws:kms:dsse (it is %q)", alg)
							}
						}
						return nil
					},
					Source: s3API + "API_ServerSideEncryptionByDefault.html",
				},
			},
			World: []Fact{
				{Name: "delete falls back to SSE-S3",
					Detail: "Delete calls DeleteBucketEncryption: the bucket returns to the default SSE-S3 (AES256) encryption; objects " +
						"already written keep the key they were written with. A key change likewise applies to new objects only.",
					Source: s3TF + "bucket_server_side_encryption_configuration.go (Delete: \"the bucket now always has one\"); " + s3API + "API_DeleteBucketEncryption.html"},
				{Name: "SSE-KMS targets cannot receive server access logs",
					Detail: "A bucket whose default encryption is SSE-KMS (or DSSE-KMS) cannot be the target of S3 server access logs.",
					Source: s3Guide + "enable-server-access-logging.html"},
			},
		},

		Resource{
			Token:     "aws:s3/bucketVersioningV2:BucketVersioningV2",
			Terraform: "aws_s3_bucket_versioning",
			Source:    s3TF + "bucket_versioning.go",
			API:       s3API + "API_PutBucketVersioning.html",
			Overrides: "token with the V2 suffix; versioning_configuration (MaxItems 1) is an object",
			Properties: []Property{
				{
					Path:     "bucket",
					ForceNew: true,
					Required: true,
					Sends:    "PutBucketVersioning Bucket (retried while NoSuchBucket); the ID is the bucket name.",
					AWS:      "Bucket: an existing bucket of the caller.",
					Check:    s3BucketName(),
					Source:   s3TF + "bucket_versioning.go#L30-L35",
				},
				{
					Path: "versioningConfiguration",
					// Required, but Validate counts only leaves as set: the members carry Required.
					Sends:  "VersioningConfiguration.",
					AWS:    "VersioningConfiguration: required.",
					Source: s3TF + "bucket_versioning.go#L46-L63",
				},
				{
					Path:     "versioningConfiguration.status",
					Required: true,
					Sends: "VersioningConfiguration.Status. \"Disabled\" (provider-only) sends nothing on create and is refused on " +
						"update from Enabled/Suspended (CustomizeDiff).",
					AWS:    "Status: Enabled | Suspended (the provider also takes Disabled).",
					Check:  OneOf("Enabled", "Suspended", "Disabled"),
					Source: s3TF + "bucket_versioning.go#L57-L61; " + s3API + "API_VersioningConfiguration.html",
				},
			},
			World: []Fact{
				{Name: "versioning cannot be turned off",
					Detail: "Once Enabled, a bucket can only be Suspended, never unversioned again. Delete of this resource calls " +
						"PutBucketVersioning Status=Suspended (no-op when the status was Disabled): existing versions stay, new writes " +
						"get the null version.",
					Source: s3TF + "bucket_versioning.go (resourceBucketVersioningDelete: \"to 'remove' this resource, we suspend versioning\"); " + s3Guide + "Versioning.html"},
			},
		},

		Resource{
			Token:     "aws:s3/bucketLoggingV2:BucketLoggingV2",
			Terraform: "aws_s3_bucket_logging",
			Source:    s3TF + "bucket_logging.go",
			API:       s3API + "API_PutBucketLogging.html",
			Overrides: "token with the V2 suffix; the SDK requires targetPrefix (" + s3SDK + "bucketLoggingV2.go#L113-L125)",
			Properties: []Property{
				{
					Path:     "bucket",
					ForceNew: true,
					Required: true,
					Sends:    "PutBucketLogging Bucket (the logged bucket; retried while NoSuchBucket, 2 minutes); the ID is the bucket name.",
					AWS:      "Bucket: the source bucket; the caller must own it.",
					Check:    s3BucketName(),
					Source:   s3TF + "bucket_logging.go#L39-L44",
				},
				{
					Path:     "targetBucket",
					Required: true,
					Sends:    "BucketLoggingStatus.LoggingEnabled.TargetBucket; a change is an in-place PutBucketLogging (not ForceNew).",
					AWS: "TargetBucket: an existing bucket in the same Region and owned by the same account as the source " +
						"(InvalidTargetBucketForLogging \"The owner for the bucket to be logged and the target bucket must be the same.\"; " +
						"403 CrossLocationLoggingProhibited across Regions); no SSE-KMS default encryption, no Object Lock default " +
						"retention, no Requester Pays.",
					Check:  s3BucketName(),
					Source: s3TF + "bucket_logging.go#L51-L54; " + s3Guide + "ServerLogs.html; " + s3Errors,
				},
				{
					Path:     "targetPrefix",
					Required: true,
					Sends:    "BucketLoggingStatus.LoggingEnabled.TargetPrefix (required by the schema and the SDK); in-place update.",
					AWS: "TargetPrefix: the start of every log object key; the keys (prefix + a 33-character date and unique string) " +
						"must fit S3's 1,024-byte key limit.",
					Check:  s3Bytes(0, 1024-33),
					Source: s3TF + "bucket_logging.go#L131-L134; " + s3Guide + "ServerLogs.html#server-access-logging-overview",
				},
			},
			World: []Fact{
				{Name: "delete turns logging off",
					Detail: "Delete calls PutBucketLogging with an empty BucketLoggingStatus: server access logging of the bucket stops. " +
						"With retainOnDelete nothing is called and logging stays on, pointing at the old target.",
					Source: s3TF + "bucket_logging.go (resourceBucketLoggingDelete)"},
				{Name: "the target must be in the same Region and account",
					Detail: "PutBucketLogging refuses a target that does not exist (InvalidTargetBucketForLogging), belongs to another " +
						"account (InvalidTargetBucketForLogging: the owner ... must be the same) or lies in another Region " +
						"(403 CrossLocationLoggingProhibited).",
					Source: s3Guide + "enable-server-access-logging.html; " + s3Errors},
				{Name: "the target's permissions are checked at delivery, not at PutBucketLogging",
					Detail: "PutBucketLogging fails at once only for a missing target, another owner, another Region, or target grants " +
						"on a BucketOwnerEnforced target. Whether S3's log delivery may write is decided when logs are delivered (hours " +
						"later): without a target bucket-policy statement for logging.s3.amazonaws.com (s3:PutObject on the prefix, " +
						"aws:SourceArn = the source bucket, aws:SourceAccount = the account) or, on an ACL-enabled target, a Log Delivery " +
						"group WRITE grant, logs silently do not arrive.",
					Source: s3Guide + "enable-server-access-logging.html#grant-log-delivery-permissions-general; " + s3Errors},
				{Name: "a target that also receives CloudFront standard (legacy) logs needs ACLs",
					Detail: "Sharing the target with CloudFront standard logging (legacy) requires the target's Object Ownership to be " +
						"BucketOwnerPreferred or ObjectWriter (CloudFront adds the awslogsdelivery account's FULL_CONTROL grant with the " +
						"deployer's s3:GetBucketAcl/s3:PutBucketAcl). S3 server access logs work either way through the bucket policy.",
					Source: "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/standard-logging-legacy-s3.html#AccessLogsBucketAndFileOwnership"},
			},
		},

		Resource{
			Token:     "aws:s3/bucketPolicy:BucketPolicy",
			Terraform: "aws_s3_bucket_policy",
			Source:    s3TF + "bucket_policy.go",
			API:       s3API + "API_PutBucketPolicy.html",
			Overrides: "policy also accepts an iam PolicyDocument object (AltTypes, TransformJSONDocument) in " + PulumiAWS + "provider/resources.go",
			Properties: []Property{
				{
					Path:     "bucket",
					ForceNew: true,
					Required: true,
					Sends:    "PutBucketPolicy Bucket; the ID is the bucket name.",
					AWS:      "Bucket: an existing bucket of the caller.",
					Check:    s3BucketName(),
					Source:   s3TF + "bucket_policy.go#L37-L41",
				},
				{
					Path: "policy",
					Sends: "PutBucketPolicy Policy, normalized (compact JSON). Create and update are the same Put, retried while " +
						"MalformedPolicy or NoSuchBucket for 2 minutes (a truly malformed policy fails only after that), then GetBucketPolicy " +
						"until found.",
					Required: true,
					AWS: "Policy: a JSON policy of at most 20 KB; Resource ARNs must be the bucket or its objects; principals must exist " +
						"(\"Invalid principal in policy\"); with BlockPublicPolicy a public policy fails with AccessDenied.",
					Check:  All(PolicyDocument(0), s3PolicySize(20*1024), s3PolicyNotPublic()),
					Source: s3TF + "bucket_policy.go#L42 (IAMPolicyDocumentSchemaRequired), resourceBucketPolicyPut; " + s3Guide + "bucket-policies.html; " + s3BPAMeans,
				},
			},
			World: []Fact{
				{Name: "delete removes the whole policy",
					Detail: "Delete calls DeleteBucketPolicy: every statement goes, the TLS-only deny and the CloudFront grant included. " +
						"S3 keeps one policy per bucket, so two BucketPolicy resources on one bucket overwrite each other.",
					Source: s3TF + "bucket_policy.go (resourceBucketPolicyDelete)"},
				{Name: "a public policy needs Block Public Access off first",
					Detail: "PutBucketPolicy of a policy S3 deems public fails with AccessDenied while BlockPublicPolicy is on (bucket or " +
						"account). Grants to named accounts or service principals, or pinned by aws:SourceArn/aws:SourceAccount, are not public.",
					Source: s3BPAMeans},
			},
		},

		Resource{
			Token:     "aws:s3/bucketObjectv2:BucketObjectv2",
			Terraform: "aws_s3_object",
			Source:    s3TF + "object.go",
			API:       s3API + "API_PutObject.html",
			Overrides: "pulumi-aws maps aws_s3_object to BucketObjectv2; the SDK adds the alias aws:s3/BucketObject:BucketObject (" +
				s3SDK + "bucketObjectv2.go#L402-L406); key defaults to the logical name (no random suffix); bucket also accepts " +
				"a Bucket resource; source is an Asset (" + PulumiAWS + "provider/resources.go)",
			Properties: []Property{
				{
					Path:     "bucket",
					ForceNew: true,
					Required: true,
					Sends:    "PutObject Bucket (through the multipart-capable upload manager).",
					AWS:      "Bucket: an existing bucket.",
					Check:    s3BucketName(),
					Source:   s3TF + "object.go (schema bucket: Required, ForceNew, NoZeroValues)",
				},
				{
					Path:     "key",
					ForceNew: true,
					Required: true,
					Sends:    "PutObject Key, after removing a leading './', leading '/'s and repeated '/'s (sdkv1CompatibleCleanKey).",
					AWS:      "Key: 1..1,024 bytes of UTF-8.",
					Check:    s3Bytes(1, 1024),
					Source:   s3TF + "object.go (schema key: Required, ForceNew, NoZeroValues; sdkv1CompatibleCleanKey); " + s3Guide + "object-keys.html",
				},
				{
					Path: "content",
					Sends: "PutObject Body = the string. A change is an in-place update (hasObjectContentChanges: a new PutObject, a " +
						"new version in a versioned bucket), not a replacement.",
					AWS:    "Body: up to 5 GB in one PUT (the upload manager switches to multipart above its part size).",
					Source: s3TF + "object.go (resourceObjectUpload, hasObjectContentChanges, resourceObjectUpdate)",
				},
				{
					Path:   "contentBase64",
					Sends:  "PutObject Body = the base64-decoded bytes. A change is an in-place update (new PutObject).",
					AWS:    "Body: raw bytes.",
					Check:  s3Base64(),
					Source: s3TF + "object.go (resourceObjectUpload: inttypes.Base64Decode)",
				},
				{
					Path:   "contentType",
					Sends:  "PutObject ContentType when set (unset: S3 stores binary/octet-stream). A change re-uploads the object.",
					AWS:    "Content-Type header: any MIME type.",
					Source: s3TF + "object.go (schema content_type Optional Computed; hasObjectContentChanges)",
				},
				{
					Path:   "cacheControl",
					Sends:  "PutObject CacheControl when set. A change re-uploads the object.",
					AWS:    "Cache-Control header, returned with GetObject (and by CloudFront to viewers).",
					Source: s3TF + "object.go (schema cache_control Optional; hasObjectContentChanges)",
				},
			},
			Rules: []Rule{
				{
					Name:   "one body",
					Check:  s3Conflicts("content", "contentBase64", "source"),
					Source: s3TF + "object.go (content, content_base64, source: ConflictsWith each other)",
				},
			},
			World: []Fact{
				{Name: "delete removes every version of the key",
					Detail: "In a versioned bucket (version_id set) delete lists and deletes all versions of the key " +
						"(deleteAllObjectVersions; needs s3:ListBucketVersions and s3:DeleteObjectVersion), not just a delete marker.",
					Source: s3TF + "object.go (resourceObjectDelete)"},
				{Name: "objects inherit the bucket's default encryption",
					Detail: "Without kms_key_id/server_side_encryption the object is encrypted with the bucket default; an SSE-KMS " +
						"object can be read through CloudFront OAC only if the key policy lets cloudfront.amazonaws.com decrypt.",
					Source: s3Guide + "default-bucket-encryption.html"},
			},
		},
	)
}
