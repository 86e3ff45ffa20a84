// Package preflight checks, at preview, what a stack needs from the account but does not create:
// today, the access-log bucket. S3 takes a logging target that cannot receive logs without complaint
// and delivers nothing (the provider-truth tables' "the target's permissions are checked at delivery"),
// so the program reads the bucket through the provider's data sources and refuses before anything is
// registered, with the statement to add.
package preflight

import (
	"fmt"
	"strings"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/s3"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"igv-aws-backend/policies"
	"igv-aws-backend/stackconfig"
)

// AccessLogPrefix is where the stack's buckets deliver their server access logs in the log bucket.
const AccessLogPrefix = "s3/"

// Check reports every problem with what the configuration names in the account, as a
// *stackconfig.Error, or nil.
func Check(ctx *pulumi.Context, cfg *stackconfig.Config) error {
	var problems []stackconfig.Problem
	if cfg.AccessLogBucket != "" {
		problems = append(problems, checkLogBucket(ctx, cfg)...)
	}
	if len(problems) > 0 {
		return &stackconfig.Error{Stack: cfg.Stack, Problems: problems}
	}
	return nil
}

func checkLogBucket(ctx *pulumi.Context, cfg *stackconfig.Config) []stackconfig.Problem {
	name := cfg.AccessLogBucket
	problem := func(why, fix string) []stackconfig.Problem {
		return []stackconfig.Problem{{Key: stackconfig.KeyAccessLogBucket, Value: fmt.Sprintf("%q", name), Why: why, Fix: fix}}
	}
	bucket, err := s3.LookupBucket(ctx, &s3.LookupBucketArgs{Bucket: name})
	if err != nil {
		return problem("cannot be read: "+firstLine(err),
			"give an existing bucket of this account in "+cfg.Region+"; whoever runs pulumi needs s3:ListBucket on it")
	}
	if bucket.Region != cfg.Region {
		return problem("is in "+bucket.Region+", but S3 delivers server access logs only to a bucket in the logged bucket's Region ("+cfg.Region+")",
			"use a log bucket in "+cfg.Region)
	}
	doc, err := s3.LookupBucketPolicy(ctx, &s3.LookupBucketPolicyArgs{Bucket: name})
	if err != nil {
		return problem("has no bucket policy the stack can read ("+firstLine(err)+"); S3 would accept it as the logging target and deliver nothing",
			"add the statement of the README's 'Access logs' section to its bucket policy; whoever runs pulumi needs s3:GetBucketPolicy on it")
	}
	if !LetsLoggingServiceWrite(doc.Policy, name) {
		return problem("has a bucket policy that does not let logging.s3.amazonaws.com put objects under "+AccessLogPrefix+"; S3 would accept it as the logging target and deliver nothing",
			"add the statement of the README's 'Access logs' section to its bucket policy")
	}
	return nil
}

// LetsLoggingServiceWrite tells whether a bucket policy allows S3's logging service to write the stack's
// logs: an Allow of s3:PutObject for the service principal logging.s3.amazonaws.com on the log prefix.
// Conditions (aws:SourceAccount, aws:SourceArn) are the owner's to narrow and are not evaluated.
func LetsLoggingServiceWrite(policy, bucket string) bool {
	doc, err := policies.Parse(policy)
	if err != nil {
		return false
	}
	object := policies.BucketARN(bucket) + "/" + AccessLogPrefix + "igv-probe-object"
	for _, s := range doc.Statement {
		if s.Effect != policies.Allow || !anyMatch(s.Principal["Service"], "logging.s3.amazonaws.com") {
			continue
		}
		if anyMatch(s.Action, "s3:PutObject") && anyMatch(s.Resource, object) {
			return true
		}
	}
	return false
}

func anyMatch(patterns []string, value string) bool {
	for _, p := range patterns {
		if wildcardMatch(strings.ToLower(p), strings.ToLower(value)) {
			return true
		}
	}
	return false
}

// wildcardMatch applies IAM's wildcards: "*" any run of characters (including "/"), "?" one.
func wildcardMatch(pattern, s string) bool {
	if pattern == "" {
		return s == ""
	}
	switch pattern[0] {
	case '*':
		for i := 0; i <= len(s); i++ {
			if wildcardMatch(pattern[1:], s[i:]) {
				return true
			}
		}
		return false
	case '?':
		return s != "" && wildcardMatch(pattern[1:], s[1:])
	}
	return s != "" && s[0] == pattern[0] && wildcardMatch(pattern[1:], s[1:])
}

func firstLine(err error) string {
	msg, _, _ := strings.Cut(err.Error(), "\n")
	return msg
}
