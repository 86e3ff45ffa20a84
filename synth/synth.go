// Package synth runs a Pulumi program offline, under Pulumi's own mock engine, and records exactly what
// the engine would send to AWS: every resource with its type, inputs and options, deterministic
// AWS-shaped ids and ARNs, and the stack outputs. The tests and cmd/synth both use it.
package synth

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/tokens"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/internals"

	"igv-aws-backend/policies"
	"igv-aws-backend/stackconfig"
)

// Account is the AWS account id that mock ARNs carry.
const Account = "123456789012"

// Program is a Pulumi program that returns its stack outputs instead of only exporting them (the
// mock engine discards exports).
type Program func(ctx *pulumi.Context) (pulumi.Map, error)

// Stack says which stack to synthesize.
type Stack struct {
	Project string
	Name    string
	// Config is the stack's configuration as the engine passes it: "namespace:key" to text or JSON.
	Config map[string]string
	// SecretKeys are the keys of Config set as secrets (pulumi config set --secret).
	SecretKeys []string
	// Previous are the stack outputs of its last deployment, which the program reads through a stack
	// reference to itself; a value {"[secret]": v} is a secret output. Nil: the stack has never been
	// deployed.
	Previous map[string]any
	// Existing holds what exists before the stack, for the data sources the program reads. Nil: every
	// bucket asked about exists in the stack's region, with the access-log statement of the README.
	Existing *Existing
}

// Existing is the part of an AWS account the program reads but does not manage.
type Existing struct {
	Buckets map[string]AccountBucket
}

// AccountBucket is a bucket of the account: its region and its bucket policy ("" for none).
type AccountBucket struct {
	Region string
	Policy string
}

// Resource is one registered resource, as recorded in resources.json.
type Resource struct {
	URN     string          `json:"urn"`
	Type    string          `json:"type"`
	Name    string          `json:"name"`
	Parent  string          `json:"parent,omitempty"`
	Inputs  map[string]any  `json:"inputs"`
	Options ResourceOptions `json:"options"`
	ID      string          `json:"id,omitempty"`
	Outputs map[string]any  `json:"outputs"`
}

// ResourceOptions are the options the engine sees for a resource.
type ResourceOptions struct {
	Protect        bool `json:"protect"`
	RetainOnDelete bool `json:"retainOnDelete"`
	// DependsOn lists explicit dependencies: those not already implied by an input.
	DependsOn               []string `json:"dependsOn,omitempty"`
	IgnoreChanges           []string `json:"ignoreChanges,omitempty"`
	Aliases                 []Alias  `json:"aliases,omitempty"`
	DeleteBeforeReplace     bool     `json:"deleteBeforeReplace"`
	AdditionalSecretOutputs []string `json:"additionalSecretOutputs,omitempty"`
}

// Alias is a former identity of a resource, so that Pulumi moves it instead of replacing it.
type Alias struct {
	URN     string `json:"urn,omitempty"`
	Name    string `json:"name,omitempty"`
	Type    string `json:"type,omitempty"`
	Parent  string `json:"parent,omitempty"`
	Project string `json:"project,omitempty"`
	Stack   string `json:"stack,omitempty"`
}

// Result is what one synthesis registered and returned.
type Result struct {
	Stack     Stack
	Resources []Resource // sorted by URN
	Outputs   map[string]any
}

// Run runs program under the mock engine for the given stack. On failure the Result still lists
// what was registered before the failure, so callers can check that a bad config registered nothing.
func Run(program Program, stack Stack) (*Result, error) {
	m := &mocks{project: stack.Project, stack: stack.Name, region: stack.Config["aws:region"], existing: stack.Existing, previous: stack.Previous}
	var outputs map[string]any
	var programErr error
	body := func(ctx *pulumi.Context) error {
		outs, err := program(ctx)
		if err == nil {
			outputs, err = await(ctx, outs)
		}
		programErr = err
		return err
	}

	// The keys ride along in the Go context so the program can report misspelt ones (stackconfig.Raw).
	goctx := stackconfig.WithKeys(context.Background(), stack.Config)
	pctx, err := pulumi.NewContext(goctx, pulumi.RunInfo{
		Project:          stack.Project,
		Stack:            stack.Name,
		Config:           stack.Config,
		ConfigSecretKeys: stack.SecretKeys,
		Mocks:            m,
	})
	if err != nil {
		return nil, fmt.Errorf("synth: %w", err)
	}
	defer pctx.Close()
	err = pulumi.RunWithContext(pctx, body)
	result := &Result{Stack: stack, Resources: m.sorted(), Outputs: outputs}
	if programErr != nil {
		// The program's own error, without the engine's multi-error wrapping: it is what admins read.
		return result, programErr
	}
	if err != nil {
		return result, err
	}
	return result, nil
}

// await resolves the program's outputs, marking secrets the way outputs.json shows them.
func await(ctx *pulumi.Context, outs pulumi.Map) (map[string]any, error) {
	result := map[string]any{}
	for name, input := range outs {
		r, err := internals.UnsafeAwaitOutput(ctx.Context(), pulumi.ToOutput(input))
		if err != nil {
			return nil, fmt.Errorf("synth: output %s: %w", name, err)
		}
		v := plainValue(resource.NewPropertyValue(r.Value))
		if r.Secret {
			v = secretMarker(v)
		}
		result[name] = v
	}
	return result, nil
}

// Secret values are written as {"[secret]": value}: the mock values are fake, and the marker shows
// the reader which values Pulumi keeps encrypted in its state.
const secretKey = "[secret]"

func secretMarker(v any) map[string]any { return map[string]any{secretKey: v} }

// Unsecret strips the secret marker from a recorded value.
func Unsecret(v any) any {
	if m, ok := v.(map[string]any); ok && len(m) == 1 {
		if inner, ok := m[secretKey]; ok {
			return inner
		}
	}
	return v
}

// IsSecret tells whether a recorded value is marked secret.
func IsSecret(v any) bool {
	m, ok := v.(map[string]any)
	if !ok || len(m) != 1 {
		return false
	}
	_, ok = m[secretKey]
	return ok
}

// plainValue turns a property value into JSON-ready Go values.
func plainValue(v resource.PropertyValue) any {
	switch {
	case v.IsNull():
		return nil
	case v.IsBool():
		return v.BoolValue()
	case v.IsNumber():
		n := v.NumberValue()
		if n == float64(int64(n)) {
			return int64(n)
		}
		return n
	case v.IsString():
		return v.StringValue()
	case v.IsArray():
		arr := v.ArrayValue()
		out := make([]any, len(arr))
		for i, e := range arr {
			out[i] = plainValue(e)
		}
		return out
	case v.IsObject():
		return PlainMap(v.ObjectValue())
	case v.IsSecret():
		return secretMarker(plainValue(v.SecretValue().Element))
	case v.IsOutput():
		o := v.OutputValue()
		if !o.Known {
			return "[unknown]"
		}
		if o.Secret {
			return secretMarker(plainValue(o.Element))
		}
		return plainValue(o.Element)
	case v.IsComputed():
		return "[unknown]"
	case v.IsResourceReference():
		return string(v.ResourceReferenceValue().URN)
	}
	return fmt.Sprintf("[%s]", v.TypeString())
}

// PlainMap turns a property map into JSON-ready Go values: secrets and unknowns as resources.json
// shows them.
func PlainMap(m resource.PropertyMap) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[string(k)] = plainValue(v)
	}
	return out
}

const stackReferenceType = "pulumi:pulumi:StackReference"

// mocks is the mock monitor: it records each registration and answers with AWS-shaped state.
type mocks struct {
	project, stack, region string
	existing               *Existing
	previous               map[string]any

	mu        sync.Mutex
	resources []Resource
}

// Call answers the data sources the program's preflight reads: the access-log bucket and its policy.
func (m *mocks) Call(args pulumi.MockCallArgs) (resource.PropertyMap, error) {
	if args.Token != TokenGetBucket && args.Token != TokenGetBucketPolicy {
		return nil, fmt.Errorf("synth: the program called %s, which the offline synth does not answer", args.Token)
	}
	name := ""
	if v, ok := args.Args["bucket"]; ok && v.IsString() {
		name = v.StringValue()
	}
	b, ok := m.bucket(name)
	out, err := BucketDataSource(args.Token, name, b, ok)
	if err != nil {
		return nil, err
	}
	return resource.NewPropertyMapFromMap(out), nil
}

// Data sources of existing buckets that the program reads.
const (
	TokenGetBucket       = "aws:s3/getBucket:getBucket"
	TokenGetBucketPolicy = "aws:s3/getBucketPolicy:getBucketPolicy"
)

// BucketDataSource is what the provider's getBucket and getBucketPolicy answer for an existing bucket
// (found false: it does not exist), with the provider's own "couldn't find resource" errors. The mocks
// and the lifecycle suite's provider double both answer with it.
func BucketDataSource(token, name string, b AccountBucket, found bool) (map[string]any, error) {
	switch token {
	case TokenGetBucket:
		if !found {
			return nil, fmt.Errorf("reading S3 Bucket (%s): couldn't find resource", name)
		}
		return map[string]any{
			"id": name, "bucket": name, "arn": "arn:aws:s3:::" + name, "region": b.Region,
			"bucketDomainName": name + ".s3.amazonaws.com", "bucketRegionalDomainName": name + ".s3." + b.Region + ".amazonaws.com",
		}, nil
	case TokenGetBucketPolicy:
		if !found || b.Policy == "" {
			return nil, fmt.Errorf("reading S3 Bucket (%s) Policy: couldn't find resource", name)
		}
		return map[string]any{"id": name, "bucket": name, "policy": b.Policy}, nil
	}
	return nil, fmt.Errorf("no existing-bucket data source %s", token)
}

func (m *mocks) bucket(name string) (AccountBucket, bool) {
	if m.existing != nil {
		b, ok := m.existing.Buckets[name]
		return b, ok
	}
	return AccountBucket{Region: m.region, Policy: policies.New(policies.AccessLogDelivery(name, "s3/", Account)).MustJSON()}, true
}

func (m *mocks) NewResource(args pulumi.MockResourceArgs) (string, resource.PropertyMap, error) {
	rpc := args.RegisterRPC
	if rpc == nil {
		if args.TypeToken == stackReferenceType {
			// The stack's reference to its own previous deployment; reads are not recorded.
			outputs, secrets := map[string]any{}, []any{}
			for k, v := range m.previous {
				outputs[k] = Unsecret(v)
				if IsSecret(v) {
					secrets = append(secrets, k)
				}
			}
			return args.ID, resource.NewPropertyMapFromMap(map[string]any{
				"name": args.ID, "outputs": outputs, "secretOutputNames": secrets,
			}), nil
		}
		return "", nil, fmt.Errorf("synth: %s %s was read, not registered; the stack reads only itself", args.TypeToken, args.Name)
	}
	parent := rpc.GetParent()
	parentType := tokens.Type("")
	if p := resource.URN(parent); p != "" && p.QualifiedType() != resource.RootStackType {
		parentType = p.QualifiedType()
	}
	urn := string(resource.NewURN(tokens.QName(m.stack), tokens.PackageName(m.project), parentType,
		tokens.Type(args.TypeToken), args.Name))

	var id string
	state := resource.PropertyMap{}
	if args.Custom {
		id, state = Shape(args.TypeToken, args.Name, urn, m.region, args.Inputs)
		for _, name := range rpc.GetAdditionalSecretOutputs() {
			k := resource.PropertyKey(name)
			if v, ok := state[k]; ok && !v.IsSecret() {
				state[k] = resource.MakeSecret(v)
			}
		}
	}

	r := Resource{
		URN:     urn,
		Type:    args.TypeToken,
		Name:    args.Name,
		Parent:  parent,
		Inputs:  PlainMap(args.Inputs),
		Options: options(rpc),
		ID:      id,
		Outputs: PlainMap(state),
	}
	m.mu.Lock()
	m.resources = append(m.resources, r)
	m.mu.Unlock()
	return id, state, nil
}

func (m *mocks) sorted() []Resource {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := slices.Clone(m.resources)
	slices.SortFunc(out, func(a, b Resource) int { return strings.Compare(a.URN, b.URN) })
	return out
}
