// Package cli is what ecsgen's programs share: the root command, error
// printing and exit codes, signal handling, safe output writing, manifest
// loading, and the hand-over of commands from ecsgen to its companion
// programs. It must stay light: ecsgen links it, and Go initialises every
// linked package before synth can start (a test holds ecsgen's
// dependencies to that).
package cli

import (
	"errors"
	"fmt"
	"os"
	"strings"

	_ "github.com/ecsgen/ecsgen/internal/cligc" // each program lives a second: collect garbage rarely
	"github.com/ecsgen/ecsgen/pkg/model"
	"github.com/spf13/cobra"
)

// NewRoot is the root command of each of ecsgen's programs. Companions
// have the same one, so that their usage, help and errors read as
// ecsgen's own: to the user, every command is an ecsgen command.
func NewRoot(version string) *cobra.Command {
	root := &cobra.Command{
		Use:   "ecsgen",
		Short: "Put containerised apps on AWS ECS with CloudFormation",
		Long: `ecsgen expands an ECS application, described once as a YAML manifest,
into one complete, deterministic CloudFormation template.`,
		Version:       Version(version),
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetFlagErrorFunc(flagError)
	return root
}

// Main runs root on the process's arguments, prints its error and exits
// with its code.
func Main(root *cobra.Command) {
	ExitOnSignal()
	err := checkCompanionCaller(root)
	if err == nil {
		err = root.Execute()
	}
	var quiet *ExitStatus
	if err != nil && !(errors.As(err, &quiet) && quiet.Err == nil) {
		fmt.Fprintln(os.Stderr, FormatError(err))
	}
	os.Exit(ExitCode(err))
}

// FormatError prints a model's problems one per line, each already naming
// its file, line and field, after what the command said of them (an
// import's "nothing was written"), and anything else as a single error
// line.
func FormatError(err error) string {
	var me *model.Errors
	if !errors.As(err, &me) {
		return "error: " + err.Error()
	}
	head := "the manifest has 1 problem:"
	if n := len(me.List); n != 1 {
		head = fmt.Sprintf("the manifest has %d problems:", n)
	}
	if context, _ := strings.CutSuffix(err.Error(), me.Error()); strings.TrimSpace(context) != "" {
		head = strings.TrimRight(context, ":\n ") + "; " + head
	}
	return "error: " + head + "\n  " + strings.ReplaceAll(me.Error(), "\n", "\n  ")
}
