// Command invite resends expired IGV invitations and lists the users who have not signed in yet.
// Run it with -h for usage; the logic lives in package invite.
package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/aws/aws-sdk-go-v2/config"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"

	"igv-aws-backend/invite"
	"igv-aws-backend/pulumicli"
)

func main() {
	os.Exit(invite.Main(context.Background(), os.Args[1:], os.Stdout, os.Stderr, invite.Deps{
		NewClient: func(ctx context.Context, region string) (invite.Client, error) {
			cfg, err := config.LoadDefaultConfig(ctx, config.WithRegion(region))
			if err != nil {
				return nil, fmt.Errorf("loading AWS credentials: %w", err)
			}
			return cip.NewFromConfig(cfg), nil
		},
		StackOutput: pulumicli.Output,
		Now:         time.Now,
	}))
}
