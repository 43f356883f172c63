package model

import (
	"strings"

	"github.com/distribution/reference"
	"go.yaml.in/yaml/v3"
)

// Image is what a container runs. In a manifest it is either a string, a
// reference to an image in any registry ("nginx", "public.ecr.aws/x/y:1",
// an ECR URI), or a mapping for an image ecsgen builds and pushes:
// {path: ./app} (awsx's Image.fromPath) or {build: {...}}
// (Image.fromDockerBuild).
type Image struct {
	// Name is a registry reference; set by the string form.
	Name string `yaml:"-"`
	// Path is a directory with a Dockerfile to build.
	Path string `yaml:"path"`
	// Repository is the ECR repository to push a built image to.
	Repository string `yaml:"repository"`
	// Build controls a Docker build in detail.
	Build *DockerBuild `yaml:"build"`
}

// DockerBuild is a Docker build, like awsx's Image.fromDockerBuild.
type DockerBuild struct {
	// Context is the build context directory.
	Context string `yaml:"context"`
	// Dockerfile is the Dockerfile to use; default Dockerfile in context.
	Dockerfile string `yaml:"dockerfile"`
	// Args are build arguments.
	Args map[string]string `yaml:"args"`
	// Target is the multi-stage target to build.
	Target string `yaml:"target"`
	// Platform is the platform to build for, e.g. linux/amd64.
	Platform string `yaml:"platform"`
	// CacheFrom names stages to cache between builds.
	CacheFrom *CacheFrom `yaml:"cacheFrom"`
}

// CacheFrom names the build stages whose images are reused as cache.
type CacheFrom struct {
	Stages []string `yaml:"stages"`
}

// Built reports whether ecsgen builds this image rather than pulling it.
func (i *Image) Built() bool { return i.Path != "" || i.Build != nil }

func (i *Image) decodeNode(d *decoder, n *yaml.Node, path string) {
	if n.Kind == yaml.ScalarNode {
		i.Name = n.Value
		return
	}
	type plain Image // without decodeNode, so decoding does not recurse
	d.decodeStruct(n, reflectValue((*plain)(i)), path)
}

func (i *Image) validate(v *Errors, path string) {
	forms := 0
	for _, set := range []bool{i.Name != "", i.Path != "", i.Build != nil} {
		if set {
			forms++
		}
	}
	switch {
	case forms == 0:
		v.add(path, "is required: name an image such as `image: nginx`, or build one with `image: {path: ./app}`")
	case forms > 1:
		v.add(path, "give one of a registry reference, path or build")
	}
	if i.Name != "" {
		validateImageReference(v, path, i.Name)
	}
	if i.Repository != "" && !i.Built() {
		v.add(field(path, "repository"), "only applies to images ecsgen builds (path or build)")
	}
	if i.Build != nil && i.Build.Context == "" {
		v.add(field(field(path, "build"), "context"), "is required: the directory to build, e.g. `context: ./app`")
	}
}

// validateImageReference checks a registry reference with the grammar
// Docker and containerd parse it by, so that a typo fails synth instead of
// every task launch.
func validateImageReference(v *Errors, path, ref string) {
	if strings.TrimSpace(ref) == "" {
		v.add(path, "is blank: name an image such as `image: nginx:1.27`")
		return
	}
	if _, err := reference.ParseNormalizedNamed(ref); err != nil {
		v.add(path, "%q is not an image reference such as nginx:1.27 or public.ecr.aws/nginx/nginx:1.27 (%s)", ref, err)
	}
}
