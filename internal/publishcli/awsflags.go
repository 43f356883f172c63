package publishcli

import (
	"github.com/ecsgen/ecsgen/pkg/publish/awsclient"
	"github.com/spf13/cobra"
)

// AWSFlags choose the account and region of every command that talks to
// AWS.
type AWSFlags struct {
	Region, Profile string
}

// Register adds --region and --profile to cmd.
func (a *AWSFlags) Register(cmd *cobra.Command) {
	f := cmd.Flags()
	f.StringVar(&a.Region, "region", "", "the AWS region; default: AWS_REGION or the profile's")
	f.StringVar(&a.Profile, "profile", "", "the AWS profile; default: AWS_PROFILE or default")
}

// Options are the flags as the AWS configuration takes them.
func (a AWSFlags) Options() awsclient.Options {
	return awsclient.Options{Region: a.Region, Profile: a.Profile}
}
