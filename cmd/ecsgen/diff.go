package main

import (
	"github.com/ecsgen/ecsgen/pkg/publish"
	"github.com/spf13/cobra"
)

func newDiffCommand() *cobra.Command {
	var o stackFlags
	var parameters []string
	cmd := &cobra.Command{
		Use:   "diff",
		Short: "Show what deploy would change, without changing it",
		Long: `diff computes the change set deploy would execute, prints what it would add,
change, replace and remove, and deletes it again.

Exit status: 0 when nothing would change, 1 when something would, 2 when
diff could not tell (bad manifest, no credentials, ...).`,
		Example: `  ecsgen diff -f examples/nginx/ecsgen.yaml`,
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx, stop := interruptible(cmd)
			defer stop()
			params, err := publish.ParseParameters(parameters)
			if err != nil {
				return err
			}
			t, err := o.load(ctx)
			if err != nil {
				return err
			}
			changed, err := publish.Diff(ctx, t.clients, t.template, publish.DeployOptions{
				Stack: t.stack, Parameters: params, Images: o.images(cmd, t), Out: cmd.OutOrStdout(), Progress: newProgress(cmd.ErrOrStderr()),
			})
			if err != nil {
				return err
			}
			if changed {
				return &exitStatus{code: exitDrift}
			}
			return nil
		},
	}
	o.register(cmd)
	cmd.Flags().StringArrayVar(&parameters, "parameter", nil, "a template parameter's value, KEY=VALUE; repeatable")
	return cmd
}
