package stackconfig

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"slices"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// Load reads and validates the running stack's configuration. Call it before registering any resource.
func Load(ctx *pulumi.Context) (*Config, error) {
	raw := Raw(ctx)
	cfg, err := Parse(ctx.Project(), ctx.Stack(), raw)
	// Client secrets come only from secret config: in plain text they would sit in Pulumi.<stack>.yaml,
	// in the repository.
	if v := raw[KeyIdentityProviderSecrets]; v != "" && v != "{}" && !ctx.IsConfigSecret(KeyIdentityProviderSecrets) {
		p := Problem{Key: KeyIdentityProviderSecrets, Value: "[not secret]", Why: "holds client secrets in plain text, in the stack's config file",
			Fix: fmt.Sprintf("remove it from Pulumi.%s.yaml and set each with pulumi config set --secret --path '%s.NAME' (revoke and rotate the exposed secrets)", ctx.Stack(), KeyIdentityProviderSecrets)}
		var e *Error
		if errors.As(err, &e) {
			e.Problems = append(e.Problems, p)
			return nil, e
		}
		return nil, &Error{Stack: ctx.Stack(), Problems: []Problem{p}}
	}
	return cfg, err
}

// Raw returns the stack's configuration as the engine passed it to the program. Besides the keys the
// program reads, it includes any other key of this project, so that Parse can report misspellings.
func Raw(ctx *pulumi.Context) map[string]string { return RawFor(ctx, Keys) }

// RawFor is Raw for a program that reads the given keys.
func RawFor(ctx *pulumi.Context, known []string) map[string]string {
	keys := slices.Clone(known)
	keys = append(keys, presentKeys(ctx)...)
	raw := map[string]string{}
	for _, k := range keys {
		if v, ok := ctx.GetConfig(k); ok {
			raw[k] = v
		}
	}
	return raw
}

type keysContextKey struct{}

// WithKeys records which configuration keys a mock run was given. The Pulumi engine passes every key to
// a Go program in the PULUMI_CONFIG environment variable; a mock run passes its map through RunInfo,
// which the program cannot enumerate, so the offline synth names the keys through the Go context.
func WithKeys(parent context.Context, config map[string]string) context.Context {
	keys := make([]string, 0, len(config))
	for k := range config {
		keys = append(keys, k)
	}
	return context.WithValue(parent, keysContextKey{}, keys)
}

func presentKeys(ctx *pulumi.Context) []string {
	if keys, ok := ctx.Context().Value(keysContextKey{}).([]string); ok {
		return keys
	}
	var all map[string]string
	if err := json.Unmarshal([]byte(os.Getenv(pulumi.EnvConfig)), &all); err != nil {
		return nil
	}
	keys := make([]string, 0, len(all))
	for k := range all {
		keys = append(keys, k)
	}
	return keys
}
