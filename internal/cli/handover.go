package cli

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"

	"github.com/spf13/cobra"
)

// AddHandOvers adds to ecsgen's root a command for each command of its
// companions. Each takes its arguments unparsed and replaces the process
// with its companion, run with the same arguments: flags, help, errors,
// exit codes, signals and the terminal are then the companion's own.
func AddHandOvers(root *cobra.Command) {
	for _, c := range companions {
		for _, cmd := range c.commands {
			root.AddCommand(handOverCommand(c.program, root.Version, cmd))
		}
	}
}

func handOverCommand(program, version string, c command) *cobra.Command {
	cmd := &cobra.Command{
		Use:                c.name,
		Short:              c.short,
		DisableFlagParsing: true,
		RunE: func(_ *cobra.Command, args []string) error {
			return handOver(program, version, c.name, append([]string{c.name}, args...))
		},
		// Shell completion (cobra's __complete) is answered by the
		// companion, which knows the command's flags.
		ValidArgsFunction: func(_ *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
			request := cobra.ShellCompRequestCmd // or the shell's request without descriptions
			if len(os.Args) > 1 && os.Args[1] == cobra.ShellCompNoDescRequestCmd {
				request = cobra.ShellCompNoDescRequestCmd
			}
			err := handOver(program, version, c.name, append(append([]string{request, c.name}, args...), toComplete))
			cobra.CompErrorln(err.Error())
			return nil, cobra.ShellCompDirectiveError
		},
	}
	// `ecsgen help deploy` is `ecsgen deploy --help`.
	cmd.SetHelpFunc(func(cmd *cobra.Command, _ []string) {
		err := handOver(program, version, c.name, []string{c.name, "--help"})
		fmt.Fprintln(cmd.ErrOrStderr(), FormatError(err))
		os.Exit(ExitFailure)
	})
	return cmd
}

// handOver replaces the process with program run with args, telling it
// ecsgen's version; it returns only when it could not.
func handOver(program, version, command string, args []string) error {
	path, err := findCompanion(program, command)
	if err != nil {
		return err
	}
	if err := os.Setenv(callerVersionEnv, version); err != nil {
		return err
	}
	if err := replaceProcess(path, args); err != nil {
		return fmt.Errorf("ecsgen %s: starting %s: %w", command, path, err)
	}
	return nil
}

// findCompanion looks for program beside the running ecsgen (symlinks
// resolved), where go install puts all of them, then on PATH.
func findCompanion(program, command string) (string, error) {
	where := "on PATH"
	if exe, err := os.Executable(); err == nil {
		if exe, err := filepath.EvalSymlinks(exe); err == nil {
			dir := filepath.Dir(exe)
			if path, err := exec.LookPath(filepath.Join(dir, program)); err == nil {
				return path, nil
			}
			where = "beside ecsgen in " + dir + " nor on PATH"
		}
	}
	if path, err := exec.LookPath(program); err == nil {
		return path, nil
	}
	return "", fmt.Errorf("ecsgen %s needs the program %s, found neither %s; install all of ecsgen's programs with `go install github.com/ecsgen/ecsgen/cmd/...@latest` (or `go install ./cmd/...` in a checkout)", command, program, where)
}
