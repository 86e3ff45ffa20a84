package synth

import (
	"errors"
	"flag"
	"fmt"
	"io"
)

// CLI is the command line of an offline synth: it parses args, reads the project's Pulumi.yaml and the
// stack's config from Pulumi.<stack>.yaml (or -config FILE), runs the program registered under the
// project's name, and writes the files. It returns the process exit status: 0 on success, 1 when the
// stack fails (every config problem is on stderr and nothing is written), 2 on bad usage.
func CLI(programs map[string]Program, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("synth", flag.ContinueOnError)
	fs.SetOutput(stderr)
	stackName := fs.String("stack", "", "stack to synthesize; reads Pulumi.<stack>.yaml (required)")
	out := fs.String("out", "", "directory to write into (required)")
	configFile := fs.String("config", "", "stack config file to read instead of Pulumi.<stack>.yaml")
	projectDir := fs.String("project-dir", ".", "directory holding Pulumi.yaml")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if *stackName == "" || *out == "" || fs.NArg() > 0 {
		fmt.Fprintln(stderr, "usage: synth -stack NAME -out DIR [-config FILE] [-project-dir DIR]")
		return 2
	}

	st, err := LoadStack(*projectDir, *stackName, *configFile)
	if err != nil {
		fmt.Fprintln(stderr, "synth:", err)
		return 1
	}
	program, ok := programs[st.Project]
	if !ok {
		fmt.Fprintf(stderr, "synth: no program for project %q in %s\n", st.Project, *projectDir)
		return 2
	}
	res, err := Run(program, st)
	if err != nil {
		fmt.Fprintln(stderr, "synth:", err)
		return 1
	}
	if err := res.Write(*out); err != nil {
		fmt.Fprintln(stderr, "synth:", err)
		return 1
	}
	fmt.Fprintf(stdout, "synthesized stack %s: %d resources written to %s\n", *stackName, len(res.Resources), *out)
	return 0
}
