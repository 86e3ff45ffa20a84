// Package awsdouble is a test double of the pulumi-aws provider plugin: a gRPC resource provider that
// Pulumi's real engine dials (PULUMI_DEBUG_PROVIDERS=aws:PORT) instead of loading the plugin, which
// cannot be installed here.
//
// It knows only what the provider-truth tables record (igv-aws-backend/tests/providertruth): which
// property changes replace a resource, which properties pulumi-aws auto-names, which members the
// provider sends and what AWS refuses of them, and the account-level facts (one domain per user pool,
// globally unique domain prefixes and bucket names, deletion protection, ...). Every refusal names the
// fact and where it was read. Its World, the simulated account, outlives each engine run, so that the
// engine's own diffs, replacements, deletes, protect and retainOnDelete happen as they would on AWS.
package awsdouble

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net"
	"slices"
	"strings"
	"sync"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
	"google.golang.org/protobuf/types/known/emptypb"
	"google.golang.org/protobuf/types/known/structpb"

	"igv-aws-backend/synth"
	"igv-aws-backend/tests/providertruth"
)

// Version is the pulumi-aws version the double stands in for: the version the stack's SDK requests.
const Version = "6.83.4"

// Call is one request that reached the simulated account.
type Call struct {
	Op    string // "create", "update" or "delete"
	Token string
	URN   string
	ID    string
}

// Double is the provider. Start it with Serve; it keeps its World across engine runs.
type Double struct {
	pulumirpc.UnimplementedResourceProviderServer

	mu     sync.Mutex
	region string
	world  *World
	calls  []Call
}

// New returns a double holding the given account.
func New(world *World) *Double { return &Double{world: world} }

// World returns the simulated account (hold no reference across engine runs you do not control).
func (d *Double) World() *World {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.world
}

// Calls returns every create, update and delete that reached the account, in order.
func (d *Double) Calls() []Call {
	d.mu.Lock()
	defer d.mu.Unlock()
	return append([]Call(nil), d.calls...)
}

// ResetCalls forgets the calls so far, so that a test sees only those of its next engine run.
func (d *Double) ResetCalls() {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.calls = nil
}

// Serve listens on a loopback port and serves the provider until stop is called. The port goes into
// PULUMI_DEBUG_PROVIDERS as "aws:PORT".
func (d *Double) Serve() (port int, stop func(), err error) {
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, nil, err
	}
	srv := grpc.NewServer(grpc.MaxRecvMsgSize(1 << 30))
	pulumirpc.RegisterResourceProviderServer(srv, d)
	go func() { _ = srv.Serve(lis) }()
	return lis.Addr().(*net.TCPAddr).Port, srv.Stop, nil
}

var marshal = plugin.MarshalOptions{KeepUnknowns: true, SkipNulls: true, SkipInternalKeys: true}

// withInternal keeps the bridge's internal keys (such as "__defaults") for the double's own use.
var withInternal = plugin.MarshalOptions{KeepUnknowns: true, SkipNulls: true}

// defaultsKey is where the bridge records which inputs it filled in itself (auto-names): a name the
// program set explicitly makes a replacement delete before it creates (pulumi-terraform-bridge's
// nameRequiresDeleteBeforeReplace), because the new resource would take the same name.
const defaultsKey = "__defaults"

func unmarshal(s *structpb.Struct) (resource.PropertyMap, error) {
	if s == nil {
		return resource.PropertyMap{}, nil
	}
	return plugin.UnmarshalProperties(s, marshal)
}

func plain(m resource.PropertyMap) map[string]any { return synth.PlainMap(m) }

// --- plugin plumbing -------------------------------------------------------------------------------

func (d *Double) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: Version}, nil
}

func (d *Double) Handshake(context.Context, *pulumirpc.ProviderHandshakeRequest) (*pulumirpc.ProviderHandshakeResponse, error) {
	return &pulumirpc.ProviderHandshakeResponse{}, nil
}

func (d *Double) Attach(context.Context, *pulumirpc.PluginAttach) (*emptypb.Empty, error) {
	return &emptypb.Empty{}, nil
}

func (d *Double) GetSchema(context.Context, *pulumirpc.GetSchemaRequest) (*pulumirpc.GetSchemaResponse, error) {
	return &pulumirpc.GetSchemaResponse{Schema: `{"name":"aws","version":"` + Version + `"}`}, nil
}

func (d *Double) Cancel(context.Context, *emptypb.Empty) (*emptypb.Empty, error) {
	return &emptypb.Empty{}, nil
}

func (d *Double) CheckConfig(_ context.Context, req *pulumirpc.CheckRequest) (*pulumirpc.CheckResponse, error) {
	return &pulumirpc.CheckResponse{Inputs: req.GetNews()}, nil
}

func (d *Double) DiffConfig(context.Context, *pulumirpc.DiffRequest) (*pulumirpc.DiffResponse, error) {
	return &pulumirpc.DiffResponse{Changes: pulumirpc.DiffResponse_DIFF_NONE}, nil
}

func (d *Double) Configure(_ context.Context, req *pulumirpc.ConfigureRequest) (*pulumirpc.ConfigureResponse, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if args, err := unmarshal(req.GetArgs()); err == nil {
		if v, ok := args["region"]; ok && v.IsString() {
			d.region = v.StringValue()
		}
	}
	return &pulumirpc.ConfigureResponse{SupportsPreview: true}, nil
}

// --- the resource lifecycle ---------------------------------------------------------------------

// Check fills in what pulumi-aws fills in: the auto-name of a property the program left unset. Like the
// provider, it keeps the old name on an update; the engine calls Check again without old inputs
// before a replacement, which yields a new name.
func (d *Double) Check(_ context.Context, req *pulumirpc.CheckRequest) (*pulumirpc.CheckResponse, error) {
	news, err := unmarshal(req.GetNews())
	if err != nil {
		return nil, err
	}
	olds, err := unmarshal(req.GetOlds())
	if err != nil {
		return nil, err
	}
	urn := resource.URN(req.GetUrn())
	table, ok := providertruth.Lookup(string(urn.Type()))
	if !ok {
		return &pulumirpc.CheckResponse{Failures: []*pulumirpc.CheckFailure{{
			Reason: fmt.Sprintf("the provider double knows no facts of %s: add its provider-truth table", urn.Type()),
		}}}, nil
	}
	if an := table.AutoName; an != nil {
		key := resource.PropertyKey(an.Property)
		if _, set := news[key]; !set {
			if old, ok := olds[key]; ok {
				news[key] = old
			} else {
				news[key] = resource.NewStringProperty(autoName(urn.Name(), req.GetRandomSeed(), an))
			}
			news[defaultsKey] = resource.NewArrayProperty([]resource.PropertyValue{resource.NewStringProperty(an.Property)})
		}
	}
	inputs, err := plugin.MarshalProperties(news, withInternal)
	if err != nil {
		return nil, err
	}
	return &pulumirpc.CheckResponse{Inputs: inputs}, nil
}

// autoName is pulumi-aws's "<name>-<7 hex>", derived from the engine's random seed.
func autoName(name string, seed []byte, an *providertruth.AutoName) string {
	sum := sha256.Sum256(append([]byte(name), seed...))
	n := name + "-" + hex.EncodeToString(sum[:])[:7]
	if an.Lowercase {
		n = strings.ToLower(n)
	}
	if an.MaxLength > 0 && len(n) > an.MaxLength {
		n = n[:an.MaxLength]
	}
	return n
}

// defaulted reports whether Check filled the property in (an auto-name).
func defaulted(raw resource.PropertyMap, prop string) bool {
	d, ok := raw[defaultsKey]
	if !ok || !d.IsArray() {
		return false
	}
	for _, v := range d.ArrayValue() {
		if v.IsString() && v.StringValue() == prop {
			return true
		}
	}
	return false
}

// Diff tells the engine which properties changed and which of them force a replacement, exactly as the
// tables record; pulumi-aws's own delete-before-replace setting rides along.
func (d *Double) Diff(_ context.Context, req *pulumirpc.DiffRequest) (*pulumirpc.DiffResponse, error) {
	olds, err := unmarshal(req.GetOldInputs())
	if err != nil {
		return nil, err
	}
	news, err := unmarshal(req.GetNews())
	if err != nil {
		return nil, err
	}
	for _, k := range req.GetIgnoreChanges() {
		if v, ok := olds[resource.PropertyKey(k)]; ok {
			news[resource.PropertyKey(k)] = v
		}
	}
	token := string(resource.URN(req.GetUrn()).Type())
	changed, replaces, err := providertruth.Changes(token, plain(olds), plain(news))
	if err != nil {
		return nil, err
	}
	// terraform-provider-aws diffs a provider-details map against the state it read, which holds keys
	// AWS filled in: each one the inputs lack and the ignoreChanges do not cover is a change on every
	// preview (providertruth: IdentityProviderDetailsFilledByAWS).
	if token == "aws:cognito/identityProvider:IdentityProvider" && !slices.Contains(changed, "providerDetails") {
		state, err := unmarshal(req.GetOlds())
		if err != nil {
			return nil, err
		}
		have, _ := plain(state)["providerDetails"].(map[string]any)
		want, _ := plain(news)["providerDetails"].(map[string]any)
		for k := range have {
			if _, ok := want[k]; !ok && !slices.Contains(req.GetIgnoreChanges(), fmt.Sprintf("providerDetails[%q]", k)) {
				changed = append(changed, "providerDetails")
				break
			}
		}
	}
	if len(changed) == 0 {
		return &pulumirpc.DiffResponse{Changes: pulumirpc.DiffResponse_DIFF_NONE}, nil
	}
	table, _ := providertruth.Lookup(token)
	dbr := table.DeleteBeforeReplace
	if an := table.AutoName; an != nil && len(replaces) > 0 {
		raw, err := plugin.UnmarshalProperties(req.GetNews(), withInternal)
		if err != nil {
			return nil, err
		}
		if _, named := news[resource.PropertyKey(an.Property)]; named && !defaulted(raw, an.Property) {
			dbr = true
		}
	}
	return &pulumirpc.DiffResponse{
		Changes:             pulumirpc.DiffResponse_DIFF_SOME,
		Diffs:               changed,
		Replaces:            replaces,
		DeleteBeforeReplace: dbr,
	}, nil
}

func (d *Double) Create(_ context.Context, req *pulumirpc.CreateRequest) (*pulumirpc.CreateResponse, error) {
	inputs, err := unmarshal(req.GetProperties())
	if err != nil {
		return nil, err
	}
	urn := resource.URN(req.GetUrn())
	token := string(urn.Type())
	d.mu.Lock()
	defer d.mu.Unlock()
	if req.GetPreview() {
		_, state := synth.Shape(token, urn.Name(), string(urn), d.region, inputs)
		return &pulumirpc.CreateResponse{Properties: mustMarshal(previewState(inputs, state))}, nil
	}
	if err := d.refuse(token, plain(inputs)); err != nil {
		return nil, err
	}
	if err := d.world.admitCreate(token, d.region, plain(inputs)); err != nil {
		return nil, err
	}
	// A replacement creates the same URN again: vary the URN the ids derive from.
	gen := d.world.nextGeneration(string(urn))
	id, state := synth.Shape(token, urn.Name(), fmt.Sprintf("%s#%d", urn, gen), d.region, inputs)
	d.world.put(&Object{Token: token, ID: id, URN: string(urn), Inputs: plain(inputs), Outputs: plain(state)})
	d.calls = append(d.calls, Call{Op: "create", Token: token, URN: string(urn), ID: id})
	return &pulumirpc.CreateResponse{Id: id, Properties: mustMarshal(state)}, nil
}

func (d *Double) Update(_ context.Context, req *pulumirpc.UpdateRequest) (*pulumirpc.UpdateResponse, error) {
	news, err := unmarshal(req.GetNews())
	if err != nil {
		return nil, err
	}
	urn := resource.URN(req.GetUrn())
	token := string(urn.Type())
	d.mu.Lock()
	defer d.mu.Unlock()
	// The computed attributes are those AWS gave the resource when it was created (the same
	// generation of its URN), recomputed for the new inputs.
	_, state := synth.Shape(token, urn.Name(), fmt.Sprintf("%s#%d", urn, d.world.generation(string(urn))), d.region, news)
	if req.GetPreview() {
		return &pulumirpc.UpdateResponse{Properties: mustMarshal(state)}, nil
	}
	if err := d.refuse(token, plain(news)); err != nil {
		return nil, err
	}
	if token == "aws:cognito/userPool:UserPool" {
		olds, err := unmarshal(req.GetOldInputs())
		if err != nil {
			return nil, err
		}
		if err := providertruth.SchemaItemsKept(plain(olds), plain(news)); err != nil {
			return nil, err
		}
	}
	if err := d.world.admitUpdate(token, d.region, plain(news)); err != nil {
		return nil, err
	}
	d.world.put(&Object{Token: token, ID: req.GetId(), URN: string(urn), Inputs: plain(news), Outputs: plain(state)})
	d.calls = append(d.calls, Call{Op: "update", Token: token, URN: string(urn), ID: req.GetId()})
	return &pulumirpc.UpdateResponse{Properties: mustMarshal(state)}, nil
}

func (d *Double) Delete(_ context.Context, req *pulumirpc.DeleteRequest) (*emptypb.Empty, error) {
	urn := resource.URN(req.GetUrn())
	token := string(urn.Type())
	d.mu.Lock()
	defer d.mu.Unlock()
	if err := d.world.admitDelete(token, req.GetId()); err != nil {
		return nil, err
	}
	d.world.remove(token, req.GetId())
	d.calls = append(d.calls, Call{Op: "delete", Token: token, URN: string(urn), ID: req.GetId()})
	return &emptypb.Empty{}, nil
}

// Read answers a refresh from the simulated account.
func (d *Double) Read(_ context.Context, req *pulumirpc.ReadRequest) (*pulumirpc.ReadResponse, error) {
	urn := resource.URN(req.GetUrn())
	d.mu.Lock()
	defer d.mu.Unlock()
	obj, ok := d.world.get(string(urn.Type()), req.GetId())
	if !ok {
		return &pulumirpc.ReadResponse{}, nil // gone: the engine drops it from the state
	}
	return &pulumirpc.ReadResponse{
		Id:         obj.ID,
		Properties: mustMarshal(resource.NewPropertyMapFromMap(obj.Outputs)),
		Inputs:     mustMarshal(resource.NewPropertyMapFromMap(obj.Inputs)),
	}, nil
}

// Invoke answers the data sources the program reads, from the simulated account.
func (d *Double) Invoke(_ context.Context, req *pulumirpc.InvokeRequest) (*pulumirpc.InvokeResponse, error) {
	args, err := unmarshal(req.GetArgs())
	if err != nil {
		return nil, err
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	out, err := d.world.invoke(req.GetTok(), d.region, plain(args))
	if err != nil {
		return nil, err
	}
	return &pulumirpc.InvokeResponse{Return: mustMarshal(resource.NewPropertyMapFromMap(out))}, nil
}

// refuse applies the request constraints of the tables, as AWS would at the API call.
func (d *Double) refuse(token string, inputs map[string]any) error {
	vs := providertruth.Validate(token, inputs)
	if len(vs) == 0 {
		return nil
	}
	msgs := make([]string, len(vs))
	for i, v := range vs {
		msgs[i] = v.String()
	}
	return fmt.Errorf("InvalidParameterException (provider double, from the provider-truth tables): %s", strings.Join(msgs, "; "))
}

// previewState is what a preview shows: the inputs, and every attribute only AWS can tell as unknown.
func previewState(inputs, state resource.PropertyMap) resource.PropertyMap {
	out := inputs.Copy()
	for k := range state {
		if _, ok := inputs[k]; !ok {
			out[k] = resource.MakeComputed(resource.NewStringProperty(""))
		}
	}
	return out
}

func mustMarshal(m resource.PropertyMap) *structpb.Struct {
	s, err := plugin.MarshalProperties(m, marshal)
	if err != nil {
		panic(err)
	}
	return s
}
