// Command ecsgen turns an ECS application described once, as a manifest or
// a Go program, into a CloudFormation template, and deploys it.
package main

import (
	"fmt"
	"os"
)

func main() {
	exitOnSignal()
	err := newRootCommand().Execute()
	if err != nil {
		fmt.Fprintln(os.Stderr, formatError(err))
	}
	os.Exit(exitCode(err))
}
