package tests

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/workspace"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"igv-aws-backend/stack"
	"igv-aws-backend/stackconfig"
	"igv-aws-backend/synth"
)

// synthCLI runs cmd/synth's command line in-process.
func synthCLI(args ...string) (code int, stdout, stderr string) {
	var out, errOut bytes.Buffer
	code = synth.CLI(map[string]synth.Program{stackconfig.Namespace: stack.Program},
		append([]string{"-project-dir", ".."}, args...), &out, &errOut)
	return code, out.String(), errOut.String()
}

func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	require.NoError(t, filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = b
		return err
	}))
	return files
}

func TestSynthWritesEveryFileAndTheSameBytesTwice(t *testing.T) {
	for _, name := range exampleStacks {
		t.Run(name, func(t *testing.T) {
			d1, d2 := t.TempDir(), t.TempDir()
			code, stdout, stderr := synthCLI("-stack", name, "-out", d1)
			require.Equal(t, 0, code, stderr)
			assert.Contains(t, stdout, "synthesized stack "+name)
			code, _, stderr = synthCLI("-stack", name, "-out", d2)
			require.Equal(t, 0, code, stderr)

			first, second := readTree(t, d1), readTree(t, d2)
			for _, f := range []string{"resources.json", "outputs.json", "oauth-config.json", "oauth-config.json.gz",
				"policies/igv-identity-authenticated-trust.json", "policies/igv-identity-list-buckets.json",
				"policies/igv-config-policy.json"} {
				assert.Contains(t, first, f)
			}
			assert.Equal(t, first, second, "two runs write identical bytes")
		})
	}
}

func TestSynthReplacesAnEarlierRunsPolicies(t *testing.T) {
	dir := t.TempDir()
	stale := filepath.Join(dir, "policies", "from-an-older-config.json")
	require.NoError(t, os.MkdirAll(filepath.Dir(stale), 0o755))
	require.NoError(t, os.WriteFile(stale, []byte("{}"), 0o644))
	code, _, stderr := synthCLI("-stack", "dev", "-out", dir)
	require.Equal(t, 0, code, stderr)
	assert.NoFileExists(t, stale, "a policy the stack no longer has must not linger in the output")
}

func TestSynthWithABadConfigListsEveryProblemAndWritesNothing(t *testing.T) {
	cfgFile := filepath.Join(t.TempDir(), "Pulumi.broken.yaml")
	require.NoError(t, os.WriteFile(cfgFile, []byte(`config:
  aws:region: eu-west-2
  igv-aws-backend:mfa: sometimes
  igv-aws-backend:passwordMinLength: 6
  igv-aws-backend:buckets:
    - name: Not_A_Bucket
`), 0o644))
	out := filepath.Join(t.TempDir(), "out")
	code, _, stderr := synthCLI("-stack", "broken", "-config", cfgFile, "-out", out)
	assert.Equal(t, 1, code)
	for _, key := range []string{stackconfig.KeyMFA, stackconfig.KeyPasswordMinLength, stackconfig.KeyBuckets + "[0].name"} {
		assert.Contains(t, stderr, key)
	}
	assert.Contains(t, stderr, "3 problems")
	assert.NoDirExists(t, out, "nothing written")
}

func TestSynthRejectsEncryptedConfigItCannotRead(t *testing.T) {
	cfgFile := filepath.Join(t.TempDir(), "Pulumi.secret.yaml")
	require.NoError(t, os.WriteFile(cfgFile, []byte(`config:
  aws:region: eu-west-2
  igv-aws-backend:buckets:
    secure: v1:AAAABBBBCCCC
`), 0o644))
	code, _, stderr := synthCLI("-stack", "secret", "-config", cfgFile, "-out", t.TempDir())
	assert.Equal(t, 1, code)
	assert.Contains(t, stderr, "cannot read secure")
}

func TestSynthUsage(t *testing.T) {
	code, _, stderr := synthCLI("-stack", "dev")
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, "usage: synth -stack NAME -out DIR")
}

// minimalStack loads a stack of the project in projectDir whose file sets only aws:region: every
// other key comes from Pulumi.yaml's defaults, applied the way the Pulumi CLI applies them.
func minimalStack(t *testing.T, projectDir string) synth.Stack {
	t.Helper()
	cfgFile := filepath.Join(t.TempDir(), "Pulumi.minimal.yaml")
	require.NoError(t, os.WriteFile(cfgFile, []byte("config:\n  aws:region: eu-west-2\n"), 0o644))
	st, err := synth.LoadStack(projectDir, "minimal", cfgFile)
	require.NoError(t, err)
	return st
}

func TestPulumiYamlDeclaresTheSameDefaultsAsTheProgram(t *testing.T) {
	st := minimalStack(t, "..")
	assert.Equal(t, stackconfig.Namespace, st.Project)
	for key, want := range stackconfig.Defaults {
		assert.Equal(t, want, st.Config[key], "Pulumi.yaml default of %s", key)
	}
	for _, key := range stackconfig.Keys {
		if key == stackconfig.KeyRegion {
			continue
		}
		_, declared := st.Config[key]
		if !declared {
			_, hasDefault := stackconfig.Defaults[key]
			assert.False(t, hasDefault, "%s has a Go default but none in Pulumi.yaml", key)
		}
	}
}

func TestPulumiYamlDeclaresEveryKeyTheProgramReads(t *testing.T) {
	project, err := workspace.LoadProject("../Pulumi.yaml")
	require.NoError(t, err)
	for _, key := range stackconfig.Keys {
		if key == stackconfig.KeyRegion {
			continue // the AWS provider's key, set per stack
		}
		name := key[len(stackconfig.Namespace)+1:]
		decl, ok := project.Config[name]
		if assert.True(t, ok, "Pulumi.yaml declares %s", name) {
			assert.NotEmpty(t, decl.Description, "%s has a description", name)
		}
	}
	assert.Len(t, project.Config, len(stackconfig.Keys)-1, "Pulumi.yaml declares no key the program ignores")
}
