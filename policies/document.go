// Package policies builds the IAM and S3 bucket policy documents of the stack as typed Go values.
//
// Every document is a pure function of the stack's configuration and of resource ARNs: nothing here
// knows Pulumi. Documents marshal deterministically (sorted values, fixed field order, no HTML
// escaping), so the same configuration always gives byte-identical JSON, and a change of access
// shows up as a small, readable diff.
package policies

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
)

// Version is the only IAM policy language version AWS documents; older versions lack policy variables.
const Version = "2012-10-17"

// Effect is a statement's effect.
type Effect string

const (
	Allow Effect = "Allow"
	Deny  Effect = "Deny"
)

// Document is an IAM policy document (identity-based, trust or resource-based).
type Document struct {
	Version   string      `json:"Version"`
	Statement []Statement `json:"Statement"`
}

// Statement is one statement of a Document. Field order is the order AWS shows in its console.
type Statement struct {
	Sid       string     `json:"Sid,omitempty"`
	Effect    Effect     `json:"Effect"`
	Principal Principals `json:"Principal,omitempty"`
	Action    Values     `json:"Action"`
	Resource  Values     `json:"Resource,omitempty"`
	Condition Conditions `json:"Condition,omitempty"`
}

// Values is a list of actions, resources or condition values. One value marshals as a plain string,
// the way AWS prints it; several marshal as an array in the order given.
type Values []string

// MarshalJSON writes a single value as a string and several as an array.
func (v Values) MarshalJSON() ([]byte, error) {
	if len(v) == 1 {
		return marshal(v[0])
	}
	return marshal([]string(v))
}

// UnmarshalJSON accepts both forms, so that documents read back from AWS round-trip.
func (v *Values) UnmarshalJSON(b []byte) error {
	var one string
	if err := json.Unmarshal(b, &one); err == nil {
		*v = Values{one}
		return nil
	}
	var many []string
	if err := json.Unmarshal(b, &many); err != nil {
		return fmt.Errorf("policy value must be a string or a list of strings: %w", err)
	}
	*v = many
	return nil
}

// Principals maps a principal type ("AWS", "Service", "Federated") to its identifiers.
// encoding/json sorts map keys, which keeps the output deterministic.
type Principals map[string]Values

// Conditions maps a condition operator (e.g. "StringEquals") to condition keys and their values.
type Conditions map[string]map[string]Values

// New returns a document of the given statements.
func New(statements ...Statement) Document {
	return Document{Version: Version, Statement: statements}
}

// JSON returns the document minified: the form AWS receives and counts against its size quotas.
func (d Document) JSON() (string, error) {
	b, err := marshal(d)
	if err != nil {
		return "", fmt.Errorf("marshal policy document: %w", err)
	}
	return string(b), nil
}

// MustJSON is JSON for documents built from already validated values; a failure is a programming error.
func (d Document) MustJSON() string {
	s, err := d.JSON()
	if err != nil {
		panic(err)
	}
	return s
}

// Pretty indents a minified policy document for people to read. Key order is preserved.
func Pretty(minified string) ([]byte, error) {
	var out bytes.Buffer
	if err := json.Indent(&out, []byte(minified), "", "  "); err != nil {
		return nil, fmt.Errorf("indent policy document: %w", err)
	}
	out.WriteByte('\n')
	return out.Bytes(), nil
}

// Parse reads a policy document, for tests and tools that check what AWS would receive.
func Parse(s string) (Document, error) {
	var d Document
	dec := json.NewDecoder(bytes.NewReader([]byte(s)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&d); err != nil {
		return Document{}, fmt.Errorf("parse policy document: %w", err)
	}
	return d, nil
}

// marshal encodes without HTML escaping: IAM would store "\u0026" literally, and ARNs are not HTML.
func marshal(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// sortedUnique returns the values sorted with duplicates removed, so that configuration order
// never changes a document.
func sortedUnique(values []string) Values {
	out := slices.Clone(values)
	slices.Sort(out)
	return slices.Compact(out)
}
