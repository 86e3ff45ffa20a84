package lifecycle

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"gopkg.in/yaml.v3"

	"igv-aws-backend/stackconfig"
)

// scaledStackFile is a stack of n created buckets and n users, at the raised policy quota that lets 1000
// whole buckets fit. Without an email sender more than 20 new users are refused, so large stacks send
// through SES (an identity the double's account has verified).
func scaledStackFile(buckets, users int) []byte {
	b, err := scaledStackFileWith(buckets, users)
	if err != nil {
		panic(err)
	}
	return b
}

func scaledStackFileWith(buckets, users int) ([]byte, error) {
	bs := make([]any, buckets)
	for i := range bs {
		bs[i] = map[string]any{"name": fmt.Sprintf("genomics-lab-run-%07d", i), "create": true}
	}
	us := make([]any, users)
	for i := range us {
		us[i] = map[string]any{"email": fmt.Sprintf("analyst.%04d@genomics-lab.example.org", i)}
	}
	return yaml.Marshal(map[string]any{"config": map[string]any{
		"aws:region":                         "eu-west-2",
		"igv-aws-backend:domainPrefix":       "genomics-lab-igv-scale",
		"igv-aws-backend:protect":            false,
		"igv-aws-backend:deletionProtection": false,
		"igv-aws-backend:maxManagedPolicies": 20,
		"igv-aws-backend:buckets":            bs,
		"igv-aws-backend:users":              us,
	}})
}

// withSESSender lets a stack invite any number of users: it sends through an SES identity the account has.
func (e *env) withSESSender() {
	e.World().SESIdentities[sesIdentity] = true
	e.set(stackconfig.KeyEmailSender, sender("igv@genomics-lab.example.org"))
}

// BenchmarkRealEngine times a preview, a first up and an up with no change of a large stack on the real
// engine and the provider double: the engine's own cost, since the double answers at once. Run it with
//
//	go test -run '^$' -bench RealEngine -benchtime 1x -timeout 2h
//
// It is not part of .ci/run. With checkpoints (the default) a self-managed backend rewrites the whole
// state after every step, so only the small sizes run that way.
func BenchmarkRealEngine(b *testing.B) {
	cases := []struct {
		buckets, users  int
		skipCheckpoints bool
	}{
		{100, 100, false},
		{200, 200, false},
		{100, 100, true},
		{200, 200, true},
		{1000, 1000, true},
	}
	for _, c := range cases {
		name := fmt.Sprintf("%dbuckets-%dusers-checkpoints=%v", c.buckets, c.users, !c.skipCheckpoints)
		b.Run(name, func(b *testing.B) {
			for range b.N {
				e := newEnvFrom(b, "scale", scaledStackFile(c.buckets, c.users), fmt.Sprint(c.skipCheckpoints))
				e.withSESSender()
				start := time.Now()
				p := e.preview()
				require.NoError(b, p.Err, strings.Join(p.Diags, "\n"))
				previewed := time.Since(start)

				start = time.Now()
				r := e.up()
				require.NoError(b, r.Err, strings.Join(r.Diags, "\n"))
				upped := time.Since(start)

				start = time.Now()
				r = e.up()
				require.NoError(b, r.Err)
				require.Empty(b, r.ops())
				again := time.Since(start)

				b.ReportMetric(float64(len(e.World().Objects)), "resources")
				b.ReportMetric(previewed.Seconds(), "s/preview")
				b.ReportMetric(upped.Seconds(), "s/first-up")
				b.ReportMetric(again.Seconds(), "s/no-change-up")
			}
		})
	}
}
