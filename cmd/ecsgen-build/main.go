// Command ecsgen-build runs `ecsgen build`, which builds the app's images
// and pushes them to ECR. Users run it as `ecsgen build`; ecsgen hands it
// over to this program. It is apart from ecsgen-publish, which deploys,
// because go build waits for it to start: it links go-containerregistry
// and, of the AWS SDK, only ECR's client and the configuration, and does
// without the CloudFormation, ECS, EC2, ELB, S3 and CloudWatch Logs
// clients, whose package initialisation would make its start-up half as
// long again (README, Development).
package main

import (
	"github.com/ecsgen/ecsgen/internal/cli"
	"github.com/spf13/cobra"
)

// version is set by release builds with -ldflags "-X main.version=v1.2.3".
var version string

func main() { cli.Main(newRootCommand()) }

func newRootCommand() *cobra.Command {
	return cli.NewCompanionRoot("ecsgen-build", version, newBuildCommand())
}
