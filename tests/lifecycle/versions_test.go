package lifecycle

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"igv-aws-backend/tests/lifecycle/awsdouble"
	"igv-aws-backend/tests/providertruth"
)

// requiredVersion reads a module's version from a go.mod file.
func requiredVersion(t *testing.T, gomod, module string) string {
	t.Helper()
	b, err := os.ReadFile(gomod)
	require.NoError(t, err)
	m := regexp.MustCompile(`(?m)^\s*(?:require\s+)?` + regexp.QuoteMeta(module) + `\s+(v\S+)`).FindSubmatch(b)
	require.NotNil(t, m, "%s requires no %s", gomod, module)
	return string(m[1])
}

// The engine, the double and the tables must stand for the versions the product is built with.
func TestTheSuitesVersionsAreTheProducts(t *testing.T) {
	product := filepath.Join(repoRoot, "go.mod")
	sdk := requiredVersion(t, product, "github.com/pulumi/pulumi/sdk/v3")
	aws := requiredVersion(t, product, "github.com/pulumi/pulumi-aws/sdk/v6")
	assert.Equal(t, sdk, "v"+CLIVersion, "the CLI is built at the SDK's version")
	assert.Equal(t, sdk, requiredVersion(t, "go.mod", "github.com/pulumi/pulumi/pkg/v3"), "tests/lifecycle/go.mod pins pkg/v3 at the SDK's version")
	assert.Equal(t, aws, "v"+awsdouble.Version, "the double answers as the pulumi-aws version the SDK requests")
	assert.Equal(t, aws, providertruth.PulumiAWSVersion, "the tables describe that pulumi-aws")
}
