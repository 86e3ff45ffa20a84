// Command synth runs the stack's Pulumi program offline, under Pulumi's mock engine, and writes what
// `pulumi up` would deploy:
//
//	go run ./cmd/synth -stack dev -out out/dev
//	go run ./cmd/synth -project-dir ci-roles -stack example -out out/ci-roles
//
// writes resources.json (every resource with its inputs and options), outputs.json (the stack
// outputs), oauth-config.json and oauth-config.json.gz (the published IGV config) and policies/*.json
// (every IAM and bucket policy, pretty-printed). Ids and ARNs are deterministic and AWS-shaped
// (account 123456789012), so two runs write identical bytes. A bad configuration exits non-zero,
// lists every problem on stderr and writes nothing.
package main

import (
	"os"

	"igv-aws-backend/ci-roles/ciroles"
	"igv-aws-backend/stack"
	"igv-aws-backend/stackconfig"
	"igv-aws-backend/synth"
)

func main() {
	os.Exit(synth.CLI(map[string]synth.Program{
		stackconfig.Namespace: stack.Program,
		ciroles.Namespace:     ciroles.Program,
	}, os.Args[1:], os.Stdout, os.Stderr))
}
