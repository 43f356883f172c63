package main

import (
	"errors"
	"time"

	"github.com/ecsgen/ecsgen/internal/cli"
	"github.com/ecsgen/ecsgen/internal/publishcli"
	"github.com/ecsgen/ecsgen/pkg/publish"
	"github.com/spf13/cobra"
)

type deployOptions struct {
	stackFlags
	parameters         []string
	yes                bool
	replaceFailedStack bool
	maxFailedTasks     int
	timeout            time.Duration
	cancelOnInterrupt  bool
	roll               bool
	builder            string
}

func newDeployCommand() *cobra.Command {
	var o deployOptions
	cmd := &cobra.Command{
		Use: "deploy",
		Long: `deploy synthesizes the template, fills its parameters (the default VPC and
its subnets, image URIs, --parameter values), shows what a CloudFormation
change set would add, change, replace and remove, and after confirmation
executes it. It follows the stack's events and the services' rollouts until
the stack is complete and every service is steady, then prints the outputs.

While it waits, it watches the new ECS deployment: tasks that stop, service
events that report failures, unhealthy targets. When the rollout has clearly
failed (ECS says FAILED, or --max-failed-tasks tasks stopped) or --timeout
passes, it cancels the update (CloudFormation rolls back) or deletes a stack
that was being created, and exits 1 with the reason.

A deploy with nothing to change says so and exits 0. --roll starts new tasks
in every service even so, and changes nothing else: they read their secrets'
current values, after a rotation say. Other deploys never restart tasks for
that reason.

Exit status: 0 when the stack is deployed (or was up to date), 2 when the
deploy failed or was refused.`,
		Example: `  ecsgen deploy -f examples/nginx/ecsgen.yaml
  ecsgen deploy --yes --stack shop-staging --region eu-west-1
  ecsgen deploy --roll --yes
  ecsgen deploy --parameter DefaultVpcId=vpc-0abc --parameter DefaultVpcSubnetIds=subnet-1,subnet-2`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runDeploy(cmd, o) },
	}
	o.register(cmd)
	f := cmd.Flags()
	f.StringArrayVar(&o.parameters, "parameter", nil, "a template parameter's value, KEY=VALUE; repeatable")
	f.BoolVarP(&o.yes, "yes", "y", false, "deploy without asking; needed when not run from a terminal")
	f.BoolVar(&o.replaceFailedStack, "replace-failed-stack", false, "delete a stack left ROLLBACK_COMPLETE by a failed first create, then create it again")
	f.IntVar(&o.maxFailedTasks, "max-failed-tasks", 3, "stopped tasks of a new deployment that fail the deploy")
	f.DurationVar(&o.timeout, "timeout", 0, "give up (and roll back) after this long, e.g. 20m; default: wait as long as CloudFormation")
	f.BoolVar(&o.cancelOnInterrupt, "cancel-on-interrupt", false, "on Ctrl-C, cancel the update (or delete a stack being created) instead of leaving CloudFormation to finish it")
	publishcli.BuilderFlag(cmd, &o.builder)
	f.BoolVar(&o.roll, "roll", false, "start new tasks in every service, so that they read their secrets' current values")
	return cmd
}

func runDeploy(cmd *cobra.Command, o deployOptions) error {
	ctx, stop := cli.Interruptible(cmd)
	defer stop()
	params, err := publish.ParseParameters(o.parameters)
	if err != nil {
		return err
	}
	t, err := o.load(ctx, cmd)
	if err != nil {
		return err
	}
	var ask func(string) (bool, error)
	if c := confirm(cmd, o.yes, "--yes"); c != nil {
		ask = func(string) (bool, error) { return c("Deploy these changes to stack " + t.stack + "?") }
	}
	_, err = publish.Deploy(ctx, t.clients, t.template, publish.DeployOptions{
		Stack:              t.stack,
		Parameters:         params,
		Images:             o.images(cmd, t, o.builder),
		Confirm:            ask,
		ReplaceFailedStack: o.replaceFailedStack,
		MaxFailedTasks:     o.maxFailedTasks,
		Timeout:            o.timeout,
		CancelOnInterrupt:  o.cancelOnInterrupt,
		Roll:               o.roll,
		Progress:           newProgress(cmd.ErrOrStderr()),
		Out:                cmd.OutOrStdout(),
	})
	// A failed release task ends the deploy with its own exit code.
	var re *publish.ReleaseError
	if errors.As(err, &re) && re.ExitCode != 0 {
		return &cli.ExitStatus{Code: re.ExitCode, Err: err}
	}
	return err
}
