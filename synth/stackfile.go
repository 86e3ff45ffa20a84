package synth

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/diag"
	"github.com/pulumi/pulumi/sdk/v3/go/common/diag/colors"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/config"
	"github.com/pulumi/pulumi/sdk/v3/go/common/workspace"
)

// LoadStack reads a stack's configuration the way the Pulumi CLI does: Pulumi.yaml for the project
// name and the defaults of its `config:` block, then Pulumi.<stack>.yaml (or configFile when given),
// with Pulumi's own loaders. Values come out as the engine passes them: scalars as text, lists and
// objects as JSON. Secure (encrypted) values cannot be read offline and are an error.
func LoadStack(projectDir, stack, configFile string) (Stack, error) {
	project, err := workspace.LoadProject(filepath.Join(projectDir, "Pulumi.yaml"))
	if err != nil {
		return Stack{}, fmt.Errorf("read project: %w", err)
	}
	if configFile == "" {
		configFile = filepath.Join(projectDir, "Pulumi."+stack+".yaml")
	}
	sink := diag.DefaultSink(io.Discard, os.Stderr, diag.FormatOptions{Color: colors.Never})
	ps, err := workspace.LoadProjectStack(sink, project, configFile)
	if err != nil {
		return Stack{}, fmt.Errorf("read stack config %s: %w", configFile, err)
	}
	values, err := ps.Config.Decrypt(noSecrets{})
	if err != nil {
		return Stack{}, fmt.Errorf("read stack config %s: %w", configFile, err)
	}

	cfg := map[string]string{}
	for k, v := range values {
		cfg[k.String()] = v
	}
	// Pulumi applies the project's declared defaults to keys the stack does not set.
	for name, decl := range project.Config {
		key := name
		if !strings.Contains(key, ":") {
			key = project.Name.String() + ":" + name
		}
		if _, set := cfg[key]; set || decl.Default == nil {
			continue
		}
		text, err := configText(decl.Default)
		if err != nil {
			return Stack{}, fmt.Errorf("default of %s in Pulumi.yaml: %w", key, err)
		}
		cfg[key] = text
	}
	return Stack{Project: project.Name.String(), Name: stack, Config: cfg}, nil
}

// configText renders a default the way the engine passes config: strings as they are, everything
// else as JSON.
func configText(v any) (string, error) {
	if s, ok := v.(string); ok {
		return s, nil
	}
	b, err := json.Marshal(v)
	return string(b), err
}

// noSecrets refuses to decrypt: the offline synth has no access to a stack's secrets provider.
type noSecrets struct{}

var errSecret = errors.New("the offline synth cannot read secure (encrypted) config values; " +
	"this stack's keys hold no secrets, so set them in plain text")

func (noSecrets) DecryptValue(context.Context, string) (string, error) { return "", errSecret }
func (noSecrets) BatchDecrypt(context.Context, []string) ([]string, error) {
	return nil, errSecret
}

var _ config.Decrypter = noSecrets{}
