package providertruth

import (
	"fmt"
	"sort"
	"strings"
)

// CloudFront: the config site's origin access control and distribution.
//
// Both resources are plain SDKv2 resources of terraform-provider-aws, bridged without field overrides.
// The distribution's expand functions (expandDistributionConfig and friends) build the whole
// DistributionConfig on every CreateDistributionWithTags and UpdateDistribution call, so many members
// the program leaves unset are still sent, with the schema default or an empty value; those that could
// be refused or could matter are recorded below as SentWithParent. Depending on the release, the expand
// functions live in distribution.go or in distribution_configuration_structure.go; both are linked.

const (
	cloudfrontDistributionSrc = TerraformAWS + "internal/service/cloudfront/distribution.go"
	cloudfrontStructureSrc    = TerraformAWS + "internal/service/cloudfront/distribution_configuration_structure.go"
	cloudfrontOACSrc          = TerraformAWS + "internal/service/cloudfront/origin_access_control.go"
	cloudfrontPulumiSrc       = PulumiAWS + "provider/resources.go"

	cloudfrontAPI                 = "https://docs.aws.amazon.com/cloudfront/latest/APIReference/"
	cloudfrontAPIDistributionCfg  = cloudfrontAPI + "API_DistributionConfig.html"
	cloudfrontAPICacheBehavior    = cloudfrontAPI + "API_CacheBehavior.html"
	cloudfrontAPIDefaultBehavior  = cloudfrontAPI + "API_DefaultCacheBehavior.html"
	cloudfrontAPIOrigin           = cloudfrontAPI + "API_Origin.html"
	cloudfrontAPIViewerCert       = cloudfrontAPI + "API_ViewerCertificate.html"
	cloudfrontAPILogging          = cloudfrontAPI + "API_LoggingConfig.html"
	cloudfrontAPIGeoRestriction   = cloudfrontAPI + "API_GeoRestriction.html"
	cloudfrontAPIOACConfig        = cloudfrontAPI + "API_OriginAccessControlConfig.html"
	cloudfrontAPICreateDist       = cloudfrontAPI + "API_CreateDistributionWithTags.html"
	cloudfrontAPIDeleteDist       = cloudfrontAPI + "API_DeleteDistribution.html"
	cloudfrontAPICreateOAC        = cloudfrontAPI + "API_CreateOriginAccessControl.html"
	cloudfrontAPIDeleteOAC        = cloudfrontAPI + "API_DeleteOriginAccessControl.html"
	cloudfrontDevGuide            = "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/"
	cloudfrontDevValues           = cloudfrontDevGuide + "distribution-web-values-specify.html"
	cloudfrontDevLogging          = cloudfrontDevGuide + "standard-logging-legacy-s3.html"
	cloudfrontDevCNAMEs           = cloudfrontDevGuide + "CNAMEs.html"
	cloudfrontDevCertRequirements = cloudfrontDevGuide + "cnames-and-https-requirements.html"
	cloudfrontDevQuotas           = cloudfrontDevGuide + "cloudfront-limits.html"
	cloudfrontDevDelete           = cloudfrontDevGuide + "HowToDeleteDistribution.html"
	cloudfrontDevOAC              = cloudfrontDevGuide + "private-content-restricting-access-to-s3.html"
)

// The enums of the CloudFront API as the aws-sdk-go-v2 of terraform-provider-aws v5.100.0 knows them;
// the provider validates these at `pulumi preview` (enum.Validate in the schema).
var (
	cloudfrontViewerProtocolPolicies = []string{"allow-all", "https-only", "redirect-to-https"}
	cloudfrontHTTPVersions           = []string{"http1.1", "http2", "http3", "http2and3"}
	cloudfrontPriceClasses           = []string{"PriceClass_100", "PriceClass_200", "PriceClass_All"}
	cloudfrontSSLSupportMethods      = []string{"sni-only", "vip", "static-ip"}
	// TLSv1.2_2025 and TLSv1.3_2025 came to the API after v5.100.0 (September 2025).
	cloudfrontMinimumProtocolVersions = []string{"SSLv3", "TLSv1", "TLSv1_2016", "TLSv1.1_2016", "TLSv1.2_2018", "TLSv1.2_2019", "TLSv1.2_2021"}
	cloudfrontGeoRestrictionTypes     = []string{"blacklist", "whitelist", "none"}
	// The only method sets CloudFront accepts (AllowedMethods and its CachedMethods).
	cloudfrontAllowedMethodSets = [][]string{
		{"GET", "HEAD"},
		{"GET", "HEAD", "OPTIONS"},
		{"GET", "HEAD", "OPTIONS", "PUT", "PATCH", "POST", "DELETE"},
	}
	cloudfrontCachedMethodSets = [][]string{
		{"GET", "HEAD"},
		{"GET", "HEAD", "OPTIONS"},
	}
)

// cloudfrontPolicyID: cache, origin request and response headers policy ids are UUIDs, the managed
// ones (Managed-CachingOptimized 658327ea-..., Managed-SecurityHeadersPolicy 67f7725c-...) as well.
const cloudfrontPolicyID = `[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`

// cloudfrontAlias: an alternate domain name: a host name, optionally with a leading "*." wildcard;
// CloudFront compares them case-insensitively.
var cloudfrontAlias = All(Length(1, 253),
	Pattern(`(?i)(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]`))

// cloudfrontMethods: a list of HTTP methods that must equal (as a set) one of the accepted sets.
func cloudfrontMethods(sets [][]string) Check {
	return func(v any) error {
		list, ok := v.([]any)
		if !ok {
			return fmt.Errorf("Value %v is not a list", v)
		}
		got := map[string]bool{}
		for _, e := range list {
			s, ok := e.(string)
			if !ok {
				return fmt.Errorf("Value %v is not a list of methods", v)
			}
			if s == Unknown {
				return nil
			}
			got[s] = true
		}
		for _, set := range sets {
			if len(set) != len(got) {
				continue
			}
			match := true
			for _, m := range set {
				if !got[m] {
					match = false
				}
			}
			if match {
				return nil
			}
		}
		names := make([]string, 0, len(sets))
		for _, set := range sets {
			names = append(names, "["+strings.Join(set, ", ")+"]")
		}
		return fmt.Errorf("InvalidArgument: methods %v are not one of the sets CloudFront accepts: %s", list, strings.Join(names, " "))
	}
}

// cloudfrontDefaultRootObject: at most 255 characters of A-Z a-z 0-9 _ - . * $ / ~ " ' &, not beginning
// with "/" (DistributionConfig.DefaultRootObject; InvalidDefaultRootObject otherwise).
var cloudfrontDefaultRootObject = func(v any) error {
	s, err := str(v)
	if err != nil {
		return err
	}
	if strings.HasPrefix(s, "/") {
		return fmt.Errorf("InvalidDefaultRootObject: %q begins with a forward slash", s)
	}
	return All(Length(0, 255), Pattern(`[A-Za-z0-9_\-.*$/~"'&]*`))(s)
}

// cloudfrontPathPattern: 1..255 characters of A-Z a-z 0-9 _ - . $ / ~ " ' @ : + & and the wildcards * ?.
var cloudfrontPathPattern = All(Length(1, 255), Pattern(`[A-Za-z0-9_\-.$/~"'@:+&*?]+`))

// cloudfrontOriginPath: empty, or beginning with "/" and not ending with "/".
var cloudfrontOriginPath = Pattern(`|/.*[^/]`)

// The rules read the inputs as plain maps; a value not known yet is skipped.

func cloudfrontMap(v any) map[string]any { m, _ := v.(map[string]any); return m }

func cloudfrontString(m map[string]any, k string) string { s, _ := m[k].(string); return s }

func cloudfrontList(v any) []any { l, _ := v.([]any); return l }

// cloudfrontBehavior is one cache behavior with the path it has in the inputs.
type cloudfrontBehavior struct {
	path string
	m    map[string]any
}

func cloudfrontBehaviors(in map[string]any) []cloudfrontBehavior {
	var out []cloudfrontBehavior
	if m := cloudfrontMap(in["defaultCacheBehavior"]); m != nil {
		out = append(out, cloudfrontBehavior{"defaultCacheBehavior", m})
	}
	for i, e := range cloudfrontList(in["orderedCacheBehaviors"]) {
		if m := cloudfrontMap(e); m != nil {
			out = append(out, cloudfrontBehavior{fmt.Sprintf("orderedCacheBehaviors[%d]", i), m})
		}
	}
	return out
}

func cloudfrontStrings(v any) []string {
	var out []string
	for _, e := range cloudfrontList(v) {
		if s, ok := e.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

var cloudfrontDistributionRules = []Rule{
	{
		Name: "origins, defaultCacheBehavior, restrictions and viewerCertificate are required",
		Check: func(in map[string]any) error {
			var missing []string
			if len(cloudfrontList(in["origins"])) == 0 {
				missing = append(missing, "origins")
			}
			for _, k := range []string{"defaultCacheBehavior", "restrictions", "viewerCertificate"} {
				if cloudfrontMap(in[k]) == nil {
					missing = append(missing, k)
				}
			}
			if cloudfrontMap(in["restrictions"]) != nil && cloudfrontMap(cloudfrontMap(in["restrictions"])["geoRestriction"]) == nil {
				missing = append(missing, "restrictions.geoRestriction")
			}
			if len(missing) > 0 {
				return fmt.Errorf("Missing required argument: %s (the provider's schema requires these blocks)", strings.Join(missing, ", "))
			}
			return nil
		},
		Source: cloudfrontDistributionSrc,
	},
	{
		// expandViewerCertificate sends IAMCertificateId, else ACMCertificateArn, else
		// CloudFrontDefaultCertificate as given; with none of them true, CloudFront has no certificate.
		Name: "the viewer certificate is the CloudFront default certificate, an ACM certificate or an IAM certificate",
		Check: func(in map[string]any) error {
			vc := cloudfrontMap(in["viewerCertificate"])
			if vc == nil {
				return nil
			}
			def, _ := vc["cloudfrontDefaultCertificate"].(bool)
			acm, iam := cloudfrontString(vc, "acmCertificateArn"), cloudfrontString(vc, "iamCertificateId")
			if !def && acm == "" && iam == "" {
				return fmt.Errorf("InvalidViewerCertificate: specify cloudfrontDefaultCertificate = true, an ACM certificate or an IAM certificate")
			}
			if def && (acm != "" || iam != "") {
				return fmt.Errorf("the provider sends only the custom certificate and drops cloudfrontDefaultCertificate = true, so the distribution reads back without it and diffs forever: set one or the other")
			}
			return nil
		},
		Source: cloudfrontAPIViewerCert,
	},
	{
		// With a custom certificate the provider sends SSLSupportMethod as given, "" when unset.
		Name: "a custom certificate needs sslSupportMethod",
		Check: func(in map[string]any) error {
			vc := cloudfrontMap(in["viewerCertificate"])
			if vc == nil || (cloudfrontString(vc, "acmCertificateArn") == "" && cloudfrontString(vc, "iamCertificateId") == "") {
				return nil
			}
			if cloudfrontString(vc, "sslSupportMethod") == "" {
				return fmt.Errorf("InvalidViewerCertificate: an ACM or IAM certificate needs SSLSupportMethod, and the provider sends \"\" when sslSupportMethod is unset")
			}
			return nil
		},
		Source: cloudfrontStructureSrc,
	},
	{
		Name: "aliases need a custom certificate that covers them",
		Check: func(in map[string]any) error {
			if len(cloudfrontList(in["aliases"])) == 0 {
				return nil
			}
			vc := cloudfrontMap(in["viewerCertificate"])
			if vc != nil && (cloudfrontString(vc, "acmCertificateArn") != "" || cloudfrontString(vc, "iamCertificateId") != "") {
				return nil
			}
			return fmt.Errorf("InvalidViewerCertificate: To add an alternate domain name (CNAME) to a CloudFront distribution, you must attach a trusted certificate that validates your authorization to use the domain name")
		},
		Source: cloudfrontDevCertRequirements,
	},
	{
		// expand*CacheBehavior sends MinTTL/DefaultTTL/MaxTTL only when cache_policy_id is empty, and
		// ForwardedValues whenever the block is given.
		Name: "each cache behavior has a cache policy or forwarded values, not both, and no TTLs with a cache policy",
		Check: func(in map[string]any) error {
			for _, b := range cloudfrontBehaviors(in) {
				policy := cloudfrontString(b.m, "cachePolicyId")
				_, fwd := b.m["forwardedValues"]
				switch {
				case policy == "" && !fwd:
					return fmt.Errorf("%s: InvalidArgument: The parameter ForwardedValues is required when a cache policy is not associated to the cache behavior", b.path)
				case policy != "" && fwd:
					return fmt.Errorf("%s: InvalidArgument: The parameter ForwardedValues cannot be used when a cache policy is associated to the cache behavior", b.path)
				}
				if policy != "" {
					for _, ttl := range []string{"minTtl", "defaultTtl", "maxTtl"} {
						if _, set := b.m[ttl]; set {
							return fmt.Errorf("%s.%s: the provider does not send TTLs with a cache policy, so the value is ignored and diffs against what AWS reads back", b.path, ttl)
						}
					}
				}
			}
			return nil
		},
		Source: cloudfrontAPICacheBehavior,
	},
	{
		Name: "every targetOriginId names an origin",
		Check: func(in map[string]any) error {
			ids := map[string]bool{}
			for _, o := range cloudfrontList(in["origins"]) {
				id := cloudfrontString(cloudfrontMap(o), "originId")
				if id == Unknown {
					return nil
				}
				ids[id] = true
			}
			for _, g := range cloudfrontList(in["originGroups"]) {
				ids[cloudfrontString(cloudfrontMap(g), "originId")] = true
			}
			for _, b := range cloudfrontBehaviors(in) {
				t := cloudfrontString(b.m, "targetOriginId")
				if t != "" && t != Unknown && !ids[t] {
					return fmt.Errorf("%s.targetOriginId: NoSuchOrigin: One or more of your origins or origin groups do not exist (%q)", b.path, t)
				}
			}
			return nil
		},
		Source: cloudfrontAPICacheBehavior,
	},
	{
		Name: "cachedMethods are a subset of allowedMethods",
		Check: func(in map[string]any) error {
			for _, b := range cloudfrontBehaviors(in) {
				allowed := map[string]bool{}
				for _, m := range cloudfrontStrings(b.m["allowedMethods"]) {
					if m == Unknown {
						return nil
					}
					allowed[m] = true
				}
				for _, m := range cloudfrontStrings(b.m["cachedMethods"]) {
					if m != Unknown && !allowed[m] {
						return fmt.Errorf("%s: InvalidArgument: cached method %s is not an allowed method", b.path, m)
					}
				}
			}
			return nil
		},
		Source: cloudfrontAPICacheBehavior,
	},
	{
		Name: "origin ids and path patterns are unique",
		Check: func(in map[string]any) error {
			seen := map[string]bool{}
			for _, o := range cloudfrontList(in["origins"]) {
				id := cloudfrontString(cloudfrontMap(o), "originId")
				if id != Unknown && seen[id] {
					return fmt.Errorf("InvalidArgument: origin id %q is used twice", id)
				}
				seen[id] = true
			}
			seen = map[string]bool{}
			for _, e := range cloudfrontList(in["orderedCacheBehaviors"]) {
				p := cloudfrontString(cloudfrontMap(e), "pathPattern")
				if p != Unknown && seen[p] {
					return fmt.Errorf("InvalidArgument: path pattern %q is used by two cache behaviors", p)
				}
				seen[p] = true
			}
			return nil
		},
		Source: cloudfrontAPIDistributionCfg,
	},
	{
		Name: "an origin uses an origin access control or an origin access identity, not both",
		Check: func(in map[string]any) error {
			for _, e := range cloudfrontList(in["origins"]) {
				o := cloudfrontMap(e)
				oai := cloudfrontString(cloudfrontMap(o["s3OriginConfig"]), "originAccessIdentity")
				if cloudfrontString(o, "originAccessControlId") != "" && oai != "" {
					return fmt.Errorf("IllegalOriginAccessConfiguration: An origin cannot contain both an origin access control (OAC) and an origin access identity (OAI): origin %q", cloudfrontString(o, "originId"))
				}
			}
			return nil
		},
		Source: cloudfrontDevOAC,
	},
	{
		Name: "a geo restriction of type none lists no locations, whitelist and blacklist list some",
		Check: func(in map[string]any) error {
			geo := cloudfrontMap(cloudfrontMap(in["restrictions"])["geoRestriction"])
			if geo == nil {
				return nil
			}
			t, n := cloudfrontString(geo, "restrictionType"), len(cloudfrontList(geo["locations"]))
			switch {
			case t == "none" && n > 0:
				return fmt.Errorf("InvalidArgument: a geo restriction of type none cannot list locations")
			case (t == "whitelist" || t == "blacklist") && n == 0:
				return fmt.Errorf("InvalidArgument: a geo restriction of type %s needs locations", t)
			}
			return nil
		},
		Source: cloudfrontAPIGeoRestriction,
	},
}

// cloudfrontBehaviorProperties are the members of a cache behavior (prefix "defaultCacheBehavior" or
// "orderedCacheBehaviors[]"): the same on both, bar pathPattern.
func cloudfrontBehaviorProperties(prefix, api string) []Property {
	p := func(name string) string { return prefix + "." + name }
	return []Property{
		{
			Path:     p("allowedMethods"),
			Sends:    "AllowedMethods{Quantity, Items} (a set: order is not significant).",
			Required: true,
			AWS:      "AllowedMethods: one of [GET, HEAD], [GET, HEAD, OPTIONS] or all seven methods.",
			Check:    cloudfrontMethods(cloudfrontAllowedMethodSets),
			Source:   api,
		},
		{
			Path:     p("cachedMethods"),
			Sends:    "AllowedMethods.CachedMethods{Quantity, Items}.",
			Required: true,
			AWS:      "CachedMethods: [GET, HEAD] or [GET, HEAD, OPTIONS], within AllowedMethods.",
			Check:    cloudfrontMethods(cloudfrontCachedMethodSets),
			Source:   api,
		},
		{
			Path: p("cachePolicyId"),
			Sends: "CachePolicyId, \"\" when unset. When set, the provider sends no MinTTL/DefaultTTL/MaxTTL " +
				"(the policy carries the TTLs) and ForwardedValues only if the program gives that block.",
			AWS:    "CachePolicyId: the id of an existing cache policy (NoSuchCachePolicy otherwise); excludes ForwardedValues and the TTL members.",
			Check:  Pattern(cloudfrontPolicyID),
			Source: cloudfrontStructureSrc,
		},
		{
			Path:           p("compress"),
			Sends:          "Compress, always; false when unset (schema default).",
			SentWithParent: true,
			SentUnset:      false,
			AWS:            "Compress: boolean. With a cache policy, CloudFront compresses only if the policy enables gzip/Brotli in the cache key (Managed-CachingOptimized does).",
			Check:          Bool(),
			Source:         cloudfrontDistributionSrc,
		},
		{
			Path:   p("responseHeadersPolicyId"),
			Sends:  "ResponseHeadersPolicyId, always; \"\" (no policy) when unset.",
			AWS:    "ResponseHeadersPolicyId: the id of an existing response headers policy (NoSuchResponseHeadersPolicy otherwise).",
			Check:  Pattern(cloudfrontPolicyID),
			Source: cloudfrontStructureSrc,
		},
		{
			Path:           p("originRequestPolicyId"),
			Sends:          "OriginRequestPolicyId, always; \"\" (no policy) when unset.",
			SentWithParent: true,
			SentUnset:      "",
			AWS:            "OriginRequestPolicyId: empty, or the id of an existing origin request policy.",
			Check:          Pattern(`|` + cloudfrontPolicyID),
			Source:         cloudfrontStructureSrc,
		},
		{
			Path:           p("fieldLevelEncryptionId"),
			Sends:          "FieldLevelEncryptionId, always; \"\" when unset.",
			SentWithParent: true,
			SentUnset:      "",
			AWS:            "FieldLevelEncryptionId: empty, or an existing field-level encryption configuration.",
			Source:         cloudfrontStructureSrc,
		},
		{
			Path:           p("smoothStreaming"),
			Sends:          "SmoothStreaming, always; false when unset.",
			SentWithParent: true,
			SentUnset:      false,
			AWS:            "SmoothStreaming: boolean.",
			Check:          Bool(),
			Source:         cloudfrontStructureSrc,
		},
		{
			Path:           p("trustedKeyGroups"),
			Sends:          "TrustedKeyGroups{Enabled: false, Quantity: 0} when unset: the behavior serves unsigned requests.",
			SentWithParent: true,
			SentUnset:      []any{},
			AWS:            "TrustedKeyGroups: key group ids; non-empty turns on signed URLs/cookies for the behavior.",
			Source:         cloudfrontStructureSrc,
		},
		{
			Path:           p("trustedSigners"),
			Sends:          "TrustedSigners{Enabled: false, Quantity: 0} when unset.",
			SentWithParent: true,
			SentUnset:      []any{},
			AWS:            "TrustedSigners: AWS account ids (legacy signed URLs).",
			Source:         cloudfrontStructureSrc,
		},
		{
			Path:     p("targetOriginId"),
			Sends:    "TargetOriginId.",
			Required: true,
			AWS:      "TargetOriginId: the Id of one of the distribution's origins or origin groups (NoSuchOrigin otherwise).",
			Check:    Length(1, 0),
			Source:   api,
		},
		{
			Path:     p("viewerProtocolPolicy"),
			Sends:    "ViewerProtocolPolicy; the provider validates the enum at preview.",
			Required: true,
			AWS:      "ViewerProtocolPolicy: allow-all | https-only | redirect-to-https.",
			Check:    OneOf(cloudfrontViewerProtocolPolicies...),
			Source:   api,
		},
	}
}

func init() {
	distribution := Resource{
		Token:     "aws:cloudfront/distribution:Distribution",
		Terraform: "aws_cloudfront_distribution",
		Source:    cloudfrontDistributionSrc,
		API:       cloudfrontAPICreateDist,
		Overrides: "None specific to the resource: pulumi-aws v6 maps aws_cloudfront_distribution through its computed " +
			"tokens, with no field overrides and no DeleteBeforeReplace; only the generic tags handling applies " +
			"(PreCheckCallback applyTags merges the provider's defaultTags, tagsAll is computed-only). The non-API " +
			"inputs keep Terraform's defaults: waitForDeployment = true (create and every config update block until " +
			"the distribution is Deployed, up to 90 minutes) and retainOnDelete = false. Known pulumi-aws issues: " +
			"https://github.com/pulumi/pulumi-aws/issues/5229 (open at the time of reading: from v6.69 a changed origin, " +
			"e.g. after the origin bucket is replaced, can make the preview propose replacing the whole distribution; with " +
			"aliases such a create-before-delete replacement then fails with CNAMEAlreadyExists), " +
			"https://github.com/pulumi/pulumi-aws/issues/2095 (perpetual diffs reported on origins, open; the " +
			"reporter's diffs came with explicit s3OriginConfig/customHeaders, which this stack does not set), " +
			"https://github.com/pulumi/pulumi-aws/issues/6623 (refresh drops an explicitly given empty s3OriginConfig " +
			"next to an OAC and every refresh-aware preview proposes an update: do not set s3OriginConfig with an OAC).",
		Properties: []Property{
			{
				Path: "aliases",
				Sends: "Aliases{Quantity, Items}; unset sends Quantity 0 (removes every alias). Read back only " +
					"when AWS returns some; a set, so order is not significant.",
				AWS: "Aliases (CNAMEs): host names, optionally a leading *. wildcard; at most 100 per distribution " +
					"(default quota). Each needs a custom certificate that covers it, and an alias can belong to only " +
					"one distribution in all of AWS (CNAMEAlreadyExists).",
				Check:  Each(0, 100, cloudfrontAlias),
				Source: cloudfrontDevCNAMEs,
			},
			{
				Path: "comment",
				Sends: "Comment, always; \"\" when unset. The provider's schema validates StringLenBetween(0, 128) " +
					"in Check, so a longer comment fails `pulumi preview` (\"expected length of comment to be in the " +
					"range (0 - 128)\"); AWS itself answers InvalidArgument: The parameter Comment is too big.",
				AWS:    "DistributionConfig.Comment: at most 128 characters.",
				Check:  Length(0, 128),
				Source: cloudfrontDistributionSrc,
			},
			{
				Path:   "defaultRootObject",
				Sends:  "DefaultRootObject, always; \"\" (none) when unset. No provider validation.",
				AWS:    "DefaultRootObject: at most 255 characters of A-Z a-z 0-9 _ - . * $ / ~ \" ' &, not beginning with / (InvalidDefaultRootObject).",
				Check:  cloudfrontDefaultRootObject,
				Source: cloudfrontDevValues,
			},
			{
				Path:     "enabled",
				Sends:    "Enabled.",
				Required: true,
				AWS:      "DistributionConfig.Enabled: boolean, required. A distribution must be disabled (and deployed) before DeleteDistribution accepts it.",
				Check:    Bool(),
				Source:   cloudfrontAPIDistributionCfg,
			},
			{
				Path:   "httpVersion",
				Sends:  "HttpVersion, always; \"http2\" when unset (schema default). Enum validated at preview.",
				AWS:    "HttpVersion: http1.1 | http2 | http3 | http2and3.",
				Check:  OneOf(cloudfrontHTTPVersions...),
				Source: cloudfrontDistributionSrc,
			},
			{
				Path:   "isIpv6Enabled",
				Sends:  "IsIPV6Enabled, always; false when unset.",
				AWS:    "IsIPV6Enabled: boolean.",
				Check:  Bool(),
				Source: cloudfrontDistributionSrc,
			},
			{
				Path:   "priceClass",
				Sends:  "PriceClass, always; \"PriceClass_All\" when unset (schema default). Enum validated at preview.",
				AWS:    "PriceClass: PriceClass_100 | PriceClass_200 | PriceClass_All.",
				Check:  OneOf(cloudfrontPriceClasses...),
				Source: cloudfrontDistributionSrc,
			},
			{
				Path: "tags",
				Sends: "Tags on CreateDistributionWithTags; later changes through TagResource/UntagResource only " +
					"(a tags-only change makes no UpdateDistribution call and waits for no deployment).",
				AWS:    "At most 50 tags; keys 1..128, values 0..256 characters of letters, digits, spaces and _ . : / = + - @; no aws: prefix.",
				Check:  Tags(50),
				Source: cloudfrontDevQuotas,
			},

			// origins[]
			{
				Path:     "origins[].domainName",
				Sends:    "Origin.DomainName. The schema rejects an empty value (NoZeroValues).",
				Required: true,
				AWS: "Origin.DomainName: for an S3 origin the bucket's domain name; the regional name " +
					"(bucket.s3.REGION.amazonaws.com) avoids the redirects of a new bucket's global name.",
				Check:  Length(1, 253),
				Source: cloudfrontAPIOrigin,
			},
			{
				Path:     "origins[].originId",
				Sends:    "Origin.Id. NoZeroValues.",
				Required: true,
				AWS:      "Origin.Id: unique within the distribution; what targetOriginId names.",
				Check:    Length(1, 0),
				Source:   cloudfrontAPIOrigin,
			},
			{
				Path: "origins[].originAccessControlId",
				Sends: "Origin.OriginAccessControlId; \"\" when unset. NoZeroValues when given. With neither " +
					"s3OriginConfig nor customOriginConfig, the provider adds S3OriginConfig{OriginAccessIdentity: \"\"}, " +
					"which an OAC origin needs.",
				AWS:    "OriginAccessControlId: an existing OAC of origin type s3 for an S3 origin; excludes an OAI.",
				Check:  Length(1, 0),
				Source: cloudfrontStructureSrc,
			},
			{
				Path:           "origins[].connectionAttempts",
				Sends:          "ConnectionAttempts, always; 3 when unset (schema default, validated 1..3).",
				SentWithParent: true,
				SentUnset:      3,
				AWS:            "ConnectionAttempts: 1..3.",
				Check:          IntRange(1, 3),
				Source:         cloudfrontDistributionSrc,
			},
			{
				Path:           "origins[].connectionTimeout",
				Sends:          "ConnectionTimeout, always; 10 when unset (schema default, validated 1..10).",
				SentWithParent: true,
				SentUnset:      10,
				AWS:            "ConnectionTimeout: 1..10 seconds.",
				Check:          IntRange(1, 10),
				Source:         cloudfrontDistributionSrc,
			},
			{
				Path:           "origins[].originPath",
				Sends:          "OriginPath, always; \"\" when unset.",
				SentWithParent: true,
				SentUnset:      "",
				AWS:            "OriginPath: empty, or beginning with / and not ending with /.",
				Check:          cloudfrontOriginPath,
				Source:         cloudfrontAPIOrigin,
			},
			{
				Path:           "origins[].s3OriginConfig.originAccessIdentity",
				Sends:          "S3OriginConfig.OriginAccessIdentity \"\" is added by the provider when the origin has neither s3OriginConfig nor customOriginConfig.",
				SentWithParent: true,
				SentUnset:      "",
				AWS:            "OriginAccessIdentity: empty for a public or OAC origin, else origin-access-identity/cloudfront/ID.",
				Source:         cloudfrontStructureSrc,
			},

			// restrictions
			{
				Path:     "restrictions.geoRestriction.restrictionType",
				Sends:    "GeoRestriction.RestrictionType; enum validated at preview.",
				Required: true,
				AWS:      "RestrictionType: blacklist | whitelist | none.",
				Check:    OneOf(cloudfrontGeoRestrictionTypes...),
				Source:   cloudfrontAPIGeoRestriction,
			},
			{
				Path:           "restrictions.geoRestriction.locations",
				Sends:          "GeoRestriction{Quantity: 0} with no Items when unset.",
				SentWithParent: true,
				SentUnset:      []any{},
				AWS:            "Locations: ISO 3166-1 alpha-2 country codes; none for type none.",
				Check:          Each(0, 0, Pattern(`[A-Z]{2}`)),
				Source:         cloudfrontAPIGeoRestriction,
			},

			// viewerCertificate
			{
				Path: "viewerCertificate.cloudfrontDefaultCertificate",
				Sends: "CloudFrontDefaultCertificate, only when neither iamCertificateId nor acmCertificateArn is " +
					"given (then the flag is dropped).",
				AWS:    "CloudFrontDefaultCertificate: true to serve *.cloudfront.net; no aliases then.",
				Check:  Bool(),
				Source: cloudfrontStructureSrc,
			},
			{
				Path: "viewerCertificate.acmCertificateArn",
				Sends: "ACMCertificateArn with SSLSupportMethod (as given, \"\" when unset). The provider retries " +
					"InvalidViewerCertificate for one minute (ACM eventual consistency), then fails.",
				AWS: "ACMCertificateArn: an ISSUED ACM certificate in us-east-1 that covers every alias " +
					"(InvalidViewerCertificate: The specified SSL certificate doesn't exist, isn't in us-east-1 region, " +
					"isn't valid, or doesn't include a valid certificate chain).",
				Check:  Pattern(`arn:aws:acm:us-east-1:\d{12}:certificate/[A-Za-z0-9-]+`),
				Source: cloudfrontAPIViewerCert,
			},
			{
				Path:   "viewerCertificate.sslSupportMethod",
				Sends:  "SSLSupportMethod, only with an ACM or IAM certificate (\"\" then when unset); enum validated at preview.",
				AWS:    "SSLSupportMethod: sni-only | vip (dedicated IPs, extra monthly charge) | static-ip; required with a custom certificate.",
				Check:  OneOf(cloudfrontSSLSupportMethods...),
				Source: cloudfrontAPIViewerCert,
			},
			{
				Path: "viewerCertificate.minimumProtocolVersion",
				Sends: "MinimumProtocolVersion, always; \"TLSv1\" when unset (schema default). With the default " +
					"certificate CloudFront uses TLSv1 whatever is sent.",
				SentWithParent: true,
				SentUnset:      "TLSv1",
				AWS:            "MinimumProtocolVersion: SSLv3 (vip only) | TLSv1 | TLSv1_2016 | TLSv1.1_2016 | TLSv1.2_2018 | TLSv1.2_2019 | TLSv1.2_2021.",
				Check:          OneOf(cloudfrontMinimumProtocolVersions...),
				Source:         cloudfrontAPIViewerCert,
			},

			// loggingConfig
			{
				Path: "loggingConfig.bucket",
				Sends: "Logging{Enabled: true, Bucket, IncludeCookies, Prefix}; without the block the provider sends " +
					"Logging{Enabled: false, Bucket: \"\", Prefix: \"\", IncludeCookies: false} (logging off).",
				Required: true,
				AWS: "LoggingConfig.Bucket: the bucket's domain name, NAME.s3.amazonaws.com (CloudFront also accepts " +
					"the regional NAME.s3.REGION.amazonaws.com), of a bucket with ACLs enabled; not a bare bucket name. " +
					"See the World facts for what the bucket must allow.",
				Check:  Pattern(`[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]\.s3(\.[a-z]{2}(-[a-z]+)+-\d)?\.amazonaws\.com`),
				Source: cloudfrontAPILogging,
			},
			{
				Path:           "loggingConfig.includeCookies",
				Sends:          "IncludeCookies, always with the block; false when unset.",
				SentWithParent: true,
				SentUnset:      false,
				AWS:            "IncludeCookies: boolean.",
				Check:          Bool(),
				Source:         cloudfrontStructureSrc,
			},
			{
				Path:           "loggingConfig.prefix",
				Sends:          "Prefix, always with the block; \"\" when unset.",
				SentWithParent: true,
				SentUnset:      "",
				AWS: "Prefix: optional string prepended to the log file names, e.g. myprefix/ (no documented " +
					"length or character constraint; the resulting S3 keys are limited to 1024 bytes).",
				Source: cloudfrontAPILogging,
			},
		},
		Rules: cloudfrontDistributionRules,
		World: []Fact{
			{
				Name: "an alias (CNAME) belongs to one distribution in all of AWS",
				Detail: "CreateDistributionWithTags/UpdateDistribution fail with CNAMEAlreadyExists (409) when an alias is " +
					"already on another distribution, in this account or any other. A replacement of a distribution with " +
					"aliases under Pulumi's default create-before-delete therefore fails; the alias must be moved " +
					"(AssociateAlias) or the old distribution removed first.",
				Source: cloudfrontDevCNAMEs,
			},
			{
				Name: "a custom certificate lives in us-east-1 and covers the aliases",
				Detail: "CloudFront uses ACM certificates from us-east-1 only; the certificate must be ISSUED and cover " +
					"every alias, else InvalidViewerCertificate (the provider retries it for one minute).",
				Source: cloudfrontDevCertRequirements,
			},
			{
				Name: "create and update wait for deployment",
				Detail: "waitForDeployment defaults to true: after CreateDistributionWithTags and after every UpdateDistribution " +
					"the provider polls GetDistribution until Status is Deployed (30 s delay, 90 min timeout); typically " +
					"several minutes to a quarter of an hour per change. Update sends the stored ETag as IfMatch and retries " +
					"once with a fresh ETag on PreconditionFailed.",
				Source: cloudfrontDistributionSrc,
			},
			{
				Name: "delete disables the distribution first",
				Detail: "DeleteDistribution refuses an enabled distribution (DistributionNotDisabled, 409). The provider's " +
					"delete reads the deployed config, sends it back with Enabled = false, waits until Deployed, then " +
					"deletes and waits until the distribution is gone (each wait up to 90 min), retrying " +
					"DistributionNotDisabled for 3 minutes; retainOnDelete = false. A destroy therefore takes two " +
					"deployment cycles, which can outlast a short-lived CI session.",
				Source: cloudfrontAPIDeleteDist,
			},
			{
				Name: "the standard-logging bucket must have ACLs enabled",
				Detail: "Legacy standard logging writes through S3 ACLs: the bucket's Object Ownership must not be " +
					"BucketOwnerEnforced (ACLs disabled, the default for buckets created since April 2023). When the " +
					"distribution is created or its logging settings change, CloudFront calls GetBucketAcl and PutBucketAcl " +
					"as the caller to add a FULL_CONTROL grant for the awslogsdelivery account (canonical id " +
					"c4c1ede66af53448b93c283ce9448c4ba468c9432aa01d700d3878632f77d2d0). CreateDistributionWithTags or " +
					"UpdateDistribution then fails with InvalidArgument: The S3 bucket that you specified for CloudFront logs " +
					"does not enable ACL access: NAME.s3.amazonaws.com (400) when ACLs are disabled; with AccessDenied: You " +
					"don't have permission to access the S3 bucket for CloudFront logs: ... you need s3:GetBucketAcl and " +
					"s3:PutBucketAcl permissions ... the S3 ACL for the bucket must grant you FULL_CONTROL (403) when the " +
					"caller lacks those; and with InvalidArgument (... doesn't exist) when there is no such bucket. A log " +
					"bucket encrypted with a customer-managed KMS key must let the log delivery use the key.",
				Source: cloudfrontDevLogging,
			},
			{
				Name: "the standard-logging bucket is not in an opt-in region",
				Detail: "CloudFront does not deliver standard logs to buckets in opt-in regions (af-south-1, ap-east-1, " +
					"eu-south-1, me-south-1 and the later opt-in regions listed in the developer guide).",
				Source: cloudfrontDevLogging,
			},
			{
				Name: "an OAC origin reads only what the bucket policy grants",
				Detail: "With an origin access control CloudFront signs origin requests as cloudfront.amazonaws.com; the " +
					"bucket policy must allow s3:GetObject to that service principal with AWS:SourceArn = the " +
					"distribution's ARN (and a customer-managed KMS key must allow it to decrypt). Otherwise the API calls " +
					"succeed and viewers get 403 AccessDenied from S3.",
				Source: cloudfrontDevOAC,
			},
			{
				Name: "policies and OACs referenced by id must exist",
				Detail: "A cache policy, response headers policy or OAC id that does not exist fails the create/update " +
					"(NoSuchCachePolicy, NoSuchResponseHeadersPolicy, NoSuchOriginAccessControl). The managed policies " +
					"(e.g. Managed-CachingOptimized 658327ea-f89d-4fab-a63d-7e88639e58f6, Managed-SecurityHeadersPolicy " +
					"67f7725c-6f97-4210-82d7-5512b31e9d03) exist in every account.",
				Source: cloudfrontAPIDistributionCfg,
			},
			{
				Name: "account quotas",
				Detail: "Default quotas: 500 distributions per account, 100 aliases and 75 cache behaviors per " +
					"distribution (TooManyDistributions, TooManyDistributionCNAMEs, TooManyCacheBehaviors).",
				Source: cloudfrontDevQuotas,
			},
		},
	}
	distribution.Properties = append(distribution.Properties, cloudfrontBehaviorProperties("defaultCacheBehavior", cloudfrontAPIDefaultBehavior)...)
	distribution.Properties = append(distribution.Properties, cloudfrontBehaviorProperties("orderedCacheBehaviors[]", cloudfrontAPICacheBehavior)...)
	distribution.Properties = append(distribution.Properties, Property{
		Path:     "orderedCacheBehaviors[].pathPattern",
		Sends:    "CacheBehavior.PathPattern. ordered_cache_behavior is a list: reordering the behaviors is an update.",
		Required: true,
		AWS:      "PathPattern: 1..255 characters of A-Z a-z 0-9 _ - . $ / ~ \" ' @ : + & and the wildcards * ?; case-sensitive; unique within the distribution.",
		Check:    cloudfrontPathPattern,
		Source:   cloudfrontDevValues,
	})
	sort.SliceStable(distribution.Properties, func(i, j int) bool { return distribution.Properties[i].Path < distribution.Properties[j].Path })

	oac := Resource{
		Token:     "aws:cloudfront/originAccessControl:OriginAccessControl",
		Terraform: "aws_cloudfront_origin_access_control",
		Source:    cloudfrontOACSrc,
		API:       cloudfrontAPICreateOAC,
		AutoName: &AutoName{
			// setAutonaming gives every resource with an input "name" AutoName("name", 255, "-"), and the
			// OAC has no override; Terraform's own StringLenBetween(1, 64) then refuses, at preview, a
			// generated name longer than 64 characters (a logical name longer than 56).
			Property:  "name",
			MaxLength: 255,
			Source:    cloudfrontPulumiSrc,
		},
		Overrides: "pulumi-aws maps aws_cloudfront_origin_access_control with only a token (no field overrides, no " +
			"DeleteBeforeReplace); its generic setAutonaming makes the required name optional and fills it with " +
			"\"<logical name>-<7 hex>\" (max length 255 as configured, 64 as the schema validates). The SDK's doc text " +
			"says description defaults to \"Managed by Pulumi\", but that is a docs rewrite: the default sent is " +
			"Terraform's \"Managed by Terraform\".",
		Properties: []Property{
			{
				Path: "name",
				Sends: "OriginAccessControlConfig.Name on create and update (in place: not ForceNew). Auto-named by " +
					"pulumi-aws when unset, as in this stack.",
				AWS:    "Name: 1..64 characters, unique among the account's OACs (OriginAccessControlAlreadyExists).",
				Check:  Length(1, 64),
				Source: cloudfrontOACSrc,
			},
			{
				Path:   "description",
				Sends:  "OriginAccessControlConfig.Description, always; \"Managed by Terraform\" when unset (schema default). In place.",
				AWS:    "Description: at most 256 characters (the provider validates 0..256 at preview).",
				Check:  Length(0, 256),
				Source: cloudfrontOACSrc,
			},
			{
				Path:     "originAccessControlOriginType",
				Sends:    "OriginAccessControlConfig.OriginAccessControlOriginType; in place; enum validated at preview.",
				Required: true,
				AWS:      "OriginAccessControlOriginType: s3 | mediastore | mediapackagev2 | lambda; an S3 origin needs s3.",
				Check:    OneOf("s3", "mediastore", "mediapackagev2", "lambda"),
				Source:   cloudfrontAPIOACConfig,
			},
			{
				Path:     "signingBehavior",
				Sends:    "OriginAccessControlConfig.SigningBehavior; in place; enum validated at preview.",
				Required: true,
				AWS:      "SigningBehavior: always | never | no-override. With never, requests reach S3 unsigned and a bucket policy that only allows CloudFront refuses them.",
				Check:    OneOf("always", "never", "no-override"),
				Source:   cloudfrontAPIOACConfig,
			},
			{
				Path:     "signingProtocol",
				Sends:    "OriginAccessControlConfig.SigningProtocol; in place; enum validated at preview.",
				Required: true,
				AWS:      "SigningProtocol: sigv4 (the only value).",
				Check:    OneOf("sigv4"),
				Source:   cloudfrontAPIOACConfig,
			},
		},
		World: []Fact{
			{
				Name:   "OAC names are unique in the account",
				Detail: "CreateOriginAccessControl fails with OriginAccessControlAlreadyExists (409) for a name already taken; OACs are global, not regional.",
				Source: cloudfrontAPICreateOAC,
			},
			{
				Name: "an OAC in use cannot be deleted",
				Detail: "DeleteOriginAccessControl fails with OriginAccessControlInUse (409) while any distribution's origin " +
					"references it. Pulumi deletes the distribution first, as it depends on the OAC's id; an OAC referenced " +
					"by a distribution outside the stack blocks the destroy.",
				Source: cloudfrontAPIDeleteOAC,
			},
			{
				Name: "update and delete send the stored ETag",
				Detail: "UpdateOriginAccessControl and DeleteOriginAccessControl send IfMatch = the etag in state; unlike " +
					"the distribution, the provider does not refetch it, so after an out-of-band change the call fails " +
					"with PreconditionFailed (412) until a refresh.",
				Source: cloudfrontOACSrc,
			},
			{
				Name:   "account quota",
				Detail: "By default at most 100 origin access controls per account.",
				Source: cloudfrontDevQuotas,
			},
		},
	}

	register(distribution, oac)
}
