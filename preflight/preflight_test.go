package preflight

import (
	"testing"
)

const logBucket = "genomics-lab-access-logs-eu-west-2"

// readme is the statement the README asks the log bucket's owner to add.
const readme = `{"Sid":"S3ServerAccessLogsOfTheIGVStack","Effect":"Allow","Principal":{"Service":"logging.s3.amazonaws.com"},
	"Action":"s3:PutObject","Resource":"arn:aws:s3:::genomics-lab-access-logs-eu-west-2/s3/*",
	"Condition":{"StringEquals":{"aws:SourceAccount":"123456789012"}}}`

// tlsOnly is the deny every hardened bucket carries: a conditioned Deny with principal "*".
const tlsOnly = `{"Sid":"DenyInsecureTransport","Effect":"Deny","Principal":"*","Action":"s3:*",
	"Resource":["arn:aws:s3:::genomics-lab-access-logs-eu-west-2","arn:aws:s3:::genomics-lab-access-logs-eu-west-2/*"],
	"Condition":{"Bool":{"aws:SecureTransport":"false"}}}`

func policy(statements string) string {
	return `{"Version":"2012-10-17","Statement":[` + statements + `]}`
}

func TestTheLoggingServiceMayWriteWhenThePolicyGrantsItThePrefix(t *testing.T) {
	for name, c := range map[string]struct {
		policy string
		want   bool
	}{
		"the README's statement":                     {policy(readme), true},
		"the README's statement and a TLS-only deny": {policy(tlsOnly + "," + readme), true},
		"a single statement, not a list":             {`{"Version":"2012-10-17","Statement":` + readme + `}`, true},
		"only the TLS-only deny":                     {policy(tlsOnly), false},
		"another prefix": {policy(`{"Effect":"Allow","Principal":{"Service":"logging.s3.amazonaws.com"},"Action":"s3:PutObject",
			"Resource":"arn:aws:s3:::genomics-lab-access-logs-eu-west-2/elsewhere/*"}`), false},
		"another service (CloudFront's log delivery)": {policy(`{"Effect":"Allow","Principal":{"Service":"delivery.logs.amazonaws.com"},
			"Action":"s3:PutObject","Resource":"arn:aws:s3:::genomics-lab-access-logs-eu-west-2/*"}`), false},
		"an unconditional deny of the logging service": {policy(readme + `,{"Effect":"Deny","Principal":{"Service":"logging.s3.amazonaws.com"},
			"Action":"s3:PutObject","Resource":"arn:aws:s3:::genomics-lab-access-logs-eu-west-2/s3/*"}`), false},
		"not JSON": {"{", false},
	} {
		t.Run(name, func(t *testing.T) {
			if got := LetsLoggingServiceWrite(c.policy, logBucket, "genomics-lab-wgs-2026"); got != c.want {
				t.Errorf("LetsLoggingServiceWrite = %v, want %v", got, c.want)
			}
		})
	}
}

// An owner may narrow the grant to each source bucket's prefix; the auto-named config bucket is probed
// with a name of its pattern.
func TestAGrantNarrowedToEachSourcesPrefixIsEnough(t *testing.T) {
	narrow := policy(`{"Effect":"Allow","Principal":{"Service":"logging.s3.amazonaws.com"},"Action":"s3:PutObject",
		"Resource":["arn:aws:s3:::genomics-lab-access-logs-eu-west-2/s3/genomics-lab-wgs-2026/*",
		            "arn:aws:s3:::genomics-lab-access-logs-eu-west-2/s3/igv-config-*"]}`)
	for source, want := range map[string]bool{"genomics-lab-wgs-2026": true, "igv-config-*": true, "genomics-lab-other": false} {
		if got := LetsLoggingServiceWrite(narrow, logBucket, source); got != want {
			t.Errorf("%s: LetsLoggingServiceWrite = %v, want %v", source, got, want)
		}
	}
}
