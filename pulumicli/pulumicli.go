// Package pulumicli reads a deployed stack's outputs through the Pulumi CLI, for the command-line
// tools that work on a deployment (cmd/audit, cmd/invite, cmd/verify). The CLI knows the backend and
// its credentials, so the tools need no Pulumi login of their own.
package pulumicli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os/exec"
	"strings"
)

// Outputs returns a stack's outputs, values as JSON decodes them. With showSecrets, secret outputs
// are shown in plain text; without, they read "[secret]".
func Outputs(ctx context.Context, stack string, showSecrets bool) (map[string]any, error) {
	args := []string{"stack", "output", "--json", "--stack", stack}
	if showSecrets {
		args = append(args, "--show-secrets")
	}
	out, err := exec.CommandContext(ctx, "pulumi", args...).Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return nil, fmt.Errorf("pulumi stack output: %s", strings.TrimSpace(string(ee.Stderr)))
		}
		return nil, fmt.Errorf("pulumi stack output (is the Pulumi CLI installed?): %w", err)
	}
	var outputs map[string]any
	if err := json.Unmarshal(out, &outputs); err != nil {
		return nil, fmt.Errorf("pulumi stack output: %w", err)
	}
	return outputs, nil
}

// Output returns one output of a stack as text.
func Output(ctx context.Context, stack, name string) (string, error) {
	outputs, err := Outputs(ctx, stack, false)
	if err != nil {
		return "", err
	}
	v, ok := outputs[name]
	if !ok {
		return "", fmt.Errorf("stack %s has no output %s", stack, name)
	}
	if s, ok := v.(string); ok {
		return s, nil
	}
	b, err := json.Marshal(v)
	return string(b), err
}
