// Package lambdazip builds a Go Lambda function the way the stack deploys it, reproducibly: the same
// source and Go toolchain give the same bytes, so `pulumi up` and the offline synth need no build step of
// their own and a deployment changes the function only when its code changes.
package lambdazip

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// Runtime and Architecture are the Lambda settings the package is built for.
const (
	Runtime      = "provided.al2023"
	Architecture = "arm64"
	// Handler is the executable the provided runtimes start.
	Handler = "bootstrap"
)

// epoch is every entry's modification time: the zip format's earliest date, never the build's.
var epoch = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)

// Build compiles the main package pkg (an import path, such as "igv-aws-backend/gate/function") of the
// module in moduleDir for Lambda on arm64, and returns the deployment package: a zip holding only the
// executable "bootstrap".
func Build(ctx context.Context, moduleDir, pkg string) ([]byte, error) {
	dir, err := os.MkdirTemp("", "lambdazip-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	out := filepath.Join(dir, Handler)
	// -trimpath and an empty build id remove the machine's paths and the build's identity from the
	// binary; lambda.norpc drops aws-lambda-go's RPC mode, which the provided runtimes never use.
	cmd := exec.CommandContext(ctx, "go", "build", "-trimpath", "-buildvcs=false", "-tags", "lambda.norpc",
		"-ldflags", "-s -w -buildid=", "-o", out, pkg)
	cmd.Dir = moduleDir
	cmd.Env = append(os.Environ(), "GOOS=linux", "GOARCH="+Architecture, "CGO_ENABLED=0", "GOFLAGS=-mod=readonly")
	if msg, err := cmd.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("lambdazip: go build %s: %w: %s", pkg, err, strings.TrimSpace(string(msg)))
	}
	binary, err := os.ReadFile(out)
	if err != nil {
		return nil, err
	}
	return Zip(binary)
}

// built holds Cached's packages by module directory and package.
var built = struct {
	sync.Mutex
	zips map[string][]byte
}{zips: map[string][]byte{}}

// Cached is Build once per process for each module directory and package: a process that runs the
// program many times (the test suites, each synthesis and each engine run building the gate) links the
// function once. The source must not change while the process runs, which holds for `pulumi up` and the
// synth (one run per process) and for the tests.
func Cached(ctx context.Context, moduleDir, pkg string) ([]byte, error) {
	dir, err := filepath.Abs(moduleDir)
	if err != nil {
		return nil, err
	}
	key := dir + "\x00" + pkg
	built.Lock()
	defer built.Unlock()
	if zip, ok := built.zips[key]; ok {
		return zip, nil
	}
	zip, err := Build(ctx, moduleDir, pkg)
	if err != nil {
		return nil, err
	}
	built.zips[key] = zip
	return zip, nil
}

// Zip packs an executable as a Lambda deployment package, with nothing in it that varies between builds:
// a fixed time, fixed permissions (rwxr-xr-x) and a fixed compression level.
func Zip(executable []byte) ([]byte, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	h := &zip.FileHeader{Name: Handler, Method: zip.Deflate, Modified: epoch}
	h.SetMode(0o755)
	w, err := zw.CreateHeader(h)
	if err != nil {
		return nil, err
	}
	if _, err := w.Write(executable); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
