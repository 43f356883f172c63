package cli

import (
	"errors"
	"fmt"
)

// Exit codes, as diff(1) and terraform plan -detailed-exitcode use them:
// a script can tell "the template is out of date" (or "the stack would
// change") from "ecsgen could not say", whether the manifest was bad, a
// flag was wrong or a file could not be read.
const (
	ExitDrift   = 1
	ExitFailure = 2
)

// ExitStatus ends ecsgen with a code of the command's choosing: ExitDrift
// for a stale template or a pending change, run's container exit code.
// Without Err nothing is printed.
type ExitStatus struct {
	Code int
	Err  error
}

func (e *ExitStatus) Error() string {
	if e.Err != nil {
		return e.Err.Error()
	}
	return fmt.Sprintf("exit code %d", e.Code)
}

func (e *ExitStatus) Unwrap() error { return e.Err }

// ExitCode maps what a command returned to the process's exit code.
func ExitCode(err error) int {
	var status *ExitStatus
	switch {
	case err == nil:
		return 0
	case errors.As(err, &status):
		return status.Code
	}
	return ExitFailure
}
