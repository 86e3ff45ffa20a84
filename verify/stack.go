package verify

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"

	"igv-aws-backend/components"
	"igv-aws-backend/stack"
	"igv-aws-backend/stackconfig"
	"igv-aws-backend/synth"
)

// StackView is what verify -stack knows: the URLs to check, what the stack sets, and its buckets.
type StackView struct {
	// URLs are the provisioning URLs of the stack, the first callback port's first.
	URLs     []string
	Expected *Expected
	Buckets  []Bucket
}

// FromStack builds the view of a deployed stack from its Pulumi.<stack>.yaml (synthesized offline,
// which gives the inputs the stack registers) and its outputs (which give the URLs and the config it
// rendered with the real ids).
func FromStack(projectDir, name string, outputs map[string]any) (*StackView, error) {
	st, err := synth.LoadStack(projectDir, name, "")
	if err != nil {
		return nil, err
	}
	cfg, err := stackconfig.Parse(st.Project, st.Name, st.Config)
	if err != nil {
		return nil, err
	}
	result, err := synth.Run(stack.Program, st)
	if err != nil {
		return nil, fmt.Errorf("synthesizing stack %s: %w", name, err)
	}
	exp := &Expected{Stack: name, RenderedConfigs: map[string]string{}, ListAllBuckets: cfg.ListAllBuckets}
	for _, r := range result.Resources {
		switch r.Type {
		case "aws:cognito/userPool:UserPool":
			exp.UserPool = r.Inputs
		case "aws:cognito/userPoolClient:UserPoolClient":
			exp.Client = r.Inputs
		}
	}
	if exp.UserPool == nil || exp.Client == nil {
		return nil, fmt.Errorf("stack %s: the synthesis has no user pool or app client", name)
	}

	urls, _ := outputs["provisioningUrls"].(map[string]any)
	rendered, _ := synth.Unsecret(outputs["oauthConfig"]).(string)
	first, _ := outputs["provisioningUrl"].(string)
	if first == "" || rendered == "" || len(urls) == 0 {
		return nil, fmt.Errorf("stack %s has no provisioningUrl, provisioningUrls or oauthConfig output: is it deployed? (pulumi stack output --stack %s)", name, name)
	}
	if rendered == "[secret]" {
		return nil, fmt.Errorf("stack %s: the oauthConfig output is a secret; read the outputs with --show-secrets", name)
	}
	view := &StackView{Expected: exp}
	ports := make([]int, 0, len(urls))
	for p := range urls {
		n, err := strconv.Atoi(p)
		if err != nil {
			return nil, fmt.Errorf("stack %s: provisioningUrls has a key %q that is not a port", name, p)
		}
		ports = append(ports, n)
	}
	slices.Sort(ports)
	view.URLs = append(view.URLs, first)
	for _, p := range ports {
		u, _ := urls[strconv.Itoa(p)].(string)
		text := rendered
		if u != first {
			// Each port's copy is the first with its own callback as the only redirect URI.
			if text, err = withRedirect(rendered, components.CallbackURLs([]int{p})); err != nil {
				return nil, fmt.Errorf("stack %s: %w", name, err)
			}
			view.URLs = append(view.URLs, u)
		}
		exp.RenderedConfigs[u] = text
	}
	for _, b := range cfg.Buckets {
		view.Buckets = append(view.Buckets, Bucket{Name: b.Name, Prefixes: b.Prefixes})
	}
	return view, nil
}

func withRedirect(config string, redirect []string) (string, error) {
	var m map[string]any
	if err := json.Unmarshal([]byte(config), &m); err != nil {
		return "", fmt.Errorf("the oauthConfig output is not JSON: %w", err)
	}
	m["redirect_uris"] = redirect
	b, err := json.Marshal(m)
	return string(b), err
}

// sameConfig compares two config files as IGV reads them: key by key, whatever the layout.
func sameConfig(a, b string) (bool, error) {
	var x, y any
	if err := json.Unmarshal([]byte(a), &x); err != nil {
		return false, err
	}
	if err := json.Unmarshal([]byte(b), &y); err != nil {
		return false, err
	}
	xb, _ := json.Marshal(x)
	yb, _ := json.Marshal(y)
	return string(xb) == string(yb), nil
}
