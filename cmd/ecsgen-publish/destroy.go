package main

import (
	"github.com/ecsgen/ecsgen/internal/cli"
	"github.com/ecsgen/ecsgen/pkg/publish"
	"github.com/spf13/cobra"
)

func newDestroyCommand() *cobra.Command {
	var o stackFlags
	var yes, deleteData bool
	cmd := &cobra.Command{
		Use: "destroy",
		Long: `destroy deletes the app's CloudFormation stack after confirmation and waits
until it is gone. What holds data outlives the stack unless --delete-data: its
log groups and access-log bucket (the template keeps them when the stack is
deleted) and the ECR repositories of images ecsgen built, with their images. destroy names what it
kept; with --delete-data it deletes them once the stack is gone.`,
		Example: `  ecsgen destroy -f examples/nginx/ecsgen.yaml
  ecsgen destroy --yes --delete-data`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx, stop := cli.Interruptible(cmd)
			defer stop()
			t, err := o.load(ctx, cmd)
			if err != nil {
				return err
			}
			return publish.Destroy(ctx, t.clients, t.template, publish.DestroyOptions{
				Stack: t.stack, DeleteData: deleteData, Confirm: confirm(cmd, yes, "--yes"),
				Progress: newProgress(cmd.ErrOrStderr()),
			})
		},
	}
	o.register(cmd)
	cmd.Flags().BoolVarP(&yes, "yes", "y", false, "delete without asking; needed when not run from a terminal")
	cmd.Flags().BoolVar(&deleteData, "delete-data", false, "also delete the stack's log groups, its access-log bucket and the ECR repositories of the app's images")
	return cmd
}
