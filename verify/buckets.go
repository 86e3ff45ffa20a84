package verify

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/smithy-go"

	"igv-aws-backend/policies"
)

// Bucket is a data bucket the role must read, limited to Prefixes when there are any.
type Bucket struct {
	Name     string
	Prefixes []string
}

// probeKey is an object name no deployment holds: the simulation needs a key, not an object.
const probeKey = "igv-verify-probe.bam"

// outsidePrefix is a folder outside every granted prefix.
const outsidePrefix = "igv-verify-outside-the-granted-prefixes/"

// simulation is one question to IAM: may the role do action on resource, with these condition keys?
type simulation struct {
	action, resource string
	context          map[string]string
	allowed          bool // what the answer must be
	why              string
}

// simulations are the questions for one bucket: IGV's reads are allowed, everything else is denied.
func simulations(b Bucket) []simulation {
	listing := func(prefix string) map[string]string {
		return map[string]string{"s3:prefix": prefix, "s3:delimiter": "/", "aws:SecureTransport": "true"}
	}
	tls := map[string]string{"aws:SecureTransport": "true"}
	var out []simulation
	prefixes := b.Prefixes
	if len(prefixes) == 0 {
		prefixes = []string{""}
	}
	for _, p := range prefixes {
		out = append(out,
			simulation{"s3:GetObject", "arn:aws:s3:::" + b.Name + "/" + p + probeKey, tls, true, "IGV reads " + p + "*"},
			simulation{"s3:ListBucket", policies.BucketARN(b.Name), listing(p), true, fmt.Sprintf("IGV lists %q with delimiter /", p)},
			simulation{"s3:PutObject", "arn:aws:s3:::" + b.Name + "/" + p + probeKey, tls, false, "no writes"},
			simulation{"s3:DeleteObject", "arn:aws:s3:::" + b.Name + "/" + p + probeKey, tls, false, "no deletes"},
		)
	}
	if len(b.Prefixes) > 0 {
		out = append(out,
			simulation{"s3:GetObject", "arn:aws:s3:::" + b.Name + "/" + outsidePrefix + probeKey, tls, false, "nothing outside the prefixes"},
			simulation{"s3:ListBucket", policies.BucketARN(b.Name), listing(outsidePrefix), false, "no listing outside the prefixes"},
		)
	}
	return out
}

// checkBucketAccess simulates the role's access to one bucket with IAM's policy simulator, the bucket's
// own policy included as the resource policy, and the listing context IGV sends.
func checkBucketAccess(ctx context.Context, admin aws.Config, cfg Config, b Bucket, r *Report) {
	readName := "the role reads s3://" + b.Name + "/" + strings.Join(b.Prefixes, ", ") + " as IGV does"
	denyName := "the role cannot write, delete, or read outside s3://" + b.Name + "/" + strings.Join(b.Prefixes, ", ")
	s3c := s3.NewFromConfig(admin, func(o *s3.Options) { o.Region = cfg.AWSRegion })
	var resourcePolicy *string
	pol, err := s3c.GetBucketPolicy(ctx, &s3.GetBucketPolicyInput{Bucket: aws.String(b.Name)})
	var api smithy.APIError
	switch {
	case err == nil:
		resourcePolicy = pol.Policy
	case errors.As(err, &api) && api.ErrorCode() == "NoSuchBucketPolicy":
	default:
		r.fail(readName, "GetBucketPolicy "+b.Name+": "+awsError(err), adminFix(err), EntryAccessDenied)
		return
	}
	client := iam.NewFromConfig(admin)
	var wrongReads, wrongDenies []string
	for _, s := range simulations(b) {
		in := &iam.SimulatePrincipalPolicyInput{
			PolicySourceArn: aws.String(cfg.AWSCognitoRoleARN), ActionNames: []string{s.action}, ResourceArns: []string{s.resource},
			ResourcePolicy: resourcePolicy,
		}
		for _, k := range sortedKeys(s.context) {
			typ := iamtypes.ContextKeyTypeEnumString
			if k == "aws:SecureTransport" {
				typ = iamtypes.ContextKeyTypeEnumBoolean
			}
			in.ContextEntries = append(in.ContextEntries, iamtypes.ContextEntry{ContextKeyName: aws.String(k), ContextKeyType: typ, ContextKeyValues: []string{s.context[k]}})
		}
		out, err := client.SimulatePrincipalPolicy(ctx, in)
		if err != nil {
			r.fail(readName, "SimulatePrincipalPolicy: "+awsError(err), adminFix(err), EntryAccessDenied)
			return
		}
		allowed := len(out.EvaluationResults) == 1 && out.EvaluationResults[0].EvalDecision == iamtypes.PolicyEvaluationDecisionTypeAllowed
		decision := "no answer"
		if len(out.EvaluationResults) > 0 {
			decision = string(out.EvaluationResults[0].EvalDecision)
		}
		line := fmt.Sprintf("%s on %s%s is %s (%s)", s.action, s.resource, contextText(s.context), decision, s.why)
		switch {
		case s.allowed && !allowed:
			wrongReads = append(wrongReads, line)
		case !s.allowed && allowed:
			wrongDenies = append(wrongDenies, line)
		}
	}
	if len(wrongReads) > 0 {
		r.fail(readName, strings.Join(wrongReads, "; "), "add the bucket (and prefixes) to the stack's buckets config and run pulumi up; a bucket policy or KMS key policy must not deny the role", EntryAccessDenied)
	} else {
		r.pass(readName, "GetObject and the delimiter listing allowed")
	}
	if len(wrongDenies) > 0 {
		r.fail(denyName, strings.Join(wrongDenies, "; "), "remove the policies added to the role or the bucket outside the stack, and run pulumi up", EntryRoleTooBroad)
	} else {
		r.pass(denyName, "PutObject, DeleteObject and reads outside the prefixes denied")
	}
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func contextText(ctx map[string]string) string {
	if _, ok := ctx["s3:prefix"]; !ok {
		return ""
	}
	return fmt.Sprintf(" with s3:prefix %q", ctx["s3:prefix"])
}

// checkBucketRegion checks the bucket is in aws_region: IGV signs every S3 request for that region only.
func checkBucketRegion(ctx context.Context, admin aws.Config, cfg Config, b Bucket, r *Report) {
	name := "s3://" + b.Name + " is in " + cfg.AWSRegion
	s3c := s3.NewFromConfig(admin, func(o *s3.Options) { o.Region = cfg.AWSRegion })
	out, err := s3c.GetBucketLocation(ctx, &s3.GetBucketLocationInput{Bucket: aws.String(b.Name)})
	if err != nil {
		r.fail(name, "GetBucketLocation: "+awsError(err), adminFix(err), EntryBucketRegion)
		return
	}
	region := string(out.LocationConstraint)
	if region == "" {
		region = "us-east-1" // S3's answer for its oldest region
	}
	if region != cfg.AWSRegion {
		r.fail(name, "the bucket is in "+region, "IGV signs S3 requests in aws_region only: copy the data to a bucket in "+cfg.AWSRegion+", or deploy a stack in "+region, EntryBucketRegion)
		return
	}
	r.pass(name, "GetBucketLocation: "+region)
}

// checkAnonymousRead GETs an object of the bucket without signing, as anyone on the internet could.
// It takes a real key (found by the admin's listing) because S3 answers a missing key differently.
func checkAnonymousRead(ctx context.Context, admin aws.Config, c *http.Client, cfg Config, b Bucket, key string, r *Report) {
	name := "an anonymous GET of s3://" + b.Name + " is denied"
	if key == "" {
		s3c := s3.NewFromConfig(admin, func(o *s3.Options) { o.Region = cfg.AWSRegion })
		prefix := ""
		if len(b.Prefixes) > 0 {
			prefix = b.Prefixes[0]
		}
		out, err := s3c.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String(b.Name), Prefix: aws.String(prefix), MaxKeys: aws.Int32(1)})
		if err != nil {
			r.fail(name, "ListObjectsV2 (to find an object to try): "+awsError(err), adminFix(err), EntryPublicObject)
			return
		}
		if len(out.Contents) == 0 {
			r.pass(name, "no object under "+prefix+" to try")
			return
		}
		key = aws.ToString(out.Contents[0].Key)
	}
	u := "https://" + b.Name + ".s3." + cfg.AWSRegion + ".amazonaws.com/" + (&url.URL{Path: key}).EscapedPath()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		r.fail(name, err.Error(), "", EntryPublicObject)
		return
	}
	req.Header.Set("Range", "bytes=0-0")
	resp, err := c.Do(req)
	if err != nil {
		r.fail(name, "GET "+u+": "+err.Error(), "check the network path to S3", EntryPublicObject)
		return
	}
	resp.Body.Close()
	if resp.StatusCode == http.StatusOK || resp.StatusCode == http.StatusPartialContent {
		r.fail(name, "GET "+u+" without credentials answered "+resp.Status+": the object is public",
			"turn Block Public Access on for the bucket and remove public grants from its policy and ACLs", EntryPublicObject)
		return
	}
	r.pass(name, "GET "+key+" without credentials: "+resp.Status)
}
