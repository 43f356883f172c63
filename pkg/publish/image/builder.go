package image

import (
	"context"
	"fmt"
	"io"

	"github.com/ecsgen/ecsgen/pkg/model"
	v1 "github.com/google/go-containerregistry/pkg/v1"
)

// A Builder turns one image's declaration into an image.
type Builder interface {
	Build(ctx context.Context, src Source) (v1.Image, error)
}

// Source is one image to build.
type Source struct {
	// Name names the image in output: services.web/web.
	Name string
	// Dir is the manifest's directory; the declaration's paths are
	// relative to it.
	Dir string
	// Image is the declaration: a goPackage, a path or a Docker build.
	Image model.Image
	// Platform is the platform to build for.
	Platform v1.Platform
	// WorkDir is an empty directory the builder may use; it is removed
	// once the image is published, so the image may be backed by its files.
	WorkDir string
	// Log receives the build's output.
	Log io.Writer
	// Base, if set, is called with the base image, at most once, as soon
	// as the builder has it, while the build goes on: the publisher can
	// put its layers in the repository meanwhile.
	Base func(v1.Image)
	// Cache, if set, returns where the build keeps its cache in the
	// registry (cacheFrom, with a BuildCacher publisher). A builder calls
	// it only if it uses it, so that docker, which keeps its own cache,
	// never has a cache repository made for nothing.
	Cache func(context.Context) (BuildCache, error)
}

// byForm sends each image to the builder for its form. The Dockerfile
// builder is chosen on first use, so an app of goPackage images never
// needs docker, podman or buildah.
type byForm struct {
	goPackage  Builder
	dockerfile func() (Builder, error)
}

func (b byForm) Build(ctx context.Context, src Source) (v1.Image, error) {
	if src.Image.GoPackage != "" {
		return b.goPackage.Build(ctx, src)
	}
	df, err := b.dockerfile()
	if err != nil {
		return nil, err
	}
	return df.Build(ctx, src)
}

func errorf(src Source, format string, args ...any) error {
	return fmt.Errorf(src.Name+": "+format, args...)
}
