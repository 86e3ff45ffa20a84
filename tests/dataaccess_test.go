package tests

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"igv-aws-backend/policies"
	"igv-aws-backend/policies/iamsim"
	"igv-aws-backend/stackconfig"
	"igv-aws-backend/synth"
)

// roleCan evaluates the authenticated role's policies for one request.
func roleCan(t *testing.T, docs []policies.Document, action, resource string, ctx map[string][]string) bool {
	t.Helper()
	d, err := iamsim.Evaluate(docs, iamsim.Request{Action: action, Resource: resource, Context: ctx})
	require.NoError(t, err)
	return d == iamsim.Allowed
}

func prefixCtx(p string) map[string][]string { return map[string][]string{"s3:prefix": {p}} }

func TestRoleCanListTheAccountsBucketsForIGVsMenu(t *testing.T) {
	forEachExample(t, func(t *testing.T, r *synth.Result) {
		docs := roleDocuments(t, r)
		assert.True(t, roleCan(t, docs, "s3:ListAllMyBuckets", "*", nil))
	})
}

func TestRoleReadsExactlyTheConfiguredBucketsAndPrefixes(t *testing.T) {
	forEachExample(t, func(t *testing.T, r *synth.Result) {
		cfg, err := stackconfig.Parse(r.Stack.Project, r.Stack.Name, r.Stack.Config)
		require.NoError(t, err)
		docs := roleDocuments(t, r)
		for _, b := range cfg.Buckets {
			arn := "arn:aws:s3:::" + b.Name
			if len(b.Prefixes) == 0 {
				assert.True(t, roleCan(t, docs, "s3:ListBucket", arn, prefixCtx("")), "%s: root listing", b.Name)
				assert.True(t, roleCan(t, docs, "s3:ListBucket", arn, nil), "%s: listing without a prefix", b.Name)
				assert.True(t, roleCan(t, docs, "s3:GetObject", arn+"/run1/sample.bam", nil), b.Name)
				assert.True(t, roleCan(t, docs, "s3:GetObject", arn+"/sample.cram.crai", nil), b.Name)
			} else {
				// IGV's browser walks from the root, one folder level at a time, to the granted prefixes.
				browse := func(prefix string) map[string][]string {
					return map[string][]string{"s3:prefix": {prefix}, "s3:delimiter": {"/"}}
				}
				assert.True(t, roleCan(t, docs, "s3:ListBucket", arn, browse("")), "%s: the root, one level", b.Name)
				for _, p := range b.Prefixes {
					first := p[:strings.Index(p, "/")+1]
					assert.True(t, roleCan(t, docs, "s3:ListBucket", arn, browse(first)), "%s: folder %s on the way", b.Name, first)
					assert.True(t, roleCan(t, docs, "s3:ListBucket", arn, browse(p)), "%s: list %s", b.Name, p)
					assert.True(t, roleCan(t, docs, "s3:ListBucket", arn, browse(p+"sub/")), "%s: list below %s", b.Name, p)
					assert.True(t, roleCan(t, docs, "s3:GetObject", arn+"/"+p+"x.vcf.gz", nil), "%s: read in %s", b.Name, p)
					assert.False(t, roleCan(t, docs, "s3:ListBucket", arn, prefixCtx(p)), "%s: %s without the delimiter", b.Name, p)
				}
				assert.False(t, roleCan(t, docs, "s3:ListBucket", arn, prefixCtx("")), "%s: the whole bucket at once", b.Name)
				assert.False(t, roleCan(t, docs, "s3:ListBucket", arn, nil), "%s: unconditioned listing", b.Name)
				assert.False(t, roleCan(t, docs, "s3:ListBucket", arn, browse("other/")), "%s: a sibling folder", b.Name)
				assert.False(t, roleCan(t, docs, "s3:ListBucket", arn, browse("releases/2025/")), "%s: a sibling below the way", b.Name)
				assert.False(t, roleCan(t, docs, "s3:GetObject", arn+"/other/x.bam", nil), "%s: outside the prefixes", b.Name)
				assert.False(t, roleCan(t, docs, "s3:GetObject", arn+"/x.bam", nil), "%s: bucket root", b.Name)
			}
			for _, write := range []string{"s3:PutObject", "s3:DeleteObject", "s3:DeleteObjectVersion", "s3:PutObjectAcl",
				"s3:PutBucketPolicy", "s3:DeleteBucket", "s3:GetBucketPolicy", "s3:GetObjectVersion", "s3:ListBucketVersions"} {
				res := arn
				if strings.Contains(write, "Object") {
					res = arn + "/" + firstOr(b.Prefixes, "") + "x.bam"
				}
				assert.False(t, roleCan(t, docs, write, res, nil), "%s on %s", write, b.Name)
			}
			if b.KMSKeyARN != "" {
				assert.True(t, roleCan(t, docs, "kms:Decrypt", b.KMSKeyARN, nil), "%s: its key", b.Name)
				assert.False(t, roleCan(t, docs, "kms:Encrypt", b.KMSKeyARN, nil))
				assert.False(t, roleCan(t, docs, "kms:GenerateDataKey", b.KMSKeyARN, nil))
			}
		}
		// Everything not configured stays closed.
		assert.False(t, roleCan(t, docs, "s3:ListBucket", "arn:aws:s3:::someone-elses-bucket", nil))
		assert.False(t, roleCan(t, docs, "s3:GetObject", "arn:aws:s3:::someone-elses-bucket/x.bam", nil))
		assert.False(t, roleCan(t, docs, "kms:Decrypt", "arn:aws:kms:eu-west-2:123456789012:key/other", nil))
		configBucket := outputString(t, r, "configBucket")
		assert.False(t, roleCan(t, docs, "s3:GetObject", "arn:aws:s3:::"+configBucket+"/oauth-config.json", nil))
		for _, a := range []string{"cognito-identity:GetId", "cognito-sync:ListDatasets", "mobileanalytics:PutEvents",
			"sts:AssumeRole", "iam:PassRole", "s3:GetBucketLocation"} {
			assert.False(t, roleCan(t, docs, a, "*", nil), "old guides grant %s; IGV needs none of it", a)
		}
	})
}

func TestRolePoliciesUseNoWildcardActionsAndNoStarResourceButListAllMyBuckets(t *testing.T) {
	forEachExample(t, func(t *testing.T, r *synth.Result) {
		for _, doc := range roleDocuments(t, r) {
			for _, s := range doc.Statement {
				assert.Equal(t, policies.Allow, s.Effect)
				for _, a := range s.Action {
					assert.NotContains(t, a, "*", "SH IAM.1/IAM.21: %s", a)
					assert.Contains(t, []string{"s3:ListAllMyBuckets", "s3:ListBucket", "s3:GetObject", "kms:Decrypt"}, a)
				}
				for _, res := range s.Resource {
					if res == "*" {
						assert.Equal(t, policies.Values{"s3:ListAllMyBuckets"}, s.Action,
							"CKV_AWS_355: * only where the action has no resource")
					}
				}
			}
		}
	})
}

func TestDecryptIsGrantedOnlyOnTheBucketsKeys(t *testing.T) {
	r := example(t, "dev")
	for _, doc := range roleDocuments(t, r) {
		for _, s := range doc.Statement {
			assert.NotContains(t, s.Action, "kms:Decrypt", "dev configures no KMS key, so the role gets no kms:Decrypt")
		}
	}
}

func TestDataPoliciesFitTheManagedPolicyQuota(t *testing.T) {
	forEachExample(t, func(t *testing.T, r *synth.Result) {
		ps := ofType(r, typePolicy)
		assert.LessOrEqual(t, len(ps), policies.DefaultMaxManagedPolicies)
		for _, p := range ps {
			doc, _ := input(p, "policy").(string)
			assert.LessOrEqual(t, policies.Size(doc), policies.ManagedPolicyMaxChars, p.Name)
			assert.NotContains(t, doc, "\n", "minified: IAM counts every character but whitespace, and stores what it gets")
		}
	})
}

func firstOr(s []string, def string) string {
	if len(s) == 0 {
		return def
	}
	return s[0]
}

func TestWithoutListAllBucketsTheRoleCannotListTheAccountsBucketsButReadsAsBefore(t *testing.T) {
	before := example(t, "prod")
	after := run(t, withConfig(exampleStack(t, "prod"), map[string]string{stackconfig.KeyListAllBuckets: "false"}))
	docs := roleDocuments(t, after)
	assert.False(t, roleCan(t, docs, "s3:ListAllMyBuckets", "*", nil))
	for _, res := range after.Resources {
		assert.NotEqual(t, "igv-identity-list-buckets", res.Name)
	}
	assert.Len(t, after.Resources, len(before.Resources)-1, "only the listing policy goes")
	assert.True(t, roleCan(t, docs, "s3:GetObject", "arn:aws:s3:::genomics-lab-wgs-2026/run1/sample.bam", nil))
}
