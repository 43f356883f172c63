// Command ecsgen-publish runs the ecsgen commands that work on the app's
// stack: deploy, diff, outputs, run and destroy. Users run them as `ecsgen
// deploy` and so on; ecsgen hands them over to this program, which links
// the AWS SDK and go-containerregistry so that ecsgen (and synth) need
// not. deploy builds images as ecsgen-build does, with the same package.
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
		newDeployCommand(), newDiffCommand(), newOutputsCommand(), newRunCommand(), newDestroyCommand())
}
