package providertruth

import (
	"fmt"
	"regexp"
)

// CloudTrail: the audit trail that records management events and the S3 data events of the data buckets.
//
// Facts were read in terraform-provider-aws internal/service/cloudtrail (trail.go and consts.go; the stored
// revisions are late v5.x/early v6 SDK-v2 code whose schema, expand functions, create, update and delete are
// the ones v5.100.0 ships, except that the ID became the trail ARN with schema version 1 and the field list
// grew; only members present in every revision are relied on), in the pulumi-aws v6.83.4 Go SDK
// (sdk/go/aws/cloudtrail) and in the CloudTrail API reference and user guide.

const (
	ctTF     = TerraformAWS + "internal/service/cloudtrail/trail.go"
	ctConsts = TerraformAWS + "internal/service/cloudtrail/consts.go"
	ctSDK    = PulumiAWS + "sdk/go/aws/cloudtrail/trail.go"
	ctTypes  = PulumiAWS + "sdk/go/aws/cloudtrail/pulumiTypes.go"
	ctAPI    = "https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/"
	ctGuide  = "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/"

	ctCreateAPI   = ctAPI + "API_CreateTrail.html"
	ctUpdateAPI   = ctAPI + "API_UpdateTrail.html"
	ctSelectorAPI = ctAPI + "API_PutEventSelectors.html"
	ctFieldAPI    = ctAPI + "API_AdvancedFieldSelector.html"
	ctSelectorDoc = ctGuide + "logging-data-events-with-cloudtrail.html"
	ctQuotas      = ctGuide + "WhatIsCloudTrail-Limits.html"
	ctBucketDoc   = ctGuide + "create-s3-bucket-policy-for-cloudtrail.html"
	ctKMSDoc      = ctGuide + "create-kms-key-policy-for-cloudtrail.html"
	ctPricing     = "https://aws.amazon.com/cloudtrail/pricing/"
	ctCosts       = ctGuide + "cloudtrail-trail-manage-costs.html"

	// ctBridgeNameDBR: the bridge makes the replacement of a resource whose auto-named property was set by
	// the program delete-before-replace.
	ctBridgeNameDBR = "https://github.com/pulumi/pulumi-terraform-bridge/blob/master/pkg/tfbridge/schema.go (nameRequiresDeleteBeforeReplace)"
)

// ctFields: the advanced field selector fields the provider's schema accepts (StringInSlice(field_Values())).
// Every stored revision has these; later ones add errorCode, eventType and vpcEndpointId (network activity
// events), which v5.100.0 may not know, so they are left out.
var ctFields = []string{
	"eventCategory", "eventName", "eventSource", "readOnly", "resources.ARN", "resources.type",
	"sessionCredentialFromConsole", "userIdentity.arn",
}

// ctOperators: the Pulumi names of the advanced field selector's operators (lists of strings).
var ctOperators = []string{"equals", "notEquals", "startsWiths", "notStartsWiths", "endsWiths", "notEndsWiths"}

// ctTrailName: CreateTrail's name rules: 3..128 ASCII letters, digits, '.', '_', '-'; starts and ends with a
// letter or digit; no adjacent '.', '_' or '-' ("my-_namespace", "my--namespace" are invalid); not an IP address.
func ctTrailName() Check {
	chars := regexp.MustCompile(`^[A-Za-z0-9._-]+$`)
	edge := regexp.MustCompile(`^[A-Za-z0-9](.*[A-Za-z0-9])?$`)
	adjacent := regexp.MustCompile(`[._-]{2}`)
	ip := regexp.MustCompile(`^[0-9]{1,3}(\.[0-9]{1,3}){3}$`)
	return func(v any) error {
		s, err := str(v)
		if err != nil {
			return err
		}
		bad := func(why string) error {
			return fmt.Errorf("InvalidTrailNameException: trail name %q %s", short(s), why)
		}
		switch {
		case len(s) < 3 || len(s) > 128:
			return bad("must be between 3 and 128 characters")
		case !chars.MatchString(s):
			return bad("may contain only ASCII letters, numbers, periods, underscores and dashes")
		case !edge.MatchString(s):
			return bad("must start with a letter or number, and end with a letter or number")
		case adjacent.MatchString(s):
			return bad("must have no adjacent periods, underscores or dashes")
		case ip.MatchString(s):
			return bad("must not be in IP address format")
		}
		return nil
	}
}

// ctKMSKeyARN: the provider validates kms_key_id with verify.ValidARN (the API itself would also take a key
// ID or an alias name, the provider does not); a KMS key or alias ARN.
func ctKMSKeyARN() Check {
	return Pattern(`arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:(key/(mrk-[0-9a-f]{32}|[0-9a-f-]{36})|alias/[A-Za-z0-9/_-]+)`)
}

// ctSelectors returns the advanced event selectors of the inputs as plain maps, and their field selectors.
func ctSelectors(in map[string]any) [][]map[string]any {
	raw, _ := Get(in, "advancedEventSelectors").([]any)
	var out [][]map[string]any
	for _, r := range raw {
		sel, _ := r.(map[string]any)
		fsRaw, _ := sel["fieldSelectors"].([]any)
		var fss []map[string]any
		for _, f := range fsRaw {
			if fs, ok := f.(map[string]any); ok {
				fss = append(fss, fs)
			}
		}
		out = append(out, fss)
	}
	return out
}

// ctValues returns the known string values of one operator of a field selector.
func ctValues(fs map[string]any, op string) []string {
	list, _ := fs[op].([]any)
	var out []string
	for _, e := range list {
		if s, ok := e.(string); ok && !isUnknown(s) {
			out = append(out, s)
		}
	}
	return out
}

// ctFieldEquals reports whether a selector has a field selector on field with equals holding value.
func ctFieldEquals(fss []map[string]any, field, value string) bool {
	for _, fs := range fss {
		if fs["field"] == field {
			for _, v := range ctValues(fs, "equals") {
				if v == value {
					return true
				}
			}
		}
	}
	return false
}

func init() {
	fieldSelector := "advancedEventSelectors[].fieldSelectors[]."
	operator := func(op, tfName, awsName string, c Check) Property {
		return Property{
			Path: fieldSelector + op,
			Sends: "AdvancedFieldSelector." + awsName + " only when the list is non-empty (expandAdvancedEventSelectorFieldSelector: " +
				"`if v, ok := data[\"" + tfName + "\"]; ok && len(v) > 0`); unset, the member is omitted from the request, not sent " +
				"as an empty list. An explicitly empty list fails the schema's MinItems 1 at preview.",
			AWS: awsName + ": 1 or more strings of 1..2048 characters; all values of all operators of all advanced event " +
				"selectors of the trail count against the 500-value cap.",
			Check:  c,
			Source: ctTF + " (schema advanced_event_selector.field_selector." + tfName + ": TypeList, Optional, MinItems 1, StringLenBetween(1, 2048); expandAdvancedEventSelectorFieldSelector); " + ctFieldAPI,
		}
	}
	values := Each(1, 500, Length(1, 2048))

	register(Resource{
		Token:     "aws:cloudtrail/trail:Trail",
		Terraform: "aws_cloudtrail",
		Source:    ctTF,
		API:       ctCreateAPI + ", " + ctUpdateAPI + ", " + ctSelectorAPI + ", " + ctAPI + "API_StartLogging.html",
		AutoName: &AutoName{
			Property:  "name",
			MaxLength: 255,
			Source: PulumiAWS + "provider/resources.go (no field override for aws_cloudtrail: the provider-wide setAutonaming " +
				"gives every resource with an input `name` tfbridge.AutoName(\"name\", 255, \"-\"), which is why the SDK's " +
				"TrailArgs.Name is optional and NewTrail checks only S3BucketName, " + ctSDK + "). The provider's own " +
				"StringLenBetween(3, 128) refuses a generated name from a logical name over 120 characters, and CloudTrail's " +
				"rules (no adjacent '.', '_' or '-'; letter or digit at both ends) can refuse one from an odd logical name.",
		},
		DeleteBeforeReplace: false,
		Overrides: "pulumi-aws maps aws_cloudtrail to the token only (no aliases, no field overrides, no DeleteBeforeReplace); " +
			"it auto-names `name` (see AutoName); advanced_event_selector becomes advancedEventSelectors and its field_selector " +
			"(a set in Terraform) fieldSelectors, whose operators are pluralised: equals, notEquals, startsWiths, notStartsWiths, " +
			"endsWiths, notEndsWiths (" + ctTypes + ", TrailAdvancedEventSelectorFieldSelector). pulumi-terraform-bridge: a " +
			"replacement of a trail whose name the program set explicitly is delete-before-replace (" + ctBridgeNameDBR + "), so a " +
			"name change deletes the old trail before the new one exists: a gap in the audit log. Terraform: the ID is the trail " +
			"ARN; CreateTrail (retried 2 minutes only on CloudWatch Logs \"Access denied.\"), then StartLogging (a new trail does not " +
			"log), then PutEventSelectors, then a read (DescribeTrails, GetTrailStatus, GetEventSelectors). Update sends UpdateTrail " +
			"with only the changed members, StartLogging/StopLogging for enable_logging, PutEventSelectors for the selectors, " +
			"AddTags/RemoveTags for tags.",
		Properties: []Property{
			{
				Path:     "name",
				ForceNew: true,
				Required: true,
				Sends:    "CreateTrail Name. ForceNew: a new name replaces the trail (delete-before-replace when set explicitly, as in this stack).",
				AWS: "Name: 3..128 ASCII letters, digits, '.', '_', '-'; starts and ends with a letter or digit; no adjacent '.', '_', '-'; " +
					"not an IP address; unique among the account's trails in the Region (TrailAlreadyExistsException).",
				Check:  ctTrailName(),
				Source: ctTF + " (schema name: Required, ForceNew, StringLenBetween(3, 128)); " + ctCreateAPI + "#API_CreateTrail_RequestSyntax",
			},
			{
				Path:     "s3BucketName",
				Required: true,
				Sends: "CreateTrail S3BucketName; a change is an in-place UpdateTrail S3BucketName (not ForceNew), at which CloudTrail " +
					"checks the new bucket's policy as at creation.",
				AWS: "S3BucketName: an existing bucket (S3BucketDoesNotExistException) whose policy lets cloudtrail.amazonaws.com " +
					"s3:GetBucketAcl the bucket and s3:PutObject <prefix/>AWSLogs/<account>/* with s3:x-amz-acl bucket-owner-full-control " +
					"(InsufficientS3BucketPolicyException \"Incorrect S3 bucket policy is detected for bucket: <bucket>\"); not Requester Pays.",
				Check:  s3BucketName(),
				Source: ctTF + " (schema s3_bucket_name: Required, no ForceNew; resourceTrailUpdate); " + ctCreateAPI + "; " + ctBucketDoc,
			},
			{
				Path: "s3KeyPrefix",
				Sends: "CreateTrail S3KeyPrefix only when non-empty (d.GetOk); on update, UpdateTrail S3KeyPrefix with the new value " +
					"(\"\" when removed). In place. The bucket policy's PutObject resource must include the prefix.",
				AWS:    "S3KeyPrefix: at most 200 characters (the provider's own validation allows 0..2000); InvalidS3PrefixException otherwise.",
				Check:  Length(0, 200),
				Source: ctTF + " (schema s3_key_prefix: Optional, StringLenBetween(0, 2000)); " + ctCreateAPI + "#API_CreateTrail_RequestSyntax",
			},
			{
				Path: "includeGlobalServiceEvents",
				Sends: "CreateTrail IncludeGlobalServiceEvents always (schema Default true, sent with d.Get); on update only when changed. " +
					"In place.",
				AWS:    "IncludeGlobalServiceEvents: boolean. A multi-Region trail must include them (InvalidParameterCombinationException).",
				Check:  Bool(),
				Source: ctTF + " (schema include_global_service_events: Optional, Default true; resourceTrailCreate); " + ctCreateAPI,
			},
			{
				Path: "isMultiRegionTrail",
				Sends: "CreateTrail IsMultiRegionTrail only when true (d.GetOk drops false: the API default, single-Region); on update " +
					"UpdateTrail IsMultiRegionTrail when changed. Not ForceNew: turning it on or off updates the trail in place (CloudTrail " +
					"creates or removes the shadow trails in the other Regions).",
				AWS:    "IsMultiRegionTrail: boolean; UpdateTrail must be called in the trail's home Region (InvalidHomeRegionException).",
				Check:  Bool(),
				Source: ctTF + " (schema is_multi_region_trail: Optional, Default false, no ForceNew); " + ctUpdateAPI,
			},
			{
				Path: "enableLogFileValidation",
				Sends: "CreateTrail EnableLogFileValidation only when true; UpdateTrail when changed. In place. With it on, CloudTrail " +
					"delivers an hourly signed digest file under AWSLogs/<account>/CloudTrail-Digest/.",
				AWS:    "EnableLogFileValidation: boolean (default false).",
				Check:  Bool(),
				Source: ctTF + " (schema enable_log_file_validation: Optional, Default false); " + ctGuide + "cloudtrail-log-file-validation-intro.html",
			},
			{
				Path: "enableLogging",
				Sends: "Not a CreateTrail member: after CreateTrail the provider calls StartLogging when true (schema Default true; " +
					"\"AWS CloudTrail sets newly-created trails to false\"); a change calls StartLogging or StopLogging. Read back from " +
					"GetTrailStatus.IsLogging.",
				AWS:    "StartLogging/StopLogging Name: the trail ARN; must be called in the home Region.",
				Check:  Bool(),
				Source: ctTF + " (schema enable_logging: Optional, Default true; resourceTrailCreate, setLogging); " + ctAPI + "API_StartLogging.html",
			},
			{
				Path: "kmsKeyId",
				Sends: "CreateTrail KmsKeyId only when set; UpdateTrail KmsKeyId with the new value when changed (\"\" when removed). " +
					"In place. CloudTrail checks the key policy at CreateTrail/UpdateTrail.",
				AWS: "KmsKeyId: the provider requires an ARN (verify.ValidARN); a symmetric key in the bucket's Region whose policy lets " +
					"cloudtrail.amazonaws.com kms:GenerateDataKey* (encryption context aws:cloudtrail:arn) and kms:DescribeKey, else " +
					"InsufficientEncryptionPolicyException \"Insufficient permissions to access S3 bucket <bucket> or KMS key <key ARN>.\"; " +
					"KmsKeyNotFoundException for a key that does not exist. DescribeTrails returns the key ARN.",
				Check:  ctKMSKeyARN(),
				Source: ctTF + " (schema kms_key_id: Optional, verify.ValidARN); " + ctCreateAPI + "; " + ctKMSDoc,
			},
			{
				Path: "tags",
				Sends: "CreateTrail TagsList (merged with provider default tags); on update AddTags/RemoveTags with the differences " +
					"(identifier: the trail ARN).",
				AWS:    "TagsList: at most 50 tags per trail; keys 1..128, values 0..256 characters; no aws: prefix.",
				Check:  Tags(50),
				Source: ctTF + " (@Tags(identifierAttribute=\"arn\")); " + ctAPI + "API_AddTags.html",
			},
			{
				Path: "advancedEventSelectors",
				Sends: "Not a CreateTrail member: after CreateTrail and StartLogging, PutEventSelectors AdvancedEventSelectors = the " +
					"whole list (setAdvancedEventSelectors); any change resends the whole list. In place. Until that call the new " +
					"trail logs CloudTrail's default selector (all management events, no data events). Conflicts with eventSelectors.",
				AWS: "AdvancedEventSelectors: replaces any EventSelectors; at most 500 values over all conditions of all selectors " +
					"(InvalidEventSelectorsException); must be called in the home Region.",
				Source: ctTF + " (schema advanced_event_selector: TypeList, Optional, ConflictsWith event_selector; setAdvancedEventSelectors); " + ctSelectorAPI,
			},
			{
				Path:           "advancedEventSelectors[].name",
				SentWithParent: true,
				SentUnset:      "",
				Sends: "AdvancedEventSelector.Name, always: expandAdvancedEventSelector sends aws.String(data[\"name\"]), the empty " +
					"string when unset.",
				AWS:    "Name: 0..1000 characters, a description only.",
				Check:  Length(0, 1000),
				Source: ctTF + " (schema advanced_event_selector.name: Optional, StringLenBetween(0, 1000); expandAdvancedEventSelector)",
			},
			{
				Path:   "advancedEventSelectors[].fieldSelectors",
				Sends:  "AdvancedEventSelector.FieldSelectors: one AdvancedFieldSelector per element (a set in Terraform: order is not significant).",
				AWS:    "FieldSelectors: required, at least one.",
				Source: ctTF + " (schema field_selector: TypeSet, Required, MinItems 1)",
			},
			{
				Path:     fieldSelector + "field",
				Required: true,
				Sends:    "AdvancedFieldSelector.Field.",
				AWS: "Field: for trails, eventCategory (required in every selector, equals Management or Data), readOnly, eventSource, " +
					"eventName, resources.type (required for data events), resources.ARN, userIdentity.arn, sessionCredentialFromConsole. " +
					"The provider validates against its own list at preview.",
				Check:  OneOf(ctFields...),
				Source: ctConsts + " (field_Values); " + ctTF + " (schema field: Required, StringInSlice(field_Values(), false)); " + ctFieldAPI,
			},
			operator("equals", "equals", "Equals", values),
			operator("notEquals", "not_equals", "NotEquals", values),
			operator("startsWiths", "starts_with", "StartsWith", values),
			operator("notStartsWiths", "not_starts_with", "NotStartsWith", values),
			operator("endsWiths", "ends_with", "EndsWith", values),
			operator("notEndsWiths", "not_ends_with", "NotEndsWith", values),
		},
		Rules: []Rule{
			{
				Name: "a multi-Region trail includes global service events",
				Check: func(in map[string]any) error {
					multi, _ := Get(in, "isMultiRegionTrail").(bool)
					global, set := Get(in, "includeGlobalServiceEvents").(bool)
					if multi && set && !global {
						return fmt.Errorf("InvalidParameterCombinationException: Multi-Region trail must include global service events.")
					}
					return nil
				},
				Source: ctCreateAPI + "#API_CreateTrail_Errors (InvalidParameterCombinationException)",
			},
			{
				Name: "at most 500 values across all advanced event selectors",
				Check: func(in map[string]any) error {
					n := 0
					for _, fss := range ctSelectors(in) {
						for _, fs := range fss {
							for _, op := range ctOperators {
								if list, ok := fs[op].([]any); ok {
									n += len(list)
								}
							}
						}
					}
					if n > 500 {
						return fmt.Errorf("InvalidEventSelectorsException: the advanced event selectors hold %d values; a maximum of "+
							"500 total values for all conditions in all advanced event selectors is allowed", n)
					}
					return nil
				},
				Source: ctQuotas + " (\"Advanced event selectors: 500 conditions across all advanced event selectors ... This quota " +
					"cannot be increased.\"); " + ctSelectorAPI + "#API_PutEventSelectors_Errors",
			},
			{
				Name: "every advanced event selector names its eventCategory",
				Check: func(in map[string]any) error {
					for i, fss := range ctSelectors(in) {
						found := false
						for _, fs := range fss {
							if fs["field"] == "eventCategory" {
								found = true
							}
						}
						if !found {
							return fmt.Errorf("InvalidEventSelectorsException: advanced event selector %d has no eventCategory field "+
								"selector (required, with Equals Management or Data)", i)
						}
					}
					return nil
				},
				Source: ctFieldAPI + " (Field: eventCategory is required in every selector, with the Equals operator); " + ctSelectorDoc,
			},
			{
				Name: "a data event selector names its resources.type",
				Check: func(in map[string]any) error {
					for i, fss := range ctSelectors(in) {
						if ctFieldEquals(fss, "eventCategory", "Data") {
							found := false
							for _, fs := range fss {
								if fs["field"] == "resources.type" {
									found = true
								}
							}
							if !found {
								return fmt.Errorf("InvalidEventSelectorsException: data event selector %d has no resources.type field selector", i)
							}
						}
					}
					return nil
				},
				Source: ctFieldAPI + " (Field: resources.type is required for data events); " + ctSelectorDoc,
			},
			{
				Name: "readOnly, eventCategory and resources.type take only equals",
				Check: func(in map[string]any) error {
					for i, fss := range ctSelectors(in) {
						for _, fs := range fss {
							f, _ := fs["field"].(string)
							if f != "readOnly" && f != "eventCategory" && f != "resources.type" {
								continue
							}
							for _, op := range ctOperators {
								if op != "equals" && fs[op] != nil {
									return fmt.Errorf("InvalidEventSelectorsException: selector %d uses %s on %s; Equals is the only "+
										"valid operator for readOnly, eventCategory and resources.type", i, op, f)
								}
							}
						}
					}
					return nil
				},
				Source: ctTypes + " (TrailAdvancedEventSelectorFieldSelector.Equals: \"This is the only valid operator that you can use " +
					"with the readOnly, eventCategory, and resources.type fields.\"); " + ctFieldAPI,
			},
			{
				Name: "S3 object ARNs are bucket ARNs with the trailing slash",
				Check: func(in map[string]any) error {
					arn := regexp.MustCompile(`^arn:aws[a-z-]*:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]/`)
					for i, fss := range ctSelectors(in) {
						if !ctFieldEquals(fss, "resources.type", "AWS::S3::Object") {
							continue
						}
						for _, fs := range fss {
							if fs["field"] != "resources.ARN" {
								continue
							}
							for _, op := range ctOperators {
								for _, v := range ctValues(fs, op) {
									if !arn.MatchString(v) {
										return fmt.Errorf("InvalidEventSelectorsException: selector %d: %s value %q of resources.ARN for "+
											"AWS::S3::Object must have the form arn:<partition>:s3:::<bucket>/[<object path>]", i, op, short(v))
									}
								}
							}
						}
					}
					return nil
				},
				Source: ctFieldAPI + " (resources.ARN: for AWS::S3::Object, StartsWith arn:<partition>:s3:::<bucket_name>/, the " +
					"trailing slash included, or arn:<partition>:s3:::<bucket_name>/<object_path>/); " + ctSelectorDoc,
			},
		},
		World: []Fact{
			{Name: "CreateTrail checks the bucket policy",
				Detail: "CreateTrail (and UpdateTrail of the bucket or prefix) fails with InsufficientS3BucketPolicyException \"Incorrect " +
					"S3 bucket policy is detected for bucket: <bucket>\" unless the bucket policy already lets cloudtrail.amazonaws.com " +
					"s3:GetBucketAcl the bucket and s3:PutObject <bucket>/[<prefix>/]AWSLogs/<account>/* with s3:x-amz-acl = " +
					"bucket-owner-full-control (and, when pinned, aws:SourceArn = this trail's ARN, which is known before the trail " +
					"exists: arn:aws:cloudtrail:<region>:<account>:trail/<name>). The trail must depend on the BucketPolicy resource; a " +
					"missing bucket fails with S3BucketDoesNotExistException.",
				Source: ctCreateAPI + "#API_CreateTrail_Errors; " + ctBucketDoc + "; https://github.com/boto/boto3/issues/1766; " +
					"https://github.com/awsdocs/aws-cloudtrail-user-guide/issues/24; https://github.com/hashicorp/terraform/issues/6388"},
			{Name: "CreateTrail checks the KMS key policy",
				Detail: "With kmsKeyId, CreateTrail/UpdateTrail fails with InsufficientEncryptionPolicyException \"Insufficient permissions " +
					"to access S3 bucket <bucket> or KMS key <key ARN>.\" unless the key policy lets cloudtrail.amazonaws.com " +
					"kms:GenerateDataKey* (kms:EncryptionContext:aws:cloudtrail:arn like arn:aws:cloudtrail:*:<account>:trail/*) and " +
					"kms:DescribeKey. The key must be in the bucket's Region; with an S3 Bucket Key on the bucket, kms:Decrypt is also " +
					"required to create or update the trail. The trail must depend on the key policy.",
				Source: ctKMSDoc + "; " + ctCreateAPI + "#API_CreateTrail_Errors; https://github.com/Azure/Azure-Sentinel/issues/12242; " +
					"https://github.com/trussworks/terraform-aws-cloudtrail/issues/186; https://github.com/aws/aws-cdk/issues/23391"},
			{Name: "at most 5 trails per Region",
				Detail: "A Region holds at most 5 trails of the account, a multi-Region trail counting in every Region; CreateTrail fails " +
					"with MaximumNumberOfTrailsExceededException beyond it. The quota cannot be increased. A replacement made " +
					"create-before-delete needs a free slot; this stack's explicitly named trail is replaced delete-before-replace.",
				Source: ctQuotas + "; " + ctCreateAPI + "#API_CreateTrail_Errors"},
			{Name: "trail names are unique in the Region",
				Detail: "CreateTrail fails with TrailAlreadyExistsException when a trail of that name exists in the Region (also a " +
					"multi-Region trail's shadow). An existing trail cannot be 'created' by the stack: it must be imported.",
				Source: ctCreateAPI + "#API_CreateTrail_Errors"},
			{Name: "at most 500 values across advanced event selectors",
				Detail: "PutEventSelectors fails with InvalidEventSelectorsException when all conditions of all advanced event selectors " +
					"of the trail hold more than 500 values together; not adjustable. Each data bucket adds one StartsWith value; the " +
					"Management selector and the Data selectors' eventCategory/resources.type/readOnly equals values count too.",
				Source: ctQuotas + "; " + ctSelectorAPI + "#API_PutEventSelectors_Errors"},
			{Name: "only the first copy of management events is free",
				Detail: "The first trail delivering management events in a Region is free; every further trail delivering them in that " +
					"Region (e.g. an organization trail or Control Tower trail already present) pays $2.00 per 100,000 events. Data events " +
					"are charged from the first copy: $0.10 per 100,000 S3 data events (every GetObject/PutObject of the IGV users, " +
					"readOnly=true: every read). S3 storage of the logs is billed separately.",
				Source: ctPricing + "; " + ctCosts},
			{Name: "log file validation writes digest files",
				Detail: "With enableLogFileValidation, CloudTrail delivers every hour a digest file (hashes of the log files of the hour, " +
					"signed SHA256withRSA, chained to the previous digest) to s3://<bucket>/[<prefix>/]AWSLogs/<account>/CloudTrail-Digest/" +
					"<region>/YYYY/MM/DD/<account>_CloudTrail-Digest_<region>_<trail>_<region>_<YYYYMMDDTHHmmssZ>.json.gz; validate with " +
					"`aws cloudtrail validate-logs`. Deleting or moving log files breaks validation for them.",
				Source: ctGuide + "cloudtrail-log-file-validation-digest-file-structure.html; " + ctGuide + "cloudtrail-log-file-validation-intro.html"},
			{Name: "delete stops logging; the logs stay",
				Detail: "Delete calls DeleteTrail (TrailNotFoundException counts as deleted). Logging stops at once; log and digest files " +
					"already delivered stay in the bucket, governed by its lifecycle and Object Lock. Events after the delete are not " +
					"recorded by this trail (event history keeps 90 days of management events).",
				Source: ctTF + " (resourceTrailDelete); " + ctAPI + "API_DeleteTrail.html"},
			{Name: "delivery is asynchronous",
				Detail: "CloudTrail delivers log files to s3://<bucket>/[<prefix>/]AWSLogs/<account>/CloudTrail/<region>/YYYY/MM/DD/" +
					"<account>_CloudTrail_<region>_<YYYYMMDDTHHmmZ>_<16-char unique>.json.gz, typically within an average of about 5 " +
					"minutes of the API call (not guaranteed). If the bucket is unreachable (policy, key, deleted bucket) CloudTrail keeps " +
					"retrying delivery for 30 days, and the events are still charged.",
				Source: ctGuide + "get-and-view-cloudtrail-log-files.html; " + ctGuide + "cloudtrail-find-log-files.html; " + ctBucketDoc},
			{Name: "a single-Region trail sees only its Region",
				Detail: "A trail with isMultiRegionTrail=false records events of its home Region only: S3 data events of buckets in " +
					"other Regions are not logged, and global service events (IAM, STS global endpoint, CloudFront) are recorded in " +
					"us-east-1, so a single-Region trail elsewhere does not receive them despite includeGlobalServiceEvents.",
				Source: ctGuide + "cloudtrail-concepts.html#cloudtrail-concepts-global-service-events; " + ctGuide + "receive-cloudtrail-log-files-from-multiple-regions.html"},
			{Name: "selectors and logging are set after creation",
				Detail: "The provider creates the trail, starts logging, then calls PutEventSelectors: if PutEventSelectors fails (e.g. " +
					"the 500-value cap) the trail already exists and logs management events; Pulumi records the partially created " +
					"resource (its ID is set before the selectors) with the error, not a clean failure.",
				Source: ctTF + " (resourceTrailCreate)"},
		},
	})
}
