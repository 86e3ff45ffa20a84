package tests

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestWorkflowsUseOnlyDocumentedStacksVariablesAndSecrets keeps the README's CI/CD setup complete: a
// workflow that needs a variable, secret or stack the README does not tell admins to create fails here.
func TestWorkflowsUseOnlyDocumentedStacksVariablesAndSecrets(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	require.NoError(t, err)
	files, err := filepath.Glob("../.github/workflows/*.yml")
	require.NoError(t, err)
	require.NotEmpty(t, files)

	var names []string
	refs := regexp.MustCompile(`\b(?:vars|secrets)\.([A-Z][A-Z0-9_]+)`)
	roleVars := regexp.MustCompile(`role_variable: ([A-Z][A-Z0-9_]+)`)
	stacks := regexp.MustCompile(`(?m)^\s+(?:- )?stack: (\w+)$|stack: \[([\w, ]+)\]`)
	for _, f := range files {
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		for _, m := range refs.FindAllStringSubmatch(string(b), -1) {
			names = append(names, m[1])
		}
		for _, m := range roleVars.FindAllStringSubmatch(string(b), -1) {
			names = append(names, m[1])
		}
		for _, m := range stacks.FindAllStringSubmatch(string(b), -1) {
			for _, s := range regexp.MustCompile(`\w+`).FindAllString(m[1]+" "+m[2], -1) {
				assert.FileExists(t, "../Pulumi."+s+".yaml", "%s uses stack %s", filepath.Base(f), s)
			}
		}
	}
	slices.Sort(names)
	names = slices.Compact(names)
	require.NotEmpty(t, names)
	for _, n := range names {
		assert.True(t, strings.Contains(string(readme), "`"+n+"`"), "the README's CI/CD section must document %s", n)
	}
}
