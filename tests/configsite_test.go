package tests

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"igv-aws-backend/igvconfig"
	"igv-aws-backend/policies"
	"igv-aws-backend/policies/iamsim"
	"igv-aws-backend/stackconfig"
	"igv-aws-backend/synth"
)

func TestConfigBucketIsPrivate(t *testing.T) {
	forEachExample(t, func(t *testing.T, r *synth.Result) {
		bucket := outputString(t, r, "configBucket")
		pab := forBucket(t, r, typePublicAccess, bucket)
		for _, setting := range []string{"blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"} {
			assert.Equal(t, true, input(pab, setting), setting)
		}
		assert.Equal(t, "BucketOwnerEnforced", input(forBucket(t, r, typeOwnership, bucket), "rule", "objectOwnership"))
		assert.Equal(t, "AES256", input(forBucket(t, r, typeEncryption, bucket), "rules", 0, "applyServerSideEncryptionByDefault", "sseAlgorithm"))
		assert.Equal(t, "Enabled", input(forBucket(t, r, typeVersioning, bucket), "versioningConfiguration", "status"))
	})
}

func TestOnlyThisDistributionCanReadTheConfigObjects(t *testing.T) {
	forEachExample(t, func(t *testing.T, r *synth.Result) {
		bucket := outputString(t, r, "configBucket")
		dist := only(t, r, typeDistribution)
		doc := []policies.Document{policyDoc(t, forBucket(t, r, typeBucketPolicy, bucket), "policy")}
		read := func(principalType, principal, key, sourceARN string) iamsim.Decision {
			d, err := iamsim.Evaluate(doc, iamsim.Request{
				PrincipalType: principalType, Principal: principal, Action: "s3:GetObject",
				Resource: "arn:aws:s3:::" + bucket + "/" + key,
				Context:  map[string][]string{"AWS:SourceArn": {sourceARN}, "aws:SecureTransport": {"true"}},
			})
			require.NoError(t, err)
			return d
		}
		arn, _ := dist.Outputs["arn"].(string)
		for _, key := range []string{"oauth-config.json", "oauth-config.json.gz"} {
			assert.Equal(t, iamsim.Allowed, read("Service", "cloudfront.amazonaws.com", key, arn), key)
		}
		assert.Equal(t, iamsim.ImplicitDeny, read("Service", "cloudfront.amazonaws.com", "other.txt", arn), "no other key")
		assert.Equal(t, iamsim.ImplicitDeny,
			read("Service", "cloudfront.amazonaws.com", "oauth-config.json", "arn:aws:cloudfront::123456789012:distribution/EOTHER"),
			"another distribution (confused deputy)")
		assert.Equal(t, iamsim.ImplicitDeny, read("AWS", "*", "oauth-config.json", ""), "anonymous")
		for _, s := range doc[0].Statement {
			assert.NotContains(t, s.Action, "s3:ListBucket", "nothing lists the bucket")
		}
		// The bucket policy waits for Block Public Access; S3 rejects concurrent changes.
		assert.Contains(t, forBucket(t, r, typeBucketPolicy, bucket).Options.DependsOn, forBucket(t, r, typePublicAccess, bucket).URN)
	})
}

func TestDistributionReachesTheBucketThroughOriginAccessControl(t *testing.T) {
	forEachExample(t, func(t *testing.T, r *synth.Result) {
		dist := only(t, r, typeDistribution)
		oac := only(t, r, typeOAC)
		assert.Equal(t, "s3", input(oac, "originAccessControlOriginType"))
		assert.Equal(t, "always", input(oac, "signingBehavior"))
		assert.Equal(t, "sigv4", input(oac, "signingProtocol"))
		origins, _ := input(dist, "origins").([]any)
		require.Len(t, origins, 1)
		assert.Equal(t, oac.ID, input(dist, "origins", 0, "originAccessControlId"), "SH CloudFront.13")
		assert.Equal(t, outputString(t, r, "configBucket")+".s3.eu-west-2.amazonaws.com", input(dist, "origins", 0, "domainName"))
		assert.Nil(t, input(dist, "origins", 0, "s3OriginConfig"), "no legacy origin access identity")
	})
}

func TestDistributionServesHTTPSOnly(t *testing.T) {
	forEachExample(t, func(t *testing.T, r *synth.Result) {
		dist := only(t, r, typeDistribution)
		assert.Equal(t, "https-only", input(dist, "defaultCacheBehavior", "viewerProtocolPolicy"),
			"SH CloudFront.3; IGV does not follow a protocol-changing redirect")
		behaviors, _ := input(dist, "orderedCacheBehaviors").([]any)
		for i := range behaviors {
			assert.Equal(t, "https-only", input(dist, "orderedCacheBehaviors", i, "viewerProtocolPolicy"))
			assert.Equal(t, []string{"GET", "HEAD"}, strs(input(dist, "orderedCacheBehaviors", i, "allowedMethods")))
		}
		assert.Equal(t, []string{"GET", "HEAD"}, strs(input(dist, "defaultCacheBehavior", "allowedMethods")), "read-only")
	})
}

func TestDistributionNeverListsTheBucket(t *testing.T) {
	forEachExample(t, func(t *testing.T, r *synth.Result) {
		assert.Equal(t, "oauth-config.json", input(only(t, r, typeDistribution), "defaultRootObject"), "SH CloudFront.1")
	})
}

func TestDistributionCompressesThePlainFileButNotTheGzip(t *testing.T) {
	forEachExample(t, func(t *testing.T, r *synth.Result) {
		dist := only(t, r, typeDistribution)
		assert.Equal(t, true, input(dist, "defaultCacheBehavior", "compress"))
		assert.Equal(t, "*.gz", input(dist, "orderedCacheBehaviors", 0, "pathPattern"))
		assert.Equal(t, false, input(dist, "orderedCacheBehaviors", 0, "compress"),
			"a gzip body compressed again would break IGV versions that gunzip by file name")
	})
}

func TestDistributionUsesTheConfiguredPriceClass(t *testing.T) {
	assert.Equal(t, "PriceClass_100", input(only(t, example(t, "dev"), typeDistribution), "priceClass"))
	r := run(t, withConfig(exampleStack(t, "dev"), map[string]string{stackconfig.KeyPriceClass: "PriceClass_All"}))
	assert.Equal(t, "PriceClass_All", input(only(t, r, typeDistribution), "priceClass"))
}

func TestCustomDomainServesTheConfigWithTLS12(t *testing.T) {
	forEachExample(t, func(t *testing.T, r *synth.Result) {
		assert.Equal(t, true, input(only(t, r, typeDistribution), "viewerCertificate", "cloudfrontDefaultCertificate"),
			"documented exception: *.cloudfront.net until a custom domain is configured")
	})
	const cert = "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-1111-2222-3333-444455556666"
	r := run(t, withConfig(exampleStack(t, "prod"), map[string]string{
		stackconfig.KeyConfigDomain: "igv-config.genomics-lab.example.org", stackconfig.KeyConfigCertificateARN: cert,
	}))
	dist := only(t, r, typeDistribution)
	assert.Equal(t, []string{"igv-config.genomics-lab.example.org"}, strs(input(dist, "aliases")))
	assert.Equal(t, cert, input(dist, "viewerCertificate", "acmCertificateArn"))
	assert.Equal(t, "TLSv1.2_2021", input(dist, "viewerCertificate", "minimumProtocolVersion"), "SH CloudFront.15")
	assert.Equal(t, "sni-only", input(dist, "viewerCertificate", "sslSupportMethod"))
	assert.Equal(t, "https://igv-config.genomics-lab.example.org/oauth-config.json.gz", outputString(t, r, "provisioningUrl"))
}

func TestConfigObjectsAreJSONWithAShortCacheLifetime(t *testing.T) {
	forEachExample(t, func(t *testing.T, r *synth.Result) {
		objs := ofType(r, typeObject)
		ports := portsOf(t, r.Stack)
		require.Len(t, objs, 2*len(ports), "a plain and a gzipped copy per callback port")
		bucket := outputString(t, r, "configBucket")
		var keys []string
		for _, o := range objs {
			keys = append(keys, input(o, "key").(string))
			assert.Equal(t, bucket, input(o, "bucket"))
			assert.Equal(t, "application/json", input(o, "contentType"))
			assert.Equal(t, "max-age=300", input(o, "cacheControl"), "a change reaches IGV users within five minutes")
			assert.Nil(t, input(o, "contentEncoding"), "IGV gunzips by magic bytes; no transparent decoding")
		}
		var want []string
		for _, c := range igvconfig.CopiesFor(ports) {
			want = append(want, c.Plain(), c.Gzip())
		}
		assert.ElementsMatch(t, want, keys)
		assert.Contains(t, keys, "oauth-config.json.gz", "the first port's copy is at the top")
	})
}

// Each further callback port gets its own copy, with its own URL: IGV uses only redirect_uris[0].
func TestEveryCallbackPortHasItsOwnProvisioningURL(t *testing.T) {
	r := example(t, "prod")
	dist := only(t, r, typeDistribution)
	host := "https://" + dist.Outputs["domainName"].(string)
	urls, ok := r.Outputs["provisioningUrls"].(map[string]any)
	require.True(t, ok, "provisioningUrls is a map of port to URL: %v", r.Outputs["provisioningUrls"])
	assert.Equal(t, map[string]any{
		"60151": host + "/oauth-config.json.gz",
		"60152": host + "/port-60152/oauth-config.json.gz",
	}, urls)
	assert.Equal(t, urls["60151"], outputString(t, r, "provisioningUrl"))
	policy := policyDoc(t, forBucket(t, r, typeBucketPolicy, outputString(t, r, "configBucket")), "policy")
	var readable []string
	for _, s := range policy.Statement {
		if s.Sid == "AllowThisDistributionToReadTheConfig" {
			readable = s.Resource
		}
	}
	assert.Contains(t, readable, "arn:aws:s3:::"+outputString(t, r, "configBucket")+"/port-60152/oauth-config.json.gz",
		"CloudFront may read every copy")
}

func TestDistributionCommentFitsCloudFrontsLimitForLongNames(t *testing.T) {
	st := exampleStack(t, "dev")
	st.Name = strings.Repeat("a-very-long-stack-name-", 4)
	st.Config = withConfig(st, map[string]string{stackconfig.KeyDomainPrefix: "genomics-lab-igv-dev"}).Config
	dist := only(t, run(t, st), typeDistribution)
	comment, _ := input(dist, "comment").(string)
	assert.LessOrEqual(t, len([]rune(comment)), 128, "CloudFront refuses a longer comment")
	assert.True(t, strings.HasPrefix(comment, "IGV OAuth provisioning config of "))
}

func TestProvisioningURLIsTheHTTPSURLOfTheGzippedConfig(t *testing.T) {
	forEachExample(t, func(t *testing.T, r *synth.Result) {
		dist := only(t, r, typeDistribution)
		assert.Equal(t, "https://"+dist.Outputs["domainName"].(string)+"/oauth-config.json.gz", outputString(t, r, "provisioningUrl"))
		assert.Equal(t, dist.ID, outputString(t, r, "distributionId"))
	})
}
