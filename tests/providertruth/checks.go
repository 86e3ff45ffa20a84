package providertruth

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The constraint vocabulary of the AWS API reference, as Checks. Messages follow AWS's own wording
// ("Value '...' at '...' failed to satisfy constraint: ...") so that a failing test reads like the
// error the first real `pulumi up` would have shown.

// Length: a string of min..max characters (UTF-8 code points, as AWS counts them).
func Length(min, max int) Check {
	return func(v any) error {
		s, err := str(v)
		if err != nil {
			return err
		}
		n := utf8.RuneCountInString(s)
		switch {
		case n < min:
			return fmt.Errorf("Value %q failed to satisfy constraint: Member must have length greater than or equal to %d", s, min)
		case max > 0 && n > max:
			return fmt.Errorf("Value %q failed to satisfy constraint: Member must have length less than or equal to %d", short(s), max)
		}
		return nil
	}
}

// Pattern: a string matching the API's regular expression (anchored).
func Pattern(expr string) Check {
	re := regexp.MustCompile(`^(?:` + expr + `)$`)
	return func(v any) error {
		s, err := str(v)
		if err != nil {
			return err
		}
		if !re.MatchString(s) {
			return fmt.Errorf("Value %q failed to satisfy constraint: Member must satisfy regular expression pattern: %s", short(s), expr)
		}
		return nil
	}
}

// OneOf: a string from the API's enum.
func OneOf(values ...string) Check {
	return func(v any) error {
		s, err := str(v)
		if err != nil {
			return err
		}
		for _, a := range values {
			if s == a {
				return nil
			}
		}
		return fmt.Errorf("Value %q failed to satisfy constraint: Member must satisfy enum value set: [%s]", s, strings.Join(values, ", "))
	}
}

// IntRange: a whole number in min..max.
func IntRange(min, max int64) Check {
	return func(v any) error {
		n, ok := integer(v)
		if !ok {
			return fmt.Errorf("Value %v is not a whole number", v)
		}
		if n < min || n > max {
			return fmt.Errorf("Value %d failed to satisfy constraint: Member must have value between %d and %d", n, min, max)
		}
		return nil
	}
}

// Bool: a boolean.
func Bool() Check {
	return func(v any) error {
		if _, ok := v.(bool); !ok {
			return fmt.Errorf("Value %v is not a boolean", v)
		}
		return nil
	}
}

// ContainsAll: a string holding every placeholder (Cognito's message templates).
func ContainsAll(parts ...string) Check {
	return func(v any) error {
		s, err := str(v)
		if err != nil {
			return err
		}
		for _, p := range parts {
			if !strings.Contains(s, p) {
				return fmt.Errorf("Value %q must contain %s", short(s), p)
			}
		}
		return nil
	}
}

// Each applies a check to every element of a list of scalars, and bounds the list's size.
func Each(minItems, maxItems int, c Check) Check {
	return func(v any) error {
		list, ok := v.([]any)
		if !ok {
			return fmt.Errorf("Value %v is not a list", v)
		}
		if len(list) < minItems || (maxItems > 0 && len(list) > maxItems) {
			return fmt.Errorf("List of %d members failed to satisfy constraint: Member must have length between %d and %d", len(list), minItems, maxItems)
		}
		for _, e := range list {
			if isUnknown(e) || c == nil {
				continue
			}
			if err := c(e); err != nil {
				return err
			}
		}
		return nil
	}
}

// Tags: AWS's tag rules (at most max tags; keys 1..128 and values 0..256 of letters, digits, spaces and
// _ . : / = + - @; no "aws:" prefix).
func Tags(max int) Check {
	key := regexp.MustCompile(`^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$`)
	value := regexp.MustCompile(`^[\p{L}\p{Z}\p{N}_.:/=+\-@]{0,256}$`)
	return func(v any) error {
		m, ok := v.(map[string]any)
		if !ok {
			return fmt.Errorf("Value %v is not a map of tags", v)
		}
		if len(m) > max {
			return fmt.Errorf("%d tags exceed the limit of %d", len(m), max)
		}
		for k, tv := range m {
			s, _ := tv.(string)
			switch {
			case strings.HasPrefix(strings.ToLower(k), "aws:"):
				return fmt.Errorf("tag key %q uses the reserved prefix aws:", k)
			case !key.MatchString(k):
				return fmt.Errorf("tag key %q is invalid", k)
			case !value.MatchString(s):
				return fmt.Errorf("tag value %q of %q is invalid", s, k)
			}
		}
		return nil
	}
}

// PolicyDocument: an IAM policy document in JSON of at most max characters, whitespace not counted
// (IAM's quota counts the document without whitespace).
func PolicyDocument(max int) Check {
	return func(v any) error {
		s, err := str(v)
		if err != nil {
			return err
		}
		var doc map[string]any
		if err := json.Unmarshal([]byte(s), &doc); err != nil {
			return fmt.Errorf("MalformedPolicyDocument: %v", err)
		}
		if _, ok := doc["Statement"]; !ok {
			return fmt.Errorf("MalformedPolicyDocument: no Statement")
		}
		n := 0
		for _, r := range s {
			if !unicode.IsSpace(r) {
				n++
			}
		}
		if max > 0 && n > max {
			return fmt.Errorf("LimitExceeded: the policy document has %d characters without whitespace, more than %d", n, max)
		}
		return nil
	}
}

// All combines checks; the first failure is reported.
func All(cs ...Check) Check {
	return func(v any) error {
		for _, c := range cs {
			if err := c(v); err != nil {
				return err
			}
		}
		return nil
	}
}

func str(v any) (string, error) {
	s, ok := v.(string)
	if !ok {
		return "", fmt.Errorf("Value %v is not a string", v)
	}
	return s, nil
}

func integer(v any) (int64, bool) {
	switch n := v.(type) {
	case int:
		return int64(n), true
	case int64:
		return n, true
	case float64:
		return int64(n), n == float64(int64(n))
	}
	return 0, false
}

func short(s string) string {
	if utf8.RuneCountInString(s) <= 60 {
		return s
	}
	return string([]rune(s)[:57]) + "..."
}
