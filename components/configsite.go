package components

import (
	"encoding/base64"
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudfront"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/s3"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"igv-aws-backend/igvconfig"
	"igv-aws-backend/policies"
)

// AWS managed CloudFront policies, referenced by their fixed ids.
const (
	cachingOptimizedPolicyID = "658327ea-f89d-4fab-a63d-7e88639e58f6"
	securityHeadersPolicyID  = "67f7725c-6f97-4210-82d7-5512b31e9d03"
)

// ConfigCacheSeconds is how long CloudFront and clients keep the config file: after a change, IGV
// users get the new file within this time.
const ConfigCacheSeconds = 300

// MaxCommentLength is the most CloudFront accepts in a distribution's comment.
const MaxCommentLength = 128

// ConfigFile is one published copy of oauth-config.json.
type ConfigFile struct {
	// Copy says where it is published (which callback port it serves).
	Copy igvconfig.Copy
	// Content is the rendered oauth-config.json; may be a secret output.
	Content pulumi.StringInput
}

// ConfigSiteArgs configures the public HTTPS home of oauth-config.json.
type ConfigSiteArgs struct {
	// Copies are where the config files will be published, the stack's own (provisioningUrl) first;
	// Publish uploads them. Required.
	Copies []igvconfig.Copy
	// PriceClass of the distribution. Optional, default "PriceClass_100".
	PriceClass string
	// AccessLogBucket receives the config bucket's S3 server access logs. Optional, default off. The
	// distribution itself keeps no standard logs: those need ACLs on the log bucket (security
	// exception in the README).
	AccessLogBucket string
	// Domain and CertificateARN (us-east-1) serve the file from a custom domain with TLS 1.2.
	// Optional, default the distribution's *.cloudfront.net name.
	Domain         string
	CertificateARN string
	// Comment on the distribution, cut to MaxCommentLength. Optional.
	Comment string
	// Tags for the bucket and the distribution. Optional.
	Tags map[string]string
}

// ConfigSite is a private bucket holding oauth-config.json(.gz), served only through a CloudFront
// distribution with Origin Access Control: the HTTPS URL users paste into IGV. NewConfigSite builds the
// site and its URLs, which do not depend on the config; Publish uploads the rendered files. The two
// steps let the user pool's invitation name the provisioning URL while the config names the pool.
type ConfigSite struct {
	pulumi.ResourceState

	name   string
	bucket *PrivateBucket
	copies []igvconfig.Copy

	BucketName      pulumi.StringOutput `pulumi:"bucketName"`
	DistributionID  pulumi.StringOutput `pulumi:"distributionId"`
	DistributionARN pulumi.StringOutput `pulumi:"distributionArn"`
	// DomainName serves the file: the custom domain, or the distribution's *.cloudfront.net name.
	DomainName pulumi.StringOutput `pulumi:"domainName"`
	// ProvisioningURL is the https URL of the first file's oauth-config.json.gz, for IGV's "OAuth
	// provisioning URL".
	ProvisioningURL pulumi.StringOutput `pulumi:"provisioningUrl"`
	// ProvisioningURLs are the URLs of every file, by the copy's key (igvconfig.Copy.Key): the callback
	// port, or with tiers the tier (and "TIER:PORT" for further ports).
	ProvisioningURLs pulumi.StringMapOutput `pulumi:"provisioningUrls"`
}

// NewConfigSite registers the bucket, the distribution and the two config objects.
func NewConfigSite(ctx *pulumi.Context, name string, args *ConfigSiteArgs, opts ...pulumi.ResourceOption) (*ConfigSite, error) {
	if args == nil || len(args.Copies) == 0 {
		return nil, fmt.Errorf("config site %s: Copies are required", name)
	}
	priceClass := args.PriceClass
	if priceClass == "" {
		priceClass = "PriceClass_100"
	}

	c := &ConfigSite{name: name, copies: args.Copies}
	if err := ctx.RegisterComponentResource(typePrefix+"cdn:ConfigSite", name, c, opts...); err != nil {
		return nil, err
	}
	parent := pulumi.Parent(c)

	// The bucket holds only generated files, so it may be emptied and deleted with the stack.
	bucket, err := NewPrivateBucket(ctx, name, &PrivateBucketArgs{
		AccessLogBucket: args.AccessLogBucket,
		ForceDestroy:    true,
		Tags:            args.Tags,
	}, parent)
	if err != nil {
		return nil, fmt.Errorf("config site %s: %w", name, err)
	}

	oac, err := cloudfront.NewOriginAccessControl(ctx, name+"-oac", &cloudfront.OriginAccessControlArgs{
		Description:                   pulumi.String("CloudFront reads the IGV config bucket with signed requests"),
		OriginAccessControlOriginType: pulumi.String("s3"),
		SigningBehavior:               pulumi.String("always"),
		SigningProtocol:               pulumi.String("sigv4"),
	}, parent)
	if err != nil {
		return nil, fmt.Errorf("config site %s: origin access control: %w", name, err)
	}

	const originID = "config-bucket"
	methods := pulumi.ToStringArray([]string{"GET", "HEAD"})
	cachePolicy := pulumi.String(cachingOptimizedPolicyID)
	viewerPolicy := pulumi.String("https-only")

	viewerCert := &cloudfront.DistributionViewerCertificateArgs{CloudfrontDefaultCertificate: pulumi.Bool(true)}
	var aliases pulumi.StringArrayInput
	if args.Domain != "" {
		viewerCert = &cloudfront.DistributionViewerCertificateArgs{
			AcmCertificateArn:      pulumi.String(args.CertificateARN),
			SslSupportMethod:       pulumi.String("sni-only"),
			MinimumProtocolVersion: pulumi.String("TLSv1.2_2021"),
		}
		aliases = pulumi.ToStringArray([]string{args.Domain})
	}

	dist, err := cloudfront.NewDistribution(ctx, name+"-cdn", &cloudfront.DistributionArgs{
		Enabled:       pulumi.Bool(true),
		Comment:       pulumi.String(truncate(args.Comment, MaxCommentLength)),
		IsIpv6Enabled: pulumi.Bool(true),
		HttpVersion:   pulumi.String("http2and3"),
		PriceClass:    pulumi.String(priceClass),
		// "/" answers with the plain config, never with a listing (Security Hub CloudFront.1).
		DefaultRootObject: pulumi.String(igvconfig.PlainObject),
		Aliases:           aliases,
		Origins: cloudfront.DistributionOriginArray{&cloudfront.DistributionOriginArgs{
			OriginId:              pulumi.String(originID),
			DomainName:            bucket.RegionalDomainName,
			OriginAccessControlId: oac.ID(),
		}},
		// IGV does not follow a redirect that changes protocol, so plain http gets no redirect: https only.
		DefaultCacheBehavior: &cloudfront.DistributionDefaultCacheBehaviorArgs{
			TargetOriginId:          pulumi.String(originID),
			ViewerProtocolPolicy:    viewerPolicy,
			AllowedMethods:          methods,
			CachedMethods:           methods,
			CachePolicyId:           cachePolicy,
			ResponseHeadersPolicyId: pulumi.String(securityHeadersPolicyID),
			Compress:                pulumi.Bool(true),
		},
		// The .gz object is gzip already: compressing it again would hand old IGV versions, which
		// gunzip by file name, a doubly compressed body.
		OrderedCacheBehaviors: cloudfront.DistributionOrderedCacheBehaviorArray{
			&cloudfront.DistributionOrderedCacheBehaviorArgs{
				PathPattern:             pulumi.String("*.gz"),
				TargetOriginId:          pulumi.String(originID),
				ViewerProtocolPolicy:    viewerPolicy,
				AllowedMethods:          methods,
				CachedMethods:           methods,
				CachePolicyId:           cachePolicy,
				ResponseHeadersPolicyId: pulumi.String(securityHeadersPolicyID),
				Compress:                pulumi.Bool(false),
			},
		},
		Restrictions: &cloudfront.DistributionRestrictionsArgs{
			GeoRestriction: &cloudfront.DistributionRestrictionsGeoRestrictionArgs{RestrictionType: pulumi.String("none")},
		},
		ViewerCertificate: viewerCert,
		Tags:              tagMap(args.Tags),
	}, parent)
	if err != nil {
		return nil, fmt.Errorf("config site %s: distribution: %w", name, err)
	}

	c.bucket = bucket
	var keys []string
	for _, cp := range args.Copies {
		keys = append(keys, cp.Plain(), cp.Gzip())
	}
	policy := pulumi.All(bucket.BucketName, dist.Arn).ApplyT(func(v []any) (string, error) {
		b, distARN := v[0].(string), v[1].(string)
		return policies.BucketPolicy(b, policies.CloudFrontRead(b, distARN, keys...)).JSON()
	}).(pulumi.StringOutput)
	if _, err := s3.NewBucketPolicy(ctx, name+"-policy", &s3.BucketPolicyArgs{
		Bucket: bucket.BucketName,
		Policy: policy,
	}, pulumi.Parent(bucket), pulumi.DependsOn([]pulumi.Resource{bucket.PublicAccessBlock})); err != nil {
		return nil, fmt.Errorf("config site %s: bucket policy: %w", name, err)
	}

	c.BucketName = bucket.BucketName
	c.DistributionID = dist.ID().ToStringOutput()
	c.DistributionARN = dist.Arn
	if args.Domain != "" {
		c.DomainName = pulumi.String(args.Domain).ToStringOutput()
	} else {
		c.DomainName = dist.DomainName
	}
	urls := pulumi.StringMap{}
	for _, cp := range args.Copies {
		urls[cp.Key] = pulumi.Sprintf("https://%s/%s", c.DomainName, cp.Gzip())
	}
	c.ProvisioningURL = pulumi.Sprintf("https://%s/%s", c.DomainName, args.Copies[0].Gzip())
	c.ProvisioningURLs = urls.ToStringMapOutput()
	if err := ctx.RegisterResourceOutputs(c, pulumi.Map{
		"provisioningUrls": c.ProvisioningURLs,
		"bucketName":       c.BucketName,
		"distributionId":   c.DistributionID,
		"distributionArn":  c.DistributionARN,
		"domainName":       c.DomainName,
		"provisioningUrl":  c.ProvisioningURL,
	}); err != nil {
		return nil, err
	}
	return c, nil
}

// Publish uploads the rendered config files, one per copy given to NewConfigSite, each plain and
// gzipped.
func (c *ConfigSite) Publish(ctx *pulumi.Context, files []ConfigFile) error {
	if len(files) != len(c.copies) {
		return fmt.Errorf("config site %s: %d files for %d copies", c.name, len(files), len(c.copies))
	}
	for i, f := range files {
		if f.Copy != c.copies[i] {
			return fmt.Errorf("config site %s: file %d is for %s, not %s", c.name, i, f.Copy.Gzip(), c.copies[i].Gzip())
		}
		plain := f.Content.ToStringOutput()
		gzipped := plain.ApplyT(func(s string) (string, error) {
			gz, err := igvconfig.Gzip([]byte(s))
			if err != nil {
				return "", err
			}
			return base64.StdEncoding.EncodeToString(gz), nil
		}).(pulumi.StringOutput)
		objects := []struct {
			key     string
			content *s3.BucketObjectv2Args
		}{
			{f.Copy.Plain(), &s3.BucketObjectv2Args{Content: plain}},
			{f.Copy.Gzip(), &s3.BucketObjectv2Args{ContentBase64: gzipped}},
		}
		for _, o := range objects {
			o.content.Bucket = c.bucket.BucketName
			o.content.Key = pulumi.String(o.key)
			o.content.ContentType = pulumi.String("application/json")
			o.content.CacheControl = pulumi.String(fmt.Sprintf("max-age=%d", ConfigCacheSeconds))
			if _, err := s3.NewBucketObjectv2(ctx, c.name+"-"+o.key, o.content, pulumi.Parent(c)); err != nil {
				return fmt.Errorf("config site %s: object %s: %w", c.name, o.key, err)
			}
		}
	}
	return nil
}

// truncate cuts s to at most n characters (runes), for fields AWS limits.
func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n])
}
