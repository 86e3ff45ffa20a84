package tests

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"igv-aws-backend/synth"
)

// A pool holds one prefix domain: a new prefix must delete the old domain before creating the new one.
func TestTheHostedUIDomainIsReplacedDeleteFirst(t *testing.T) {
	forEachExample(t, func(t *testing.T, r *synth.Result) {
		assert.True(t, only(t, r, typeUserPoolDomain).Options.DeleteBeforeReplace)
	})
}

// An identity pool has one roles configuration: the old attachment's delete would clear the new one's.
func TestTheRoleAttachmentIsReplacedDeleteFirst(t *testing.T) {
	forEachExample(t, func(t *testing.T, r *synth.Result) {
		assert.True(t, only(t, r, typeRoleAttachment).Options.DeleteBeforeReplace)
	})
}

func TestThePoolsAreProtectedAsConfigured(t *testing.T) {
	for name, want := range map[string]bool{"dev": false, "prod": true} {
		r := example(t, name)
		assert.Equal(t, want, only(t, r, typeUserPool).Options.Protect, name)
		assert.Equal(t, want, only(t, r, typeIdentityPool).Options.Protect, name+": a new identity pool gives every user a new identity id")
	}
}

// Pulumi checks protect only when a delete reaches a protected resource, after deleting what depends on
// it: the guard depends on every resource, so `pulumi destroy` reaches it first and stops there.
func TestTheDestroyGuardDependsOnEveryResourceAndFollowsProtect(t *testing.T) {
	for name, protect := range map[string]bool{"dev": false, "prod": true} {
		r := example(t, name)
		var guard synth.Resource
		var custom []string
		for _, res := range r.Resources {
			if res.Type == "igv:index:DestroyGuard" {
				guard = res
			}
			if strings.HasPrefix(res.Type, "aws:") {
				custom = append(custom, res.URN)
			}
		}
		require.NotEmpty(t, guard.URN, name)
		assert.Equal(t, protect, guard.Options.Protect, name)
		assert.ElementsMatch(t, custom, guard.Options.DependsOn, "%s: the guard waits for every resource", name)
	}
}
