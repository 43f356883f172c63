package testenv

import (
	"archive/tar"
	"bytes"
	"debug/elf"
	"io"
	"log"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/registry"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/empty"
	"github.com/google/go-containerregistry/pkg/v1/layout"
	"github.com/google/go-containerregistry/pkg/v1/mutate"
	"github.com/google/go-containerregistry/pkg/v1/random"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	"github.com/google/go-containerregistry/pkg/v1/tarball"
	"github.com/google/go-containerregistry/pkg/v1/types"
)

// Tests cannot pull distroless or Docker Hub images; these make a base
// image locally, as a stand-in.

// baseImage is a linux/amd64 OCI image of two random layers. It is OCI,
// not Docker, because buildah's oci: transport skips Docker media types.
func baseImage(t testing.TB) v1.Image {
	t.Helper()
	img := mutate.ConfigMediaType(mutate.MediaType(empty.Image, types.OCIManifestSchema1), types.OCIConfigJSON)
	for range 2 {
		layer, err := random.Layer(512, types.OCILayer)
		if err != nil {
			t.Fatal(err)
		}
		if img, err = mutate.AppendLayers(img, layer); err != nil {
			t.Fatal(err)
		}
	}
	cfg, err := img.ConfigFile()
	if err != nil {
		t.Fatal(err)
	}
	cfg.OS, cfg.Architecture = "linux", "amd64"
	if img, err = mutate.ConfigFile(img, cfg); err != nil {
		t.Fatal(err)
	}
	return img
}

// BaseInRegistry serves a base image from go-containerregistry's
// in-process registry and returns its reference, for goPackage's baseImage.
func BaseInRegistry(t testing.TB) string {
	t.Helper()
	srv := httptest.NewServer(registry.New(registry.Logger(log.New(io.Discard, "", 0))))
	t.Cleanup(srv.Close)
	ref := strings.TrimPrefix(srv.URL, "http://") + "/base:1"
	r, err := name.ParseReference(ref)
	if err != nil {
		t.Fatal(err)
	}
	if err := remote.Write(r, baseImage(t)); err != nil {
		t.Fatal(err)
	}
	return ref
}

// BaseInLayout writes a base image to an OCI layout and returns what a
// Dockerfile's FROM takes for it with buildah: oci:/path:base.
func BaseInLayout(t testing.TB) string {
	t.Helper()
	return inLayout(t, baseImage(t))
}

// ShellBaseInLayout is BaseInLayout with a shell: the base image and a
// layer of Debian's static busybox as /bin/sh, cat and sha256sum, for
// Dockerfiles that RUN commands. It is static, so it runs in an image without a C library.
func ShellBaseInLayout(t testing.TB) string {
	t.Helper()
	bin := RequireTool(t, "busybox", "apt-get install busybox-static")
	if f, err := elf.Open(bin); err != nil {
		t.Fatal(err)
	} else if slices.ContainsFunc(f.Progs, func(p *elf.Prog) bool { return p.Type == elf.PT_INTERP }) {
		t.Fatalf("%s is linked dynamically and cannot run in a test image; apt-get install busybox-static", bin)
	}
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	body, err := os.ReadFile(bin)
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range []*tar.Header{
		{Name: "bin/", Typeflag: tar.TypeDir, Mode: 0o755},
		{Name: "bin/busybox", Typeflag: tar.TypeReg, Mode: 0o755, Size: int64(len(body))},
		{Name: "bin/sh", Typeflag: tar.TypeSymlink, Linkname: "busybox"},
		{Name: "bin/cat", Typeflag: tar.TypeSymlink, Linkname: "busybox"},
		{Name: "bin/sha256sum", Typeflag: tar.TypeSymlink, Linkname: "busybox"},
	} {
		if err := tw.WriteHeader(h); err != nil {
			t.Fatal(err)
		}
		if h.Typeflag == tar.TypeReg {
			if _, err := tw.Write(body); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	layer, err := tarball.LayerFromOpener(func() (io.ReadCloser, error) {
		return io.NopCloser(bytes.NewReader(buf.Bytes())), nil
	}, tarball.WithMediaType(types.OCILayer))
	if err != nil {
		t.Fatal(err)
	}
	img, err := mutate.AppendLayers(baseImage(t), layer)
	if err != nil {
		t.Fatal(err)
	}
	return inLayout(t, img)
}

// inLayout writes img to an OCI layout, as a linux/amd64 image named base.
func inLayout(t testing.TB, img v1.Image) string {
	t.Helper()
	// buildah turns the layout's path into an image name, which must be
	// lower-case, unlike t.TempDir's.
	dir, err := os.MkdirTemp("", "ecsgen-base-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	p, err := layout.Write(filepath.Join(dir, "layout"), empty.Index)
	if err != nil {
		t.Fatal(err)
	}
	err = p.AppendImage(img, layout.WithPlatform(v1.Platform{OS: "linux", Architecture: "amd64"}),
		layout.WithAnnotations(map[string]string{"org.opencontainers.image.ref.name": "base"}))
	if err != nil {
		t.Fatal(err)
	}
	return "oci:" + filepath.Join(dir, "layout") + ":base"
}
