package synth

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"igv-aws-backend/policies"
)

// Files a synthesis writes, besides one file per S3 object the stack uploads (named by its key).
const (
	ResourcesFile = "resources.json"
	OutputsFile   = "outputs.json"
	PoliciesDir   = "policies"
)

// policyProperties names, per resource type, the inputs that hold an IAM policy document, and the
// suffix of the file each is written to.
var policyProperties = map[string]map[string]string{
	"aws:iam/role:Role":                {"assumeRolePolicy": "-trust"},
	"aws:iam/policy:Policy":            {"policy": ""},
	"aws:iam/rolePolicy:RolePolicy":    {"policy": ""},
	"aws:s3/bucketPolicy:BucketPolicy": {"policy": ""},
}

// Files returns every file of the synthesis, by path relative to the output directory.
func (r *Result) Files() (map[string][]byte, error) {
	files := map[string][]byte{}
	var err error
	// Secrets are written redacted: a stack's secret config (an identity provider's client secret) would
	// otherwise reach the files in plain text. Resources and outputs keep their values for the tests.
	resources := make([]Resource, len(r.Resources))
	for i, res := range r.Resources {
		res.Inputs, _ = redact(res.Inputs).(map[string]any)
		res.Outputs, _ = redact(res.Outputs).(map[string]any)
		resources[i] = res
	}
	if files[ResourcesFile], err = encode(resources); err != nil {
		return nil, err
	}
	outputs, _ := redact(r.Outputs).(map[string]any)
	if files[OutputsFile], err = encode(outputs); err != nil {
		return nil, err
	}
	for _, res := range r.Resources {
		for prop, suffix := range policyProperties[res.Type] {
			doc, ok := Unsecret(res.Inputs[prop]).(string)
			if !ok {
				continue
			}
			pretty, err := policies.Pretty(doc)
			if err != nil {
				return nil, fmt.Errorf("synth: %s %s: %w", res.URN, prop, err)
			}
			name := path.Join(PoliciesDir, res.Name+suffix+".json")
			if _, dup := files[name]; dup {
				return nil, fmt.Errorf("synth: two policies would be written to %s", name)
			}
			files[name] = pretty
		}
		if res.Type == "aws:s3/bucketObjectv2:BucketObjectv2" {
			key, body, err := objectBody(res)
			if err != nil {
				return nil, err
			}
			if _, taken := files[key]; taken {
				return nil, fmt.Errorf("synth: object key %s clashes with another file", key)
			}
			files[key] = body
		}
	}
	return files, nil
}

// objectBody is the content an S3 object resource uploads, and the file name it is written under.
func objectBody(res Resource) (string, []byte, error) {
	key, _ := Unsecret(res.Inputs["key"]).(string)
	if key == "" || path.Clean(key) != key || path.IsAbs(key) || strings.HasPrefix(key, ".") {
		return "", nil, fmt.Errorf("synth: object %s has key %q, which is not a clean relative path", res.URN, key)
	}
	if b64, ok := Unsecret(res.Inputs["contentBase64"]).(string); ok {
		body, err := base64.StdEncoding.DecodeString(b64)
		if err != nil {
			return "", nil, fmt.Errorf("synth: object %s: %w", res.URN, err)
		}
		return key, body, nil
	}
	content, _ := Unsecret(res.Inputs["content"]).(string)
	return key, []byte(content), nil
}

// Write writes the files into dir, replacing an earlier synthesis there. Everything is rendered
// before anything is written, so a failure leaves dir as it was.
func (r *Result) Write(dir string) error {
	files, err := r.Files()
	if err != nil {
		return err
	}
	if err := os.RemoveAll(filepath.Join(dir, PoliciesDir)); err != nil {
		return fmt.Errorf("synth: clear %s: %w", dir, err)
	}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return fmt.Errorf("synth: %w", err)
		}
		if err := os.WriteFile(p, files[name], 0o644); err != nil {
			return fmt.Errorf("synth: %w", err)
		}
	}
	return nil
}

// encode writes indented JSON with a final newline; maps come out with sorted keys.
func encode(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, fmt.Errorf("synth: encode: %w", err)
	}
	return buf.Bytes(), nil
}

// Redacted stands for a secret's value in the synth's files.
const Redacted = "[redacted]"

// redact copies v with every non-empty secret value replaced by Redacted.
func redact(v any) any {
	if IsSecret(v) {
		if inner := Unsecret(v); inner != "" && inner != nil {
			return secretMarker(Redacted)
		}
		return v
	}
	switch x := v.(type) {
	case map[string]any:
		if x == nil {
			return x
		}
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = redact(e)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = redact(e)
		}
		return out
	}
	return v
}
