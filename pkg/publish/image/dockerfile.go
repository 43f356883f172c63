package image

import (
	"context"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/ecsgen/ecsgen/pkg/model"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/layout"
	"github.com/google/go-containerregistry/pkg/v1/tarball"
)

// The programs that build Dockerfile images, in the order ecsgen looks
// for them.
const (
	Docker  = "docker"
	Podman  = "podman"
	Buildah = "buildah"
)

// BuilderEnv names the environment variable that chooses the Dockerfile
// builder when Options.Builder is empty.
const BuilderEnv = "ECSGEN_BUILDER"

// dockerfileBuilder builds Dockerfile images with a container tool, then
// exports the result to WorkDir for go-containerregistry to push, so that
// every image goes out through the same publisher.
type dockerfileBuilder struct {
	tool string
}

// chooseDockerfileBuilder returns the builder the user named (a flag, then
// ECSGEN_BUILDER), else docker if a daemon answers, else podman, else
// buildah, the one that works on machines without a daemon.
func chooseDockerfileBuilder(ctx context.Context, named string) (Builder, error) {
	if named == "" {
		named = os.Getenv(BuilderEnv)
	}
	switch named {
	case Docker, Podman, Buildah:
		if _, err := exec.LookPath(named); err != nil {
			return nil, fmt.Errorf("builder %s is not installed: %w", named, err)
		}
		return dockerfileBuilder{tool: named}, nil
	case "":
	default:
		return nil, fmt.Errorf("unknown builder %q: use docker, podman or buildah (--builder or %s)", named, BuilderEnv)
	}
	if exec.CommandContext(ctx, Docker, "version", "--format", "{{.Server.Version}}").Run() == nil {
		return dockerfileBuilder{tool: Docker}, nil
	}
	for _, tool := range []string{Podman, Buildah} {
		if _, err := exec.LookPath(tool); err == nil {
			return dockerfileBuilder{tool: tool}, nil
		}
	}
	return nil, fmt.Errorf("building Dockerfile images needs docker (with a running daemon), podman or buildah; install one, or use goPackage for Go services")
}

func (b dockerfileBuilder) Build(ctx context.Context, src Source) (v1.Image, error) {
	if err := checkSecretSources(src, dockerBuild(src.Image)); err != nil {
		return nil, err
	}
	tag := localTag(src.Name)
	cache, err := b.registryCache(ctx, src)
	if err != nil {
		return nil, err
	}
	err = run(ctx, src, b.buildCommand(src, tag, cache))
	if cache != nil {
		// It holds the user's logins too: gone as soon as the builder
		// is, not kept through the export and the push.
		if rmErr := os.Remove(cache.authFile); err == nil {
			err = rmErr
		}
	}
	if err != nil {
		return nil, err
	}
	if err := run(ctx, src, b.exportCommand(src, tag)); err != nil {
		return nil, err
	}
	if b.tool == Docker {
		return tarball.ImageFromPath(filepath.Join(src.WorkDir, "image.tar"), nil)
	}
	idx, err := layout.ImageIndexFromPath(filepath.Join(src.WorkDir, "oci"))
	if err != nil {
		return nil, err
	}
	m, err := idx.IndexManifest()
	if err != nil {
		return nil, err
	}
	if len(m.Manifests) != 1 {
		return nil, fmt.Errorf("%s: %s exported %d images, want 1", src.Name, b.tool, len(m.Manifests))
	}
	return idx.Image(m.Manifests[0].Digest)
}

// buildCommand is the build: timestamps fixed at the epoch where the tool
// allows it (same inputs, same digest), and on daemon-less machines the
// settings that work without root's cgroups or overlayfs; with cache, the
// stages are cached in the registry.
func (b dockerfileBuilder) buildCommand(src Source, tag string, cache *builderCache) command {
	spec := dockerBuild(src.Image)
	c := command{dir: src.Dir, args: []string{b.tool}}
	switch b.tool {
	case Buildah:
		if os.Getenv("STORAGE_DRIVER") == "" {
			c.args = append(c.args, "--storage-driver", "vfs")
		}
		c.args = append(c.args, "bud", "--isolation", "chroot", "--timestamp", "0")
	case Podman:
		c.args = append(c.args, "build", "--timestamp", "0")
	case Docker:
		c.args = append(c.args, "build")
		c.env = []string{"SOURCE_DATE_EPOCH=0"}
	}
	c.args = append(c.args, "--platform", src.Platform.String(), "-t", tag)
	if spec.Dockerfile != "" {
		// Relative to the context, as in Compose, and as the manifest's
		// default (Dockerfile in the context) reads.
		c.args = append(c.args, "-f", filepath.Join(spec.Context, spec.Dockerfile))
	}
	for _, k := range slices.Sorted(maps.Keys(spec.Args)) {
		c.args = append(c.args, "--build-arg", k+"="+spec.Args[k])
	}
	c.args = append(c.args, secretArgs(spec)...)
	if spec.Target != "" {
		c.args = append(c.args, "--target", spec.Target)
	}
	if spec.CacheFrom != nil && b.tool != Docker {
		// Docker keeps intermediate layers by itself; buildah and podman
		// need --layers to reuse the stages' cached steps.
		c.args = append(c.args, "--layers")
		if cache != nil {
			c.args = append(c.args, cache.args()...)
			c.scratch = append(c.scratch, cache.env()...)
			c.rerunNote = cache.rerunNote(b.tool)
		}
	} else if b.tool == Podman {
		// podman, unlike buildah, reuses cached steps by default, and its
		// cache (buildah's) serves a step that expands a changed build
		// arg, such as a LABEL or ENV with no RUN after it, from before
		// the change (containers/buildah#5501): without cacheFrom, podman
		// builds every step, as buildah does.
		c.args = append(c.args, "--layers=false")
	}
	c.args = append(c.args, spec.Context)
	return c
}

// exportCommand writes the built image where go-containerregistry reads
// it: an OCI layout, or for docker a `docker save` tarball.
func (b dockerfileBuilder) exportCommand(src Source, tag string) command {
	switch b.tool {
	case Buildah:
		args := []string{Buildah}
		if os.Getenv("STORAGE_DRIVER") == "" {
			args = append(args, "--storage-driver", "vfs")
		}
		return command{args: append(args, "push", "--quiet", tag, "oci:"+filepath.Join(src.WorkDir, "oci"))}
	case Podman:
		return command{args: []string{Podman, "save", "--quiet", "--format", "oci-dir", "-o", filepath.Join(src.WorkDir, "oci"), tag}}
	default:
		return command{args: []string{Docker, "save", "-o", filepath.Join(src.WorkDir, "image.tar"), tag}}
	}
}

// dockerBuild is a Dockerfile image as a Docker build: {path: ./app} is
// the build of ./app with its Dockerfile.
func dockerBuild(img model.Image) model.DockerBuild {
	if img.Build != nil {
		return *img.Build
	}
	return model.DockerBuild{Context: img.Path}
}

var notTagChars = regexp.MustCompile(`[^a-z0-9._-]+`)

// localTag names the image in the builder's own storage while ecsgen
// exports it: one name per image, reused by each build.
func localTag(name string) string {
	return "localhost/ecsgen/" + strings.Trim(notTagChars.ReplaceAllString(strings.ToLower(name), "-"), "-") + ":latest"
}
