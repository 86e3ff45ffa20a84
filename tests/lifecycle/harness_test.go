package lifecycle

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/blang/semver"
	"github.com/pulumi/pulumi/sdk/v3/go/auto"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/events"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optdestroy"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optpreview"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optup"
	"github.com/pulumi/pulumi/sdk/v3/go/common/apitype"
	"github.com/pulumi/pulumi/sdk/v3/go/common/workspace"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/require"
	"gopkg.in/yaml.v3"

	"igv-aws-backend/stack"
	"igv-aws-backend/stackconfig"
	"igv-aws-backend/tests/lifecycle/awsdouble"
)

// CLIVersion is the Pulumi CLI the suite builds: the engine at the SDK's own version.
const CLIVersion = "3.274.1"

// repoRoot is the product's checkout, two levels up from this module.
var repoRoot = filepath.Join("..", "..")

var (
	engineRuns atomic.Int64 // counted for the README's cost table
	pulumiCmd  auto.PulumiCommand
	scratch    string // removed after the suite
)

// TestMain builds (or reuses) the Pulumi CLI once, then runs the scenarios.
func TestMain(m *testing.M) {
	code, err := setup(m)
	if err != nil {
		fmt.Fprintln(os.Stderr, "lifecycle:", err)
		os.Exit(1)
	}
	os.Exit(code)
}

func setup(m *testing.M) (int, error) {
	root, err := cliRoot()
	if err != nil {
		return 0, err
	}
	pulumiCmd, err = auto.NewPulumiCommand(&auto.PulumiCommandOptions{Root: root, Version: semver.MustParse(CLIVersion)})
	if err != nil {
		return 0, fmt.Errorf("the Pulumi CLI in %s: %w", root, err)
	}
	scratch, err = os.MkdirTemp("", "igv-lifecycle-")
	if err != nil {
		return 0, err
	}
	defer os.RemoveAll(scratch)
	code := m.Run()
	for _, f := range suiteCleanups {
		f()
	}
	if testing.Verbose() {
		fmt.Fprintf(os.Stderr, "lifecycle: %d engine runs (up, preview, destroy)\n", engineRuns.Load())
	}
	return code, nil
}

// cliRoot returns a directory whose bin/pulumi is the CLI built from github.com/pulumi/pulumi/pkg/v3 at
// CLIVersion: $PULUMI_CLI_ROOT when set, else a build cached under the user's cache directory (go build
// itself caches, so a rebuild after the first costs a link).
func cliRoot() (string, error) {
	if r := os.Getenv("PULUMI_CLI_ROOT"); r != "" {
		return r, nil
	}
	cache, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	root := filepath.Join(cache, "igv-aws-backend", "pulumi-v"+CLIVersion)
	bin := filepath.Join(root, "bin", "pulumi")
	if _, err := os.Stat(bin); err == nil {
		return root, nil
	}
	start := time.Now()
	cmd := exec.Command("go", "build", "-o", bin,
		"-ldflags", "-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v"+CLIVersion,
		"github.com/pulumi/pulumi/pkg/v3/cmd/pulumi")
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("building the Pulumi CLI: %w", err)
	}
	fmt.Fprintf(os.Stderr, "lifecycle: built the Pulumi CLI v%s into %s in %s\n", CLIVersion, root, time.Since(start).Round(time.Second))
	return root, nil
}

// env is one stack on the real engine: a work directory with Pulumi.yaml and the stack file, a local
// file backend, and the provider double holding the simulated account.
type env struct {
	t       testing.TB
	name    string // stack name
	dir     string // work dir and, under state/, the backend
	double  *awsdouble.Double
	port    int
	stop    func()
	stack   auto.Stack
	project workspace.Project
	// skipCheckpoints is PULUMI_SKIP_CHECKPOINTS for the engine ("true": state written once, at the end).
	skipCheckpoints string
	// program is what the engine runs: the stack's own program unless a test changes it.
	program pulumi.RunFunc
}

// newEnv prepares a stack from the repository's Pulumi.<name>.yaml, with an account holding what the
// stack expects to exist: its existing data buckets and a correctly prepared access-log bucket.
func newEnv(t testing.TB, name string) *env {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(repoRoot, "Pulumi."+name+".yaml"))
	require.NoError(t, err)
	return newEnvFrom(t, name, b, os.Getenv("PULUMI_SKIP_CHECKPOINTS"))
}

// newEnvFrom prepares a stack from the given stack file; skipCheckpoints is PULUMI_SKIP_CHECKPOINTS.
func newEnvFrom(t testing.TB, name string, stackFile []byte, skipCheckpoints string) *env {
	t.Helper()
	dir, err := os.MkdirTemp(scratch, name+"-")
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "Pulumi."+name+".yaml"), stackFile, 0o644))
	e := &env{t: t, name: name, dir: dir, skipCheckpoints: skipCheckpoints}
	world := awsdouble.NewWorld()
	e.seed(world)
	e.open(world)
	return e
}

// seed puts into the account what exists before the first deployment.
func (e *env) seed(w *awsdouble.World) {
	region, _ := e.config()["aws:region"].(string)
	for _, b := range e.buckets() {
		if create, _ := b["create"].(bool); !create {
			w.External[b["name"].(string)] = &awsdouble.ExternalBucket{Region: region, Objects: 100}
		}
	}
	if logs, _ := e.config()[stackconfig.KeyAccessLogBucket].(string); logs != "" {
		w.External[logs] = PreparedLogBucket(region, logs)
	}
}

// World is the simulated account.
func (e *env) World() *awsdouble.World { return e.double.World() }

func externalBucket() awsdouble.ExternalBucket {
	return awsdouble.ExternalBucket{Region: "eu-west-2", Objects: 100}
}

// PreparedLogBucket is an access-log bucket set up as the README says.
func PreparedLogBucket(region, name string) *awsdouble.ExternalBucket {
	return &awsdouble.ExternalBucket{Region: region, ObjectOwnership: "BucketOwnerPreferred",
		Policy: `{"Version":"2012-10-17","Statement":[{"Sid":"S3ServerAccessLogs","Effect":"Allow","Principal":{"Service":"logging.s3.amazonaws.com"},"Action":"s3:PutObject","Resource":"arn:aws:s3:::` + name + `/s3/*"}]}`}
}

// open starts the provider double on the account and selects the stack.
func (e *env) open(world *awsdouble.World) {
	t := e.t
	t.Helper()
	e.double = awsdouble.New(world)
	port, stop, err := e.double.Serve()
	require.NoError(t, err)
	e.port, e.stop = port, stop
	t.Cleanup(stop)

	proj, err := workspace.LoadProject(filepath.Join(repoRoot, "Pulumi.yaml"))
	require.NoError(t, err)
	proj.Backend = &workspace.ProjectBackend{URL: "file://" + filepath.Join(e.dir, "state")}
	proj.Runtime = workspace.NewProjectRuntimeInfo("go", nil)
	e.project = *proj
	require.NoError(t, os.MkdirAll(filepath.Join(e.dir, "state"), 0o755))

	ctx := context.Background()
	program := e.program
	if program == nil {
		program = stack.Run
	}
	e.stack, err = auto.UpsertStackInlineSource(ctx, e.name, proj.Name.String(), program,
		auto.Project(*proj), auto.WorkDir(e.dir), auto.Pulumi(pulumiCmd),
		auto.PulumiHome(filepath.Join(e.dir, "home")), auto.EnvVars(e.envVars()))
	require.NoError(t, err)
}

func (e *env) envVars() map[string]string {
	return map[string]string{
		"PULUMI_DEBUG_PROVIDERS":                      fmt.Sprintf("aws:%d", e.port),
		"PULUMI_CONFIG_PASSPHRASE":                    "lifecycle-suite",
		"PULUMI_SKIP_UPDATE_CHECK":                    "true",
		"PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION": "true",
		"PULUMI_SKIP_CHECKPOINTS":                     e.skipCheckpoints,
	}
}

// withProgram runs a different program from now on, as a code change would, on the same account.
func (e *env) withProgram(p pulumi.RunFunc) {
	e.stop()
	e.program = p
	e.open(e.World())
}

// clone copies a deployed env (work dir, backend and account) into a new one, so that every scenario
// starts from its own copy of the same first deployment.
func (e *env) clone(t testing.TB) *env {
	t.Helper()
	dir, err := os.MkdirTemp(scratch, e.name+"-")
	require.NoError(t, err)
	require.NoError(t, copyTree(e.dir, dir))
	c := &env{t: t, name: e.name, dir: dir, skipCheckpoints: e.skipCheckpoints}
	c.open(e.double.World().Clone())
	return c
}

func copyTree(src, dst string) error {
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, b, 0o644)
	})
}

// --- stack configuration ---------------------------------------------------------------------------

func (e *env) stackFile() string { return filepath.Join(e.dir, "Pulumi."+e.name+".yaml") }

func (e *env) readStackFile() map[string]any {
	b, err := os.ReadFile(e.stackFile())
	require.NoError(e.t, err)
	var doc map[string]any
	require.NoError(e.t, yaml.Unmarshal(b, &doc))
	return doc
}

// config is the stack file's config block.
func (e *env) config() map[string]any {
	cfg, _ := e.readStackFile()["config"].(map[string]any)
	return cfg
}

// set changes one config key (the full key, e.g. stackconfig.KeyBuckets); nil removes it.
func (e *env) set(key string, value any) {
	doc := e.readStackFile()
	cfg, _ := doc["config"].(map[string]any)
	if value == nil {
		delete(cfg, key)
	} else {
		cfg[key] = value
	}
	doc["config"] = cfg
	b, err := yaml.Marshal(doc)
	require.NoError(e.t, err)
	require.NoError(e.t, os.WriteFile(e.stackFile(), b, 0o644))
}

func (e *env) buckets() []map[string]any {
	list, _ := e.config()[stackconfig.KeyBuckets].([]any)
	out := make([]map[string]any, 0, len(list))
	for _, b := range list {
		out = append(out, b.(map[string]any))
	}
	return out
}

func (e *env) setBuckets(bs []map[string]any) {
	list := make([]any, len(bs))
	for i, b := range bs {
		list[i] = b
	}
	e.set(stackconfig.KeyBuckets, list)
}

func (e *env) users() []map[string]any {
	list, _ := e.config()[stackconfig.KeyUsers].([]any)
	out := make([]map[string]any, 0, len(list))
	for _, u := range list {
		out = append(out, u.(map[string]any))
	}
	return out
}

func (e *env) setUsers(us []map[string]any) {
	list := make([]any, len(us))
	for i, u := range us {
		list[i] = u
	}
	e.set(stackconfig.KeyUsers, list)
}

// --- engine runs -----------------------------------------------------------------------------------

// step is what the engine did to one resource in one run.
type step struct {
	Op       apitype.OpType
	Type     string
	Name     string
	Retained bool // a delete the engine did not send, because of retainOnDelete
}

// run is one engine operation: its steps in event order and its error.
type run struct {
	Steps []step
	Diags []string
	Err   error
}

// collect reads an operation's event stream.
func collect(ch <-chan events.EngineEvent, r *run, done *sync.WaitGroup) {
	defer done.Done()
	for ev := range ch {
		switch {
		case ev.ResourcePreEvent != nil:
			md := ev.ResourcePreEvent.Metadata
			urn := md.URN
			s := step{Op: md.Op, Type: md.Type, Name: urn[strings.LastIndex(urn, "::")+2:]}
			if md.Old != nil {
				s.Retained = md.Old.RetainOnDelete
			}
			r.Steps = append(r.Steps, s)
		case ev.DiagnosticEvent != nil && (ev.DiagnosticEvent.Severity == "error" || ev.DiagnosticEvent.Severity == "warning"):
			r.Diags = append(r.Diags, strings.TrimSpace(ev.DiagnosticEvent.Message))
		}
	}
}

// up runs `pulumi up` and returns what the engine did; the double's calls are reset first.
func (e *env) up() *run {
	e.t.Helper()
	engineRuns.Add(1)
	e.double.ResetCalls()
	ch := make(chan events.EngineEvent)
	r := &run{}
	var wg sync.WaitGroup
	wg.Add(1)
	go collect(ch, r, &wg)
	_, r.Err = e.stack.Up(context.Background(), optup.EventStreams(ch))
	wg.Wait()
	return r
}

// preview runs `pulumi preview`.
func (e *env) preview() *run {
	e.t.Helper()
	engineRuns.Add(1)
	ch := make(chan events.EngineEvent)
	r := &run{}
	var wg sync.WaitGroup
	wg.Add(1)
	go collect(ch, r, &wg)
	_, r.Err = e.stack.Preview(context.Background(), optpreview.EventStreams(ch))
	wg.Wait()
	return r
}

// destroy runs `pulumi destroy`.
func (e *env) destroy() *run {
	e.t.Helper()
	engineRuns.Add(1)
	e.double.ResetCalls()
	ch := make(chan events.EngineEvent)
	r := &run{}
	var wg sync.WaitGroup
	wg.Add(1)
	go collect(ch, r, &wg)
	_, r.Err = e.stack.Destroy(context.Background(), optdestroy.EventStreams(ch))
	wg.Wait()
	return r
}

// mustUp runs `pulumi up` and requires it to succeed.
func (e *env) mustUp() *run {
	e.t.Helper()
	r := e.up()
	require.NoError(e.t, r.Err, "pulumi up failed:\n%s", strings.Join(r.Diags, "\n"))
	return r
}

// outputs are the stack outputs after the last run.
func (e *env) outputs() auto.OutputMap {
	out, err := e.stack.Outputs(context.Background())
	require.NoError(e.t, err)
	return out
}

// --- reading what the engine did ----------------------------------------------------------------------

// ops lists the operations of a run on resources (not components), as "op type::name", sorted, without
// "same" steps.
func (r *run) ops() []string {
	var out []string
	for _, s := range r.Steps {
		if s.Op == apitype.OpSame || !strings.HasPrefix(s.Type, "aws:") {
			continue
		}
		op := string(s.Op)
		if s.Retained && (s.Op == apitype.OpDelete || s.Op == apitype.OpDeleteReplaced) {
			op += " (retained)"
		}
		out = append(out, op+" "+s.Type+"::"+s.Name)
	}
	sort.Strings(out)
	return out
}

// on lists what happened to resources of a type, as "op name".
func (r *run) on(typ string) []string {
	var out []string
	for _, o := range r.ops() {
		op, rest, _ := strings.Cut(o, " "+typ+"::")
		if rest != "" && !strings.Contains(op, "::") {
			out = append(out, op+" "+rest)
		}
	}
	return out
}

// touched reports whether any step other than "same" happened to the named resource of a type.
func (r *run) touched(typ, name string) []string {
	var out []string
	for _, s := range r.Steps {
		if s.Type == typ && s.Name == name && s.Op != apitype.OpSame {
			out = append(out, string(s.Op))
		}
	}
	return out
}

// deployed is one first deployment per example stack, made once and cloned for every scenario.
var (
	deployedMu sync.Mutex
	deployedBy = map[string]*deployment{}
)

type deployment struct {
	env   *env
	first *run
}

// deployed returns a fresh copy of the example stack after its first `pulumi up`.
func deployed(t *testing.T, name string) *env {
	t.Helper()
	d := firstDeployment(t, name)
	return d.env.clone(t)
}

func firstDeployment(t *testing.T, name string) *deployment {
	t.Helper()
	deployedMu.Lock()
	defer deployedMu.Unlock()
	if d, ok := deployedBy[name]; ok {
		return d
	}
	e := newEnv(&persistentT{t}, name)
	first := e.up()
	require.NoError(t, first.Err, "first pulumi up of %s failed:\n%s", name, strings.Join(first.Diags, "\n"))
	// Users put sequencing data into the buckets the stack created.
	for _, b := range e.buckets() {
		if create, _ := b["create"].(bool); create {
			e.double.World().DataObjects[b["name"].(string)] += 3
		}
	}
	d := &deployment{env: e, first: first}
	deployedBy[name] = d
	return d
}

// persistentT keeps a shared first deployment alive after the test that made it: its cleanups (the
// double's server) run when the suite ends, not with that test.
type persistentT struct{ testing.TB }

var suiteCleanups []func()

func (p *persistentT) Cleanup(f func()) { suiteCleanups = append(suiteCleanups, f) }
