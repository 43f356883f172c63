package image

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/ecsgen/ecsgen/pkg/model"
	"github.com/google/go-containerregistry/pkg/authn"
	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/mutate"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	"github.com/google/go-containerregistry/pkg/v1/types"
	"golang.org/x/sync/errgroup"
)

// Annotations a goPackage image carries, from the OCI image spec, so that
// scanners and `crane` can tell which base to rebase it onto.
const (
	annotationBaseName   = "org.opencontainers.image.base.name"
	annotationBaseDigest = "org.opencontainers.image.base.digest"
)

// appDir is where a goPackage binary goes in the image; its own directory,
// so that it cannot collide with anything the base image holds.
const appDir = "app"

// epoch is the time stamped on everything a goPackage build writes, so that
// the same source gives the same digest on every machine and every day.
var epoch = v1.Time{Time: time.Unix(0, 0).UTC()}

// goPackageBuilder builds a Go main package as a static Linux binary and
// appends it as one layer to a base image, the way ko does: no Docker, no
// daemon, and nothing but the binary's layer and the config changes
// between builds.
type goPackageBuilder struct{}

// Build fetches the base while the compiler runs: the one waits on the
// network, the other on the CPU. A base that fails stops the compiler. The
// base keeps ctx, not the group's context, since its layers are read
// lazily, after the group is done.
func (b goPackageBuilder) Build(ctx context.Context, src Source) (v1.Image, error) {
	var (
		base baseImage
		bin  binary
	)
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() (err error) {
		if base, err = b.base(ctx, src); err == nil && src.Base != nil {
			src.Base(base.image)
		}
		return err
	})
	g.Go(func() (err error) {
		start := time.Now()
		bin, err = goBuild(gctx, src)
		if err == nil {
			logf(src, "go build %s: %d ms", src.Image.GoPackage, time.Since(start).Milliseconds())
		}
		return err
	})
	if err := g.Wait(); err != nil {
		return nil, err
	}
	return appendBinary(base.image, base.ref, base.digest, bin, src.Image)
}

type baseImage struct {
	image  v1.Image
	ref    name.Reference
	digest v1.Hash
}

// base fetches the base image for the platform. Its recorded digest is that
// of what the reference names (an index for a multi-platform base), which is
// what the OCI annotation means.
func (b goPackageBuilder) base(ctx context.Context, src Source) (baseImage, error) {
	ref, err := name.ParseReference(src.Image.BaseImage)
	if err != nil {
		return baseImage{}, fmt.Errorf("%s: baseImage: %w", src.Name, err)
	}
	// The user's Docker credentials (docker login, credential helpers)
	// reach private bases, as with docker pull.
	desc, err := remote.Get(ref, remote.WithContext(ctx), remote.WithPlatform(src.Platform), remote.WithAuthFromKeychain(authn.DefaultKeychain))
	if err != nil {
		return baseImage{}, fmt.Errorf("%s: pulling base image %s: %w", src.Name, ref, err)
	}
	img, err := desc.Image() // for an index, the platform's image
	if err != nil {
		return baseImage{}, fmt.Errorf("%s: base image %s: %w", src.Name, ref, err)
	}
	cfg, err := img.ConfigFile()
	if err != nil {
		return baseImage{}, fmt.Errorf("%s: base image %s: %w", src.Name, ref, err)
	}
	if cfg.Architecture != "" && cfg.Architecture != src.Platform.Architecture {
		return baseImage{}, fmt.Errorf("%s: base image %s is for %s/%s, but the task runs on %s: name a multi-platform base, or one for %s", src.Name, ref, cfg.OS, cfg.Architecture, src.Platform, src.Platform)
	}
	return baseImage{image: img, ref: ref, digest: desc.Digest}, nil
}

// binary is a built executable and the name it runs under.
type binary struct {
	path string
	name string
}

// goBuild compiles the package with goBuildCommand.
func goBuild(ctx context.Context, src Source) (binary, error) {
	abs, err := filepath.Abs(filepath.Join(src.Dir, src.Image.GoPackage))
	if err != nil {
		return binary{}, err
	}
	bin := binary{path: binaryPath(src, abs), name: filepath.Base(abs)}
	if err := os.MkdirAll(filepath.Dir(bin.path), 0o755); err != nil {
		return binary{}, err
	}
	c := goBuildCommand(src, abs, bin.path)
	if os.Getenv("GOTMPDIR") == "" {
		// go build dies on a signal without removing its own work
		// directory (it cleans up after itself only on success or a
		// compile error); inside the image's, it goes with it.
		c.scratch = []string{"GOTMPDIR=" + src.WorkDir}
	}
	if err := run(ctx, src, c); err != nil {
		return binary{}, err
	}
	return bin, nil
}

// goBuildCommand is go build of the package in dir to out: CGO off for a
// static binary that runs on any base, -trimpath so the build directory
// does not change the bytes, and without the symbol table and DWARF
// (-s -w), which only debuggers read: the image is about a third smaller
// and the link faster, and panics still print their stack traces. The
// user's tags, ldflags and env follow ecsgen's own, all on the line a
// failed build prints, so that its rerun builds the same binary.
func goBuildCommand(src Source, dir, out string) command {
	env := []string{"CGO_ENABLED=0", "GOOS=linux", "GOARCH=" + src.Platform.Architecture}
	for _, name := range slices.Sorted(maps.Keys(src.Image.Env)) {
		env = append(env, name+"="+src.Image.Env[name])
	}
	args := append([]string{"go", "build"}, goBuildFlags(src.Image)...)
	return command{dir: dir, env: env, args: append(args, "-o", out, ".")}
}

// goBuildFlags are go build's flags for img, but its output. The ldflags
// are one argument, which go build splits at spaces: ko's ldflags, a list
// joined with spaces, mean the same.
func goBuildFlags(img model.Image) []string {
	flags := []string{"-trimpath"}
	if len(img.Tags) > 0 {
		flags = append(flags, "-tags="+strings.Join(img.Tags, ","))
	}
	return append(flags, "-ldflags="+strings.Join(append([]string{"-s", "-w"}, img.Ldflags...), " "))
}

// goBuildHistory is the history comment of a goPackage's layer: how the
// binary was built, without the machine's paths, so that the same flags
// give the same image anywhere. GOOS and GOARCH are the config's own.
func goBuildHistory(img model.Image) string {
	var b strings.Builder
	b.WriteString("go build")
	for _, f := range goBuildFlags(img) {
		name, value, ok := strings.Cut(f, "=")
		if ok {
			f = name + "=" + shellQuote(value)
		}
		b.WriteString(" " + f)
	}
	b.WriteString(", CGO_ENABLED=0")
	for _, name := range slices.Sorted(maps.Keys(img.Env)) {
		b.WriteString(" " + shellQuote(name+"="+img.Env[name]))
	}
	return b.String()
}

// binaryPath is where the binary of one image is kept between runs, in
// the user's cache: go build does not link again when the binary there is
// up to date, which is most of a rebuild's time. Each image has its own
// file, so images built in parallel never write the same one.
func binaryPath(src Source, pkgDir string) string {
	cache, err := os.UserCacheDir()
	if err != nil {
		return filepath.Join(src.WorkDir, "bin")
	}
	key := sha256.Sum256([]byte(pkgDir + "\x00" + src.Platform.String() + "\x00" + src.Name))
	return filepath.Join(cache, "ecsgen", "gobin", hex.EncodeToString(key[:8]), filepath.Base(pkgDir))
}

// appendBinary layers the binary onto base at /app/<name> and makes it the
// entrypoint; everything else (user, environment) stays the base's.
func appendBinary(base v1.Image, baseRef name.Reference, baseDigest v1.Hash, bin binary, img model.Image) (v1.Image, error) {
	mt, err := base.MediaType()
	if err != nil {
		return nil, err
	}
	layerType := types.DockerLayer
	if mt == types.OCIManifestSchema1 {
		layerType = types.OCILayer
	}
	layer, err := newBinaryLayer(bin, layerType)
	if err != nil {
		return nil, err
	}
	out, err := mutate.Append(base, mutate.Addendum{
		Layer:   layer,
		History: v1.History{Created: epoch, CreatedBy: "ecsgen goPackage " + img.GoPackage, Comment: goBuildHistory(img)},
	})
	if err != nil {
		return nil, err
	}
	cfg, err := out.ConfigFile()
	if err != nil {
		return nil, err
	}
	cfg = cfg.DeepCopy()
	cfg.Config.Entrypoint = []string{"/" + path.Join(appDir, bin.name)}
	cfg.Config.Cmd = nil
	cfg.Created = epoch
	if out, err = mutate.ConfigFile(out, cfg); err != nil {
		return nil, err
	}
	return mutate.Annotations(out, map[string]string{
		annotationBaseName:   baseRef.Name(),
		annotationBaseDigest: baseDigest.String(),
	}).(v1.Image), nil
}
