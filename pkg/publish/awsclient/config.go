package awsclient

import (
	"context"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/ratelimit"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/config"
)

// Options choose the account and region, on top of the SDK's standard
// chain (environment, shared config and credentials files, SSO, instance
// roles) and its endpoint settings (AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_<SERVICE>).
type Options struct {
	Region  string
	Profile string
	// Backoff replaces the wait between retries of one call; nil keeps the
	// SDK's exponential backoff with jitter. Tests set it so that injected
	// faults cost no time.
	Backoff retry.BackoffDelayer
}

// maxAttempts is how often one call is tried: enough to ride out a burst of
// throttling or a dropped connection, few enough that a dead endpoint is
// reported within seconds.
const maxAttempts = 5

// callTimeout bounds one HTTP call, so that a hung connection is retried
// instead of stalling the deploy.
const callTimeout = 30 * time.Second

// LoadConfig loads the AWS configuration from the standard chain, with
// ecsgen's retries and timeouts, for the clients of every command.
func LoadConfig(ctx context.Context, o Options) (aws.Config, error) {
	var opts []func(*config.LoadOptions) error
	if o.Region != "" {
		opts = append(opts, config.WithRegion(o.Region))
	}
	if o.Profile != "" {
		opts = append(opts, config.WithSharedConfigProfile(o.Profile))
	}
	cfg, err := config.LoadDefaultConfig(ctx, opts...)
	if err != nil {
		return aws.Config{}, fmt.Errorf("loading AWS configuration: %w", err)
	}
	if cfg.Region == "" {
		return aws.Config{}, fmt.Errorf("no AWS region: pass --region, or set AWS_REGION or a region in the profile")
	}
	attempts := maxAttempts
	if cfg.RetryMaxAttempts > 0 { // AWS_MAX_ATTEMPTS or max_attempts in the profile
		attempts = cfg.RetryMaxAttempts
	}
	cfg.Retryer = func() aws.Retryer {
		return retry.NewStandard(func(s *retry.StandardOptions) {
			s.MaxAttempts = attempts
			// The retry quota protects a fleet from a retry storm; one CLI
			// run riding out an outage should rather keep trying.
			s.RateLimiter = ratelimit.None
			if o.Backoff != nil {
				s.Backoff = o.Backoff
			}
		})
	}
	cfg.HTTPClient = awshttp.NewBuildableClient().WithTimeout(callTimeout)
	return cfg, nil
}
