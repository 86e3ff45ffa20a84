// Command audit answers "who read which file" from the stack's CloudTrail audit trail. Run it with -h
// for usage; the logic lives in package audit.
package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"igv-aws-backend/audit"
	"igv-aws-backend/pulumicli"
)

func main() {
	os.Exit(audit.Main(context.Background(), os.Args[1:], os.Stdout, os.Stderr, audit.Deps{
		NewSource: func(ctx context.Context, region string) (audit.Source, error) {
			cfg, err := config.LoadDefaultConfig(ctx, config.WithRegion(region))
			if err != nil {
				return nil, fmt.Errorf("loading AWS credentials: %w", err)
			}
			return s3.NewFromConfig(cfg), nil
		},
		StackOutputs: func(ctx context.Context, stack string) (map[string]any, error) {
			return pulumicli.Outputs(ctx, stack, false)
		},
		Now: time.Now,
		Sleep: func(ctx context.Context, d time.Duration) error {
			select {
			case <-time.After(d):
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		},
	}))
}
