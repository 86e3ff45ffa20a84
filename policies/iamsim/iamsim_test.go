package iamsim

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"igv-aws-backend/policies"
)

func decide(t *testing.T, s policies.Statement, req Request) Decision {
	t.Helper()
	d, err := Evaluate([]policies.Document{policies.New(s)}, req)
	require.NoError(t, err)
	return d
}

func TestWildcardsMatchAcrossSlashesAndActionsIgnoreCase(t *testing.T) {
	s := policies.Statement{Effect: policies.Allow, Action: policies.Values{"s3:Get*"}, Resource: policies.Values{"arn:aws:s3:::b/p?/*"}}
	assert.Equal(t, Allowed, decide(t, s, Request{Action: "S3:GETOBJECT", Resource: "arn:aws:s3:::b/p1/x/y.bam"}))
	assert.Equal(t, ImplicitDeny, decide(t, s, Request{Action: "s3:GetObject", Resource: "arn:aws:s3:::b/p12/x"}))
	assert.Equal(t, ImplicitDeny, decide(t, s, Request{Action: "s3:PutObject", Resource: "arn:aws:s3:::b/p1/x"}))
}

func TestConditionsMustAllHoldAndMissingKeysFail(t *testing.T) {
	s := policies.Statement{Effect: policies.Allow, Action: policies.Values{"a:b"}, Condition: policies.Conditions{
		"StringEquals": {"k1": {"v"}}, "StringLike": {"k2": {"x*"}},
	}}
	assert.Equal(t, Allowed, decide(t, s, Request{Action: "a:b", Context: map[string][]string{"K1": {"v"}, "k2": {"xy"}}}))
	assert.Equal(t, ImplicitDeny, decide(t, s, Request{Action: "a:b", Context: map[string][]string{"k1": {"v"}}}))
	assert.Equal(t, ImplicitDeny, decide(t, s, Request{Action: "a:b", Context: map[string][]string{"k1": {"w"}, "k2": {"xy"}}}))
}

func TestExplicitDenyWins(t *testing.T) {
	docs := []policies.Document{policies.New(
		policies.Statement{Effect: policies.Allow, Action: policies.Values{"s3:GetObject"}, Resource: policies.Values{"*"}},
		policies.Statement{Effect: policies.Deny, Principal: policies.Principals{"AWS": {"*"}}, Action: policies.Values{"s3:*"},
			Resource: policies.Values{"*"}, Condition: policies.Conditions{"Bool": {"aws:SecureTransport": {"false"}}}},
	)}
	d, err := Evaluate(docs, Request{PrincipalType: "AWS", Principal: "x", Action: "s3:GetObject", Resource: "r",
		Context: map[string][]string{"aws:SecureTransport": {"false"}}})
	require.NoError(t, err)
	assert.Equal(t, ExplicitDeny, d)
}

func TestUnknownOperatorsAreAnErrorNotAMatch(t *testing.T) {
	s := policies.Statement{Effect: policies.Allow, Action: policies.Values{"a:b"}, Condition: policies.Conditions{"IpAddress": {"aws:SourceIp": {"10.0.0.0/8"}}}}
	_, err := Evaluate([]policies.Document{policies.New(s)}, Request{Action: "a:b"})
	assert.ErrorContains(t, err, "IpAddress")
}
