package main

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"path/filepath"
	"slices"

	"github.com/ecsgen/ecsgen/internal/cli"
	"github.com/ecsgen/ecsgen/internal/publishcli"
	"github.com/ecsgen/ecsgen/pkg/publish/awsclient"
	"github.com/ecsgen/ecsgen/pkg/publish/image"
	"github.com/spf13/cobra"
)

type buildOptions struct {
	publishcli.AWSFlags
	file    string
	push    bool
	output  string
	builder string
}

func newBuildCommand() *cobra.Command {
	var o buildOptions
	cmd := &cobra.Command{
		Use: "build",
		Long: `build builds every image the manifest asks ecsgen to build, in parallel, each
line of output prefixed with its image's name. With --push it pushes them to
ECR, creating missing repositories, and prints each image's template parameter
with its digest-pinned URI (PARAM=repo@sha256:...), so CI can build once and
deploy later; without --push it prints each image's digest.

goPackage images are built with Go and go-containerregistry alone. Dockerfile
images are built with docker when its daemon answers, else podman, else
buildah; --builder or ECSGEN_BUILDER chooses. An unchanged image uploads
nothing.

AWS credentials and region come from the standard chain (environment,
profiles, SSO, instance roles); AWS_ENDPOINT_URL is honoured, and
ECSGEN_REGISTRY_MIRROR=http://HOST:PORT sends the registry traffic of ECR
hosts to another registry (for tests against an ECR emulator).`,
		Example: `  # Build every image, without pushing
  ecsgen build -f examples/go-service/ecsgen.yaml

  # Build and push; print PARAM=URI lines for aws cloudformation deploy
  ecsgen build -f examples/go-service/ecsgen.yaml --push

  # In CI: the same as JSON, with buildah on a machine without Docker
  ecsgen build --push --output json --builder buildah > images.json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runBuild(cmd, o) },
	}
	f := cmd.Flags()
	f.StringVarP(&o.file, "file", "f", "ecsgen.yaml", "the manifest to read")
	f.BoolVar(&o.push, "push", false, "push the images to ECR and print their digest-pinned URIs")
	f.StringVar(&o.output, "output", "text", "text (PARAM=VALUE lines) or json (an object of parameter to value)")
	publishcli.BuilderFlag(cmd, &o.builder)
	o.AWSFlags.Register(cmd)
	return cmd
}

func runBuild(cmd *cobra.Command, o buildOptions) error {
	if o.output != "text" && o.output != "json" {
		return fmt.Errorf("--output must be text or json, got %q", o.output)
	}
	_, tmpl, err := cli.LoadTemplate(cmd, o.file)
	if err != nil {
		return err
	}
	images := tmpl.Inputs().Images
	if len(images) == 0 {
		fmt.Fprintln(cmd.ErrOrStderr(), "nothing to build: no image in", o.file, "has path, build or goPackage")
		return nil
	}
	ctx, stop := cli.Interruptible(cmd) // Ctrl-C stops the builds, which remove their work directories
	defer stop()
	opts := image.Options{Dir: filepath.Dir(o.file), Builder: o.builder, Log: cmd.ErrOrStderr()}
	var ecr *image.DeferredPublisher
	if o.push {
		// The builds start while the AWS configuration loads; if it cannot
		// be, they stop (removing their work), and its error is the one
		// reported.
		var cancel context.CancelCauseFunc
		ctx, cancel = context.WithCancelCause(ctx)
		defer cancel(nil)
		ecr = image.Defer(ctx, func(ctx context.Context) (image.Publisher, error) {
			p, err := ecrPublisher(ctx, cmd, o)
			if err != nil {
				cancel(err)
				return nil, err
			}
			return p, nil
		})
		opts.Publisher = ecr
	}
	refs, err := image.Images(ctx, images, opts)
	if ecr != nil {
		if err := ecr.Err(); err != nil {
			return err
		}
	}
	if err != nil {
		return err
	}
	return printImages(cmd, o.output, refs)
}

func ecrPublisher(ctx context.Context, cmd *cobra.Command, o buildOptions) (image.Publisher, error) {
	cfg, err := awsclient.LoadConfig(ctx, o.Options())
	if err != nil {
		return nil, err
	}
	e, err := image.NewECR(cfg)
	if err != nil {
		return nil, err
	}
	e.Log = cmd.ErrOrStderr()
	return e, nil
}

// printImages prints parameter=value lines, sorted, the form
// `aws cloudformation deploy --parameter-overrides` takes, or JSON.
func printImages(cmd *cobra.Command, format string, refs map[string]string) error {
	out := cmd.OutOrStdout()
	if format == "json" {
		data, err := json.MarshalIndent(refs, "", "  ")
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(out, "%s\n", data)
		return err
	}
	for _, p := range slices.Sorted(maps.Keys(refs)) {
		fmt.Fprintf(out, "%s=%s\n", p, refs[p])
	}
	return nil
}
