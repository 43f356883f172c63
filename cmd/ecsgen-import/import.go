package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/ecsgen/ecsgen/internal/cli"
	"github.com/ecsgen/ecsgen/pkg/importer"
	"github.com/ecsgen/ecsgen/pkg/importer/compose"
	"github.com/ecsgen/ecsgen/pkg/importer/copilot"
	"github.com/ecsgen/ecsgen/pkg/model"
	"github.com/spf13/cobra"
)

// importOptions are the flags both importers share.
type importOptions struct {
	output string
	force  bool
}

func newImportCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use: "import",
		Long: `import reads an app described for another tool and writes an ecsgen manifest
for it. What does not map is listed on standard error, one line per item with
its file, line and field and what to do instead; the manifest's header lists
the same, and its comments explain the choices the importer made.`,
	}
	cmd.AddCommand(newImportComposeCommand(), newImportCopilotCommand())
	return cmd
}

func (o *importOptions) flags(cmd *cobra.Command) {
	cmd.Flags().StringVarP(&o.output, "output", "o", "ecsgen.yaml", "where to write the manifest; - for standard output")
	cmd.Flags().BoolVar(&o.force, "force", false, "replace the output file if it exists")
}

func newImportComposeCommand() *cobra.Command {
	var o importOptions
	var files, profiles []string
	cmd := &cobra.Command{
		Use:   "compose [-f compose.yaml ...]",
		Short: "Import a Docker Compose project",
		Long: `import compose reads a Compose project as docker compose does (profiles,
extends, .env interpolation, several -f files merged in order) and writes an
ecsgen manifest: each Compose service becomes an ECS service, published ports
become listeners, resource limits become the smallest Fargate size that holds
them.`,
		Example: `  # compose.yaml (and compose.override.yaml) in this directory
  ecsgen import compose

  # several files, a profile, and a manifest elsewhere
  ecsgen import compose -f compose.yaml -f compose.prod.yaml --profile web -o deploy/ecsgen.yaml`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			dir, err := outputDir(o.output)
			if err != nil {
				return err
			}
			res, err := compose.Import(cmd.Context(), compose.Options{Files: files, Profiles: profiles, Env: os.Environ(), OutputDir: dir})
			if err != nil {
				return err
			}
			return writeImport(cmd, o, res)
		},
	}
	cmd.Flags().StringArrayVarP(&files, "file", "f", nil, "a Compose file; repeat to merge several, as docker compose -f does (default: compose.yaml and its override in the current directory)")
	cmd.Flags().StringArrayVar(&profiles, "profile", nil, "a profile to enable; repeat for several")
	o.flags(cmd)
	return cmd
}

func newImportCopilotCommand() *cobra.Command {
	var o importOptions
	var env string
	cmd := &cobra.Command{
		Use:   "copilot [DIR]",
		Short: "Import an AWS Copilot workspace",
		Long: `import copilot reads the service and job manifests of a Copilot workspace
(DIR/copilot/*/manifest.yml; DIR defaults to the current directory) and writes
one ecsgen manifest for all of them. With --env, each manifest's overrides
for that environment are applied first, as copilot deploy --env does.`,
		Example: `  ecsgen import copilot
  ecsgen import copilot ~/src/shop --env prod -o shop/ecsgen.yaml`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ws := "."
			if len(args) == 1 {
				ws = args[0]
			}
			dir, err := outputDir(o.output)
			if err != nil {
				return err
			}
			res, err := copilot.Import(copilot.Options{Dir: ws, Env: env, OutputDir: dir})
			if err != nil {
				return err
			}
			return writeImport(cmd, o, res)
		},
	}
	cmd.Flags().StringVar(&env, "env", "", "apply the manifests' overrides for this Copilot environment")
	o.flags(cmd)
	return cmd
}

// outputDir is the directory the manifest goes to, which paths in it are
// relative to.
func outputDir(output string) (string, error) {
	if output == cli.Stdio {
		return os.Getwd()
	}
	return filepath.Abs(filepath.Dir(output))
}

// writeImport prints the report and writes the manifest, but only one
// that decodes back into the imported app and passes validation: a
// manifest synth would refuse is not written at all.
func writeImport(cmd *cobra.Command, o importOptions, res *importer.Result) error {
	fmt.Fprint(cmd.ErrOrStderr(), res.Report.String())
	out, err := importer.Write(*res)
	if err != nil {
		return err
	}
	if _, err := model.ParseManifest(o.output, out); err != nil {
		return fmt.Errorf("the imported app is not a valid manifest, so nothing was written:\n%w", err)
	}
	if o.output == cli.Stdio {
		_, err := cmd.OutOrStdout().Write(out)
		return err
	}
	if _, err := os.Lstat(o.output); err == nil && !o.force {
		return fmt.Errorf("%s exists; give another -o, or --force to replace it", o.output)
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if err := cli.WriteOutput(o.output, out); err != nil {
		return fmt.Errorf("writing %s: %w", o.output, err)
	}
	fmt.Fprintf(cmd.ErrOrStderr(), "wrote %s (%d items not imported, listed above)\n", o.output, len(res.Report))
	return nil
}
