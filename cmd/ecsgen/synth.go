package main

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/aymanbagabas/go-udiff"
	"github.com/ecsgen/ecsgen/pkg/cfn"
	"github.com/ecsgen/ecsgen/pkg/model"
	"github.com/google/renameio/v2"
	"github.com/spf13/cobra"
)

type synthOptions struct {
	file   string
	output string
	format string
	check  string
}

func newSynthCommand() *cobra.Command {
	var o synthOptions
	cmd := &cobra.Command{
		Use:   "synth",
		Short: "Expand the app into a CloudFormation template",
		Long: `synth reads the manifest, applies ecsgen's defaults and writes one complete
CloudFormation template. It works offline: nothing about the AWS account is
looked up, and values only known at deploy time (the default VPC, the URIs of
images ecsgen builds) become template parameters that deploy fills in.

The same manifest always gives the same bytes, so the template can be
committed and reviewed like code.`,
		Example: `  # Print the template as JSON
  ecsgen synth -f examples/nginx/ecsgen.yaml

  # Write deploy/nginx.template.yaml
  ecsgen synth -f examples/nginx/ecsgen.yaml -o deploy/ --format yaml

  # Write to a named file; the format follows the extension
  ecsgen synth -o template.yaml

  # In CI: fail with a diff if the committed template is out of date
  ecsgen synth -f ecsgen.yaml --check deploy/shop.template.json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runSynth(cmd, o) },
	}
	f := cmd.Flags()
	f.StringVarP(&o.file, "file", "f", "ecsgen.yaml", "the manifest to read")
	f.StringVarP(&o.output, "output", "o", "", "where to write the template: a file, or a directory (ending in / or existing) to get <name>.template.<format> in it; default standard output")
	f.StringVar(&o.format, "format", "", "json or yaml; default: the output file's extension, else json")
	f.StringVar(&o.check, "check", "", "compare this committed template with a fresh synth instead of writing one: exit 0 when they match, else print a diff and exit 1")
	cmd.MarkFlagsMutuallyExclusive("check", "output")
	return cmd
}

func runSynth(cmd *cobra.Command, o synthOptions) error {
	if o.check != "" {
		o.output = o.check // the format follows the checked file
	}
	format, err := outputFormat(o)
	if err != nil {
		return err
	}
	app, err := model.LoadManifest(o.file)
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("no manifest at %s; name one with -f, e.g. ecsgen synth -f examples/nginx/ecsgen.yaml", o.file)
	}
	if err != nil {
		return err
	}
	out, err := synth(app, format)
	if err != nil {
		return err
	}
	if o.check != "" {
		return checkTemplate(cmd, o, out)
	}
	if o.output == "" {
		_, err := cmd.OutOrStdout().Write(out)
		return err
	}
	path := outputPath(o.output, app.Name, format)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	// Atomic: a failed or interrupted write never leaves half a template.
	if err := renameio.WriteFile(path, out, 0o644); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	fmt.Fprintln(cmd.ErrOrStderr(), "wrote", path)
	return nil
}

// checkTemplate compares a committed template with a fresh synth: the gate
// that keeps templates in a repository in step with their manifests.
func checkTemplate(cmd *cobra.Command, o synthOptions, fresh []byte) error {
	committed, err := os.ReadFile(o.check)
	if err != nil {
		return err
	}
	if bytes.Equal(committed, fresh) {
		fmt.Fprintln(cmd.ErrOrStderr(), o.check, "is up to date")
		return nil
	}
	fmt.Fprint(cmd.OutOrStdout(), udiff.Unified(o.check+" (committed)", o.check+" (synthesized from "+o.file+")", string(committed), string(fresh)))
	return fmt.Errorf("%s is out of date with %s; run `ecsgen synth -f %s -o %s` and commit the result", o.check, o.file, o.file, o.check)
}

// synth runs the pipeline from a validated model to template bytes.
func synth(app *model.App, format string) ([]byte, error) {
	t, err := cfn.Synth(app)
	if err != nil {
		return nil, err
	}
	if format == "yaml" {
		return t.YAML()
	}
	return t.JSON()
}

func outputFormat(o synthOptions) (string, error) {
	switch strings.ToLower(o.format) {
	case "json", "yaml":
		return strings.ToLower(o.format), nil
	case "yml":
		return "yaml", nil
	case "":
	default:
		return "", fmt.Errorf("--format must be json or yaml, got %q", o.format)
	}
	switch strings.ToLower(filepath.Ext(o.output)) {
	case ".yaml", ".yml":
		return "yaml", nil
	}
	return "json", nil
}

// outputPath resolves -o: a directory gets <app>.template.<format>, as
// cdk synth names its templates.
func outputPath(output, name, format string) string {
	if strings.HasSuffix(output, "/") || strings.HasSuffix(output, string(filepath.Separator)) {
		return filepath.Join(output, name+".template."+format)
	}
	if fi, err := os.Stat(output); err == nil && fi.IsDir() {
		return filepath.Join(output, name+".template."+format)
	}
	return output
}
