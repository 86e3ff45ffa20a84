// Package preflight checks, at preview, what a stack needs but does not create: the access-log bucket,
// and room in Cognito's default email allowance for the users a deployment would invite. S3 takes a logging target that cannot receive logs without complaint
// and delivers nothing (the provider-truth tables' "the target's permissions are checked at delivery"),
// so the program reads the bucket through the provider's data sources and refuses before anything is
// registered, with the statement to add.
package preflight

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/s3"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"igv-aws-backend/policies"
	"igv-aws-backend/stackconfig"
)

// AccessLogPrefix is where the stack's buckets deliver their server access logs in the log bucket.
const AccessLogPrefix = "s3/"

// Check reports every problem with what the configuration names in the account, as a
// *stackconfig.Error, or nil, and what the last deployment left that the program must keep. sources are the buckets that will log into the access-log bucket: names,
// or a name pattern ending in "*" for an auto-named one.
func Check(ctx *pulumi.Context, cfg *stackconfig.Config, sources []string) (Findings, error) {
	var problems []stackconfig.Problem
	if cfg.AccessLogBucket != "" {
		problems = append(problems, checkLogBucket(ctx, cfg, sources)...)
	}
	last := &lastDeployment{ctx: ctx}
	problems = append(problems, checkInvitations(ctx, cfg, last)...)
	problems = append(problems, checkAuditLock(cfg, last)...)
	var found Findings
	var more []stackconfig.Problem
	found.DeployedCustomAttributes, more = deployedCustomAttributes(cfg, last)
	problems = append(problems, more...)
	if len(problems) > 0 {
		return Findings{}, &stackconfig.Error{Stack: cfg.Stack, Problems: problems}
	}
	return found, nil
}

func checkLogBucket(ctx *pulumi.Context, cfg *stackconfig.Config, sources []string) []stackconfig.Problem {
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
	for _, src := range sources {
		if !LetsLoggingServiceWrite(doc.Policy, name, src) {
			return problem("has a bucket policy that does not let logging.s3.amazonaws.com put the logs of "+src+" under "+
				AccessLogPrefix+src+"/; S3 would accept it as the logging target and deliver nothing",
				"add the statement of the README's 'Access logs' section to its bucket policy")
		}
	}
	return nil
}

// LetsLoggingServiceWrite tells whether a bucket policy lets S3's logging service write the logs of the
// source bucket (a name, or a pattern ending in "*") into the log bucket: an Allow of s3:PutObject for
// logging.s3.amazonaws.com on the source's log prefix, and no unconditional Deny of it. Conditions
// (aws:SourceAccount, aws:SourceArn) are the owner's to narrow and are not evaluated; a Deny with a
// condition (such as the usual TLS-only one) is taken not to apply to the logging service.
func LetsLoggingServiceWrite(policy, logBucket, source string) bool {
	stmts, err := parseStatements(policy)
	if err != nil {
		return false
	}
	object := policies.BucketARN(logBucket) + "/" + AccessLogPrefix + strings.ReplaceAll(source, "*", "0000000") + "/2026-11-30-06-00-00-0000000000000000"
	allowed := false
	for _, st := range stmts {
		if !st.forLoggingService() || !anyMatch(st.Action, "s3:PutObject") || !anyMatch(st.Resource, object) {
			continue
		}
		switch {
		case st.Effect == "Deny" && len(st.Condition) == 0:
			return false
		case st.Effect == "Allow":
			allowed = true
		}
	}
	return allowed
}

// statement is a bucket policy statement as AWS accepts it: one value or a list, a "*" principal.
// Statements with NotPrincipal, NotAction or NotResource are left out: none grants log delivery.
type statement struct {
	Effect       string          `json:"Effect"`
	Principal    json.RawMessage `json:"Principal"`
	Action       values          `json:"Action"`
	Resource     values          `json:"Resource"`
	Condition    json.RawMessage `json:"Condition"`
	NotPrincipal json.RawMessage `json:"NotPrincipal"`
	NotAction    json.RawMessage `json:"NotAction"`
	NotResource  json.RawMessage `json:"NotResource"`
}

func (s statement) forLoggingService() bool {
	if len(s.NotPrincipal) > 0 || len(s.NotAction) > 0 || len(s.NotResource) > 0 {
		return false
	}
	var any string
	if json.Unmarshal(s.Principal, &any) == nil {
		return any == "*"
	}
	var byType map[string]values
	if json.Unmarshal(s.Principal, &byType) != nil {
		return false
	}
	return anyMatch(byType["Service"], "logging.s3.amazonaws.com") || slices.Contains(byType["AWS"], "*")
}

type values []string

func (v *values) UnmarshalJSON(b []byte) error {
	var one string
	if err := json.Unmarshal(b, &one); err == nil {
		*v = values{one}
		return nil
	}
	var many []string
	err := json.Unmarshal(b, &many)
	*v = many
	return err
}

func parseStatements(policy string) ([]statement, error) {
	var doc struct {
		Statement json.RawMessage `json:"Statement"`
	}
	if err := json.Unmarshal([]byte(policy), &doc); err != nil {
		return nil, err
	}
	var many []statement
	if err := json.Unmarshal(doc.Statement, &many); err == nil {
		return many, nil
	}
	var one statement
	if err := json.Unmarshal(doc.Statement, &one); err != nil {
		return nil, err
	}
	return []statement{one}, nil
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
