package main

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/ecsgen/ecsgen/internal/cli"
	"github.com/ecsgen/ecsgen/pkg/publish"
	"github.com/spf13/cobra"
)

func newRunCommand() *cobra.Command {
	var o stackFlags
	var (
		wait    bool
		count   int
		command string
	)
	cmd := &cobra.Command{
		Use: "run TASK",
		Long: `run starts a task of the deployed app in the cluster, subnets and security
groups its stack made, and prints the task ARNs. With --wait it waits for
the tasks to stop, prints why each stopped, and exits with the essential
container's exit code (the first non-zero one of several tasks).

Exit status: 0 when started (with --wait: when the essential container
exited 0), the container's exit code with --wait, 2 when the task could not
be started or its container never ran.`,
		Example: `  ecsgen run hello-world -f examples/hello-task/ecsgen.yaml --wait
  ecsgen run migrate --command 'bin/migrate up' --wait
  ecsgen run migrate --command '["sh", "-c", "echo $HOME"]'`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			argv, err := parseCommand(command)
			if err != nil {
				return err
			}
			if count < 1 || count > 10 {
				return fmt.Errorf("--count must be from 1 to 10 (ECS starts at most 10 tasks per call), got %d", count)
			}
			ctx, stop := cli.Interruptible(cmd)
			defer stop()
			t, err := o.load(ctx, cmd)
			if err != nil {
				return err
			}
			res, err := publish.RunTask(ctx, t.clients, t.template, publish.RunOptions{
				Stack: t.stack, Task: args[0], Count: count, Command: argv, Wait: wait, Out: cmd.OutOrStdout(),
			})
			if err != nil {
				return err
			}
			for _, r := range res {
				switch {
				case r.ExitCode == nil:
					return fmt.Errorf("task %s never ran its container: %s", args[0], r.StopReason)
				case *r.ExitCode != 0:
					return &cli.ExitStatus{Code: int(*r.ExitCode)}
				}
			}
			return nil
		},
	}
	o.register(cmd)
	f := cmd.Flags()
	f.BoolVar(&wait, "wait", false, "wait for the tasks to stop and exit with the essential container's exit code")
	f.IntVar(&count, "count", 1, "how many copies to start")
	f.StringVar(&command, "command", "", `replace the essential container's command: words split at spaces, or a JSON array such as '["sh","-c","echo hi"]'`)
	return cmd
}

// parseCommand reads --command as Docker's exec form (a JSON array) or as
// words.
func parseCommand(s string) ([]string, error) {
	s = strings.TrimSpace(s)
	if !strings.HasPrefix(s, "[") {
		return strings.Fields(s), nil
	}
	var argv []string
	if err := json.Unmarshal([]byte(s), &argv); err != nil {
		return nil, fmt.Errorf("--command %s: not a JSON array of strings: %v", s, err)
	}
	return argv, nil
}
