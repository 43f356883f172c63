package main

import (
	"github.com/ecsgen/ecsgen/pkg/model"
	"github.com/spf13/cobra"
)

func newSchemaCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "schema",
		Short: "Print the manifest's JSON Schema, for editor completion and checks",
		Long: `schema prints a JSON Schema (draft 2020-12) of the ecsgen manifest. It is
generated from the Go types the manifest decodes into, so it always matches
this ecsgen: every field with its description and default, the allowed values
of fields such as listener type and launchType, and the ranges of ports and
counts. Unknown and misspelled fields are errors.

Editors that run yaml-language-server (VS Code with Red Hat's YAML
extension, and others) then complete fields, show their descriptions and mark
mistakes as you type. Save the schema next to your manifests and name it on
the manifest's first line; the path is relative to the manifest:

  # yaml-language-server: $schema=./ecsgen.schema.json

The schema catches mistakes of shape; some rules need the whole app (a
portMapping must name a declared listener, task sizes must be valid for
Fargate), so synth still checks every manifest.`,
		Example: `  # Save the schema beside the manifest
  ecsgen schema > ecsgen.schema.json

  # Then start ecsgen.yaml with
  # yaml-language-server: $schema=./ecsgen.schema.json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			out, err := model.JSONSchema()
			if err != nil {
				return err
			}
			_, err = cmd.OutOrStdout().Write(out)
			return err
		},
	}
}
