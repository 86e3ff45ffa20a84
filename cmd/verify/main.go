// Command verify proves a deployment works end to end, as the admin and as an IGV user, without IGV.
// Run it with -h for usage; the logic lives in package verify.
package main

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"runtime"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"

	"igv-aws-backend/pulumicli"
	"igv-aws-backend/verify"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	os.Exit(verify.Main(ctx, os.Args[1:], os.Stdout, os.Stderr, verify.Deps{
		HTTP: &http.Client{Timeout: 30 * time.Second},
		AdminConfig: func(ctx context.Context) (*aws.Config, error) {
			cfg, err := config.LoadDefaultConfig(ctx)
			if err != nil {
				return nil, err
			}
			// No credentials anywhere in the chain is not an error: the anonymous checks still run.
			if _, err := cfg.Credentials.Retrieve(ctx); err != nil {
				return nil, nil
			}
			return &cfg, nil
		},
		StackOutputs: func(ctx context.Context, stack string) (map[string]any, error) {
			// Secrets shown: the rendered config is a secret when it holds the (public) client secret.
			return pulumicli.Outputs(ctx, stack, true)
		},
		OpenBrowser: func(url string) error {
			fmt.Fprintln(os.Stderr, "verify: opening", url)
			var cmd *exec.Cmd
			switch runtime.GOOS {
			case "darwin":
				cmd = exec.Command("open", url)
			case "windows":
				cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
			default:
				cmd = exec.Command("xdg-open", url)
			}
			if err := cmd.Start(); err != nil {
				fmt.Fprintln(os.Stderr, "verify: open this URL in a browser:", url)
			}
			return nil
		},
	}))
}
