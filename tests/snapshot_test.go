package tests

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"igv-aws-backend/igvconfig"
	"igv-aws-backend/synth"
)

var update = flag.Bool("update", false, "rewrite tests/testdata from the current program's synth output")

// refreshHint is how to accept an intended change of the plan.
const refreshHint = "if the change is intended, refresh the snapshots with\n\n    go test ./tests -run TestSnapshots -update\n\n" +
	"and commit tests/testdata: reviewers then see the change of policy line by line in the pull request."

// TestSnapshots keeps the synth output of every example stack under tests/testdata, so that a pull
// request shows what it does to the resources, the IAM documents and the IGV config as a diff.
func TestSnapshots(t *testing.T) {
	cases := map[string]*synth.Result{
		"dev":              example(t, "dev"),
		"prod":             example(t, "prod"),
		"consortium":       example(t, "consortium"),
		"ci-roles-example": ciResult(t, nil),
	}
	for name, r := range cases {
		t.Run(name, func(t *testing.T) {
			files, err := r.Files()
			require.NoError(t, err)
			// The gzip is binary and derived from oauth-config.json, which the snapshot holds.
			delete(files, igvconfig.GzipObject)
			dir := filepath.Join("testdata", name)
			if *update {
				require.NoError(t, os.RemoveAll(dir))
				for f, b := range files {
					p := filepath.Join(dir, filepath.FromSlash(f))
					require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
					require.NoError(t, os.WriteFile(p, b, 0o644))
				}
				return
			}
			want := readTree(t, dir)
			var report strings.Builder
			for _, f := range unionKeys(files, want) {
				got, ok1 := files[f]
				old, ok2 := want[f]
				switch {
				case !ok2:
					fmt.Fprintf(&report, "\n%s is new:\n%s", f, lineDiff("", string(got)))
				case !ok1:
					fmt.Fprintf(&report, "\n%s is gone:\n%s", f, lineDiff(string(old), ""))
				case string(got) != string(old):
					fmt.Fprintf(&report, "\n%s changed:\n%s", f, lineDiff(string(old), string(got)))
				}
			}
			if report.Len() > 0 {
				t.Fatalf("the synth output of %s no longer matches tests/testdata/%s:\n%s\n%s", name, name, report.String(), refreshHint)
			}
		})
	}
}

func unionKeys(a, b map[string][]byte) []string {
	var keys []string
	for k := range a {
		keys = append(keys, k)
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	return keys
}

// lineDiff is a unified-style diff of two texts with three lines of context, from a longest common
// subsequence of their lines.
func lineDiff(a, b string) string {
	x, y := splitLines(a), splitLines(b)
	// lcs[i][j] is the length of the LCS of x[i:] and y[j:].
	lcs := make([][]int32, len(x)+1)
	for i := range lcs {
		lcs[i] = make([]int32, len(y)+1)
	}
	for i := len(x) - 1; i >= 0; i-- {
		for j := len(y) - 1; j >= 0; j-- {
			if x[i] == y[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	type line struct {
		op   byte
		text string
	}
	var ops []line
	i, j := 0, 0
	for i < len(x) || j < len(y) {
		switch {
		case i < len(x) && j < len(y) && x[i] == y[j]:
			ops = append(ops, line{' ', x[i]})
			i, j = i+1, j+1
		case i < len(x) && (j == len(y) || lcs[i+1][j] >= lcs[i][j+1]):
			ops = append(ops, line{'-', x[i]})
			i++
		default:
			ops = append(ops, line{'+', y[j]})
			j++
		}
	}
	const context = 3
	var out strings.Builder
	lastPrinted := -1
	for k, op := range ops {
		if op.op == ' ' {
			continue
		}
		from := max(k-context, lastPrinted+1)
		if lastPrinted >= 0 && from > lastPrinted+1 {
			out.WriteString("    ...\n")
		}
		for c := from; c < k; c++ {
			fmt.Fprintf(&out, "    %s\n", ops[c].text)
		}
		fmt.Fprintf(&out, "  %c %s\n", op.op, op.text)
		lastPrinted = k
		// Trailing context is printed when the next change is near, or below.
		end := k + 1
		for end < len(ops) && end <= k+context && ops[end].op == ' ' {
			end++
		}
		nextChange := end < len(ops) && ops[end].op != ' '
		if !nextChange {
			for c := k + 1; c < end; c++ {
				fmt.Fprintf(&out, "    %s\n", ops[c].text)
			}
			lastPrinted = end - 1
		}
	}
	return out.String()
}

func splitLines(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(strings.TrimSuffix(s, "\n"), "\n")
}
