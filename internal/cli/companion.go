package cli

import (
	"fmt"

	"github.com/spf13/cobra"
)

// A companion is a program that runs some of ecsgen's commands in a
// process of its own: whatever only those commands need (the AWS SDK,
// go-containerregistry, compose-go) is linked there, so that its package
// initialisation, tens of milliseconds, never delays synth. ecsgen hands
// each such command over to its program, as git and kubectl hand theirs
// to git-* and kubectl-* programs.
type companion struct {
	program  string
	commands []command
}

// command is a command ecsgen lists in its help and hands over. Its short
// description lives here, once, because ecsgen shows it without linking
// the command.
type command struct {
	name, short string
}

// companions are ecsgen's companion programs. Build is apart from the
// stack's commands because go build waits for its start-up: without the
// AWS SDK's CloudFormation, ECS, EC2, ELB, S3 and CloudWatch Logs clients,
// whose package initialisation deploy needs, it starts in two thirds of
// the time. Import is apart from both, so that they do not initialise
// compose-go's JSON Schema library, nor import the AWS SDK's.
var companions = []companion{
	{program: "ecsgen-build", commands: []command{
		{"build", "Build the app's images, and push them to ECR"},
	}},
	{program: "ecsgen-publish", commands: []command{
		{"deploy", "Create or update the app's stack, and watch it roll out"},
		{"diff", "Show what deploy would change, without changing it"},
		{"outputs", "Print the deployed stack's outputs, or one of them"},
		{"run", "Start one of the app's tasks where the stack placed it"},
		{"destroy", "Delete the app's stack and everything in it"},
	}},
	{program: "ecsgen-import", commands: []command{
		{"import", "Write a manifest from a Docker Compose project or an AWS Copilot workspace"},
	}},
}

// NewCompanionRoot is the root command of the companion program: ecsgen's
// root with the commands ecsgen hands to it, each given its short
// description from the list ecsgen shows. A command missing on either
// side is a programming error, which panics on every run (and so in every
// test of the program).
func NewCompanionRoot(program, version string, cmds ...*cobra.Command) *cobra.Command {
	root := NewRoot(version)
	// Completion scripts come from ecsgen, which hands completion of these
	// commands over too.
	root.CompletionOptions.DisableDefaultCmd = true
	root.Annotations = map[string]string{companionAnnotation: program}
	listed := map[string]string{}
	for _, c := range companions {
		if c.program == program {
			for _, cmd := range c.commands {
				listed[cmd.name] = cmd.short
			}
		}
	}
	for _, cmd := range cmds {
		short, ok := listed[cmd.Name()]
		if !ok {
			panic(fmt.Sprintf("%s runs %s, which ecsgen does not hand over to it", program, cmd.Name()))
		}
		delete(listed, cmd.Name())
		cmd.Short = short
		root.AddCommand(cmd)
	}
	for name := range listed {
		panic(fmt.Sprintf("ecsgen hands %s over to %s, which does not run it", name, program))
	}
	return root
}
