package main

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/ecsgen/ecsgen/pkg/publish"
	"github.com/spf13/cobra"
)

func newOutputsCommand() *cobra.Command {
	var o stackFlags
	var format string
	cmd := &cobra.Command{
		Use: "outputs [KEY]",
		Example: `  ecsgen outputs -f examples/nginx/ecsgen.yaml
  curl "http://$(ecsgen outputs url)"
  ecsgen outputs --output json
  ecsgen outputs --stack nginx url    # no manifest needed`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if format != "text" && format != "json" {
				return fmt.Errorf("--output must be text or json, got %q", format)
			}
			stack, clients, err := o.loadStack(cmd.Context(), cmd)
			if err != nil {
				return err
			}
			outs, err := publish.Outputs(cmd.Context(), clients, stack)
			if err != nil {
				return err
			}
			w := cmd.OutOrStdout()
			if len(args) == 1 {
				v, ok := outs[args[0]]
				if !ok {
					return fmt.Errorf("stack %s has no output %q; it has %s", stack, args[0], strings.Join(slices.Sorted(maps.Keys(outs)), ", "))
				}
				if format == "json" {
					return json.NewEncoder(w).Encode(v)
				}
				fmt.Fprintln(w, v)
				return nil
			}
			if format == "json" {
				enc := json.NewEncoder(w)
				enc.SetIndent("", "  ")
				return enc.Encode(outs)
			}
			for _, k := range slices.Sorted(maps.Keys(outs)) {
				fmt.Fprintf(w, "%s: %s\n", k, outs[k])
			}
			return nil
		},
	}
	o.register(cmd)
	cmd.Flags().StringVarP(&format, "output", "o", "text", "text or json")
	return cmd
}
