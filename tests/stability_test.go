package tests

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"igv-aws-backend/stackconfig"
	"igv-aws-backend/synth"
)

// bucketsOf and usersOf read the example's structured config.
func bucketsOf(t *testing.T, st synth.Stack) []stackconfig.Bucket {
	var b []stackconfig.Bucket
	require.NoError(t, json.Unmarshal([]byte(st.Config[stackconfig.KeyBuckets]), &b))
	return b
}

func usersOf(t *testing.T, st synth.Stack) []stackconfig.User {
	var u []stackconfig.User
	require.NoError(t, json.Unmarshal([]byte(st.Config[stackconfig.KeyUsers]), &u))
	return u
}

// diff compares two syntheses by URN: resources only in before, only in after, and in both with
// different inputs.
func diff(t *testing.T, before, after *synth.Result) (removed, added, changed []string) {
	b, a := byURN(before), byURN(after)
	for urn, rb := range b {
		ra, ok := a[urn]
		if !ok {
			removed = append(removed, urn)
			continue
		}
		ob, oa := rb.Options, ra.Options
		if rb.Type == "igv:index:DestroyGuard" {
			// The guard depends on every resource: its list follows them, with no call to AWS.
			ob.DependsOn, oa.DependsOn = nil, nil
		}
		if mustJSON(t, rb.Inputs) != mustJSON(t, ra.Inputs) || mustJSON(t, ob) != mustJSON(t, oa) {
			changed = append(changed, urn)
		}
	}
	for urn := range a {
		if _, ok := b[urn]; !ok {
			added = append(added, urn)
		}
	}
	slices.Sort(removed)
	slices.Sort(added)
	slices.Sort(changed)
	return removed, added, changed
}

func names(urns []string) []string {
	out := make([]string, len(urns))
	for i, u := range urns {
		out[i] = u[strings.LastIndex(u, "::")+2:]
	}
	return out
}

func TestAddingABucketTouchesOnlyItsOwnResourcesAndOnePolicy(t *testing.T) {
	base := exampleStack(t, "prod")
	buckets := bucketsOf(t, base)
	added := append(slices.Clone(buckets), stackconfig.Bucket{Name: "genomics-lab-new-cohort", Create: true})
	after := run(t, withConfig(base, map[string]string{stackconfig.KeyBuckets: mustJSON(t, added)}))

	removed, newURNs, changed := diff(t, example(t, "prod"), after)
	assert.Empty(t, removed)
	for _, n := range names(newURNs) {
		if strings.HasPrefix(n, "igv-identity-data-") {
			continue // a data policy slot that was empty until now
		}
		assert.True(t, strings.HasPrefix(n, "igv-data-genomics-lab-new-cohort"), "only the new bucket's resources are added: %s", n)
	}
	// The one data policy the bucket lands in changes, and the audit trail's selectors follow the
	// buckets; the published objects are unchanged.
	var policiesChanged []string
	for _, urn := range changed {
		if strings.Contains(urn, "aws:iam/policy:Policy::igv-identity-data-") {
			policiesChanged = append(policiesChanged, urn)
			continue
		}
		if strings.Contains(urn, "aws:cloudtrail/trail:Trail::igv-audit") {
			continue
		}
		t.Errorf("unexpected change: %s", urn)
	}
	assert.LessOrEqual(t, len(policiesChanged)+countPrefix(names(newURNs), "igv-identity-data-")/2, 1,
		"at most one data policy is touched")
}

func TestReorderingBucketsAndUsersChangesNothing(t *testing.T) {
	base := exampleStack(t, "prod")
	buckets := bucketsOf(t, base)
	users := usersOf(t, base)
	slices.Reverse(buckets)
	slices.Reverse(users)
	after := run(t, withConfig(base, map[string]string{
		stackconfig.KeyBuckets: mustJSON(t, buckets), stackconfig.KeyUsers: mustJSON(t, users),
	}))
	removed, added, changed := diff(t, example(t, "prod"), after)
	assert.Empty(t, removed)
	assert.Empty(t, added)
	assert.Empty(t, changed)
}

func TestRemovingABucketRetainsItAndLeavesOthersUntouched(t *testing.T) {
	base := exampleStack(t, "prod")
	buckets := bucketsOf(t, base)
	var kept []stackconfig.Bucket
	for _, b := range buckets {
		if b.Name != "genomics-lab-wgs-2026" {
			kept = append(kept, b)
		}
	}
	before := example(t, "prod")
	after := run(t, withConfig(base, map[string]string{stackconfig.KeyBuckets: mustJSON(t, kept)}))
	removed, added, changed := diff(t, before, after)
	assert.Empty(t, added)
	all := byURN(before)
	for _, urn := range removed {
		res := all[urn]
		if res.Type == typeLogging {
			assert.False(t, res.Options.RetainOnDelete, "%s: logging into the stack's log bucket stops with the stack's management", urn)
			continue
		}
		if strings.HasPrefix(res.Name, "igv-data-genomics-lab-wgs-2026") && res.Type != "igv:storage:PrivateBucket" {
			assert.True(t, res.Options.RetainOnDelete, "%s leaves the stack but stays in AWS", urn)
			continue
		}
		if res.Type == "igv:storage:PrivateBucket" {
			continue
		}
		assert.True(t, strings.HasPrefix(res.Name, "igv-identity-data-"), "unexpected removal: %s", urn)
	}
	var policiesChanged int
	for _, urn := range changed {
		if strings.Contains(urn, "aws:cloudtrail/trail:Trail::igv-audit") {
			continue // the audit trail's selectors follow the buckets
		}
		assert.Contains(t, urn, "aws:iam/policy:Policy::igv-identity-data-", "unexpected change: %s", urn)
		policiesChanged++
	}
	assert.LessOrEqual(t, policiesChanged, 1)
}

func TestAddingAUserAddsOnlyThatUser(t *testing.T) {
	base := exampleStack(t, "prod")
	users := append(usersOf(t, base), stackconfig.User{Email: "new.postdoc@genomics-lab.example.org"})
	after := run(t, withConfig(base, map[string]string{stackconfig.KeyUsers: mustJSON(t, users)}))
	removed, added, changed := diff(t, example(t, "prod"), after)
	assert.Empty(t, removed)
	assert.Empty(t, changed)
	assert.Equal(t, []string{"igv-users-user-new.postdoc@genomics-lab.example.org"}, names(added))
}

func TestRemovingAUserRemovesOnlyThatUser(t *testing.T) {
	base := exampleStack(t, "prod")
	users := usersOf(t, base)[1:]
	after := run(t, withConfig(base, map[string]string{stackconfig.KeyUsers: mustJSON(t, users)}))
	removed, added, changed := diff(t, example(t, "prod"), after)
	assert.Empty(t, added)
	assert.Empty(t, changed)
	assert.Equal(t, []string{"igv-users-user-jane.doe@genomics-lab.example.org"}, names(removed))
}

func TestNoConfigEditReplacesTheUserPool(t *testing.T) {
	// Every config key that reaches the pool maps to a property Cognito updates in place; the one
	// property that would replace it, its name, comes from project and stack only.
	base := exampleStack(t, "prod")
	before := only(t, example(t, "prod"), typeUserPool)
	for key, value := range map[string]string{
		stackconfig.KeyMFA: "OPTIONAL", stackconfig.KeyPasswordMinLength: "20", stackconfig.KeyThreatProtection: "AUDIT",
		stackconfig.KeyDeletionProtection: "false", stackconfig.KeyDomainPrefix: "another-prefix",
		stackconfig.KeyClientSecret: "true", stackconfig.KeyCallbackPorts: "[60151]",
	} {
		after := only(t, run(t, withConfig(base, map[string]string{key: value})), typeUserPool)
		assert.Equal(t, before.URN, after.URN, key)
		for _, replacing := range []string{"name", "usernameAttributes", "aliasAttributes", "usernameConfiguration", "schemas"} {
			assert.Equal(t, mustJSON(t, before.Inputs[replacing]), mustJSON(t, after.Inputs[replacing]),
				"%s must not change %s, which forces a new pool", key, replacing)
		}
	}
}

func countPrefix(s []string, prefix string) int {
	n := 0
	for _, x := range s {
		if strings.HasPrefix(x, prefix) {
			n++
		}
	}
	return n
}
