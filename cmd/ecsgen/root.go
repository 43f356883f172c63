package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/ecsgen/ecsgen/pkg/model"
	"github.com/spf13/cobra"
)

func newRootCommand() *cobra.Command {
	root := &cobra.Command{
		Use:   "ecsgen",
		Short: "Put containerised apps on AWS ECS with CloudFormation",
		Long: `ecsgen expands an ECS application, described once as a YAML manifest,
into one complete, deterministic CloudFormation template.`,
		Version:       buildVersion(),
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetFlagErrorFunc(flagError)
	root.AddCommand(newSynthCommand())
	root.AddCommand(newBuildCommand())
	root.AddCommand(newSchemaCommand())
	root.AddCommand(newImportCommand())
	root.AddCommand(newDeployCommand())
	root.AddCommand(newDiffCommand())
	root.AddCommand(newOutputsCommand())
	root.AddCommand(newRunCommand())
	root.AddCommand(newDestroyCommand())
	return root
}

// formatError prints a model's problems one per line, each already naming
// its file, line and field, and anything else as a single error line.
func formatError(err error) string {
	var me *model.Errors
	if errors.As(err, &me) {
		head := "error: the manifest has 1 problem:"
		if n := len(me.List); n != 1 {
			head = fmt.Sprintf("error: the manifest has %d problems:", n)
		}
		return head + "\n  " + strings.ReplaceAll(me.Error(), "\n", "\n  ")
	}
	return "error: " + err.Error()
}
