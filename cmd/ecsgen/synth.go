package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/aymanbagabas/go-udiff"
	"github.com/ecsgen/ecsgen/internal/cli"
	"github.com/ecsgen/ecsgen/pkg/cfn"
	"github.com/spf13/cobra"
)

type synthOptions struct {
	file   string
	output string
	format string
	check  string
}

// formats are the values --format takes, with what each is for, as shell
// completion shows them.
var formats = []cobra.Completion{
	cobra.CompletionWithDesc("json", "the template as JSON"),
	cobra.CompletionWithDesc("yaml", "the template as YAML"),
}

func newSynthCommand() *cobra.Command {
	var o synthOptions
	cmd := &cobra.Command{
		Use:   "synth [MANIFEST]",
		Short: "Expand the app into a CloudFormation template",
		Long: `synth reads the manifest, applies ecsgen's defaults and writes one complete
CloudFormation template. It works offline: nothing about the AWS account is
looked up, and values only known at deploy time (the default VPC, the URIs of
images ecsgen builds) become template parameters that deploy fills in.

The same manifest always gives the same bytes, so the template can be
committed and reviewed like code.

Exit status: 0 on success, 1 when --check finds the template out of date,
2 on a bad manifest, a bad flag or any other failure.`,
		Example: `  # Print the template as JSON
  ecsgen synth examples/nginx/ecsgen.yaml

  # Write deploy/nginx.template.yaml
  ecsgen synth -f examples/nginx/ecsgen.yaml -o deploy/ --format yaml

  # Write to a named file; the format follows the extension
  ecsgen synth -o template.yaml

  # Read the manifest from standard input
  ecsgen synth -f - -o template.json < ecsgen.yaml

  # In CI: fail with a diff if the committed template is out of date
  ecsgen synth -f ecsgen.yaml --check deploy/shop.template.json`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				if cmd.Flags().Changed("file") {
					return fmt.Errorf("the manifest is named twice, as %s and with -f %s; give one", args[0], o.file)
				}
				o.file = args[0]
			}
			if cmd.Flags().Changed("check") && o.check == "" {
				return errors.New("--check needs the committed template to compare, e.g. --check deploy/shop.template.json")
			}
			return runSynth(cmd, o)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&o.file, "file", "f", "ecsgen.yaml", "the manifest to read; - for standard input (or give it as the argument)")
	f.StringVarP(&o.output, "output", "o", "", "where to write the template: a file, or a directory (ending in / or existing) to get <name>.template.<format> in it; - or none for standard output")
	f.StringVar(&o.format, "format", "", "json or yaml; default: the output file's extension, else json")
	f.StringVar(&o.check, "check", "", "compare this committed template (a file, or a directory as with -o) with a fresh synth instead of writing one: exit 0 when they match, else print a diff and exit 1")
	cmd.MarkFlagsMutuallyExclusive("check", "output")
	cobra.CheckErr(cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions(formats, cobra.ShellCompDirectiveNoFileComp)))
	return cmd
}

func runSynth(cmd *cobra.Command, o synthOptions) error {
	format, err := outputFormat(o)
	if err != nil {
		return err
	}
	m, t, err := cli.LoadTemplate(cmd, o.file)
	if err != nil {
		return err
	}
	app := m.App
	out, err := render(t, format)
	if err != nil {
		return err
	}
	if o.check != "" {
		return checkTemplate(cmd, o, cli.OutputPath(o.check, app.Name, format), out)
	}
	if o.output == "" || o.output == cli.Stdio {
		_, err := cmd.OutOrStdout().Write(out)
		return err
	}
	path := cli.OutputPath(o.output, app.Name, format)
	if err := cli.RefuseManifest(path, o.file); err != nil {
		return err
	}
	if err := cli.WriteOutput(path, out); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	fmt.Fprintln(cmd.ErrOrStderr(), "wrote", path)
	return nil
}

// checkTemplate compares a committed template with a fresh synth: the gate
// that keeps templates in a repository in step with their manifests. Line
// endings do not count: a checkout with CRLF endings (git's autocrlf on
// Windows) holds the same template.
func checkTemplate(cmd *cobra.Command, o synthOptions, path string, fresh []byte) error {
	committed, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	committed = bytes.ReplaceAll(committed, []byte("\r\n"), []byte("\n"))
	if bytes.Equal(committed, fresh) {
		fmt.Fprintln(cmd.ErrOrStderr(), path, "is up to date")
		return nil
	}
	fmt.Fprint(cmd.OutOrStdout(), udiff.Unified(path+" (committed)", path+" (synthesized from "+o.file+")", string(committed), string(fresh)))
	fix := "ecsgen synth -f " + o.file + " -o " + path
	if o.format != "" {
		fix += " --format " + o.format
	}
	return &cli.ExitStatus{Code: cli.ExitDrift, Err: fmt.Errorf("%s is out of date with %s; run `%s` and commit the result", path, o.file, fix)}
}

// render writes the template in the format, json or yaml.
func render(t *cfn.Template, format string) ([]byte, error) {
	if format == "yaml" {
		return t.YAML()
	}
	return t.JSON()
}

// outputFormat is --format, else what the output's (or the checked
// file's) extension says, else JSON.
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
	target := o.output
	if o.check != "" {
		target = o.check
	}
	switch strings.ToLower(filepath.Ext(target)) {
	case ".yaml", ".yml":
		return "yaml", nil
	}
	return "json", nil
}
