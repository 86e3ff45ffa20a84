// Package providertruth records, as data, what the AWS provider really does with every property the stack
// sets: what terraform-provider-aws (which pulumi-aws v6 bridges) sends to the AWS API, set and unset;
// which properties force a replacement; what pulumi-aws adds on top (auto-naming, delete-before-replace);
// and the constraints the AWS API reference puts on each request member. Every fact carries its source.
//
// Pulumi's mock engine accepts any input, so these tables are what the tests check the registered inputs
// against (Validate), and what the lifecycle suite's provider double diffs and refuses by (Changes,
// Validate). A fact belongs here only when it was read in the provider's code, the API reference or an
// issue report; the link says where.
package providertruth

import (
	"fmt"
	"slices"
	"sort"
	"strings"
)

// Sources of the facts. Links point at these exact versions.
const (
	// PulumiAWSVersion is the pulumi-aws release the stack's SDK belongs to.
	PulumiAWSVersion = "v6.83.4"
	// PulumiAWS links into pulumi-aws at that release.
	PulumiAWS = "https://github.com/pulumi/pulumi-aws/blob/" + PulumiAWSVersion + "/"
	// TerraformAWSVersion is the terraform-provider-aws release pulumi-aws v6.83.4 bridges.
	TerraformAWSVersion = "v5.100.0"
	// TerraformAWS links into terraform-provider-aws at that release.
	TerraformAWS = "https://github.com/hashicorp/terraform-provider-aws/blob/" + TerraformAWSVersion + "/"
)

// Unknown is how a value not known until apply (an output of another resource, at preview) appears in
// the inputs; constraints are not checked on it.
const Unknown = "[unknown]"

// Resource is what the provider does for one resource type.
type Resource struct {
	// Token is the Pulumi type token, e.g. "aws:cognito/userPool:UserPool".
	Token string
	// Terraform is the bridged resource type, e.g. "aws_cognito_user_pool".
	Terraform string
	// Source links the resource's implementation (schema, expand functions, create and update).
	Source string
	// API links the AWS API reference of the calls the provider makes for create and update.
	API string
	// AutoName is the property pulumi-aws fills in with "<logical name>-<7 hex>" when it is unset.
	AutoName *AutoName
	// DeleteBeforeReplace is pulumi-aws's own setting for the type (the resource option overrides it).
	DeleteBeforeReplace bool
	// Overrides says what pulumi-aws changes on top of the Terraform resource, with links.
	Overrides string
	// Properties are the inputs the stack sets, and the members the provider sends with them.
	Properties []Property
	// Rules are constraints across properties (e.g. "threat protection needs the Plus plan").
	Rules []Rule
	// World are facts about the account rather than the request (e.g. "one domain per user pool",
	// "bucket names are global"), which the lifecycle suite's provider double enforces.
	World []Fact
}

// AutoName is pulumi-aws's auto-naming of a property.
type AutoName struct {
	Property  string
	MaxLength int
	// Lowercase: pulumi-aws lowercases the generated name (bucket names).
	Lowercase bool
	Source    string
}

// Property is one input path and everything known about it.
type Property struct {
	// Path is the Pulumi input path: object members joined with ".", list elements as "[]"
	// ("schemas[].name"). A list of scalars or a map is one property ("callbackUrls", "tags").
	Path string
	// ForceNew: a change replaces the resource (the Terraform schema's ForceNew, or a pulumi-aws
	// override). A ForceNew block replaces the resource when any member changes.
	ForceNew bool
	// Sends says what the provider sends for the property, when set and when unset.
	Sends string
	// SentWithParent: whenever the enclosing block is present, the provider sends this member too,
	// as SentUnset when the program leaves it unset. Its Check then applies to SentUnset.
	SentWithParent bool
	SentUnset      any
	// Required: the API (or the provider's schema) refuses the request without it.
	Required bool
	// AWS is the API member the value becomes and the reference's constraint, in words.
	AWS string
	// Check applies the constraint to the value AWS receives; nil when only the type is constrained.
	Check Check
	// Source links where these facts were read.
	Source string
}

// Fact is a fact about the account, not one request.
type Fact struct {
	Name   string
	Detail string
	Source string
}

// Check tests one value as AWS would receive it; the error reads like AWS's own refusal.
type Check func(v any) error

// Rule tests the inputs of one resource together.
type Rule struct {
	Name   string
	Check  func(in map[string]any) error
	Source string
}

// Violation is a registered input that the provider or AWS would refuse, or that no table covers.
type Violation struct {
	Token   string
	Path    string
	Message string
	Source  string
}

func (v Violation) String() string {
	s := fmt.Sprintf("%s %s: %s", v.Token, v.Path, v.Message)
	if v.Source != "" {
		s += " (" + v.Source + ")"
	}
	return s
}

var registry = map[string]*Resource{}

// register adds the tables of one service; each service file calls it from init.
func register(rs ...Resource) {
	for i := range rs {
		r := rs[i]
		if _, dup := registry[r.Token]; dup {
			panic("providertruth: " + r.Token + " registered twice")
		}
		if ext, ok := extensions[r.Token]; ok {
			r.Properties = withProperties(r.Properties, ext.Properties)
			r.Rules = append(slices.Clone(r.Rules), ext.Rules...)
			r.World = append(slices.Clone(r.World), ext.World...)
		}
		registry[r.Token] = &r
	}
}

// extension is what a later table adds to a resource type another file registers: properties (which
// replace those of the same path) and rules and facts.
type extension struct {
	Properties []Property
	Rules      []Rule
	World      []Fact
}

// withProperties replaces the properties of base whose path is in more, and appends the others.
func withProperties(base, more []Property) []Property {
	out := slices.Clone(base)
	for _, p := range more {
		if i := slices.IndexFunc(out, func(q Property) bool { return q.Path == p.Path }); i >= 0 {
			out[i] = p
		} else {
			out = append(out, p)
		}
	}
	return out
}

// Lookup returns the table of a resource type.
func Lookup(token string) (*Resource, bool) {
	r, ok := registry[token]
	return r, ok
}

// Tokens lists every resource type with a table, sorted.
func Tokens() []string {
	out := make([]string, 0, len(registry))
	for t := range registry {
		out = append(out, t)
	}
	sort.Strings(out)
	return out
}

// Property returns the table entry of a path.
func (r *Resource) Property(path string) (Property, bool) {
	for _, p := range r.Properties {
		if p.Path == path {
			return p, true
		}
	}
	return Property{}, false
}

// Validate checks a resource's inputs (plain JSON-like values, secrets unwrapped) against its table:
// every set path must be covered, every value must pass its constraint, members the provider sends
// with their block must pass theirs as sent, required members must be present, and the rules must hold.
func Validate(token string, inputs map[string]any) []Violation {
	r, ok := Lookup(token)
	if !ok {
		return []Violation{{Token: token, Message: "no provider-truth table covers this resource type: read the provider's code for it and add one"}}
	}
	var vs []Violation
	leaves := Leaves(r, inputs)
	set := map[string]bool{}
	for _, l := range leaves {
		// A block counts as set when any member under it is.
		for a := l.Path; a != ""; a = parentPath(a) {
			set[a] = true
		}
		p, ok := r.Property(l.Path)
		if !ok {
			vs = append(vs, Violation{Token: token, Path: l.Path,
				Message: "the stack sets this property, but the provider-truth table does not cover it: record what the provider sends for it"})
			continue
		}
		if p.Check != nil && !isUnknown(l.Value) {
			if err := p.Check(l.Value); err != nil {
				vs = append(vs, Violation{Token: token, Path: l.Path, Message: err.Error(), Source: p.Source})
			}
		}
	}
	for _, p := range r.Properties {
		if set[p.Path] {
			continue
		}
		parent := parentPath(p.Path)
		switch {
		case p.SentWithParent && parent != "" && blockPresent(inputs, parent):
			if p.Check != nil {
				if err := p.Check(p.SentUnset); err != nil {
					vs = append(vs, Violation{Token: token, Path: p.Path,
						Message: fmt.Sprintf("unset, but the provider sends it as %#v with %s: %v", p.SentUnset, parent, err),
						Source:  p.Source})
				}
			}
		case p.Required && (parent == "" || blockPresent(inputs, parent)):
			vs = append(vs, Violation{Token: token, Path: p.Path, Message: "is required, but the stack does not set it", Source: p.Source})
		}
	}
	for _, rule := range r.Rules {
		if err := rule.Check(inputs); err != nil {
			vs = append(vs, Violation{Token: token, Path: "(" + rule.Name + ")", Message: err.Error(), Source: rule.Source})
		}
	}
	return vs
}

// Leaf is one property value found in a resource's inputs.
type Leaf struct {
	Path  string
	Value any
}

// Leaves flattens inputs into property paths. Objects are descended into, lists of objects too (as
// "[]"); a list of scalars, and any path the table records as a whole value (a map such as tags, or a
// property whose table entry has no members), is one leaf. Nil values are unset.
func Leaves(r *Resource, inputs map[string]any) []Leaf {
	var out []Leaf
	var walk func(path string, v any)
	walk = func(path string, v any) {
		if v == nil {
			return
		}
		if path != "" && r != nil && r.isWhole(path) {
			out = append(out, Leaf{path, v})
			return
		}
		switch x := v.(type) {
		case map[string]any:
			keys := make([]string, 0, len(x))
			for k := range x {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				walk(join(path, k), x[k])
			}
		case []any:
			objects := len(x) > 0
			for _, e := range x {
				if _, ok := e.(map[string]any); !ok {
					objects = false
				}
			}
			if !objects {
				out = append(out, Leaf{path, v})
				return
			}
			for _, e := range x {
				walk(path+"[]", e)
			}
		default:
			out = append(out, Leaf{path, v})
		}
	}
	walk("", inputs)
	return out
}

// isWhole reports a path the table records as one value: it is in the table, and no table entry lies
// below it.
func (r *Resource) isWhole(path string) bool {
	if _, ok := r.Property(path); !ok {
		return false
	}
	for _, p := range r.Properties {
		if strings.HasPrefix(p.Path, path+".") || strings.HasPrefix(p.Path, path+"[]") {
			return false
		}
	}
	return true
}

// Changes compares a resource's old and new inputs: the top-level properties whose value changed, and
// those of them whose change forces a replacement (a changed path that is ForceNew, or lies in a
// ForceNew block). A new value that is not yet known counts as a change.
func Changes(token string, olds, news map[string]any) (changed, replaces []string, err error) {
	r, ok := Lookup(token)
	if !ok {
		return nil, nil, fmt.Errorf("providertruth: no table for %s", token)
	}
	oldLeaves, newLeaves := leafMap(r, olds), leafMap(r, news)
	top := map[string]bool{}
	rep := map[string]bool{}
	for _, path := range unionKeys(oldLeaves, newLeaves) {
		o, n := oldLeaves[path], newLeaves[path]
		if equalValues(o, n) && !isUnknown(n) {
			continue
		}
		key := topKey(path)
		top[key] = true
		if r.forcesNew(path) {
			rep[key] = true
		}
	}
	return sortedKeys(top), sortedKeys(rep), nil
}

// forcesNew reports whether a change at path replaces the resource: the path or an enclosing block is
// ForceNew. A path no table entry covers is reported by Validate, and forces nothing here.
func (r *Resource) forcesNew(path string) bool {
	for p := path; p != ""; p = parentPath(p) {
		if prop, ok := r.Property(p); ok && prop.ForceNew {
			return true
		}
	}
	return false
}

func leafMap(r *Resource, in map[string]any) map[string]any {
	m := map[string]any{}
	// List elements are compared as whole lists: the provider sends the list, and a reordering is a change.
	for _, l := range Leaves(r, in) {
		if i := strings.Index(l.Path, "[]"); i >= 0 {
			listPath := l.Path[:i]
			m[listPath] = Get(in, listPath)
			continue
		}
		m[l.Path] = l.Value
	}
	return m
}

// Get returns the value at a path of plain inputs ("a.b"; no list elements), or nil.
func Get(in map[string]any, path string) any {
	var v any = in
	for _, k := range strings.Split(path, ".") {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[k]
	}
	return v
}

func blockPresent(in map[string]any, path string) bool {
	if strings.Contains(path, "[]") {
		// A member of list elements: present when the list has elements.
		list, _ := Get(in, path[:strings.Index(path, "[]")]).([]any)
		return len(list) > 0
	}
	return Get(in, path) != nil
}

func isUnknown(v any) bool { s, ok := v.(string); return ok && s == Unknown }

func join(path, k string) string {
	if path == "" {
		return k
	}
	return path + "." + k
}

func parentPath(path string) string {
	path = strings.TrimSuffix(path, "[]")
	i := strings.LastIndexAny(path, ".")
	if i < 0 {
		return ""
	}
	return strings.TrimSuffix(path[:i], "[]")
}

func topKey(path string) string {
	if i := strings.IndexAny(path, ".["); i >= 0 {
		return path[:i]
	}
	return path
}

func unionKeys(a, b map[string]any) []string {
	keys := map[string]bool{}
	for k := range a {
		keys[k] = true
	}
	for k := range b {
		keys[k] = true
	}
	return sortedKeys(keys)
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func equalValues(a, b any) bool {
	return fmt.Sprintf("%#v", normalize(a)) == fmt.Sprintf("%#v", normalize(b))
}

// normalize makes numbers compare equal whatever their Go type.
func normalize(v any) any {
	switch x := v.(type) {
	case int:
		return float64(x)
	case int64:
		return float64(x)
	case float64:
		return x
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = normalize(e)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = normalize(e)
		}
		return out
	}
	return v
}
