// Command ecsgen-publish runs the ecsgen commands that talk to AWS and
// registries: build, deploy, diff, outputs, run and destroy. Users run
// them as `ecsgen deploy` and so on; ecsgen hands them over to this
// program, which links the AWS SDK and go-containerregistry so that
// ecsgen (and synth) need not.
package main

import (
	"github.com/ecsgen/ecsgen/internal/cli"
	"github.com/spf13/cobra"
)

// version is set by release builds with -ldflags "-X main.version=v1.2.3".
var version string

func main() { cli.Main(newRootCommand()) }

func newRootCommand() *cobra.Command {
	return cli.NewCompanionRoot("ecsgen-publish", version,
		newBuildCommand(), newDeployCommand(), newDiffCommand(), newOutputsCommand(), newRunCommand(), newDestroyCommand())
}
