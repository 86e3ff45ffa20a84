package components

import (
	"sync"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// DestroyGuard makes `pulumi destroy` of a protected stack stop before it deletes anything.
//
// Pulumi checks protect only when a delete reaches the protected resource, and it deletes dependents
// first: a destroy of a stack whose user pool alone is protected deletes every user, the app client,
// the domain, the identity pool and the role, and only then stops at the pool (measured on the real
// engine, tests/lifecycle). The guard depends on every resource of the stack, so it is the one
// resource nothing else waits for: destroy deletes it first, and while it is protected the destroy
// stops there, with everything in place. With protect off it goes first and the destroy carries on.
type DestroyGuard struct {
	pulumi.ResourceState
}

// NewDestroyGuard registers the guard over the given resources: every custom resource of the stack,
// as a ResourceTracker recorded them. protect is the stack's protect setting.
func NewDestroyGuard(ctx *pulumi.Context, name string, guarded []pulumi.Resource, protect bool) (*DestroyGuard, error) {
	g := &DestroyGuard{}
	if err := ctx.RegisterComponentResource(typePrefix+"index:DestroyGuard", name, g,
		pulumi.DependsOn(guarded), pulumi.Protect(protect)); err != nil {
		return nil, err
	}
	return g, ctx.RegisterResourceOutputs(g, pulumi.Map{})
}

// ResourceTracker records every custom resource registered under the component it is attached to (with
// Option). DependsOn(component) would not do for the guard: the Go SDK expands a component into its
// children on another goroutine, racing their registration, so some would be missed. A transformation
// runs as each resource registers.
type ResourceTracker struct {
	mu        sync.Mutex
	resources []pulumi.Resource
}

// Option attaches the tracker to a component and everything under it.
func (t *ResourceTracker) Option() pulumi.ResourceOption {
	return pulumi.Transformations([]pulumi.ResourceTransformation{t.record})
}

func (t *ResourceTracker) record(args *pulumi.ResourceTransformationArgs) *pulumi.ResourceTransformationResult {
	if _, custom := args.Resource.(pulumi.CustomResource); custom {
		t.mu.Lock()
		t.resources = append(t.resources, args.Resource)
		t.mu.Unlock()
	}
	return nil // no change to the resource
}

// Resources are the custom resources recorded so far.
func (t *ResourceTracker) Resources() []pulumi.Resource {
	t.mu.Lock()
	defer t.mu.Unlock()
	return append([]pulumi.Resource(nil), t.resources...)
}
