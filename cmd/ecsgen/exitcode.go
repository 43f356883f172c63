package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/agnivade/levenshtein"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// Exit codes, as diff(1) and terraform plan -detailed-exitcode use them:
// a script can tell "the template is out of date" from "ecsgen could not
// say", whether the manifest was bad, a flag was wrong or a file could not
// be read.
const (
	exitDrift   = 1
	exitFailure = 2
)

// driftError says a committed template differs from a fresh synth.
type driftError struct{ msg string }

func (e *driftError) Error() string { return e.msg }

// exitCode maps what a command returned to the process's exit code.
func exitCode(err error) int {
	var (
		drift  *driftError
		status *exitStatus
	)
	switch {
	case err == nil:
		return 0
	case errors.As(err, &drift):
		return exitDrift
	case errors.As(err, &status):
		return status.code
	}
	return exitFailure
}

// flagError adds to pflag's "unknown flag: --fromat" the flag most likely
// meant, as cobra already does for mistyped commands.
func flagError(cmd *cobra.Command, err error) error {
	name, ok := strings.CutPrefix(err.Error(), "unknown flag: --")
	if !ok {
		return fmt.Errorf("%w; see `%s --help`", err, cmd.CommandPath())
	}
	best, bestDist := "", 3
	cmd.Flags().VisitAll(func(f *pflag.Flag) {
		d := levenshtein.ComputeDistance(name, f.Name)
		if strings.HasPrefix(f.Name, name) {
			d = min(d, 1) // --form is --format cut short
		}
		if d < bestDist {
			best, bestDist = f.Name, d
		}
	})
	if best == "" {
		return fmt.Errorf("%w; see `%s --help` for the flags", err, cmd.CommandPath())
	}
	return fmt.Errorf("%w; did you mean --%s?", err, best)
}
