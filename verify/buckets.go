package verify

import (
	"context"
	"errors"
	"fmt"
	"maps"
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
	"igv-aws-backend/policies/iamsim"
)

// Bucket is a data bucket the role must read, limited to Prefixes when there are any; or, with access
// tiers, another tier's bucket the role must not read at all (OtherTier).
type Bucket struct {
	Name     string
	Prefixes []string
	// OtherTier is the tier the bucket belongs to, when it is not the role's own.
	OtherTier string
}

// probeKey is an object name no deployment holds: the simulation needs a key, not an object.
const probeKey = "igv-verify-probe.bam"

// outsidePrefix is a folder outside every granted prefix.
const outsidePrefix = "igv-verify-outside-the-granted-prefixes/"

// simulation is one question: may the role do action on resource, with these condition keys?
type simulation struct {
	action, resource string
	context          map[string]string
	allowed          bool // what the answer must be
	why              string
}

// simulations are the questions for one bucket: IGV's reads and listings are allowed (the folders on the
// way to a prefix included, which IGV's browser lists one level at a time), everything else is denied.
func simulations(b Bucket, region string) []simulation {
	base := map[string]string{"aws:SecureTransport": "true", "aws:RequestedRegion": region}
	listing := func(prefix string) map[string]string {
		ctx := maps.Clone(base)
		ctx["s3:prefix"], ctx["s3:delimiter"] = prefix, "/"
		return ctx
	}
	object := func(key string) string { return "arn:aws:s3:::" + b.Name + "/" + key }
	if b.OtherTier != "" {
		// The root and, where the other tier reads only some prefixes, each of them: a grant that leaks
		// one prefix shows there, not at the root.
		why := "the bucket is tier " + b.OtherTier + "'s"
		var out []simulation
		for _, p := range append([]string{""}, b.Prefixes...) {
			out = append(out,
				simulation{"s3:GetObject", object(p + probeKey), base, false, why},
				simulation{"s3:ListBucket", policies.BucketARN(b.Name), listing(p), false, why},
			)
		}
		return out
	}
	var out []simulation
	prefixes := b.Prefixes
	if len(prefixes) == 0 {
		prefixes = []string{""}
	}
	listed := map[string]bool{}
	for _, p := range prefixes {
		out = append(out,
			simulation{"s3:GetObject", object(p + probeKey), base, true, "IGV reads " + p + "*"},
			simulation{"s3:PutObject", object(p + probeKey), base, false, "no writes"},
			simulation{"s3:DeleteObject", object(p + probeKey), base, false, "no deletes"},
		)
		for _, level := range append(folders(p), p) {
			if !listed[level] {
				listed[level] = true
				out = append(out, simulation{"s3:ListBucket", policies.BucketARN(b.Name), listing(level), true, fmt.Sprintf("IGV lists %q with delimiter /", level)})
			}
		}
	}
	if len(b.Prefixes) > 0 {
		out = append(out,
			simulation{"s3:GetObject", object(outsidePrefix + probeKey), base, false, "nothing outside the prefixes"},
			simulation{"s3:ListBucket", policies.BucketARN(b.Name), listing(outsidePrefix), false, "no listing outside the prefixes"},
		)
	}
	return out
}

// folders are the levels above a prefix: "releases/2026/" gives "" and "releases/".
func folders(prefix string) []string {
	out := []string{""}
	for i := 0; i < len(prefix)-1; i++ {
		if prefix[i] == '/' {
			out = append(out, prefix[:i+1])
		}
	}
	if prefix == "" {
		return nil
	}
	return out
}

// simulate asks IAM's policy simulator about the role's own policies (its permissions boundary and any
// SCP included), one call per set of condition keys. The simulator evaluates a resource policy only for
// IAM users, so bucket policies are evaluated here instead (bucketDecision).
func simulate(ctx context.Context, client *iam.Client, roleARN string, sims []simulation) (map[string]iamtypes.EvaluationResult, error) {
	groups := map[string][]simulation{}
	var order []string
	for _, s := range sims {
		k := contextKey(s.context)
		if _, ok := groups[k]; !ok {
			order = append(order, k)
		}
		groups[k] = append(groups[k], s)
	}
	results := map[string]iamtypes.EvaluationResult{}
	for _, k := range order {
		group := groups[k]
		in := &iam.SimulatePrincipalPolicyInput{PolicySourceArn: aws.String(roleARN)}
		for _, s := range group {
			if !slices.Contains(in.ActionNames, s.action) {
				in.ActionNames = append(in.ActionNames, s.action)
			}
			if !slices.Contains(in.ResourceArns, s.resource) {
				in.ResourceArns = append(in.ResourceArns, s.resource)
			}
		}
		for _, key := range sortedKeys(group[0].context) {
			typ := iamtypes.ContextKeyTypeEnumString
			if key == "aws:SecureTransport" {
				typ = iamtypes.ContextKeyTypeEnumBoolean
			}
			in.ContextEntries = append(in.ContextEntries, iamtypes.ContextEntry{ContextKeyName: aws.String(key), ContextKeyType: typ, ContextKeyValues: []string{group[0].context[key]}})
		}
		p := iam.NewSimulatePrincipalPolicyPaginator(client, in)
		for p.HasMorePages() {
			out, err := p.NextPage(ctx)
			if err != nil {
				return nil, err
			}
			for _, e := range out.EvaluationResults {
				results[k+"|"+aws.ToString(e.EvalActionName)+"|"+aws.ToString(e.EvalResourceName)] = e
			}
		}
	}
	return results, nil
}

func contextKey(ctx map[string]string) string {
	var b strings.Builder
	for _, k := range sortedKeys(ctx) {
		b.WriteString(k + "=" + ctx[k] + ";")
	}
	return b.String()
}

// bucketDecision evaluates the bucket's policy for the role: whether it allows or explicitly denies s.
func bucketDecision(doc *policies.Document, roleARN string, s simulation) (iamsim.Decision, error) {
	if doc == nil {
		return iamsim.ImplicitDeny, nil
	}
	ctx := map[string][]string{}
	for k, v := range s.context {
		ctx[k] = []string{v}
	}
	return iamsim.Evaluate([]policies.Document{*doc}, iamsim.Request{PrincipalType: "AWS", Principal: roleARN, Action: s.action, Resource: s.resource, Context: ctx})
}

// checkBucketAccess answers, for one bucket, whether the role reads it as IGV does and nothing more: the
// role's own policies by IAM's policy simulator, the bucket's policy by policies/iamsim, combined as IAM
// combines them within one account (an explicit deny in either wins; an allow in either suffices).
func checkBucketAccess(ctx context.Context, admin aws.Config, cfg Config, b Bucket, r *Report) {
	readName := "the role reads s3://" + b.Name + "/" + strings.Join(b.Prefixes, ", ") + " as IGV does"
	denyName := "the role cannot write, delete, or read outside s3://" + b.Name + "/" + strings.Join(b.Prefixes, ", ")
	denyFix, denyEntry := "remove the policies added to the role or the bucket outside the stack, and run pulumi up", EntryRoleTooBroad
	if b.OtherTier != "" {
		readName = "the role cannot read s3://" + b.Name + ", tier " + b.OtherTier + "'s bucket"
		denyName = readName
		denyFix, denyEntry = "remove what grants the role the other tier's bucket (a policy added outside the stack, or a bucket policy naming the role), and run pulumi up", EntryTierLeak
	}
	s3c := s3.NewFromConfig(admin, func(o *s3.Options) { o.Region = cfg.AWSRegion })
	var doc *policies.Document
	note := ""
	pol, err := s3c.GetBucketPolicy(ctx, &s3.GetBucketPolicyInput{Bucket: aws.String(b.Name)})
	var api smithy.APIError
	switch {
	case err == nil:
		if d, err := policies.Parse(aws.ToString(pol.Policy)); err == nil {
			doc = &d
		} else {
			note = "; the bucket policy was not evaluated (" + err.Error() + ")"
		}
	case errors.As(err, &api) && api.ErrorCode() == "NoSuchBucketPolicy":
	default:
		entry, fix := adminProblem(err, EntryAccessDenied)
		r.fail(readName, "GetBucketPolicy "+b.Name+": "+awsError(err), fix, entry)
		return
	}
	sims := simulations(b, cfg.AWSRegion)
	results, err := simulate(ctx, iam.NewFromConfig(admin), cfg.AWSCognitoRoleARN, sims)
	if err != nil {
		entry, fix := adminProblem(err, EntryAccessDenied)
		r.fail(readName, "SimulatePrincipalPolicy: "+awsError(err), fix, entry)
		return
	}
	var wrongReads, wrongDenies []string
	for _, s := range sims {
		e, ok := results[contextKey(s.context)+"|"+s.action+"|"+s.resource]
		identity := "no answer"
		if ok {
			identity = string(e.EvalDecision)
		}
		bucket, err := bucketDecision(doc, cfg.AWSCognitoRoleARN, s)
		if err != nil && note == "" {
			note = "; the bucket policy was not evaluated (" + err.Error() + ")"
		}
		allowed := identity != string(iamtypes.PolicyEvaluationDecisionTypeExplicitDeny) && bucket != iamsim.ExplicitDeny &&
			(identity == string(iamtypes.PolicyEvaluationDecisionTypeAllowed) || bucket == iamsim.Allowed)
		if allowed == s.allowed {
			continue
		}
		line := fmt.Sprintf("%s on %s%s: the role's policies say %s, the bucket policy %s (%s)", s.action, s.resource, contextText(s.context), identity, bucket, s.why)
		if ok && len(e.MissingContextValues) > 0 {
			line += "; the simulator lacked " + strings.Join(e.MissingContextValues, ", ")
		}
		if s.allowed {
			wrongReads = append(wrongReads, line)
		} else {
			wrongDenies = append(wrongDenies, line)
		}
	}
	if b.OtherTier != "" {
		if len(wrongDenies) > 0 {
			r.fail(denyName, strings.Join(wrongDenies, "; ")+note, denyFix, denyEntry)
		} else {
			r.pass(denyName, "GetObject and listing denied"+note)
		}
		return
	}
	if len(wrongReads) > 0 {
		r.fail(readName, strings.Join(wrongReads, "; ")+note, "add the bucket (and prefixes) to the stack's buckets config and run pulumi up; no bucket policy, SCP or boundary may deny the role", EntryAccessDenied)
	} else {
		r.pass(readName, "GetObject and IGV's listings allowed"+note)
	}
	if len(wrongDenies) > 0 {
		r.fail(denyName, strings.Join(wrongDenies, "; ")+note, denyFix, denyEntry)
	} else {
		r.pass(denyName, "PutObject, DeleteObject and reads outside the prefixes denied"+note)
	}
}

// checkListAllBuckets simulates IGV's Amazon > Load from S3 (ListBuckets): allowed exactly when the
// stack's listAllBuckets is on.
func checkListAllBuckets(ctx context.Context, admin aws.Config, cfg Config, want bool, r *Report) {
	name := "the role may list the account's buckets (listAllBuckets: true)"
	if !want {
		name = "the role may not list the account's buckets (listAllBuckets: false)"
	}
	s := simulation{"s3:ListAllMyBuckets", "*", map[string]string{"aws:SecureTransport": "true", "aws:RequestedRegion": cfg.AWSRegion}, want, "IGV's Amazon > Load from S3"}
	results, err := simulate(ctx, iam.NewFromConfig(admin), cfg.AWSCognitoRoleARN, []simulation{s})
	if err != nil {
		entry, fix := adminProblem(err, EntryAccessDenied)
		r.fail(name, "SimulatePrincipalPolicy: "+awsError(err), fix, entry)
		return
	}
	got := string(results[contextKey(s.context)+"|s3:ListAllMyBuckets|*"].EvalDecision)
	if (got == string(iamtypes.PolicyEvaluationDecisionTypeAllowed)) != want {
		entry := EntryAccessDenied
		if !want {
			entry = EntryRoleTooBroad
		}
		r.fail(name, "s3:ListAllMyBuckets is "+got, "run pulumi up: the stack grants it exactly when listAllBuckets is true", entry)
		return
	}
	r.pass(name, "s3:ListAllMyBuckets is "+got)
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
// S3 answers GetBucketLocation for any bucket in us-east-1, so the question never depends on the answer.
func checkBucketRegion(ctx context.Context, admin aws.Config, cfg Config, b Bucket, r *Report) bool {
	name := "s3://" + b.Name + " is in " + cfg.AWSRegion
	s3c := s3.NewFromConfig(admin, func(o *s3.Options) { o.Region = "us-east-1" })
	out, err := s3c.GetBucketLocation(ctx, &s3.GetBucketLocationInput{Bucket: aws.String(b.Name)})
	if err != nil {
		entry, fix := adminProblem(err, EntryBucketRegion)
		r.fail(name, "GetBucketLocation: "+awsError(err), fix, entry)
		return false
	}
	region := string(out.LocationConstraint)
	switch region {
	case "":
		region = "us-east-1" // S3's answer for its oldest region
	case "EU":
		region = "eu-west-1" // the legacy name of buckets created there long ago
	}
	if region != cfg.AWSRegion {
		r.fail(name, "the bucket is in "+region+" (its other checks are skipped)", "IGV signs S3 requests in aws_region only: copy the data to a bucket in "+cfg.AWSRegion+", or deploy a stack in "+region, EntryBucketRegion)
		return false
	}
	r.pass(name, "GetBucketLocation: "+region)
	return true
}

// checkAnonymousRead GETs an object of the bucket without signing, as anyone on the internet could.
// It takes a real, non-empty object (found by the admin's listing): S3 answers a missing key or a
// ranged read of an empty one differently, and only a 403 proves the denial.
func checkAnonymousRead(ctx context.Context, admin aws.Config, c *http.Client, cfg Config, b Bucket, key string, r *Report) {
	name := "an anonymous GET of s3://" + b.Name + " is denied"
	if key == "" {
		s3c := s3.NewFromConfig(admin, func(o *s3.Options) { o.Region = cfg.AWSRegion })
		prefix := ""
		if len(b.Prefixes) > 0 {
			prefix = b.Prefixes[0]
		}
		out, err := s3c.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String(b.Name), Prefix: aws.String(prefix), MaxKeys: aws.Int32(100)})
		if err != nil {
			entry, fix := adminProblem(err, EntryPublicObject)
			r.fail(name, "ListObjectsV2 (to find an object to try): "+awsError(err), fix, entry)
			return
		}
		for _, o := range out.Contents {
			if aws.ToInt64(o.Size) > 0 && !strings.HasSuffix(aws.ToString(o.Key), "/") {
				key = aws.ToString(o.Key)
				break
			}
		}
		if key == "" {
			r.pass(name, "no non-empty object among the first 100 under "+prefix+" to try")
			return
		}
	}
	u := "https://" + b.Name + ".s3." + cfg.AWSRegion + ".amazonaws.com/" + (&url.URL{Path: key}).EscapedPath()
	if strings.Contains(b.Name, ".") {
		// A dotted name does not match S3's wildcard certificate: path style, as the SDK does.
		u = "https://s3." + cfg.AWSRegion + ".amazonaws.com/" + b.Name + "/" + (&url.URL{Path: key}).EscapedPath()
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		r.fail(name, err.Error(), "", EntryPublicObject)
		return
	}
	req.Header.Set("Range", "bytes=0-0")
	resp, err := c.Do(req)
	if err != nil {
		r.fail(name, "GET "+u+": "+err.Error(), "check the network path to S3, then run verify again", EntryPublicObject)
		return
	}
	resp.Body.Close()
	switch {
	case resp.StatusCode == http.StatusForbidden:
		r.pass(name, "GET "+key+" without credentials: "+resp.Status)
	case resp.StatusCode == http.StatusBadRequest:
		// SSE-KMS objects refuse unsigned requests outright.
		r.pass(name, "GET "+key+" without credentials: "+resp.Status+" (S3 refuses unsigned reads of KMS-encrypted objects)")
	case resp.StatusCode == http.StatusOK || resp.StatusCode == http.StatusPartialContent:
		r.fail(name, "GET "+u+" without credentials answered "+resp.Status+": the object is public",
			"turn Block Public Access on for the bucket and remove public grants from its policy and ACLs", EntryPublicObject)
	case resp.StatusCode == http.StatusMovedPermanently:
		r.fail(name, "GET "+u+" answered "+resp.Status+": the bucket is not in "+cfg.AWSRegion+", so the denial could not be tested",
			"keep IGV's data in buckets of aws_region", EntryBucketRegion)
	default:
		r.fail(name, "GET "+u+" without credentials answered "+resp.Status+": neither a denial nor a read, so nothing was proven",
			"run verify again; if it persists, try the GET by hand", EntryPublicObject)
	}
}
