package model

import (
	"path/filepath"
	"reflect"
	"strings"

	"github.com/distribution/reference"
	"go.yaml.in/yaml/v3"
)

// Image is what a container runs. In a manifest it is either a string, a
// reference to an image in any registry ("nginx", "public.ecr.aws/x/y:1",
// an ECR URI), or a mapping for an image ecsgen builds and pushes:
// {path: ./app} (awsx's Image.fromPath), {build: {...}}
// (Image.fromDockerBuild) or {goPackage: ./cmd/web} (a Go main package
// built without Docker, as ko does).
type Image struct {
	// Name is a registry reference; set by the string form.
	Name string `yaml:"-"`
	// Path is a directory with a Dockerfile to build.
	Path string `yaml:"path"`
	// Repository is the ECR repository to push a built image to; default
	// app/owner/container.
	Repository string `yaml:"repository"`
	// Build controls a Docker build in detail.
	Build *DockerBuild `yaml:"build"`
	// GoPackage is a Go main package, relative to the manifest (./cmd/web),
	// built as a static Linux binary for the task's platform and layered
	// onto baseImage without Docker.
	GoPackage string `yaml:"goPackage"`
	// BaseImage is the image a goPackage binary is layered onto; default
	// cgr.dev/chainguard/static:latest.
	BaseImage string `yaml:"baseImage" ecsgen:"baseImage"`
	// Ldflags are linker flags for a goPackage's go build, after ecsgen's
	// -s -w, as in ko's ldflags: ["-X main.version=1.2.3"]. They are
	// joined into go build's one -ldflags argument, which Go splits at
	// spaces, so a value with spaces is quoted within its item:
	// -X 'main.greeting=hello world'.
	Ldflags []string `yaml:"ldflags"`
	// Tags are build tags for a goPackage's go build (-tags=a,b).
	Tags []string `yaml:"tags" ecsgen:"goBuildTag"`
	// Env is environment for a goPackage's go build, such as GOAMD64: v3,
	// GOEXPERIMENT or GOFLAGS. GOOS, GOARCH and CGO_ENABLED are ecsgen's:
	// the task's runtimePlatform decides the architecture.
	Env map[string]string `yaml:"env"`
}

// DockerBuild is a Docker build, like awsx's Image.fromDockerBuild.
type DockerBuild struct {
	// Context is the build context directory.
	Context string `yaml:"context"`
	// Dockerfile is the Dockerfile to use, relative to context; default
	// Dockerfile in context.
	Dockerfile string `yaml:"dockerfile"`
	// Args are build arguments.
	Args map[string]string `yaml:"args"`
	// Target is the multi-stage target to build.
	Target string `yaml:"target"`
	// Platform is the platform to build for, e.g. linux/amd64.
	Platform string `yaml:"platform"`
	// CacheFrom names stages to cache between builds. With buildah or
	// podman and a push (build --push, deploy), the cache is kept in the
	// ECR repository <repository>/build-cache, so a build on a fresh
	// machine pulls the steps built before; without a push, on the
	// building machine only. Docker keeps its own cache.
	CacheFrom *CacheFrom `yaml:"cacheFrom"`
	// Secrets are the build's secrets by id, each read from a file or an
	// environment variable where ecsgen runs; a Dockerfile step reads one
	// with RUN --mount=type=secret,id=ID, at /run/secrets/ID. Unlike a
	// build argument, a secret stays out of the image and its history.
	Secrets map[string]BuildSecret `yaml:"secrets"`
	// SSH lists the SSH agent sockets or keys a build step may use with
	// RUN --mount=type=ssh, for private git repositories: default (the
	// agent at $SSH_AUTH_SOCK) or ID=PATH, a socket or a private key
	// relative to the manifest.
	SSH []string `yaml:"ssh" ecsgen:"buildSsh"`
}

// CacheFrom names the build stages whose images are reused as cache, like
// awsx's cacheFrom. buildah and podman cache every step of the build once
// any stage is named.
type CacheFrom struct {
	Stages []string `yaml:"stages"`
}

// Base is the base image of a goPackage image: BaseImage, else the
// default.
func (i *Image) Base() string { return rules["baseImage"].or(i.BaseImage) }

// Built reports whether ecsgen builds this image rather than pulling it.
func (i *Image) Built() bool { return i.Path != "" || i.Build != nil || i.GoPackage != "" }

func (i *Image) decodeNode(d *decoder, n *yaml.Node, path string) {
	if n.Kind == yaml.ScalarNode {
		i.Name = n.Value
		return
	}
	type plain Image // without decodeNode, so decoding does not recurse
	d.decodeStruct(withoutBuildOptions(d, n, path), reflectValue((*plain)(i)), path)
}

// withoutBuildOptions reports the options of a Dockerfile build (secrets,
// args, ...) given beside path or goPackage instead of under build, where
// "unknown field" would not say where they go, and returns n without them.
func withoutBuildOptions(d *decoder, n *yaml.Node, path string) *yaml.Node {
	if n.Kind != yaml.MappingNode {
		return n
	}
	options, own := structFields(reflect.TypeFor[DockerBuild]()).byName, structFields(reflect.TypeFor[Image]()).byName
	var goPackage, build bool
	var context string // the path the user wrote, if any
	for i := 0; i+1 < len(n.Content); i += 2 {
		switch n.Content[i].Value {
		case "goPackage":
			goPackage = true
		case "build":
			build = true
		case "path":
			context = n.Content[i+1].Value
		}
	}
	out := *n
	out.Content = nil
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		_, option := options[k.Value]
		if _, ok := own[k.Value]; !option || ok {
			out.Content = append(out.Content, k, n.Content[i+1])
			continue
		}
		switch {
		case goPackage:
			d.errorf(k, field(path, k.Value), "is an option of Dockerfile builds; a goPackage image is built without one, so remove it")
		case build:
			d.errorf(k, field(path, k.Value), "is an option of a Dockerfile build and goes under build: move it there, beside context")
		case context != "":
			d.errorf(k, field(path, k.Value), "is an option of a Dockerfile build and goes under build; `path: %[1]s` is `build: {context: %[1]s}`, so write `image: {build: {context: %[1]s, %[2]s: ...}}`", context, k.Value)
		default:
			d.errorf(k, field(path, k.Value), "is an option of a Dockerfile build and goes under build, beside the directory to build: `image: {build: {context: DIR, %s: ...}}`", k.Value)
		}
	}
	return &out
}

func (i *Image) validate(v *Errors, path string) {
	forms := 0
	for _, set := range []bool{i.Name != "", i.Path != "", i.Build != nil, i.GoPackage != ""} {
		if set {
			forms++
		}
	}
	switch {
	case forms == 0:
		v.add(path, "is required: name an image such as `image: nginx`, or build one with `image: {path: ./app}`")
	case forms > 1:
		v.add(path, "give one of a registry reference, path, build or goPackage")
	}
	if i.Name != "" {
		validateImageReference(v, path, i.Name)
	}
	if i.Repository != "" && !i.Built() {
		v.add(field(path, "repository"), "only applies to images ecsgen builds (path, build or goPackage)")
	}
	i.validateRepositoryLength(v, path)
	if i.Build != nil {
		if i.Build.Context == "" {
			v.add(field(field(path, "build"), "context"), "is required: the directory to build, e.g. `context: ./app`")
		}
		i.Build.validateSecrets(v, field(path, "build"))
	}
	i.validateGoPackage(v, path)
	i.validateGoBuild(v, path)
}

// BuildCacheSuffix is what the build cache repository of an image with
// cacheFrom adds to the image's repository: publish keeps buildah's and
// podman's cache in <repository>/build-cache.
const BuildCacheSuffix = "/build-cache"

// maxRepositoryLength is ECR's limit on a repository's name.
const maxRepositoryLength = 256

// validateRepositoryLength checks the repository against ECR's limit, and
// with cacheFrom its build cache's too, which would otherwise fail only
// when the build asks ECR for it.
func (i *Image) validateRepositoryLength(v *Errors, path string) {
	n := len(i.Repository)
	switch {
	case n > maxRepositoryLength:
		v.add(field(path, "repository"), "is %d characters, over ECR's limit of %d; shorten it", n, maxRepositoryLength)
	case i.Build != nil && i.Build.CacheFrom != nil && n+len(BuildCacheSuffix) > maxRepositoryLength:
		v.add(field(path, "repository"), "is %d characters; with cacheFrom its build cache, <repository>%s, would be %d, over ECR's limit of %d: shorten it to %d at most",
			n, BuildCacheSuffix, n+len(BuildCacheSuffix), maxRepositoryLength, maxRepositoryLength-len(BuildCacheSuffix))
	}
}

// validateGoPackage checks the ko-style form. The package is a directory
// relative to the manifest, so the manifest builds the same wherever it is
// checked out; an import path would depend on the module around it.
func (i *Image) validateGoPackage(v *Errors, path string) {
	if i.GoPackage != "" && !isRelativeDir(i.GoPackage) {
		v.add(field(path, "goPackage"), "%q must be a directory relative to the manifest, starting with ./ or ../, e.g. `goPackage: ./cmd/web`", i.GoPackage)
	}
	if i.BaseImage == "" {
		return
	}
	if i.GoPackage == "" {
		v.add(field(path, "baseImage"), "only applies to goPackage images; a Dockerfile names its base with FROM")
		return
	}
	if _, err := reference.ParseNormalizedNamed(i.BaseImage); err != nil {
		v.add(field(path, "baseImage"), "%q is not an image reference such as gcr.io/distroless/static-debian12:nonroot (%s)", i.BaseImage, err)
	}
}

func isRelativeDir(p string) bool {
	p = filepath.ToSlash(p)
	return p == "." || p == ".." || strings.HasPrefix(p, "./") || strings.HasPrefix(p, "../")
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
