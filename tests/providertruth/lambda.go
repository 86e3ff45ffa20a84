package providertruth

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"regexp"
	"sort"
	"strings"
)

// Lambda: the Go function that is the user pool's pre token generation trigger (provided.al2023, arm64), the
// permission that lets Cognito invoke it, and the CloudWatch Logs log group it writes to.
//
// The terraform-provider-aws files linked below are those of v5.100.0. The texts read for these tables were
// stored revisions, not v5.100.0 itself: for internal/service/lambda/function.go a 2024 aws-sdk-go-v2 revision
// (interface{} code, "Copyright (c) HashiCorp") and the newest stored one (2025-26, "Copyright IBM Corp", with
// capacity_provider_config, durable_config, tenancy_config and publish_to, which v5.100.0 does not have);
// everything relied on below is the same in both. permission.go and logs/group.go were read in their newest
// stored revisions (identity annotations and the DELIVERY log class are later than v5.100.0; the schema,
// create, read and delete relied on are older). validate.go (lambda) and consts.go were read in 2024-25
// revisions. The API constraints (lengths, patterns, enums) were read in the AWS API model as botocore 1.43.11
// ships it (data/lambda/2015-03-31/service-2.json, data/logs/2014-03-28/service-2.json), which is newer than
// v5.100.0's SDK: where the provider's own validation is narrower (memory_size 128..10240, timeout 1..900,
// the runtime enum), the provider's is recorded. Line anchors are left out: the exact v5.100.0 lines could not
// be read. pulumi-aws: the v6.83.4 Go SDK (module cache) and stored revisions of provider/resources.go (an
// older v4/v5 one and the newest one agree on every override used here).

// Sources.
const (
	lmFunctionTF   = TerraformAWS + "internal/service/lambda/function.go"
	lmPermissionTF = TerraformAWS + "internal/service/lambda/permission.go"
	lmValidateTF   = TerraformAWS + "internal/service/lambda/validate.go"
	lmConstsTF     = TerraformAWS + "internal/service/lambda/consts.go"
	lgGroupTF      = TerraformAWS + "internal/service/logs/group.go"
	lgValidateTF   = TerraformAWS + "internal/service/logs/validate.go"
	lmPulumi       = PulumiAWS + "provider/resources.go"
	lmFunctionSDK  = PulumiAWS + "sdk/go/aws/lambda/function.go"
	lmTypesSDK     = PulumiAWS + "sdk/go/aws/lambda/pulumiTypes.go"
	lmPermSDK      = PulumiAWS + "sdk/go/aws/lambda/permission.go"
	lgSDK          = PulumiAWS + "sdk/go/aws/cloudwatch/logGroup.go"
	lmBridgeDBR    = "https://github.com/pulumi/pulumi-terraform-bridge/blob/master/pkg/tfbridge/schema.go (nameRequiresDeleteBeforeReplace)"
	lmUniqueName   = "https://github.com/pulumi/pulumi/blob/master/sdk/go/common/resource/resource_id.go (NewUniqueHex)"
	lmModel        = "https://github.com/boto/botocore/blob/1.43.11/botocore/data/lambda/2015-03-31/service-2.json"
	lgModel        = "https://github.com/boto/botocore/blob/1.43.11/botocore/data/logs/2014-03-28/service-2.json"

	lmAPI             = "https://docs.aws.amazon.com/lambda/latest/api/"
	lmCreateAPI       = lmAPI + "API_CreateFunction.html"
	lmUpdateConfigAPI = lmAPI + "API_UpdateFunctionConfiguration.html"
	lmUpdateCodeAPI   = lmAPI + "API_UpdateFunctionCode.html"
	lmConcurrencyAPI  = lmAPI + "API_PutFunctionConcurrency.html"
	lmAddPermAPI      = lmAPI + "API_AddPermission.html"
	lmGuide           = "https://docs.aws.amazon.com/lambda/latest/dg/"
	lmQuotas          = lmGuide + "gettingstarted-limits.html"
	lmEnvDoc          = lmGuide + "configuration-envvars.html"
	lmLogsDoc         = lmGuide + "monitoring-cloudwatchlogs.html"
	lmConcurrencyDoc  = lmGuide + "configuration-concurrency.html"
	lmRuntimesDoc     = lmGuide + "lambda-runtimes.html"
	lmCognitoTriggers = "https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-working-with-lambda-triggers.html"
	lmCfnLambdaConfig = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-cognito-userpool-lambdaconfig.html"

	lgAPI       = "https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/"
	lgCreateAPI = lgAPI + "API_CreateLogGroup.html"
	lgRetainAPI = lgAPI + "API_PutRetentionPolicy.html"
	lgKMSDoc    = "https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html"

	// Known issues and reports.
	lmIssueCodeHash     = "https://github.com/pulumi/pulumi-aws/issues/906 (maintainer, 2024-06-11: after hashicorp/terraform-provider-aws#37669 source_code_hash only triggers updates, code_sha256 holds Lambda's hash; \"pulumi will trigger an update if the code asset changes\"), https://github.com/pulumi/pulumi-aws/issues/3478"
	lmIssueDirectUpload = "https://github.com/pulumi/pulumi-aws/issues/137 (the direct-upload request limit, 69905067 bytes of base64), https://github.com/aws-samples/s3-to-lambda-patterns/issues/36 (GetAccountSettings CodeSizeZipped 52428800)"
	lmIssueEnvSize      = "https://github.com/github-aws-runners/terraform-aws-github-runner/issues/3594 (InvalidParameterValueException \"... exceeded the 4KB limit. String measured: {JSON of the variables}\"), https://github.com/aws-cloudformation/cfn-lint/issues/1945"
	lmIssueReservedEnv  = "a 2025-26 third-party Go copy of the reserved-name list citing " + lmEnvDoc + " (found in the public code index by its content; its repository was not identified), which adds AWS_LAMBDA_MAX_CONCURRENCY, AWS_LAMBDA_METADATA_API and AWS_LAMBDA_METADATA_TOKEN"
	lmIssueConcurrency  = "https://github.com/aws-samples/one-observability-demo/issues/278, https://github.com/awslabs/fhir-works-on-aws-deployment/issues/691, https://github.com/milliHQ/terraform-aws-next-js/issues/251"
	lgIssueExists       = "https://github.com/airbnb/streamalert/issues/1337, https://github.com/hashicorp-education/learn-terraform-aws-control-tower-aft/issues/11, https://github.com/serverless/serverless/issues/3237"
)

// lmRuntimes: the Runtime enum as the provider validates it (enum.Validate[awstypes.Runtime]). Read in the API
// model of botocore 1.43.11, less nodejs24.x, python3.14, java25, dotnet10 and ruby4.0, which were added in late
// 2025, after v5.100.0's SDK (so the provider refuses them at preview). Whether v5.100.0's SDK already had
// ruby3.4 was not verified. Lambda itself also refuses creating functions on deprecated runtimes (go1.x,
// provided, python3.7, ...) after their block-create date (lmRuntimesDoc); those dates are not checked here.
var lmRuntimes = []string{
	"nodejs", "nodejs4.3", "nodejs6.10", "nodejs8.10", "nodejs10.x", "nodejs12.x", "nodejs14.x", "nodejs16.x",
	"java8", "java8.al2", "java11", "python2.7", "python3.6", "python3.7", "python3.8", "python3.9",
	"dotnetcore1.0", "dotnetcore2.0", "dotnetcore2.1", "dotnetcore3.1", "dotnet6", "dotnet8", "nodejs4.3-edge",
	"go1.x", "ruby2.5", "ruby2.7", "provided", "provided.al2", "nodejs18.x", "python3.10", "java17", "ruby3.2",
	"ruby3.3", "ruby3.4", "python3.11", "nodejs20.x", "provided.al2023", "python3.12", "java21", "python3.13",
	"nodejs22.x",
}

// lmReservedEnv: environment variable names Lambda reserves ("The keys for these environment variables are
// reserved and cannot be set in your function configuration", lmEnvDoc). The first eighteen are the documented
// list; the last three appear in a 2025-26 copy of it (lmIssueReservedEnv) and were not read on AWS's page.
var lmReservedEnv = []string{
	"_HANDLER", "_X_AMZN_TRACE_ID", "AWS_DEFAULT_REGION", "AWS_REGION", "AWS_EXECUTION_ENV",
	"AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "AWS_LAMBDA_FUNCTION_VERSION",
	"AWS_LAMBDA_INITIALIZATION_TYPE", "AWS_LAMBDA_LOG_GROUP_NAME", "AWS_LAMBDA_LOG_STREAM_NAME", "AWS_ACCESS_KEY",
	"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_LAMBDA_RUNTIME_API", "LAMBDA_TASK_ROOT",
	"LAMBDA_RUNTIME_DIR",
	"AWS_LAMBDA_MAX_CONCURRENCY", "AWS_LAMBDA_METADATA_API", "AWS_LAMBDA_METADATA_TOKEN",
}

// lgRetentionDays: retention_in_days as the provider validates it (IntInSlice): 0 (never expire: the provider
// then sends no PutRetentionPolicy) and PutRetentionPolicy's Days values.
var lgRetentionDays = []int64{0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653}

const (
	// lmZipDirectMax: the largest deployment package CreateFunction/UpdateFunctionCode take inline (ZipFile):
	// 50 MB zipped (GetAccountSettings CodeSizeZipped 52428800); larger packages go through S3.
	lmZipDirectMax = 52428800
	// lmEnvMax: all environment variables of a function together, as Lambda measures them (the JSON of the map).
	lmEnvMax = 4096
	// lmArchive is how the synth records a Pulumi archive in the plain inputs (synth.plainValue: "[" +
	// PropertyValue.TypeString() + "]"); an asset is "[asset]".
	lmArchive = "[archive]"
)

// lmPlainString returns a known string value, unwrapping the synth's secret marker ({"[secret]": v}).
func lmPlainString(v any) (string, bool) {
	if m, ok := v.(map[string]any); ok && len(m) == 1 {
		for _, inner := range m {
			v = inner
		}
	}
	s, ok := v.(string)
	if !ok || isUnknown(s) {
		return "", false
	}
	return s, true
}

// lmFunctionName: CreateFunction FunctionName. A plain name is 1..64 of [a-zA-Z0-9-_]; the 140-character bound
// and the ARN forms apply to an ARN (the provider's validFunctionName accepts both).
func lmFunctionName() Check {
	name := All(Length(1, 64), Pattern(`[a-zA-Z0-9_-]+`))
	arn := All(Length(1, 140), Pattern(`(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\d{1}:)?(\d{12}:)?(function:)?([a-zA-Z0-9-_]+)(:(\$LATEST|[a-zA-Z0-9-_]+))?`))
	return func(v any) error {
		s, err := str(v)
		if err != nil {
			return err
		}
		if strings.Contains(s, ":") {
			if err := arn(s); err != nil {
				return err
			}
			parts := strings.Split(s, ":")
			for i, p := range parts {
				if p == "function" && i+1 < len(parts) {
					return name(parts[i+1])
				}
			}
			return nil
		}
		return name(s)
	}
}

// lmPermissionFunction: AddPermission FunctionName (NamespacedFunctionName, 1..256) as the provider validates
// it (validFunctionName: 1..140, a name or a function ARN, optionally qualified). The stack may pass the
// Function resource itself: the plain inputs then hold its URN, and the bridge sends the function's ID (its name).
func lmPermissionFunction() Check {
	pattern := All(Length(1, 140), Pattern(`(arn:[\w-]+:lambda:)?([a-z]{2}-(?:[a-z]+-){1,2}\d{1}:)?(\d{12}:)?(function:)?([0-9A-Za-z_-]+)(:(\$LATEST|[0-9A-Za-z_-]+))?`))
	return func(v any) error {
		s, err := str(v)
		if err != nil {
			return err
		}
		if strings.HasPrefix(s, "urn:pulumi:") {
			return nil
		}
		return pattern(s)
	}
}

// lmZipArchive: the deployment package. Pulumi's `code` is an archive, which the synth records as "[archive]"
// without its bytes: the size cannot be checked here (the stack's own test of lambdazip must keep it under
// 50 MB). Raw bytes, when a caller has them, are checked for the zip signature and the direct-upload limit.
func lmZipArchive() Check {
	return func(v any) error {
		switch x := v.(type) {
		case string:
			if x == lmArchive {
				return nil
			}
			return fmt.Errorf("code %q is not an archive: pulumi-aws maps `code` to the Terraform filename through a "+
				"FileArchive translation (ZIP); pass pulumi.NewFileArchive or NewAssetArchive", short(x))
		case []byte:
			if !bytes.HasPrefix(x, []byte("PK\x03\x04")) {
				return fmt.Errorf("InvalidParameterValueException: Could not unzip uploaded file. Please check your file, then try to upload again.")
			}
			if len(x) > lmZipDirectMax {
				return fmt.Errorf("RequestEntityTooLargeException: the zipped deployment package has %d bytes, more than the "+
					"%d a direct upload takes; upload it to S3 and use s3Bucket/s3Key", len(x), lmZipDirectMax)
			}
			return nil
		}
		return fmt.Errorf("code %v is not an archive", v)
	}
}

// lmEnvVariables: Environment.Variables: keys match [a-zA-Z]([a-zA-Z0-9_])+ (two characters at least) and are
// not reserved by Lambda; all variables together, measured as Lambda measures them (the JSON of the map, which
// its error quotes as "String measured"), are at most 4 KB. Unknown values are left out of the measure.
func lmEnvVariables() Check {
	key := regexp.MustCompile(`^[a-zA-Z]([a-zA-Z0-9_])+$`)
	return func(v any) error {
		m, ok := v.(map[string]any)
		if !ok {
			return fmt.Errorf("Value %v is not a map of environment variables", v)
		}
		known := map[string]string{}
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if !key.MatchString(k) {
				return fmt.Errorf("Value %q at 'environment.variables' failed to satisfy constraint: Map keys must satisfy "+
					"constraint: [Member must satisfy regular expression pattern: [a-zA-Z]([a-zA-Z0-9_])+]", short(k))
			}
			for _, r := range lmReservedEnv {
				if k == r {
					return fmt.Errorf("InvalidParameterValueException: Lambda was unable to configure your environment variables "+
						"because the environment variables you have provided contains reserved keys that are currently not "+
						"supported for modification. Reserved keys used in this request: %s", k)
				}
			}
			if s, ok := lmPlainString(m[k]); ok {
				known[k] = s
			} else if _, isString := m[k].(string); !isString {
				if _, isMap := m[k].(map[string]any); !isMap {
					return fmt.Errorf("environment variable %s: value %v is not a string", k, m[k])
				}
			}
		}
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(known); err != nil {
			return err
		}
		if n := len(bytes.TrimSpace(buf.Bytes())); n > lmEnvMax {
			return fmt.Errorf("InvalidParameterValueException: Lambda was unable to configure your environment variables because "+
				"the environment variables you have provided exceeded the 4KB limit (%d bytes measured as JSON)", n)
		}
		return nil
	}
}

// lmIntIn: a whole number from a set (the provider's IntInSlice).
func lmIntIn(values ...int64) Check {
	return func(v any) error {
		n, ok := integer(v)
		if !ok {
			return fmt.Errorf("Value %v is not a whole number", v)
		}
		for _, a := range values {
			if n == a {
				return nil
			}
		}
		parts := make([]string, len(values))
		for i, a := range values {
			parts[i] = fmt.Sprint(a)
		}
		return fmt.Errorf("expected value to be one of [%s], got %d", strings.Join(parts, " "), n)
	}
}

// lgName: CreateLogGroup logGroupName: 1..512 of [\.\-_/#A-Za-z0-9]; not starting with "aws/" (a name starting
// with "/aws/", such as Lambda's /aws/lambda/<function>, is allowed).
func lgName() Check {
	shape := All(Length(1, 512), Pattern(`[\.\-_/#A-Za-z0-9]+`))
	return func(v any) error {
		if err := shape(v); err != nil {
			return err
		}
		if s, _ := v.(string); strings.HasPrefix(s, "aws/") {
			return fmt.Errorf("InvalidParameterException: log group names can't start with the string aws/ (%q)", short(s))
		}
		return nil
	}
}

func init() {
	register(
		Resource{
			Token:     "aws:lambda/function:Function",
			Terraform: "aws_lambda_function",
			Source:    lmFunctionTF,
			API: lmCreateAPI + " (update: " + lmUpdateConfigAPI + ", " + lmUpdateCodeAPI + ", " + lmConcurrencyAPI +
				", PublishVersion when publish, TagResource/UntagResource)",
			AutoName: &AutoName{Property: "name", MaxLength: 64,
				Source: lmPulumi + ` ("aws_lambda_function": "function_name": tfbridge.AutoName("name", 64, "-")): "<logical name>-<7 hex>"; ` +
					`a logical name over 56 characters fails the program rather than being truncated (` + lmUniqueName + `), and a ` +
					`logical name with characters outside [a-zA-Z0-9-_] yields a name CreateFunction refuses. NewFunction ` +
					`requires only Role (` + lmFunctionSDK + `).`},
			DeleteBeforeReplace: false,
			Overrides: "pulumi-aws: function_name becomes `name` (auto-named, 64); the Terraform `filename` becomes `code`, an " +
				"archive (AssetTranslation{Kind: FileArchive, Format: ZIPArchive, HashField: \"source_code_hash\"}): the bridge " +
				"writes the archive as a zip file and hands its path to the provider, which reads it into CreateFunction/" +
				"UpdateFunctionCode ZipFile; runtime also accepts the Runtime enum; architectures stays a list (MaxItemsOne " +
				"false) (" + lmPulumi + "). pulumi-terraform-bridge: a replacement of a function whose name the program set " +
				"explicitly is delete-before-replace (" + lmBridgeDBR + "): the trigger's function is then absent for the " +
				"duration of the replacement. Terraform: the ID is the function name; CreateFunction (retried 5 minutes, " +
				"lambdaPropagationTimeout, on \"The role defined for the function cannot be assumed by Lambda\", \"The " +
				"provided execution role does not have permissions\", the KMS CreateGrant message, EC2 throttling and any " +
				"ResourceConflictException), then a wait until GetFunction finds it and State leaves Pending, then " +
				"PutFunctionConcurrency when reserved_concurrent_executions >= 0, then a read. Update: " +
				"UpdateFunctionConfiguration (same retries) with only the changed configuration members, wait for " +
				"LastUpdateStatus Successful; then UpdateFunctionCode when filename, source_code_hash, architectures (or " +
				"the S3/image source) changed, wait; then Put/DeleteFunctionConcurrency; then PublishVersion when publish " +
				"is true. Delete: DeleteFunction (ResourceNotFound is success; skip_destroy keeps the function), wait " +
				"until gone. Timeouts 10 minutes each. Plain inputs here record `code` as \"[archive]\" without content, " +
				"so these tables (and the lifecycle double's diff) see a code change only through sourceCodeHash; " +
				"pulumi-aws itself diffs the archive by its content hash (" + lmIssueCodeHash + ").",
			Properties: []Property{
				{
					Path:     "name",
					ForceNew: true,
					Sends: "CreateFunction FunctionName: the value set or pulumi-aws's \"<logical name>-<7 hex>\". ForceNew " +
						"(schema function_name: Required, ForceNew): a new name replaces the function, delete-before-replace " +
						"when the name was set explicitly.",
					AWS: "FunctionName: a plain name is 1..64 characters of [a-zA-Z0-9-_] (\"The length constraint applies only " +
						"to the full ARN. If you specify only the function name, it is limited to 64 characters in length.\"); " +
						"unique per account and Region. The provider's validFunctionName also accepts ARN forms up to 140.",
					Check:  lmFunctionName(),
					Source: lmFunctionTF + " (schema function_name), " + lmValidateTF + " (validFunctionName), " + lmCreateAPI + ", " + lmModel,
				},
				{
					Path:     "role",
					Required: true,
					Sends: "CreateFunction Role; a change is UpdateFunctionConfiguration Role (in place, not ForceNew), retried " +
						"while Lambda cannot assume the new role yet.",
					AWS: "Role: the execution role's ARN, pattern arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+ " +
						"(the provider: verify.ValidARN); its trust policy must let lambda.amazonaws.com sts:AssumeRole.",
					Check:  Pattern(`arn:(aws[a-zA-Z-]*)?:iam::\d{12}:role/?[a-zA-Z_0-9+=,.@\-_/]+`),
					Source: lmFunctionTF + " (schema role: Required, verify.ValidARN; resourceFunctionUpdate), " + lmCreateAPI + ", " + lmModel,
				},
				{
					Path: "runtime",
					Sends: "CreateFunction Runtime (for package_type Zip, the default, always: \"\" when unset, which the " +
						"CustomizeDiff checkHandlerRuntimeForZipFunction refuses at preview: \"handler and runtime must be " +
						"set when PackageType is Zip\"). A change is UpdateFunctionConfiguration Runtime: in place, not " +
						"ForceNew. provided.al2023 is an OS-only runtime: Lambda starts the executable `bootstrap` at the " +
						"package root and ignores the handler.",
					AWS: "Runtime: the provider's enum (enum.Validate[awstypes.Runtime]); runtimes newer than v5.100.0's SDK " +
						"(nodejs24.x, python3.14, java25, dotnet10, ruby4.0) are refused at preview; deprecated runtimes are " +
						"refused by Lambda for new functions after their block-create date (" + lmRuntimesDoc + ", not checked).",
					Check:  OneOf(lmRuntimes...),
					Source: lmFunctionTF + " (schema runtime; resourceFunctionCreate; checkHandlerRuntimeForZipFunction), " + lmModel + " (Runtime), " + lmRuntimesDoc,
				},
				{
					Path: "handler",
					Sends: "CreateFunction Handler (Zip: always, \"\" when unset, refused at preview as for runtime). A change " +
						"is UpdateFunctionConfiguration Handler, in place.",
					AWS:    "Handler: 1..128 characters (the provider: StringLenBetween(1, 128)) matching [^\\s]+. For provided.al2023 the value is not used by Lambda (\"bootstrap\" by convention).",
					Check:  All(Length(1, 128), Pattern(`[^\s]+`)),
					Source: lmFunctionTF + " (schema handler), " + lmCreateAPI + ", " + lmModel,
				},
				{
					Path: "architectures",
					Sends: "CreateFunction Architectures when set (schema: TypeList, Optional, Computed, MaxItems 1, not " +
						"ForceNew). A change is UpdateFunctionCode with Architectures and the package again (needsFunctionCodeUpdate " +
						"includes architectures): in place, no replacement. Removing it keeps the function's architecture " +
						"(Computed; the SDK doc: \"Removing this attribute, function's architecture stay the same\"). Unset at " +
						"create, Lambda uses x86_64.",
					AWS:    "Architectures: exactly one of x86_64, arm64; the package's executable must be built for it.",
					Check:  Each(1, 1, OneOf("x86_64", "arm64")),
					Source: lmFunctionTF + " (schema architectures; resourceFunctionUpdate; needsFunctionCodeUpdate), " + lmFunctionSDK + ", " + lmCreateAPI + ", " + lmModel + " (ArchitecturesList: min 1, max 1)",
				},
				{
					Path:     "code",
					Required: true,
					Sends: "The bridge writes the archive as a zip file and passes its path as the Terraform filename; the " +
						"provider reads the file (under a global mutex) and sends CreateFunction Code.ZipFile. A changed " +
						"archive is UpdateFunctionCode ZipFile (in place, not ForceNew): pulumi-aws diffs the archive by its " +
						"content hash. Exactly one of filename (code), image_uri, s3_bucket must be set (ExactlyOneOf).",
					AWS: "ZipFile: a .zip deployment package; at most 50 MB zipped when uploaded directly (larger: through " +
						"S3), 250 MB unzipped with layers; for provided.al2023 it must hold an executable `bootstrap` at its root.",
					Check:  lmZipArchive(),
					Source: lmPulumi + " (\"filename\": {Name: \"code\", Asset: FileArchive, ZIPArchive}), " + lmFunctionTF + " (schema filename: ExactlyOneOf; resourceFunctionCreate, resourceFunctionUpdate), " + lmQuotas + ", " + lmIssueDirectUpload + ", " + lmIssueCodeHash,
				},
				{
					Path: "sourceCodeHash",
					Sends: "Not sent to AWS: a trigger. A change is UpdateFunctionCode (needsFunctionCodeUpdate includes " +
						"source_code_hash), in place, not ForceNew (the SDK's \"trigger replacement\" wording is inexact). " +
						"Since hashicorp/terraform-provider-aws#37669 the provider no longer overwrites it with Lambda's hash " +
						"(code_sha256 holds that), so a value that differs from Lambda's causes no perpetual diff; Read keeps " +
						"the configured value. Optional and Computed; not validated by the provider.",
					AWS: "None (never sent). The documented form, which the stack keeps: the base64-encoded SHA-256 of the " +
						"zip (44 characters ending in '='), the value Lambda reports as CodeSha256.",
					Check:  Pattern(`[A-Za-z0-9+/]{43}=`),
					Source: lmFunctionTF + " (schema source_code_hash: Optional, Computed; needsFunctionCodeUpdate; resourceFunctionRead), " + lmFunctionSDK + " (SourceCodeHash: \"Must be set to a base64-encoded SHA256 hash of the package file\"), " + lmIssueCodeHash,
				},
				{
					Path: "memorySize",
					Sends: "CreateFunction MemorySize, always (schema Default 128); a change is UpdateFunctionConfiguration " +
						"MemorySize, in place.",
					AWS:    "MemorySize: the provider allows 128..10240 MB (IntBetween); the API model now allows up to 32768.",
					Check:  IntRange(128, 10240),
					Source: lmFunctionTF + " (schema memory_size), " + lmCreateAPI + ", " + lmModel,
				},
				{
					Path: "timeout",
					Sends: "CreateFunction Timeout, always (schema Default 3); a change is UpdateFunctionConfiguration Timeout, " +
						"in place.",
					AWS:    "Timeout: 1..900 seconds (the provider's IntBetween(1, 900); \"The maximum allowed value is 900 seconds\"). Cognito waits 5 seconds for a trigger whatever this says (World).",
					Check:  IntRange(1, 900),
					Source: lmFunctionTF + " (schema timeout), " + lmCreateAPI + ", " + lmModel,
				},
				{
					Path: "environment.variables",
					Sends: "CreateFunction Environment.Variables only when the map is non-empty. Any change of environment " +
						"(or kmsKeyArn) is UpdateFunctionConfiguration Environment with the whole map ({} when removed), in " +
						"place. An empty environment block shows no diff (DiffSuppressFunc).",
					AWS: "Variables: keys [a-zA-Z]([a-zA-Z0-9_])+ (so at least two characters), not one of Lambda's reserved " +
						"keys (" + strings.Join(lmReservedEnv[:18], ", ") + "; reportedly also AWS_LAMBDA_MAX_CONCURRENCY, " +
						"AWS_LAMBDA_METADATA_API, AWS_LAMBDA_METADATA_TOKEN); all variables together at most 4 KB " +
						"(InvalidParameterValueException \"... exceeded the 4KB limit\", measured on the JSON of the map). " +
						"Values are stored in the function configuration (encrypted at rest with an AWS key unless kmsKeyArn).",
					Check:  lmEnvVariables(),
					Source: lmFunctionTF + " (schema environment; resourceFunctionCreate, resourceFunctionUpdate), " + lmModel + " (EnvironmentVariableName), " + lmEnvDoc + ", " + lmQuotas + ", " + lmIssueEnvSize + ", " + lmIssueReservedEnv,
				},
				{
					Path: "loggingConfig",
					Sends: "CreateFunction LoggingConfig (expandLoggingConfig: log_format always, log_group and the log levels " +
						"when non-empty). Optional and Computed: unset, the provider sends none and records Lambda's (Text, " +
						"/aws/lambda/<name>). A change is UpdateFunctionConfiguration LoggingConfig, in place.",
					AWS:    "LoggingConfig: see its members.",
					Source: lmFunctionTF + " (schema logging_config: TypeList, Optional, Computed, MaxItems 1; expandLoggingConfig), " + lmTypesSDK + " (FunctionLoggingConfig)",
				},
				{
					Path:     "loggingConfig.logFormat",
					Required: true,
					Sends:    "LoggingConfig.LogFormat (schema log_format: Required within the block). In place.",
					AWS:      "LogFormat: JSON or Text. ApplicationLogLevel/SystemLogLevel are only for JSON.",
					Check:    OneOf("JSON", "Text"),
					Source:   lmFunctionTF + " (schema logging_config.log_format: Required, enum LogFormat), " + lmModel + " (LogFormat)",
				},
				{
					Path: "loggingConfig.logGroup",
					Sends: "LoggingConfig.LogGroup when non-empty (Optional, Computed: unset, Lambda's /aws/lambda/<name> is " +
						"recorded). In place.",
					AWS: "LogGroup: 1..512 characters of [\\.\\-_/#A-Za-z0-9]; \"enter an existing log group or enter a new log " +
						"group name\": Lambda does not require it to exist at CreateFunction (World).",
					Check:  All(Length(1, 512), Pattern(`[\.\-_/#A-Za-z0-9]+`)),
					Source: lmFunctionTF + " (schema logging_config.log_group: validLogGroupName), " + lmValidateTF + " (validLogGroupName), " + lmModel + " (LogGroup, LoggingConfig)",
				},
				{
					Path:   "description",
					Sends:  "CreateFunction Description, always (\"\" when unset); a change is UpdateFunctionConfiguration Description, in place.",
					AWS:    "Description: 0..256 characters (the provider does not validate it).",
					Check:  Length(0, 256),
					Source: lmFunctionTF + " (schema description; resourceFunctionCreate), " + lmModel + " (Description)",
				},
				{
					Path:   "tags",
					Sends:  "CreateFunction Tags (provider default tags merged); a change is TagResource/UntagResource on the function ARN, in place.",
					AWS:    "Tags: at most 50 per function; keys 1..128, values 0..256; no aws: prefix.",
					Check:  Tags(50),
					Source: lmFunctionTF + " (@Tags(identifierAttribute=\"arn\"); resourceFunctionCreate), " + lmGuide + "configuration-tags.html",
				},
				{
					Path: "reservedConcurrentExecutions",
					Sends: "Not a CreateFunction member: schema Default -1 (no reservation, nothing sent); >= 0 is " +
						"PutFunctionConcurrency after the function is Active (a refusal then leaves the function created " +
						"and the resource failed). A change is PutFunctionConcurrency, or DeleteFunctionConcurrency back to " +
						"-1; in place. 0 stops every invocation (Cognito sign-ins fail).",
					AWS: "ReservedConcurrentExecutions: >= 0 (the provider: IntAtLeast(-1)); the account must keep its " +
						"minimum unreserved concurrency (World).",
					Check:  IntRange(-1, math.MaxInt32),
					Source: lmFunctionTF + " (schema reserved_concurrent_executions; resourceFunctionCreate, resourceFunctionUpdate), " + lmConcurrencyAPI + ", " + lmModel + " (ReservedConcurrentExecutions: min 0)",
				},
				{
					Path: "publish",
					Sends: "CreateFunction Publish, always (schema Default false). When true, every later code or " +
						"configuration change also calls PublishVersion (a new immutable version each time, counted in the " +
						"code storage quota). Changing it is an in-place update.",
					AWS:    "Publish: a boolean.",
					Check:  Bool(),
					Source: lmFunctionTF + " (schema publish; resourceFunctionCreate, resourceFunctionUpdate), " + lmCreateAPI,
				},
			},
			Rules: []Rule{
				{
					Name: "a .zip function has a handler and a runtime",
					Check: func(in map[string]any) error {
						if pt, _ := Get(in, "packageType").(string); pt != "" && pt != "Zip" {
							return nil
						}
						for _, k := range []string{"handler", "runtime"} {
							if s, _ := Get(in, k).(string); s == "" {
								return fmt.Errorf("handler and runtime must be set when PackageType is Zip (%s is unset)", k)
							}
						}
						return nil
					},
					Source: lmFunctionTF + " (checkHandlerRuntimeForZipFunction, CustomizeDiff)",
				},
				{
					Name: "exactly one code source",
					Check: func(in map[string]any) error {
						n := 0
						for _, k := range []string{"code", "imageUri", "s3Bucket"} {
							if in[k] != nil {
								n++
							}
						}
						if n != 1 {
							return fmt.Errorf("\"filename\": one of `filename,image_uri,s3_bucket` must be specified (%d set)", n)
						}
						return nil
					},
					Source: lmFunctionTF + " (schema filename/image_uri/s3_bucket: ExactlyOneOf)",
				},
			},
			World: []Fact{
				{Name: "function names are unique per account and Region",
					Detail: "CreateFunction fails with ResourceConflictException (\"Function already exist: <name>\") when the " +
						"account has a function of that name in the Region. The provider retries every ResourceConflictException " +
						"of CreateFunction for 5 minutes (retryFunctionOp), so the clash surfaces only after that. An existing " +
						"function must be imported, not created. An explicitly named function is replaced delete-before-replace.",
					Source: lmCreateAPI + "#API_CreateFunction_Errors, " + lmFunctionTF + " (retryFunctionOp), " + lmConstsTF + " (lambdaPropagationTimeout = 5 * time.Minute), " + lmBridgeDBR},
				{Name: "the role must be assumable by Lambda at create",
					Detail: "CreateFunction and UpdateFunctionConfiguration (a role change) fail with InvalidParameterValueException " +
						"\"The role defined for the function cannot be assumed by Lambda.\" when the role's trust policy does not " +
						"let lambda.amazonaws.com sts:AssumeRole, or when IAM has not yet propagated a just-created role. The " +
						"provider retries that message (and \"The provided execution role does not have permissions\") for 5 " +
						"minutes; a wrong trust policy therefore fails after 5 minutes. The function must depend on the role " +
						"(and on the policies it needs at first invocation).",
					Source: lmFunctionTF + " (retryFunctionOp), " + lmConstsTF + ", " + lmCreateAPI},
				{Name: "Lambda writes to /aws/lambda/<name> and creates it",
					Detail: "Unless loggingConfig.logGroup names another group, the function logs to /aws/lambda/<function name>. " +
						"Lambda creates the group itself at the first invocation if it does not exist and the execution role " +
						"allows logs:CreateLogGroup (AWSLambdaBasicExecutionRole does): a stack that creates the group must " +
						"create it before the function can run, or CreateLogGroup fails with ResourceAlreadyExistsException. " +
						"Such a group has no retention (never expires) and is not deleted with the function.",
					Source: lmLogsDoc + ", " + lmModel + " (LoggingConfig.LogGroup: \"By default, Lambda functions send logs to a default log group named /aws/lambda/<function name>\"), " + lgIssueExists},
				{Name: "Cognito calls the trigger synchronously for 5 seconds",
					Detail: "Amazon Cognito invokes a user pool trigger synchronously; the function must respond within 5 seconds, " +
						"else Cognito retries, and after 3 unsuccessful attempts the operation (the sign-in or token refresh) " +
						"fails. A timeout above 5 seconds does not give the function more time for Cognito.",
					Source: lmCognitoTriggers},
				{Name: "the package must match the architecture",
					Detail: "\"The code in the deployment package must be compatible with the target instruction set architecture " +
						"of the function\": an x86_64 bootstrap on an arm64 function (or the reverse) is accepted by CreateFunction " +
						"and fails at invocation (Runtime.InvalidEntrypoint / exec format error).",
					Source: lmCreateAPI},
				{Name: "reserved concurrency needs unreserved headroom",
					Detail: "PutFunctionConcurrency fails with InvalidParameterValueException \"Specified ReservedConcurrentExecutions " +
						"for function decreases account's UnreservedConcurrentExecution below its minimum value of [N]\" when the " +
						"reservation would leave less than the minimum unreserved (100 at the default quota of 1,000; new accounts " +
						"with a lowered concurrency quota of 10 or 50 cannot reserve any). The function exists by then (the " +
						"provider calls it after CreateFunction).",
					Source: lmConcurrencyDoc + ", " + lmConcurrencyAPI + ", " + lmIssueConcurrency},
				{Name: "code storage per Region",
					Detail: "All deployment packages and layers of the Region share a 75 GB quota (CodeStorageExceededException); " +
						"with publish=false only $LATEST is kept.",
					Source: lmQuotas + ", " + lmCreateAPI + "#API_CreateFunction_Errors"},
				{Name: "create and update are asynchronous",
					Detail: "A new function is Pending until Lambda has provisioned it, and an update is InProgress until " +
						"LastUpdateStatus is Successful; the provider waits for both (10 minutes), so Pulumi records the function " +
						"only when it can be invoked. A Failed state surfaces as the StateReasonCode and StateReason.",
					Source: lmFunctionTF + " (waitFunctionCreated, waitFunctionUpdated)"},
			},
		},
		Resource{
			Token:     "aws:lambda/permission:Permission",
			Terraform: "aws_lambda_permission",
			Source:    lmPermissionTF,
			API:       lmAddPermAPI + " (no update: every argument is ForceNew; delete is RemovePermission)",
			AutoName: &AutoName{Property: "statementId", MaxLength: 100,
				Source: lmPulumi + ` ("aws_lambda_permission": "statement_id": tfbridge.AutoName("statementId", 100, "-")): ` +
					`"<logical name>-<7 hex>" (the Terraform provider's own default, "terraform-<26-character unique suffix>", ` +
					`is never reached); the SDK: "A unique statement identifier. By default generated by the provider." (` + lmPermSDK + `)`},
			DeleteBeforeReplace: false,
			Overrides: "pulumi-aws: function_name becomes `function` (a string or a Function resource, whose ID, the function " +
				"name, is sent); statement_id auto-named to 100 (" + lmPulumi + "). NewPermission requires Action, Function and " +
				"Principal (" + lmPermSDK + "). An explicitly set statementId makes a replacement delete-before-replace (" +
				lmBridgeDBR + "); with the auto-name a replacement adds the new statement first. Terraform: no Update " +
				"function, so every argument is ForceNew; Create takes a per-function mutex (AWS's acknowledged race of " +
				"parallel AddPermission calls) and retries AddPermission for 5 minutes on ResourceConflictException and " +
				"ResourceNotFoundException (a function not yet visible); Read retries until GetPolicy shows the statement " +
				"and maps its Condition back (StringEquals AWS:SourceAccount, ArnLike AWS:SourceArn); Delete calls " +
				"RemovePermission (ResourceNotFound is success) and waits until the statement is gone. The ID is the " +
				"statement ID.",
			Properties: []Property{
				{
					Path:     "action",
					Required: true,
					ForceNew: true,
					Sends:    "AddPermission Action. ForceNew.",
					AWS:      "Action: (lambda:[*]|lambda:[a-zA-Z]+|[*]); a Cognito trigger needs lambda:InvokeFunction.",
					Check:    Pattern(`lambda:[*]|lambda:[a-zA-Z]+|[*]`),
					Source:   lmPermissionTF + " (schema action: validPermissionAction), " + lmValidateTF + ", " + lmAddPermAPI + ", " + lmModel,
				},
				{
					Path:     "function",
					Required: true,
					ForceNew: true,
					Sends:    "AddPermission FunctionName: the name or ARN given (a Function resource: its ID, the name). ForceNew: a replaced function gets a new permission.",
					AWS:      "FunctionName: a name (1..64 of [a-zA-Z0-9-_]) or a function ARN, optionally with :version or :alias; the provider checks 1..140; ResourceNotFoundException when it does not exist (retried 5 minutes).",
					Check:    lmPermissionFunction(),
					Source:   lmPermissionTF + " (schema function_name: validFunctionName), " + lmValidateTF + ", " + lmAddPermAPI + ", " + lmModel + " (NamespacedFunctionName)",
				},
				{
					Path:     "principal",
					Required: true,
					ForceNew: true,
					Sends:    "AddPermission Principal. ForceNew.",
					AWS:      "Principal: [^\\s]+ — a service principal (cognito-idp.amazonaws.com for user pool triggers), an account ID or an IAM ARN; not validated by the provider.",
					Check:    Pattern(`[^\s]+`),
					Source:   lmPermissionTF + " (schema principal: Required, ForceNew), " + lmAddPermAPI + ", " + lmModel,
				},
				{
					Path:     "sourceArn",
					ForceNew: true,
					Sends:    "AddPermission SourceArn when set; Lambda writes it as Condition ArnLike AWS:SourceArn. ForceNew: a replaced user pool (new ARN) replaces the permission.",
					AWS: "SourceArn: arn:(aws[a-zA-Z0-9-]*):([a-zA-Z0-9\\-])+:([a-z]{2}(-gov)?-[a-z]+-\\d{1})?:(\\d{12})?:(.*) " +
						"(the provider: verify.ValidARN); for a user pool, arn:aws:cognito-idp:<region>:<account>:userpool/<pool id>. " +
						"Without it any user pool of any account could invoke the function.",
					Check:  Pattern(`arn:(aws[a-zA-Z0-9-]*):([a-zA-Z0-9\-])+:([a-z]{2}(-gov)?-[a-z]+-\d{1})?:(\d{12})?:(.*)`),
					Source: lmPermissionTF + " (schema source_arn: verify.ValidARN; resourcePermissionRead), " + lmAddPermAPI + ", " + lmModel + " (Arn)",
				},
				{
					Path:     "sourceAccount",
					ForceNew: true,
					Sends:    "AddPermission SourceAccount when set (Condition StringEquals AWS:SourceAccount). ForceNew.",
					AWS:      "SourceAccount: exactly 12 digits (the provider: verify.ValidAccountID).",
					Check:    Pattern(`\d{12}`),
					Source:   lmPermissionTF + " (schema source_account), " + lmAddPermAPI + ", " + lmModel + " (SourceOwner)",
				},
				{
					Path:     "statementId",
					ForceNew: true,
					Sends: "AddPermission StatementId: the value set or pulumi-aws's \"<logical name>-<7 hex>\" " +
						"(create.Name(statement_id, statement_id_prefix)). ForceNew.",
					AWS:    "StatementId: 1..100 characters of [a-zA-Z0-9-_]; unique within the function's policy (World).",
					Check:  All(Length(1, 100), Pattern(`[a-zA-Z0-9_-]+`)),
					Source: lmPermissionTF + " (schema statement_id: Optional, Computed, ForceNew, validPolicyStatementID, ConflictsWith statement_id_prefix), " + lmValidateTF + ", " + lmAddPermAPI + ", " + lmModel,
				},
				{
					Path:     "statementIdPrefix",
					ForceNew: true,
					Sends: "Not set by the stack. The statement ID becomes the prefix plus a 26-character unique suffix " +
						"(create.Name), so a prefix over 74 characters yields an ID AddPermission refuses. ForceNew.",
					AWS:    "As StatementId (the provider validates the prefix itself as 1..100 of [0-9A-Za-z_-]).",
					Check:  All(Length(1, 74), Pattern(`[a-zA-Z0-9_-]+`)),
					Source: lmPermissionTF + " (schema statement_id_prefix), " + lmValidateTF + " (validPolicyStatementID), " + lmModel,
				},
			},
			Rules: []Rule{
				{Name: "statementId conflicts with statementIdPrefix", Check: iamConflicts("statementId", "statementIdPrefix"),
					Source: lmPermissionTF + " (ConflictsWith)"},
			},
			World: []Fact{
				{Name: "statement IDs are unique per function policy",
					Detail: "AddPermission fails with ResourceConflictException (\"The statement id (<sid>) provided already exists. " +
						"Please provide a new statement id, or remove the existing statement.\") when the function's policy " +
						"already has that Sid. The provider retries ResourceConflictException for 5 minutes, so the clash surfaces " +
						"after that. Two Permission resources with one explicit statementId on one function clobber each other.",
					Source: lmAddPermAPI + "#API_AddPermission_Errors, " + lmPermissionTF + " (resourcePermissionCreate), " + lmConstsTF},
				{Name: "a function's resource-based policy holds at most 20 KB",
					Detail: "All statements of one function's policy together are at most 20 KB; AddPermission fails with " +
						"PolicyLengthExceededException beyond it.",
					Source: lmQuotas + ", " + lmAddPermAPI + "#API_AddPermission_Errors"},
				{Name: "Cognito needs this permission to invoke the trigger",
					Detail: "Setting a user pool's LambdaConfig through the API (as Pulumi does) does not grant Cognito the right to " +
						"invoke the function; only the console adds it. Without a statement allowing cognito-idp.amazonaws.com " +
						"lambda:InvokeFunction (SourceArn: the pool's ARN), every operation that runs the trigger fails. The " +
						"permission needs the pool's ARN, so the pool exists first; the trigger can be attached in the same update.",
					Source: lmCfnLambdaConfig + " (\"event sources ... need permission to invoke a function. So you will need to make an extra call to add permission\"), " + lmCognitoTriggers},
				{Name: "the function must exist",
					Detail: "AddPermission fails with ResourceNotFoundException when the function does not exist (the provider retries " +
						"it for 5 minutes, for a function just created); deleting the function deletes its policy with it, and the " +
						"Permission's delete then succeeds (ResourceNotFound is success).",
					Source: lmAddPermAPI + "#API_AddPermission_Errors, " + lmPermissionTF},
			},
		},
		Resource{
			Token:     "aws:cloudwatch/logGroup:LogGroup",
			Terraform: "aws_cloudwatch_log_group",
			Source:    lgGroupTF,
			API:       lgCreateAPI + " (then " + lgRetainAPI + "; update: PutRetentionPolicy/DeleteRetentionPolicy, AssociateKmsKey/DisassociateKmsKey, TagResource/UntagResource)",
			AutoName: &AutoName{Property: "name", MaxLength: 255,
				Source: lmPulumi + " (no field override for aws_cloudwatch_log_group was found in the stored revisions: the provider-wide " +
					"setAutonaming, tfbridge.AutoName(\"name\", 255, \"-\"), as for the IAM policies; not verified against v6.83.4's " +
					"file). The SDK: \"If omitted, this provider will assign a random, unique name.\" (" + lgSDK + "). The stack names " +
					"the group /aws/lambda/<function>."},
			DeleteBeforeReplace: false,
			Overrides: "pulumi-aws: no overrides besides the token (" + lmPulumi + "); an explicitly named group is replaced " +
				"delete-before-replace (" + lmBridgeDBR + "), which deletes its log events. Terraform: the ID is the name; " +
				"CreateLogGroup (class, name, tags, kms key), then PutRetentionPolicy when retention_in_days is not 0 " +
				"(retried while IAM propagates logs:PutRetentionPolicy); Read finds the group through DescribeLogGroups " +
				"(prefix) and records retention, class, key; Update changes retention and the key in place; Delete " +
				"calls DeleteLogGroup (retried 1 minute on OperationAbortedException; ResourceNotFound is success), or " +
				"nothing when skip_destroy.",
			Properties: []Property{
				{
					Path:     "name",
					ForceNew: true,
					Sends: "CreateLogGroup logGroupName (create.Name(name, name_prefix)). ForceNew (Optional, Computed, " +
						"ConflictsWith name_prefix).",
					AWS: "logGroupName: 1..512 characters of [\\.\\-_/#A-Za-z0-9]; not starting with \"aws/\"; unique per account " +
						"and Region (World).",
					Check:  lgName(),
					Source: lgGroupTF + " (schema name: validLogGroupName), " + lgValidateTF + " (validLogGroupName), " + lgCreateAPI + ", " + lgModel,
				},
				{
					Path: "retentionInDays",
					Sends: "Not a CreateLogGroup member: schema Default 0, which sends nothing (events never expire); any " +
						"other value is PutRetentionPolicy after CreateLogGroup. A change is PutRetentionPolicy, or " +
						"DeleteRetentionPolicy back to 0; in place.",
					AWS:    "retentionInDays: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288 or 3653 (0 only in the provider: no policy).",
					Check:  lmIntIn(lgRetentionDays...),
					Source: lgGroupTF + " (schema retention_in_days: IntInSlice; resourceGroupCreate, resourceGroupUpdate), " + lgRetainAPI + ", " + lgModel + " (Days)",
				},
				{
					Path: "kmsKeyId",
					Sends: "CreateLogGroup kmsKeyId when set; a change is AssociateKmsKey, removal DisassociateKmsKey (in " +
						"place; events ingested before stay encrypted with the old key). Not validated by the provider.",
					AWS: "kmsKeyId: the key's ARN, at most 256 characters; a symmetric key whose policy lets " +
						"logs.<region>.amazonaws.com use it, else InvalidParameterException/AccessDeniedException (World).",
					Check:  All(Length(1, 256), Pattern(`arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[A-Za-z0-9-]+`)),
					Source: lgGroupTF + " (schema kms_key_id; resourceGroupUpdate), " + lgCreateAPI + ", " + lgModel + ", " + lgKMSDoc,
				},
				{
					Path:     "logGroupClass",
					ForceNew: true,
					Sends: "CreateLogGroup logGroupClass (omitted when unset: AWS uses STANDARD; Computed). ForceNew: a class " +
						"change replaces the group and deletes its events.",
					AWS: "logGroupClass: STANDARD, INFREQUENT_ACCESS (fewer features: no metric filters, Live Tail ...) or " +
						"DELIVERY (Lambda-to-S3/Firehose delivery only, events kept one day; whether v5.100.0's SDK enum already " +
						"has it was not verified).",
					Check:  OneOf("STANDARD", "INFREQUENT_ACCESS", "DELIVERY"),
					Source: lgGroupTF + " (schema log_group_class: Optional, Computed, ForceNew, enum LogGroupClass), " + lgCreateAPI + ", " + lgModel,
				},
				{
					Path: "skipDestroy",
					Sends: "Never sent: with true, Delete leaves the group (and its events) in the account and only drops it " +
						"from the state; the next create of the same name then fails with ResourceAlreadyExistsException. " +
						"Changing it is an in-place state update.",
					AWS:    "None.",
					Check:  Bool(),
					Source: lgGroupTF + " (schema skip_destroy: Default false; resourceGroupDelete)",
				},
				{
					Path:   "tags",
					Sends:  "CreateLogGroup tags (provider default tags merged); a change is TagResource/UntagResource on the group ARN.",
					AWS:    "tags: 1..50 per log group; keys 1..128, values 0..256; no aws: prefix.",
					Check:  Tags(50),
					Source: lgGroupTF + " (@Tags(identifierAttribute=\"arn\")), " + lgCreateAPI + ", " + lgModel + " (Tags: max 50)",
				},
			},
			Rules: []Rule{
				{Name: "name conflicts with namePrefix", Check: iamConflicts("name", "namePrefix"), Source: lgGroupTF + " (ConflictsWith)"},
			},
			World: []Fact{
				{Name: "log group names are unique per account and Region",
					Detail: "CreateLogGroup fails with ResourceAlreadyExistsException (\"The specified log group already exists\") " +
						"when the Region has a group of that name. The provider does not adopt it: it must be imported (`pulumi " +
						"import aws:cloudwatch/logGroup:LogGroup <logical name> /aws/lambda/<function>`).",
					Source: lgCreateAPI + " (\"Log group names must be unique within a Region for an Amazon Web Services account.\"; errors), " + lgIssueExists},
				{Name: "Lambda creates /aws/lambda/<function> on first invocation",
					Detail: "If /aws/lambda/<function> does not exist when the function first logs, Lambda creates it (with the " +
						"execution role's logs:CreateLogGroup), without retention. A stack that creates the group after the " +
						"function has run, or after deleting the group while the function kept running, fails with " +
						"ResourceAlreadyExistsException. The group must be created before the function (the function depends on " +
						"it, e.g. through loggingConfig.logGroup), or adopted by import; a role without logs:CreateLogGroup " +
						"prevents the re-creation.",
					Source: lmLogsDoc + ", " + lmModel + " (LoggingConfig.LogGroup), " + lgIssueExists},
				{Name: "without retention, events never expire",
					Detail: "A log group is created without retention: its events are kept (and billed) indefinitely until " +
						"PutRetentionPolicy; the provider sends it only for retentionInDays other than 0.",
					Source: lgCreateAPI + ", " + lgRetainAPI + ", " + lgGroupTF},
				{Name: "log groups per account and Region",
					Detail: "Up to 1,000,000 log groups per Region per account (LimitExceededException).",
					Source: lgCreateAPI},
				{Name: "deleting the group deletes its events",
					Detail: "DeleteLogGroup removes the group and every event in it, permanently; skipDestroy keeps it. A " +
						"replacement of the (explicitly named) group is delete-before-replace and loses the events.",
					Source: lgAPI + "API_DeleteLogGroup.html, " + lgGroupTF + " (resourceGroupDelete), " + lmBridgeDBR},
				{Name: "a KMS key needs a key policy for CloudWatch Logs",
					Detail: "With kmsKeyId, CreateLogGroup/AssociateKmsKey fail (InvalidParameterException, or AccessDeniedException) " +
						"unless the symmetric key exists, is enabled and its policy lets logs.<region>.amazonaws.com " +
						"kms:Encrypt*, kms:Decrypt*, kms:ReEncrypt*, kms:GenerateDataKey*, kms:Describe*.",
					Source: lgCreateAPI + ", " + lgKMSDoc},
			},
		},
	)
}
