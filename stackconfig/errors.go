package stackconfig

import (
	"fmt"
	"strings"
)

// Problem is one configuration mistake: which key, what value, why it is wrong and how to fix it.
type Problem struct {
	Key   string
	Value string
	Why   string
	Fix   string
}

func (p Problem) String() string {
	var b strings.Builder
	b.WriteString(p.Key)
	if p.Value != "" {
		fmt.Fprintf(&b, " = %s", p.Value)
	}
	fmt.Fprintf(&b, ": %s", p.Why)
	if p.Fix != "" {
		fmt.Fprintf(&b, "\n      fix: %s", p.Fix)
	}
	return b.String()
}

// Error lists every problem of a stack's configuration, so that an admin fixes them in one pass.
type Error struct {
	Stack    string
	Problems []Problem
}

func (e *Error) Error() string {
	var b strings.Builder
	noun := "problems"
	if len(e.Problems) == 1 {
		noun = "problem"
	}
	fmt.Fprintf(&b, "invalid configuration for stack %q (%d %s); nothing was deployed:", e.Stack, len(e.Problems), noun)
	for _, p := range e.Problems {
		b.WriteString("\n  - ")
		b.WriteString(p.String())
	}
	return b.String()
}

// problems collects Problems while a configuration is read.
type problems []Problem

func (ps *problems) add(key, value, why, fix string) {
	*ps = append(*ps, Problem{Key: key, Value: value, Why: why, Fix: fix})
}

// quote shows a value the way it would be written in YAML or JSON, so that empty strings and
// trailing spaces are visible.
func quote(s string) string { return fmt.Sprintf("%q", s) }
