package lambdazip

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"debug/elf"
	"io"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestTheGateBuildsToTheSameBytesEveryTime(t *testing.T) {
	if testing.Short() {
		t.Skip("cross-compiles the gate for linux/arm64")
	}
	first, err := Build(context.Background(), "..", "igv-aws-backend/gate/function")
	require.NoError(t, err)
	second, err := Build(context.Background(), "..", "igv-aws-backend/gate/function")
	require.NoError(t, err)
	assert.Equal(t, sha256.Sum256(first), sha256.Sum256(second), "two builds of the same source differ")

	zr, err := zip.NewReader(bytes.NewReader(first), int64(len(first)))
	require.NoError(t, err)
	require.Len(t, zr.File, 1, "the package holds only the executable")
	f := zr.File[0]
	assert.Equal(t, Handler, f.Name)
	assert.Equal(t, "-rwxr-xr-x", f.Mode().String(), "Lambda runs bootstrap: it must be executable")
	assert.True(t, f.Modified.Equal(epoch), "no build time in the package")
	rc, err := f.Open()
	require.NoError(t, err)
	binary, err := io.ReadAll(rc)
	require.NoError(t, err)
	exe, err := elf.NewFile(bytes.NewReader(binary))
	require.NoError(t, err, "a Linux executable")
	assert.Equal(t, elf.EM_AARCH64, exe.Machine, "built for Lambda's arm64")
	assert.NotContains(t, string(binary), "/work/main", "no build machine paths (-trimpath)")
}

func TestZipIsAFunctionOfItsInputOnly(t *testing.T) {
	a, err := Zip([]byte("\x7fELF fake executable"))
	require.NoError(t, err)
	b, err := Zip([]byte("\x7fELF fake executable"))
	require.NoError(t, err)
	assert.Equal(t, a, b)
	c, err := Zip([]byte("\x7fELF another executable"))
	require.NoError(t, err)
	assert.NotEqual(t, a, c)
}

func TestABuildErrorNamesThePackageAndGoesOn(t *testing.T) {
	_, err := Build(context.Background(), "..", "igv-aws-backend/no/such/package")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "igv-aws-backend/no/such/package")
}

// Cached builds once per process: the second call returns the first call's package, without a build.
func TestCachedBuildsOncePerProcess(t *testing.T) {
	first, err := Cached(context.Background(), "..", "igv-aws-backend/gate/function")
	require.NoError(t, err)
	second, err := Cached(context.Background(), "../lambdazip/..", "igv-aws-backend/gate/function")
	require.NoError(t, err)
	assert.Same(t, &first[0], &second[0], "the same package, not a second build")
	_, err = Cached(context.Background(), "..", "igv-aws-backend/no/such/package")
	assert.Error(t, err, "a failed build is not cached as a success")
}
