package verify

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"igv-aws-backend/verify/internal/standin"
)

// With tiers, verify -stack checks each tier at its own URL, with its own client, and each tier's role
// against every other tier's buckets, which it must not read.
func TestWithTiersEachTierIsCheckedAgainstTheOtherTiersBuckets(t *testing.T) {
	r, err := standin.Synthesize("..", "consortium")
	require.NoError(t, err)
	view, err := FromStack("..", "consortium", r.Outputs)
	require.NoError(t, err)
	require.Len(t, view.Targets, 2)
	byTier := map[string]Target{}
	for _, target := range view.Targets {
		byTier[target.Tier] = target
		assert.Contains(t, target.URLs[0], "/"+target.Tier+"/oauth-config.json.gz")
		assert.Equal(t, "igv-desktop-"+target.Tier, target.Expected.Client["name"], "compared with the tier's own client")
		assert.Contains(t, target.Expected.RenderedConfigs, target.URLs[0])
	}
	assert.Equal(t, []Bucket{
		{Name: "genomics-lab-clinical-exomes", Prefixes: []string{"releases/2026/"}},
		{Name: "genomics-lab-consortium-wgs", OtherTier: "research"},
		{Name: "genomics-lab-reference-genomes"},
	}, byTier["clinical"].Buckets)
	assert.Equal(t, []Bucket{
		{Name: "genomics-lab-clinical-exomes", Prefixes: []string{"releases/2026/"}, OtherTier: "clinical"},
		{Name: "genomics-lab-consortium-wgs"},
		{Name: "genomics-lab-reference-genomes"},
	}, byTier["research"].Buckets)
}

// A role that can read a bucket of another tier is named, with its entry; the simulation asks exactly
// GetObject and the root listing.
func TestATiersRoleThatReadsAnotherTiersBucketNamesItsEntry(t *testing.T) {
	d, client := deployed(t)
	o := asAdmin(t, d, client)
	o.Buckets = []Bucket{{Name: scratch}, {Name: reference, OtherTier: "research"}}
	s := failsWith(t, run(t, client, o), EntryTierLeak)
	assert.Contains(t, s.Name, reference)
	assert.Contains(t, s.Detail, "s3:GetObject")
	assert.Contains(t, s.Detail, "s3:ListBucket")
}

// A grant that leaks only another tier's prefix shows: the prefix is probed, not only the bucket's root.
func TestAnotherTiersBucketIsProbedUnderEachOfItsPrefixes(t *testing.T) {
	sims := simulations(Bucket{Name: "genomics-lab-clinical-exomes", Prefixes: []string{"releases/2026/"}, OtherTier: "clinical"}, "eu-west-2")
	var asked []string
	for _, s := range sims {
		assert.False(t, s.allowed, "every question about another tier's bucket must be answered no")
		asked = append(asked, s.action+" "+s.resource+" "+s.context["s3:prefix"])
	}
	assert.ElementsMatch(t, []string{
		"s3:GetObject arn:aws:s3:::genomics-lab-clinical-exomes/igv-verify-probe.bam ",
		"s3:ListBucket arn:aws:s3:::genomics-lab-clinical-exomes ",
		"s3:GetObject arn:aws:s3:::genomics-lab-clinical-exomes/releases/2026/igv-verify-probe.bam ",
		"s3:ListBucket arn:aws:s3:::genomics-lab-clinical-exomes releases/2026/",
	}, asked)
}
