package tests

import (
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"igv-aws-backend/policies"
	"igv-aws-backend/policies/iamsim"
	"igv-aws-backend/stackconfig"
)

// scheme is a way an institute names and grants its buckets, for capacity tests.
type scheme struct {
	name     string
	prefixes prefixMode
	kms      bool // each bucket under its own KMS key
}

type prefixMode int

const (
	wholeBucket    prefixMode = iota
	sharedPrefixes            // every bucket limited to the same two prefixes (one layout for all runs)
	ownPrefixes               // every bucket limited to two prefixes of its own
)

var schemes = []scheme{
	{"whole buckets", wholeBucket, false},
	{"two prefixes, the same in every bucket", sharedPrefixes, false},
	{"two prefixes of its own", ownPrefixes, false},
	{"own KMS key", wholeBucket, true},
	{"two prefixes of its own and own KMS key", ownPrefixes, true},
}

// grantsFor names buckets the way a sequencing facility does: 24 characters, numbered runs.
func grantsFor(s scheme, n int) []policies.Grant {
	out := make([]policies.Grant, n)
	for i := range out {
		out[i].Bucket = fmt.Sprintf("genomics-lab-run-%07d", i)
		switch s.prefixes {
		case sharedPrefixes:
			out[i].Prefixes = []string{"releases/2026/", "panels/cardiac/"}
		case ownPrefixes:
			out[i].Prefixes = []string{fmt.Sprintf("cohort-%04d/", i), fmt.Sprintf("sample-%04d/", i)}
		}
		if s.kms {
			out[i].KMSKeyARN = fmt.Sprintf("arn:aws:kms:eu-west-2:123456789012:key/0000%04d-2b8e-4d53-9f6a-0b1d2c3e4f50", i)
		}
	}
	return out
}

// grantedAccess reads back, from the documents, which resources each action is granted on and
// which prefixes each conditioned listing allows.
type grantedAccess struct {
	listWhole    []string            // s3:ListBucket without condition
	listPrefixes map[string][]string // bucket ARN -> allowed s3:prefix values and patterns (delimiter /)
	getObject    []string
	decrypt      []string
	other        []string // any other action: must stay empty
}

func readAccess(t *testing.T, docs []policies.DataPolicy) grantedAccess {
	g := grantedAccess{listPrefixes: map[string][]string{}}
	for _, d := range docs {
		for _, s := range d.Document.Statement {
			require.Equal(t, policies.Allow, s.Effect)
			require.Len(t, s.Action, 1, "one action per statement")
			switch a := s.Action[0]; {
			case a == "s3:ListBucket" && s.Condition == nil:
				g.listWhole = append(g.listWhole, s.Resource...)
			case a == "s3:ListBucket":
				require.Equal(t, []string{"StringEquals", "StringLike"}, sorted(keysOf(s.Condition)))
				require.Equal(t, policies.Values{"/"}, s.Condition["StringEquals"]["s3:delimiter"], "one folder level at a time")
				for _, bucket := range s.Resource {
					g.listPrefixes[bucket] = append(g.listPrefixes[bucket], s.Condition["StringLike"]["s3:prefix"]...)
				}
			case a == "s3:GetObject":
				g.getObject = append(g.getObject, s.Resource...)
			case a == "kms:Decrypt":
				g.decrypt = append(g.decrypt, s.Resource...)
			default:
				g.other = append(g.other, a)
			}
		}
	}
	return g
}

func keysOf(c policies.Conditions) []string {
	var out []string
	for k := range c {
		out = append(out, k)
	}
	return out
}

// assertExactly checks that the documents grant the contract's access to exactly these grants.
func assertExactly(t *testing.T, grants []policies.Grant, docs []policies.DataPolicy) {
	t.Helper()
	var wantWhole, wantGet, wantKeys []string
	wantPrefixes := map[string][]string{}
	for _, g := range grants {
		arn := policies.BucketARN(g.Bucket)
		if g.KMSKeyARN != "" {
			wantKeys = append(wantKeys, g.KMSKeyARN)
		}
		if len(g.Prefixes) == 0 {
			wantWhole = append(wantWhole, arn)
			wantGet = append(wantGet, arn+"/*")
			continue
		}
		for _, p := range g.Prefixes {
			wantPrefixes[arn] = append(wantPrefixes[arn], p+"*")
			wantGet = append(wantGet, arn+"/"+p+"*")
			// The folders above the prefix, from the root down.
			folders := []string{""}
			for i, c := range p[:len(p)-1] {
				if c == '/' {
					folders = append(folders, p[:i+1])
				}
			}
			wantPrefixes[arn] = append(wantPrefixes[arn], folders...)
		}
	}
	got := readAccess(t, docs)
	assert.Empty(t, got.other, "no other action")
	assert.Equal(t, sorted(wantWhole), sorted(got.listWhole), "unconditioned listing: no bucket lost, none added")
	assert.Equal(t, len(wantPrefixes), len(got.listPrefixes), "prefix-limited listings")
	for arn, want := range wantPrefixes {
		assert.Equal(t, slices.Compact(sorted(want)), sorted(got.listPrefixes[arn]), arn)
	}
	assert.Equal(t, sorted(wantGet), sorted(got.getObject), "objects: no bucket or prefix lost, none added")
	assert.Equal(t, sorted(slices.Compact(sorted(wantKeys))), sorted(got.decrypt), "keys")

	// Spot-check the same with the IAM evaluator, as IAM would decide single requests.
	all := make([]policies.Document, len(docs))
	for i, d := range docs {
		all[i] = d.Document
	}
	for i := 0; i < len(grants); i += 1 + len(grants)/7 {
		g := grants[i]
		key := "x.bam"
		if len(g.Prefixes) > 0 {
			key = g.Prefixes[0] + key
		}
		d, err := iamsim.Evaluate(all, iamsim.Request{Action: "s3:GetObject", Resource: policies.BucketARN(g.Bucket) + "/" + key})
		require.NoError(t, err)
		assert.Equal(t, iamsim.Allowed, d, g.Bucket)
		d, err = iamsim.Evaluate(all, iamsim.Request{Action: "s3:PutObject", Resource: policies.BucketARN(g.Bucket) + "/" + key})
		require.NoError(t, err)
		assert.Equal(t, iamsim.ImplicitDeny, d, g.Bucket)
	}
}

func TestDataAccessAtScaleFitsTheQuotaOrFailsClearly(t *testing.T) {
	for _, s := range schemes {
		for _, n := range []int{1, 50, 300, 1000} {
			for _, quota := range []int{policies.DefaultMaxManagedPolicies, policies.HardMaxManagedPolicies} {
				t.Run(fmt.Sprintf("%s/%d buckets/%d policies", s.name, n, quota), func(t *testing.T) {
					grants := grantsFor(s, n)
					docs, err := policies.DataAccess(grants, quota)
					if err != nil {
						var capErr *policies.CapacityError
						require.True(t, errors.As(err, &capErr), "only a quota problem may fail: %v", err)
						assert.Equal(t, n, capErr.Buckets)
						assert.Less(t, capErr.Fit, n)
						assert.Greater(t, capErr.Size, policies.ManagedPolicyMaxChars)
						assert.Equal(t, capErr.Fit, maxFit(s, quota), "the error names how many fit")
						return
					}
					assert.LessOrEqual(t, len(docs), quota)
					for _, d := range docs {
						assert.LessOrEqual(t, d.Size, policies.ManagedPolicyMaxChars, "slot %d", d.Slot)
						assert.Equal(t, d.Size, policies.Size(d.Document.MustJSON()))
					}
					assertExactly(t, grants, docs)
				})
			}
		}
	}
}

func TestSmallAndMediumSetupsFitTheDefaultQuota(t *testing.T) {
	for _, s := range schemes {
		for _, n := range []int{1, 50} {
			_, err := policies.DataAccess(grantsFor(s, n), policies.DefaultMaxManagedPolicies)
			assert.NoError(t, err, "%s, %d buckets", s.name, n)
		}
	}
	_, err := policies.DataAccess(grantsFor(schemes[0], 300), policies.DefaultMaxManagedPolicies)
	assert.NoError(t, err, "300 whole buckets fit the default quota")
	_, err = policies.DataAccess(grantsFor(schemes[0], 1000), policies.HardMaxManagedPolicies)
	assert.NoError(t, err, "1000 whole buckets fit the raised quota of 20")
}

// maxFit is the largest number of buckets of a scheme, named in sequence, that fit a quota.
func maxFit(s scheme, quota int) int {
	_, err := policies.DataAccess(grantsFor(s, 5000), quota)
	var capErr *policies.CapacityError
	if !errors.As(err, &capErr) {
		return 5000
	}
	return capErr.Fit
}

func TestREADMEDocumentsTheExactMaximumForTheDefaultQuota(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	require.NoError(t, err)
	for _, s := range schemes {
		for _, quota := range []int{policies.DefaultMaxManagedPolicies, policies.HardMaxManagedPolicies} {
			row := fmt.Sprintf("| %s | %d | %d |", s.name, quota, maxFit(s, quota))
			assert.True(t, strings.Contains(string(readme), row), "README's capacity table lacks the row %s", row)
		}
	}
}

func TestAddingABucketChangesAtMostOneDataPolicy(t *testing.T) {
	for _, s := range schemes {
		grants := grantsFor(s, 60)
		before, err := policies.DataAccess(grants[:59], policies.DefaultMaxManagedPolicies)
		require.NoError(t, err)
		after, err := policies.DataAccess(grants, policies.DefaultMaxManagedPolicies)
		require.NoError(t, err)
		changed := 0
		old := map[int]string{}
		for _, d := range before {
			old[d.Slot] = d.Document.MustJSON()
		}
		for _, d := range after {
			if old[d.Slot] != d.Document.MustJSON() {
				changed++
			}
		}
		assert.Equal(t, 1, changed, s.name)
	}
}

func TestRaisingTheQuotaMovesOnlySomeBuckets(t *testing.T) {
	grants := grantsFor(schemes[0], 600)
	slots10, slots20 := map[string]int{}, map[string]int{}
	for _, g := range grants {
		slots10[g.Bucket] = policies.Slot(g.Bucket, 10)
		slots20[g.Bucket] = policies.Slot(g.Bucket, 20)
	}
	moved := 0
	for b := range slots10 {
		if slots10[b] != slots20[b] {
			moved++
			assert.GreaterOrEqual(t, slots20[b], 10, "a moved bucket goes to a new slot, never between old ones")
		}
	}
	assert.InDelta(t, 300, moved, 60, "consistent hashing moves about half the buckets when the quota doubles")
}

func TestCapacityErrorReachesTheAdminBeforeAnythingIsRegistered(t *testing.T) {
	var b strings.Builder
	b.WriteString("[")
	worst := schemes[len(schemes)-1]
	for i, g := range grantsFor(worst, 1000) {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, `{"name":%q,"prefixes":[%q,%q],"kmsKeyArn":%q}`, g.Bucket, g.Prefixes[0], g.Prefixes[1], g.KMSKeyARN)
	}
	b.WriteString("]")
	_, err := stackconfig.Parse("igv-aws-backend", "big", map[string]string{
		stackconfig.KeyRegion: "eu-west-2", stackconfig.KeyBuckets: b.String(),
	})
	require.Error(t, err)
	msg := err.Error()
	assert.Contains(t, msg, "igv-aws-backend:buckets = 1000 buckets")
	assert.Contains(t, msg, fmt.Sprintf("only the first %d buckets (in name order) fit", maxFit(worst, 10)))
	assert.Contains(t, msg, "raise igv-aws-backend:maxManagedPolicies (now 10, at most 20)")
}
