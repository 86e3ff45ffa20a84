package awsdouble

import (
	"testing"

	"igv-aws-backend/tests/providertruth"
)

// The double may refuse only by facts the provider-truth tables record with a source.
func TestEveryAccountRuleOfTheDoubleIsRecordedWithItsSource(t *testing.T) {
	for token, names := range Facts {
		table, ok := providertruth.Lookup(token)
		if !ok {
			t.Errorf("%s: no provider-truth table", token)
			continue
		}
		for _, name := range names {
			found := false
			for _, f := range table.World {
				if f.Name == name && f.Source != "" {
					found = true
				}
			}
			if !found {
				t.Errorf("%s: the double enforces %q, which the table does not record with a source", token, name)
			}
		}
	}
}
