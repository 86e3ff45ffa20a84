package verify

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"igv-aws-backend/policies"
)

const poolID = "eu-west-2:2b276fd1-b225-4b46-a4f0-673d4303e679"

func TestTheStacksOwnTrustPolicyPasses(t *testing.T) {
	assert.Nil(t, trustProblem(policies.IdentityPoolTrust(poolID), poolID))
}

func TestATrustPolicyIsRefusedForEachWayItLetsOthersIn(t *testing.T) {
	for name, c := range map[string]struct {
		edit  func(s *policies.Statement)
		entry Entry
	}{
		"another identity pool": {func(s *policies.Statement) {
			s.Condition["StringEquals"]["cognito-identity.amazonaws.com:aud"] = policies.Values{"eu-west-2:00000000-0000-4000-8000-000000000000"}
		}, EntryAssumeRoleDenied},
		"no aud condition": {func(s *policies.Statement) { delete(s.Condition, "StringEquals") }, EntryAssumeRoleDenied},
		"guests too": {func(s *policies.Statement) {
			s.Condition["ForAnyValue:StringLike"]["cognito-identity.amazonaws.com:amr"] = policies.Values{"authenticated", "unauthenticated"}
		}, EntryGuestsAllowed},
		"no amr condition": {func(s *policies.Statement) { delete(s.Condition, "ForAnyValue:StringLike") }, EntryGuestsAllowed},
		"an account principal": {func(s *policies.Statement) {
			s.Principal = policies.Principals{"AWS": {"arn:aws:iam::111122223333:root"}}
		}, EntryRoleTooBroad},
		"sts:AssumeRole too": {func(s *policies.Statement) {
			s.Action = policies.Values{"sts:AssumeRole", "sts:AssumeRoleWithWebIdentity"}
		}, EntryRoleTooBroad},
	} {
		t.Run(name, func(t *testing.T) {
			doc := policies.IdentityPoolTrust(poolID)
			c.edit(&doc.Statement[0])
			p := trustProblem(doc, poolID)
			require.NotNil(t, p)
			assert.Equal(t, c.entry, p.entry, p.what)
		})
	}
}

func TestSimulationsAskForIGVsReadsAndAgainstEverythingElse(t *testing.T) {
	sims := simulations(Bucket{Name: "genomics-lab-clinical-exomes", Prefixes: []string{"releases/2026/"}}, "eu-west-2")
	var allowed, denied []string
	for _, s := range sims {
		line := s.action + " " + s.resource + contextText(s.context)
		if s.allowed {
			allowed = append(allowed, line)
		} else {
			denied = append(denied, line)
		}
		assert.Equal(t, "eu-west-2", s.context["aws:RequestedRegion"], "an SCP restricting regions must see the stack's region")
		if s.action == "s3:ListBucket" {
			assert.Equal(t, "/", s.context["s3:delimiter"], "IGV lists one level at a time")
		}
	}
	assert.ElementsMatch(t, []string{
		"s3:GetObject arn:aws:s3:::genomics-lab-clinical-exomes/releases/2026/igv-verify-probe.bam",
		`s3:ListBucket arn:aws:s3:::genomics-lab-clinical-exomes with s3:prefix ""`,
		`s3:ListBucket arn:aws:s3:::genomics-lab-clinical-exomes with s3:prefix "releases/"`,
		`s3:ListBucket arn:aws:s3:::genomics-lab-clinical-exomes with s3:prefix "releases/2026/"`,
	}, allowed, "the folders on the way to the prefix are listed too: IGV's browser walks down from the root")
	assert.ElementsMatch(t, []string{
		"s3:PutObject arn:aws:s3:::genomics-lab-clinical-exomes/releases/2026/igv-verify-probe.bam",
		"s3:DeleteObject arn:aws:s3:::genomics-lab-clinical-exomes/releases/2026/igv-verify-probe.bam",
		"s3:GetObject arn:aws:s3:::genomics-lab-clinical-exomes/igv-verify-outside-the-granted-prefixes/igv-verify-probe.bam",
		`s3:ListBucket arn:aws:s3:::genomics-lab-clinical-exomes with s3:prefix "igv-verify-outside-the-granted-prefixes/"`,
	}, denied)
}

func TestAScopeWithPlusSignsIsReadAsCognitoReadsIt(t *testing.T) {
	f := &fetched{keys: map[string]json.RawMessage{}, config: Config{Scope: "email+openid+profile"}}
	for _, k := range []string{"scope"} {
		f.keys[k] = json.RawMessage(`""`)
	}
	for _, p := range checkKeys(f) {
		assert.NotEqual(t, "scope", p.key, p.what)
	}
}
