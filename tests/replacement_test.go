package tests

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"igv-aws-backend/stackconfig"
	"igv-aws-backend/synth"
	"igv-aws-backend/tests/providertruth"
)

// adminEdits are the config edits of the README's "Everyday administration" and settings, as changes
// to an example stack. The lifecycle suite (tests/lifecycle) makes the same edits on Pulumi's real engine.
func adminEdits(t *testing.T, st synth.Stack) map[string]map[string]string {
	buckets := bucketsOf(t, st)
	users := usersOf(t, st)
	edit := func(f func([]stackconfig.Bucket) []stackconfig.Bucket) string {
		return mustJSON(t, f(append([]stackconfig.Bucket(nil), buckets...)))
	}
	return map[string]map[string]string{
		"add an existing bucket": {stackconfig.KeyBuckets: edit(func(b []stackconfig.Bucket) []stackconfig.Bucket {
			return append(b, stackconfig.Bucket{Name: "genomics-lab-new-cohort"})
		})},
		"add a created bucket": {stackconfig.KeyBuckets: edit(func(b []stackconfig.Bucket) []stackconfig.Bucket {
			return append(b, stackconfig.Bucket{Name: "genomics-lab-new-cohort", Create: true})
		})},
		"remove the first bucket": {stackconfig.KeyBuckets: edit(func(b []stackconfig.Bucket) []stackconfig.Bucket { return b[1:] })},
		"add a prefix and a key": {stackconfig.KeyBuckets: edit(func(b []stackconfig.Bucket) []stackconfig.Bucket {
			b[0].Prefixes = []string{"runs/"}
			b[0].KMSKeyARN = "arn:aws:kms:eu-west-2:123456789012:key/0e3f6a52-8d7b-4c1e-9a0f-5b6c7d8e9f01"
			return b
		})},
		"add a user":               {stackconfig.KeyUsers: mustJSON(t, append(users, stackconfig.User{Email: "new.analyst@genomics-lab.example.org"}))},
		"remove a user":            {stackconfig.KeyUsers: mustJSON(t, users[1:])},
		"change a domain prefix":   {stackconfig.KeyDomainPrefix: "genomics-lab-igv-renamed"},
		"toggle the client secret": {stackconfig.KeyClientSecret: "true"},
		"change callback ports":    {stackconfig.KeyCallbackPorts: "[60151, 60155]"},
		"change mfa":               {stackconfig.KeyMFA: "ON"},
		"threat protection audit":  {stackconfig.KeyThreatProtection: "AUDIT"},
		"raise the policy quota":   {stackconfig.KeyMaxManagedPolicies: "20"},
		"access logging off":       {stackconfig.KeyAccessLogBucket: ""},
		"change tags":              {stackconfig.KeyTags: `{"environment": "other", "owner": "platform"}`},
		"protect off":              {stackconfig.KeyProtect: "false", stackconfig.KeyDeletionProtection: "false"},
	}
}

// neverReplaced reports resources whose replacement loses users, identities or data.
func neverReplaced(r synth.Resource) bool {
	switch r.Type {
	case typeUserPool, typeIdentityPool:
		return true
	case typeBucket:
		return strings.HasPrefix(r.Name, "igv-data-")
	}
	return false
}

// TestNoConfigEditReplacesThePoolsOrADataBucket diffs every admin edit by the provider-truth tables'
// ForceNew facts, as the provider would at preview.
func TestNoConfigEditReplacesThePoolsOrADataBucket(t *testing.T) {
	for _, name := range exampleStacks {
		base := exampleStack(t, name)
		before := byURN(example(t, name))
		for edit, changes := range adminEdits(t, base) {
			t.Run(name+"/"+edit, func(t *testing.T) {
				after := run(t, withConfig(base, changes))
				for _, res := range after.Resources {
					old, ok := before[res.URN]
					if !ok || !neverReplaced(res) {
						continue
					}
					_, replaces, err := providertruth.Changes(res.Type, plainInputs(old), plainInputs(res))
					require.NoError(t, err)
					assert.Empty(t, replaces, "%s would be replaced", res.URN)
				}
			})
		}
	}
}

// A data bucket's only replacing input is its name, which is also its resource name: nothing but a
// code change could replace one, and this test would show it.
func TestADataBucketSetsNoReplacingInputButItsName(t *testing.T) {
	forEachCreatedBucket(t, typeBucket, func(t *testing.T, r *synth.Result, bucket string, b synth.Resource) {
		table, ok := providertruth.Lookup(typeBucket)
		require.True(t, ok)
		for _, l := range providertruth.Leaves(table, plainInputs(b)) {
			if p, ok := table.Property(l.Path); ok && p.ForceNew {
				assert.Equal(t, "bucket", l.Path, "%s sets %s, which replaces the bucket when it changes", b.URN, l.Path)
			}
		}
		assert.Equal(t, "igv-data-"+input(b, "bucket").(string), b.Name)
	})
}
