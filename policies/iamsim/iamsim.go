// Package iamsim evaluates IAM policy documents against requests, the way IAM does for the subset of
// the policy language this stack writes: Allow and Deny, Principal, Action and Resource with * and ?
// wildcards, and the condition operators StringEquals, StringLike, ArnLike, ForAnyValue: forms and Bool.
// An operator it does not know makes Evaluate fail, so a test can never pass by ignoring a condition.
package iamsim

import (
	"fmt"
	"regexp"
	"strings"

	"igv-aws-backend/policies"
)

// Request is one API call as IAM sees it.
type Request struct {
	// PrincipalType and Principal identify the caller for resource and trust policies
	// (e.g. "Federated", "cognito-identity.amazonaws.com"). Empty for identity policies.
	PrincipalType string
	Principal     string
	Action        string
	Resource      string
	// Context holds the request's condition keys; a key may have several values (e.g. amr).
	Context map[string][]string
}

// Decision is IAM's answer.
type Decision string

const (
	Allowed      Decision = "Allowed"
	ExplicitDeny Decision = "ExplicitDeny"
	ImplicitDeny Decision = "ImplicitDeny"
)

// Evaluate applies the documents together: an explicit Deny wins, then any Allow, else implicit deny.
func Evaluate(docs []policies.Document, req Request) (Decision, error) {
	allowed := false
	for _, d := range docs {
		for _, s := range d.Statement {
			ok, err := matches(s, req)
			if err != nil {
				return "", err
			}
			if !ok {
				continue
			}
			if s.Effect == policies.Deny {
				return ExplicitDeny, nil
			}
			allowed = true
		}
	}
	if allowed {
		return Allowed, nil
	}
	return ImplicitDeny, nil
}

func matches(s policies.Statement, req Request) (bool, error) {
	if s.Principal != nil {
		ids, ok := s.Principal[req.PrincipalType]
		if !ok && s.Principal["AWS"] != nil && contains(s.Principal["AWS"], "*") {
			ids, ok = Values{"*"}, true
		}
		if !ok || !(contains(ids, req.Principal) || contains(ids, "*")) {
			return false, nil
		}
	}
	if !anyGlob(s.Action, req.Action, true) {
		return false, nil
	}
	if len(s.Resource) > 0 && !anyGlob(s.Resource, req.Resource, false) {
		return false, nil
	}
	for op, keys := range s.Condition {
		for key, want := range keys {
			ok, err := condition(op, want, lookup(req.Context, key))
			if err != nil {
				return false, err
			}
			if !ok {
				return false, nil
			}
		}
	}
	return true, nil
}

// Values mirrors policies.Values for principal lists.
type Values = policies.Values

func condition(op string, want policies.Values, have []string) (bool, error) {
	switch op {
	case "StringEquals":
		return len(have) == 1 && contains(want, have[0]), nil
	case "StringLike", "ArnLike":
		return len(have) == 1 && anyGlob(want, have[0], false), nil
	case "ForAnyValue:StringEquals":
		for _, h := range have {
			if contains(want, h) {
				return true, nil
			}
		}
		return false, nil
	case "ForAnyValue:StringLike":
		for _, h := range have {
			if anyGlob(want, h, false) {
				return true, nil
			}
		}
		return false, nil
	case "Bool":
		return len(have) == 1 && anyGlob(want, strings.ToLower(have[0]), false), nil
	}
	return false, fmt.Errorf("iamsim: condition operator %q is not supported", op)
}

// lookup finds a condition key; IAM compares key names case-insensitively.
func lookup(ctx map[string][]string, key string) []string {
	for k, v := range ctx {
		if strings.EqualFold(k, key) {
			return v
		}
	}
	return nil
}

func contains(vs policies.Values, s string) bool {
	for _, v := range vs {
		if v == s {
			return true
		}
	}
	return false
}

func anyGlob(patterns policies.Values, s string, foldCase bool) bool {
	for _, p := range patterns {
		if glob(p, s, foldCase) {
			return true
		}
	}
	return false
}

// glob matches IAM wildcards: * is any run of characters (including /), ? is one character.
func glob(pattern, s string, foldCase bool) bool {
	var re strings.Builder
	if foldCase {
		re.WriteString("(?i)")
	}
	re.WriteString("^")
	for _, r := range pattern {
		switch r {
		case '*':
			re.WriteString(".*")
		case '?':
			re.WriteString(".")
		default:
			re.WriteString(regexp.QuoteMeta(string(r)))
		}
	}
	re.WriteString("$")
	return regexp.MustCompile(re.String()).MatchString(s)
}
