//go:build windows

package cli

import (
	"errors"
	"os"
	"os/exec"
	"os/signal"
)

// replaceProcess runs path as a child with this process's standard
// streams and exits with its exit code: Windows cannot replace a process.
// Ctrl-C reaches the child from the console; ecsgen ignores it and waits
// for the child to act on it.
func replaceProcess(path string, args []string) error {
	cmd := exec.Command(path, args...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	signal.Ignore(os.Interrupt)
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		os.Exit(exit.ExitCode())
	case err != nil:
		return err
	}
	os.Exit(0)
	return nil
}
