package tests

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"igv-aws-backend/components"
	"igv-aws-backend/policies"
	"igv-aws-backend/policies/iamsim"
	"igv-aws-backend/stackconfig"
	"igv-aws-backend/synth"
	"igv-aws-backend/tests/providertruth"
)

// createdBuckets are the data buckets an example stack creates, by name.
var createdBuckets = map[string][]string{
	"dev":  {"genomics-lab-igv-dev-scratch"},
	"prod": {"genomics-lab-wgs-2026"},
}

// existingBuckets are the buckets an example stack only grants access to.
var existingBuckets = map[string][]string{
	"dev":  {"genomics-lab-reference-genomes"},
	"prod": {"genomics-lab-clinical-exomes", "genomics-lab-reference-genomes"},
}

// forEachCreatedBucket runs check for each data bucket the example stacks create, with the
// resource of the given type that configures it.
func forEachCreatedBucket(t *testing.T, typ string, check func(t *testing.T, r *synth.Result, bucket string, res synth.Resource)) {
	for _, stackName := range exampleStacks {
		r := example(t, stackName)
		for _, bucket := range createdBuckets[stackName] {
			t.Run(stackName+"/"+bucket, func(t *testing.T) {
				res := forBucket(t, r, typ, bucket)
				check(t, r, bucket, res)
			})
		}
	}
}

// forBucket finds the one resource of a type that configures the named bucket.
func forBucket(t *testing.T, r *synth.Result, typ, bucket string) synth.Resource {
	t.Helper()
	var found []synth.Resource
	for _, res := range ofType(r, typ) {
		if input(res, "bucket") == bucket {
			found = append(found, res)
		}
	}
	require.Len(t, found, 1, "one %s for bucket %s", typ, bucket)
	return found[0]
}

func TestCreatedBucketsBlockAllPublicAccess(t *testing.T) {
	forEachCreatedBucket(t, typePublicAccess, func(t *testing.T, _ *synth.Result, _ string, pab synth.Resource) {
		for _, setting := range []string{"blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"} {
			assert.Equal(t, true, input(pab, setting), "SH S3.1/S3.8: %s", setting)
		}
	})
}

func TestCreatedBucketsDisableACLs(t *testing.T) {
	forEachCreatedBucket(t, typeOwnership, func(t *testing.T, _ *synth.Result, _ string, own synth.Resource) {
		assert.Equal(t, "BucketOwnerEnforced", input(own, "rule", "objectOwnership"), "SH S3.12")
	})
}

func TestCreatedBucketsEncryptByDefaultWithTheConfiguredKey(t *testing.T) {
	dev := forBucket(t, example(t, "dev"), typeEncryption, "genomics-lab-igv-dev-scratch")
	assert.Equal(t, "AES256", input(dev, "rules", 0, "applyServerSideEncryptionByDefault", "sseAlgorithm"), "SSE-S3 by default")
	assert.Nil(t, input(dev, "rules", 0, "applyServerSideEncryptionByDefault", "kmsMasterKeyId"))

	prod := forBucket(t, example(t, "prod"), typeEncryption, "genomics-lab-wgs-2026")
	assert.Equal(t, "aws:kms", input(prod, "rules", 0, "applyServerSideEncryptionByDefault", "sseAlgorithm"))
	assert.Equal(t, "arn:aws:kms:eu-west-2:111122223333:key/5f0c8a8e-2b8e-4d53-9f6a-0b1d2c3e4f50",
		input(prod, "rules", 0, "applyServerSideEncryptionByDefault", "kmsMasterKeyId"))
	assert.Equal(t, true, input(prod, "rules", 0, "bucketKeyEnabled"))
}

func TestCreatedBucketsAreVersioned(t *testing.T) {
	forEachCreatedBucket(t, typeVersioning, func(t *testing.T, _ *synth.Result, _ string, v synth.Resource) {
		assert.Equal(t, "Enabled", input(v, "versioningConfiguration", "status"), "SH S3.14")
	})
}

func TestCreatedBucketsDenyRequestsWithoutTLS(t *testing.T) {
	forEachCreatedBucket(t, typeBucketPolicy, func(t *testing.T, r *synth.Result, bucket string, p synth.Resource) {
		doc := []policies.Document{policyDoc(t, p, "policy")}
		for _, secure := range []string{"false", "true"} {
			d, err := iamsim.Evaluate(doc, iamsim.Request{
				PrincipalType: "AWS", Principal: "arn:aws:iam::123456789012:role/igv/any",
				Action: "s3:GetObject", Resource: "arn:aws:s3:::" + bucket + "/x.bam",
				Context: map[string][]string{"aws:SecureTransport": {secure}},
			})
			require.NoError(t, err)
			if secure == "false" {
				assert.Equal(t, iamsim.ExplicitDeny, d, "SH S3.5: plain HTTP is denied")
			} else {
				assert.Equal(t, iamsim.ImplicitDeny, d, "the bucket policy grants nothing itself")
			}
		}
		assert.Len(t, doc[0].Statement, 1, "a data bucket's policy is the TLS-only statement, nothing else")
		assert.Contains(t, p.Options.DependsOn, forBucket(t, r, typePublicAccess, bucket).URN,
			"the policy waits for Block Public Access: S3 rejects concurrent changes")
	})
}

func TestCreatedBucketsAndTheirHardeningSurviveDestroy(t *testing.T) {
	for _, stackName := range exampleStacks {
		r := example(t, stackName)
		for _, bucket := range createdBuckets[stackName] {
			for _, typ := range []string{typeBucket, typePublicAccess, typeOwnership, typeEncryption, typeVersioning, typeBucketPolicy} {
				res := forBucket(t, r, typ, bucket)
				assert.True(t, res.Options.RetainOnDelete, "%s: retained on delete, so a retained bucket stays hardened", res.URN)
			}
			b := forBucket(t, r, typeBucket, bucket)
			assert.Equal(t, false, input(b, "forceDestroy"), "never emptied by Pulumi")
		}
	}
}

// Pulumi refuses to delete a protected resource before it looks at retainOnDelete, so a protected data
// bucket could not be removed from the config. Retained on delete, it never leaves AWS anyway.
func TestCreatedBucketsAreRetainedButNotProtected(t *testing.T) {
	forEachCreatedBucket(t, typeBucket, func(t *testing.T, r *synth.Result, bucket string, b synth.Resource) {
		assert.True(t, b.Options.RetainOnDelete)
		assert.False(t, b.Options.Protect, "removing the bucket from the config must work")
		assert.ElementsMatch(t, components.ReplacingInputs, b.Options.IgnoreChanges,
			"a change that would replace the bucket is ignored instead")
	})
}

// The ignored inputs are exactly those the provider-truth table says replace a bucket.
func TestDataBucketsIgnoreEveryReplacingInput(t *testing.T) {
	table, ok := providertruth.Lookup(typeBucket)
	require.True(t, ok)
	var forceNew []string
	for _, p := range table.Properties {
		if p.ForceNew {
			forceNew = append(forceNew, p.Path)
		}
	}
	assert.Subset(t, components.ReplacingInputs, forceNew, "every ForceNew input of the table is ignored on data buckets")
}

func TestExistingBucketsAreNeverModified(t *testing.T) {
	forEachExample(t, func(t *testing.T, r *synth.Result) {
		for _, bucket := range existingBuckets[r.Stack.Name] {
			for _, res := range r.Resources {
				assert.NotEqual(t, bucket, input(res, "bucket"), "%s would change existing bucket %s", res.URN, bucket)
			}
		}
		audit := 0
		if r.Outputs["auditLogBucket"] != nil {
			audit = 1
		}
		assert.Equal(t, len(createdBuckets[r.Stack.Name])+1+audit, len(ofType(r, typeBucket)),
			"the created data buckets, the config bucket and the audit log bucket, nothing else")
	})
}

func TestCreatedBucketsAreTaggedAndKeepTheirName(t *testing.T) {
	forEachCreatedBucket(t, typeBucket, func(t *testing.T, r *synth.Result, bucket string, b synth.Resource) {
		assert.Equal(t, "igv-data-"+bucket, b.Name, "named after the bucket, never a list position")
		assert.Equal(t, r.Stack.Name, input(b, "tags", "environment"))
	})
}

func TestProductionLogsAccessToItsBuckets(t *testing.T) {
	r := example(t, "prod")
	log := forBucket(t, r, typeLogging, "genomics-lab-wgs-2026")
	assert.Equal(t, "genomics-lab-access-logs-eu-west-2", input(log, "targetBucket"), "SH S3.9")
	assert.Equal(t, "s3/genomics-lab-wgs-2026/", input(log, "targetPrefix"))
	assert.False(t, log.Options.RetainOnDelete, "its delete is what turns logging off in AWS")
	assert.Empty(t, ofType(example(t, "dev"), typeLogging), "dev logs nothing")
}

// CloudFront's standard logs need ACLs on the log bucket, which the baseline switches off, and fail
// only at deploy time; the distribution serves public identifiers. Security exception in the README.
func TestTheConfigDistributionKeepsNoStandardLogs(t *testing.T) {
	forEachExample(t, func(t *testing.T, r *synth.Result) {
		assert.Nil(t, input(only(t, r, typeDistribution), "loggingConfig"))
	})
}

func TestAccessLoggingIsOffWithoutALogBucket(t *testing.T) {
	r := run(t, withConfig(exampleStack(t, "prod"), map[string]string{stackconfig.KeyAccessLogBucket: ""}))
	assert.Empty(t, ofType(r, typeLogging))
	assert.Nil(t, input(only(t, r, typeDistribution), "loggingConfig"))
}
