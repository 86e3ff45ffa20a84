// Package verify proves that a deployment works by walking IGV desktop's own path: it fetches the
// provisioning URL's config as IGV does, checks every key IGV reads, the user pool's discovery, the
// hosted-UI login page and that guests are refused; with admin credentials it compares what AWS holds
// with what the stack sets and simulates the role's access to every bucket; and with -login it signs in
// as a user and reads a file the way IGV does. Each step passes or fails on its own line, and a failed
// step names the README troubleshooting entry that fixes it.
package verify

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// Step is one checked step of the walk.
type Step struct {
	// Name says what was checked, as a sentence an admin can read in a list.
	Name   string `json:"step"`
	Passed bool   `json:"passed"`
	// Detail is what was seen: on success the evidence, on failure what is wrong (the AWS error included).
	Detail string `json:"detail,omitempty"`
	// Fix is what to do, and Entry the README troubleshooting entry (its symptom column) that explains it.
	Fix   string `json:"fix,omitempty"`
	Entry Entry  `json:"troubleshooting,omitempty"`
}

// Report is every step of one run, in order.
type Report struct {
	Target string `json:"provisioningUrl"`
	Steps  []Step `json:"steps"`
}

// Passed is true when every step passed.
func (r *Report) Passed() bool {
	for _, s := range r.Steps {
		if !s.Passed {
			return false
		}
	}
	return true
}

// Failed lists the failed steps.
func (r *Report) Failed() []Step {
	var out []Step
	for _, s := range r.Steps {
		if !s.Passed {
			out = append(out, s)
		}
	}
	return out
}

func (r *Report) pass(name, detail string) {
	r.Steps = append(r.Steps, Step{Name: name, Passed: true, Detail: detail})
}

func (r *Report) fail(name, detail, fix string, entry Entry) {
	r.Steps = append(r.Steps, Step{Name: name, Detail: detail, Fix: fix, Entry: entry})
}

// add appends a step that passes when problem is nil.
func (r *Report) add(name, detail string, p *problem) bool {
	if p == nil {
		r.pass(name, detail)
		return true
	}
	r.fail(name, p.what, p.fix, p.entry)
	return false
}

// problem is why a step failed: what is wrong, the fix, and the README entry.
type problem struct {
	what, fix string
	entry     Entry
}

func problemf(entry Entry, fix, format string, args ...any) *problem {
	return &problem{what: fmt.Sprintf(format, args...), fix: fix, entry: entry}
}

// WriteText prints one line per step, and under a failed step its fix and README entry.
func (r *Report) WriteText(w io.Writer) error {
	var b strings.Builder
	for _, s := range r.Steps {
		mark := "ok  "
		if !s.Passed {
			mark = "FAIL"
		}
		fmt.Fprintf(&b, "%s  %s", mark, s.Name)
		if s.Detail != "" {
			fmt.Fprintf(&b, ": %s", s.Detail)
		}
		b.WriteString("\n")
		if s.Fix != "" {
			fmt.Fprintf(&b, "      fix: %s\n", s.Fix)
		}
		if s.Entry != "" {
			fmt.Fprintf(&b, "      README, Troubleshooting: %s\n", s.Entry)
		}
	}
	passed, failed := len(r.Steps)-len(r.Failed()), len(r.Failed())
	if failed == 0 {
		fmt.Fprintf(&b, "PASS  %d steps\n", passed)
	} else {
		fmt.Fprintf(&b, "FAIL  %d of %d steps failed\n", failed, passed+failed)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteJSON prints the report for scripts.
func (r *Report) WriteJSON(w io.Writer) error {
	out := struct {
		*Report
		Passed bool `json:"passed"`
	}{r, r.Passed()}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
