package main

import (
	"github.com/ecsgen/ecsgen/internal/cli"
	"github.com/ecsgen/ecsgen/internal/publishcli"
	"github.com/ecsgen/ecsgen/pkg/publish"
	"github.com/spf13/cobra"
)

func newDiffCommand() *cobra.Command {
	var o stackFlags
	var parameters []string
	var roll bool
	var builder string
	cmd := &cobra.Command{
		Use: "diff",
		Long: `diff computes the change set deploy would execute, prints what it would add,
change, replace and remove, and deletes it again. With --roll it shows what
deploy --roll would change: every service.

Exit status: 0 when nothing would change, 1 when something would, 2 when
diff could not tell (bad manifest, no credentials, ...).`,
		Example: `  ecsgen diff -f examples/nginx/ecsgen.yaml`,
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx, stop := cli.Interruptible(cmd)
			defer stop()
			params, err := publish.ParseParameters(parameters)
			if err != nil {
				return err
			}
			t, err := o.load(ctx, cmd)
			if err != nil {
				return err
			}
			changed, err := publish.Diff(ctx, t.clients, t.template, publish.DeployOptions{
				Stack: t.stack, Parameters: params, Roll: roll, Images: o.images(cmd, t, builder), Out: cmd.OutOrStdout(), Progress: newProgress(cmd.ErrOrStderr()),
			})
			if err != nil {
				return err
			}
			if changed {
				return &cli.ExitStatus{Code: cli.ExitDrift}
			}
			return nil
		},
	}
	o.register(cmd)
	cmd.Flags().StringArrayVar(&parameters, "parameter", nil, "a template parameter's value, KEY=VALUE; repeatable")
	publishcli.BuilderFlag(cmd, &builder)
	cmd.Flags().BoolVar(&roll, "roll", false, "show the change of deploy --roll, which starts new tasks in every service")
	return cmd
}
