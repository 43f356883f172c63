// Command ecsgen-import runs `ecsgen import compose|copilot`, which
// ecsgen hands over to it: compose-go and its JSON Schema validator are
// linked here, so that neither synth nor the AWS commands initialise them.
package main

import (
	"github.com/ecsgen/ecsgen/internal/cli"
	"github.com/spf13/cobra"
)

// version is set by release builds with -ldflags "-X main.version=v1.2.3".
var version string

func main() { cli.Main(newRootCommand()) }

func newRootCommand() *cobra.Command {
	return cli.NewCompanionRoot("ecsgen-import", version, newImportCommand())
}
