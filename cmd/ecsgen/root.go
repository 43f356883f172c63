package main

import (
	"github.com/ecsgen/ecsgen/internal/cli"
	"github.com/spf13/cobra"
)

func newRootCommand() *cobra.Command {
	root := cli.NewRoot(version)
	root.AddCommand(newSynthCommand(), newSchemaCommand())
	cli.AddHandOvers(root)
	return root
}
