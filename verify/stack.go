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
	// Targets are the stack's deployments IGV can be pointed at: one, or one per access tier. URLs,
	// Expected and Buckets above are the first's.
	Targets []Target
}

// Target is what one provisioning URL (and its further ports' copies) serves.
type Target struct {
	// Tier is the access tier; "" without tiers.
	Tier string
	// URLs are the target's provisioning URLs, the first callback port's first.
	URLs     []string
	Expected *Expected
	// Buckets are what the target's role must read and, with tiers, the other tiers' buckets it must not.
	Buckets []Bucket
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
	clients := map[string]map[string]any{}
	for _, r := range result.Resources {
		switch r.Type {
		case "aws:cognito/userPool:UserPool":
			exp.UserPool = r.Inputs
		case "aws:cognito/userPoolClient:UserPoolClient":
			exp.Client = r.Inputs
			clientName, _ := r.Inputs["name"].(string)
			clients[clientName] = r.Inputs
		}
	}
	if exp.UserPool == nil || exp.Client == nil {
		return nil, fmt.Errorf("stack %s: the synthesis has no user pool or app client", name)
	}
	if cfg.Tiered() {
		return tieredView(name, cfg, exp, clients, outputs)
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
	view.Targets = []Target{{URLs: view.URLs, Expected: exp, Buckets: view.Buckets}}
	return view, nil
}

// tieredView is the view of a stack with access tiers: one target per tier, whose role must read the
// tier's buckets and the shared ones, and must not read any other tier's.
func tieredView(name string, cfg *stackconfig.Config, base *Expected, clients map[string]map[string]any, outputs map[string]any) (*StackView, error) {
	urls, _ := outputs["provisioningUrls"].(map[string]any)
	configs, _ := synth.Unsecret(outputs["oauthConfigs"]).(map[string]any)
	if len(urls) == 0 || len(configs) == 0 {
		return nil, fmt.Errorf("stack %s has no provisioningUrls or oauthConfigs output: is it deployed with its tiers? (pulumi stack output --stack %s)", name, name)
	}
	view := &StackView{}
	for _, t := range cfg.Tiers {
		rendered, _ := synth.Unsecret(configs[t.Name]).(string)
		first, _ := urls[t.Name].(string)
		client := clients[components.TierClientName(t.Name)]
		switch {
		case rendered == "[secret]":
			return nil, fmt.Errorf("stack %s: the oauthConfigs output is a secret; read the outputs with --show-secrets", name)
		case rendered == "" || first == "" || client == nil:
			return nil, fmt.Errorf("stack %s: tier %s has no provisioning URL, config or app client: deploy the stack with its tiers first", name, t.Name)
		}
		exp := *base
		exp.Client, exp.RenderedConfigs = client, map[string]string{first: rendered}
		target := Target{Tier: t.Name, URLs: []string{first}, Expected: &exp}
		for i, port := range cfg.CallbackPorts {
			if i == 0 {
				continue
			}
			u, _ := urls[fmt.Sprintf("%s:%d", t.Name, port)].(string)
			if u == "" {
				return nil, fmt.Errorf("stack %s: tier %s has no provisioning URL for port %d", name, t.Name, port)
			}
			text, err := withRedirect(rendered, components.CallbackURLs([]int{port}))
			if err != nil {
				return nil, fmt.Errorf("stack %s: %w", name, err)
			}
			target.URLs = append(target.URLs, u)
			exp.RenderedConfigs[u] = text
		}
		for _, b := range cfg.Buckets {
			switch {
			case slices.Contains(t.Buckets, b.Name) || slices.Contains(cfg.SharedBuckets, b.Name):
				target.Buckets = append(target.Buckets, Bucket{Name: b.Name, Prefixes: b.Prefixes})
			default:
				target.Buckets = append(target.Buckets, Bucket{Name: b.Name, Prefixes: b.Prefixes, OtherTier: tierOf(cfg, b.Name)})
			}
		}
		view.Targets = append(view.Targets, target)
		view.URLs = append(view.URLs, target.URLs...)
	}
	view.Expected, view.Buckets = view.Targets[0].Expected, view.Targets[0].Buckets
	return view, nil
}

// tierOf is the first tier that lists a bucket.
func tierOf(cfg *stackconfig.Config, bucket string) string {
	for _, t := range cfg.Tiers {
		if slices.Contains(t.Buckets, bucket) {
			return t.Name
		}
	}
	return "?"
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
