// Command synth runs the stack's Pulumi program offline, under Pulumi's mock engine, and writes what
// `pulumi up` would deploy:
//
//	go run ./cmd/synth -stack dev -out out/dev
//
// writes resources.json (every resource with its inputs and options), outputs.json (the stack
// outputs), oauth-config.json and oauth-config.json.gz (the published IGV config) and policies/*.json
// (every IAM and bucket policy, pretty-printed). Ids and ARNs are deterministic and AWS-shaped
// (account 123456789012), so two runs write identical bytes. A bad configuration exits non-zero,
// lists every problem on stderr and writes nothing.
package main

import (
	"flag"
	"fmt"
	"os"

	"igv-aws-backend/stack"
	"igv-aws-backend/synth"
)

func main() {
	stackName := flag.String("stack", "", "stack to synthesize; reads Pulumi.<stack>.yaml (required)")
	out := flag.String("out", "", "directory to write into (required)")
	configFile := flag.String("config", "", "stack config file to read instead of Pulumi.<stack>.yaml")
	projectDir := flag.String("project-dir", ".", "directory holding Pulumi.yaml")
	flag.Parse()
	if *stackName == "" || *out == "" || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: synth -stack NAME -out DIR [-config FILE] [-project-dir DIR]")
		os.Exit(2)
	}
	if err := run(*projectDir, *stackName, *configFile, *out); err != nil {
		fmt.Fprintln(os.Stderr, "synth:", err)
		os.Exit(1)
	}
}

func run(projectDir, stackName, configFile, out string) error {
	st, err := synth.LoadStack(projectDir, stackName, configFile)
	if err != nil {
		return err
	}
	res, err := synth.Run(stack.Program, st)
	if err != nil {
		return err
	}
	if err := res.Write(out); err != nil {
		return err
	}
	fmt.Printf("synthesized stack %s: %d resources written to %s\n", stackName, len(res.Resources), out)
	return nil
}
