// Command ecsgen turns an ECS application described once, as a manifest or
// a Go program, into a CloudFormation template, and deploys it.
package main

import (
	"errors"
	"fmt"
	"os"
)

func main() {
	exitOnSignal()
	err := newRootCommand().Execute()
	var quiet *exitStatus
	if err != nil && !(errors.As(err, &quiet) && quiet.err == nil) {
		fmt.Fprintln(os.Stderr, formatError(err))
	}
	os.Exit(exitCode(err))
}
