package tests

import (
	"fmt"
	"runtime"
	"strings"
	"testing"

	"igv-aws-backend/policies"
	"igv-aws-backend/stack"
	"igv-aws-backend/stackconfig"
	"igv-aws-backend/synth"
)

// scaled is the dev stack with n created buckets and u users. Beyond what the default quota holds,
// it raises maxManagedPolicies to 20, as an institute with that many buckets would, and it sends
// through SES, without which more than 20 new users are refused.
func scaled(b *testing.B, buckets, users int) synth.Stack {
	var bs, us strings.Builder
	bs.WriteString("[")
	for i := range buckets {
		if i > 0 {
			bs.WriteString(",")
		}
		fmt.Fprintf(&bs, `{"name":"genomics-lab-run-%07d","create":true}`, i)
	}
	bs.WriteString("]")
	us.WriteString("[")
	for i := range users {
		if i > 0 {
			us.WriteString(",")
		}
		fmt.Fprintf(&us, `{"email":"scientist.%04d@genomics-lab.example.org","givenName":"Sci","familyName":"Entist %d"}`, i, i)
	}
	us.WriteString("]")
	return withConfig(exampleStack(b, "dev"), map[string]string{
		stackconfig.KeyBuckets:            bs.String(),
		stackconfig.KeyUsers:              us.String(),
		stackconfig.KeyMaxManagedPolicies: fmt.Sprint(policies.HardMaxManagedPolicies),
		stackconfig.KeyEmailSender:        sesSender,
	})
}

// benchmarkSynth measures a whole offline synth: config validation, every registration under the
// mock engine, and rendering every output file in memory.
func benchmarkSynth(b *testing.B, st synth.Stack) {
	b.ReportAllocs()
	var resources int
	for b.Loop() {
		r, err := synth.Run(stack.Program, st)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := r.Files(); err != nil {
			b.Fatal(err)
		}
		resources = len(r.Resources)
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	b.ReportMetric(float64(resources), "resources")
	// Memory the Go runtime holds from the OS: an upper bound of the synth's own peak.
	b.ReportMetric(float64(ms.Sys)/(1<<20), "sys-MB")
}

func BenchmarkSynthBuckets(b *testing.B) {
	for _, n := range []int{1, 10, 100, 1000} {
		b.Run(fmt.Sprintf("buckets=%d", n), func(b *testing.B) { benchmarkSynth(b, scaled(b, n, 1)) })
	}
}

func BenchmarkSynthUsers(b *testing.B) {
	for _, n := range []int{1, 100, 1000} {
		b.Run(fmt.Sprintf("users=%d", n), func(b *testing.B) { benchmarkSynth(b, scaled(b, 1, n)) })
	}
}

// BenchmarkSynthLargest is the target: 1000 created buckets and 1000 users in under 10 s and 1 GB.
func BenchmarkSynthLargest(b *testing.B) {
	benchmarkSynth(b, scaled(b, 1000, 1000))
}
