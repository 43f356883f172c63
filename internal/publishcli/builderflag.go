package publishcli

import (
	"github.com/ecsgen/ecsgen/pkg/publish/image"
	"github.com/spf13/cobra"
)

// BuilderFlag is --builder, of every command that builds images.
func BuilderFlag(cmd *cobra.Command, builder *string) {
	cmd.Flags().StringVar(builder, "builder", "", "docker, podman or buildah for Dockerfile images; default $"+image.BuilderEnv+", else the first that works")
}
