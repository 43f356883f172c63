package image

import (
	"archive/tar"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ecsgen/ecsgen/internal/testenv"
	"github.com/ecsgen/ecsgen/pkg/cfn"
	"github.com/ecsgen/ecsgen/pkg/model"
	"github.com/google/go-cmp/cmp"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/remote"
)

// goModule writes a module with a main package at ./cmd/hello that prints
// greeting, and returns the module's directory.
func goModule(t *testing.T, dir, greeting string) string {
	t.Helper()
	return writeModule(t, dir, map[string]string{
		"cmd/hello/main.go": "package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(\"" + greeting + "\") }\n",
	})
}

// writeModule writes the module example.com/hello with files in dir, and
// returns dir.
func writeModule(t *testing.T, dir string, files map[string]string) string {
	t.Helper()
	testenv.IsolateUserCache(t)
	files["go.mod"] = "module example.com/hello\n\ngo 1.26\n"
	testenv.WriteFiles(t, dir, files)
	return dir
}

func goInput(base string) cfn.ImageInput {
	return cfn.ImageInput{
		Parameter:  "WebWebImage",
		Owner:      "services.web",
		Container:  "web",
		Build:      model.Image{GoPackage: "./cmd/hello", BaseImage: base},
		Repository: "shop/web/web",
	}
}

// TestGoPackagePushesOnlyWhatChanged pushes a goPackage image three times:
// new, unchanged, and with a changed binary. The registry must receive
// every blob the first time, nothing the second (same digest: the build is
// reproducible), and only the binary's layer and the config the third.
func TestGoPackagePushesOnlyWhatChanged(t *testing.T) {
	base := testenv.BaseInRegistry(t)
	host, count := newRegistry(t)
	dir := goModule(t, t.TempDir(), "hello")
	var log strings.Builder
	opts := Options{Dir: dir, Publisher: Registry{Host: host, Log: &log}}
	in := []cfn.ImageInput{goInput(base)}

	steps := []struct {
		name          string
		change        string
		wantBlobs     int // base layers + binary layer + config
		wantManifests int
		sameAsBefore  bool
	}{
		{name: "first push", wantBlobs: 4, wantManifests: 1},
		{name: "unchanged", wantBlobs: 0, wantManifests: 0, sameAsBefore: true},
		{name: "binary changed", change: "hello again", wantBlobs: 2, wantManifests: 1},
	}
	var prev string
	for _, s := range steps {
		if s.change != "" {
			goModule(t, dir, s.change)
		}
		refs, err := Images(context.Background(), in, opts)
		if err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		ref := refs["WebWebImage"]
		if !strings.HasPrefix(ref, host+"/shop/web/web@sha256:") {
			t.Errorf("%s: got reference %q, want %s/shop/web/web@sha256:...", s.name, ref, host)
		}
		if (ref == prev) != s.sameAsBefore {
			t.Errorf("%s: reference %s, previous %s; same = %v, want %v", s.name, ref, prev, ref == prev, s.sameAsBefore)
		}
		blobs, manifests := count.take()
		if blobs != s.wantBlobs || manifests != s.wantManifests {
			t.Errorf("%s: registry received %d blob uploads and %d manifests, want %d and %d", s.name, blobs, manifests, s.wantBlobs, s.wantManifests)
		}
		if want := fmt.Sprintf("pushed %s: %d blobs uploaded", ref, s.wantBlobs); !strings.Contains(log.String(), want) {
			t.Errorf("%s: push log lacks %q:\n%s", s.name, want, log.String())
		}
		log.Reset()
		prev = ref
	}
}

// TestGoPackageImage checks what a goPackage image holds: the base's
// layers plus one with the binary, owned by root and stamped with the
// epoch; the binary as entrypoint; the base recorded in annotations.
func TestGoPackageImage(t *testing.T) {
	base := testenv.BaseInRegistry(t)
	host, _ := newRegistry(t)
	refs, err := Images(context.Background(), []cfn.ImageInput{goInput(base)}, Options{Dir: goModule(t, t.TempDir(), "hi"), Publisher: Registry{Host: host}})
	if err != nil {
		t.Fatal(err)
	}
	img, err := remote.Image(parseRef(t, refs["WebWebImage"]))
	if err != nil {
		t.Fatal(err)
	}
	m, err := img.Manifest()
	if err != nil {
		t.Fatal(err)
	}
	baseDesc, err := remote.Get(parseRef(t, base))
	if err != nil {
		t.Fatal(err)
	}
	wantAnn := map[string]string{annotationBaseName: parseRef(t, base).Name(), annotationBaseDigest: baseDesc.Digest.String()}
	if diff := cmp.Diff(wantAnn, m.Annotations); diff != "" {
		t.Errorf("annotations (-want +got):\n%s", diff)
	}
	cfg, err := img.ConfigFile()
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"/app/hello"}, cfg.Config.Entrypoint); diff != "" {
		t.Errorf("entrypoint (-want +got):\n%s", diff)
	}
	if !cfg.Created.Time.Equal(epoch.Time) {
		t.Errorf("created %v, want the epoch", cfg.Created)
	}
	layers, err := img.Layers()
	if err != nil {
		t.Fatal(err)
	}
	if len(layers) != 3 {
		t.Fatalf("%d layers, want the base's 2 and the binary's", len(layers))
	}
	rc, err := layers[2].Uncompressed()
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	var got []string
	tr := tar.NewReader(rc)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if h.Uid != 0 || h.Gid != 0 || !h.ModTime.Equal(epoch.Time) || h.Mode != 0o755 {
			t.Errorf("%s: uid %d gid %d mode %o time %v, want root, 0755 and the epoch", h.Name, h.Uid, h.Gid, h.Mode, h.ModTime)
		}
		got = append(got, h.Name)
	}
	if diff := cmp.Diff([]string{"app/", "app/hello"}, got); diff != "" {
		t.Errorf("binary layer entries (-want +got):\n%s", diff)
	}
}

// TestGoPackageCompileError checks that a package that does not compile
// fails with the compiler's message and the command to rerun, and that
// other images of the app still build.
func TestGoPackageCompileError(t *testing.T) {
	base := testenv.BaseInRegistry(t)
	dir := goModule(t, t.TempDir(), "hello")
	if err := os.MkdirAll(filepath.Join(dir, "cmd", "broken"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "cmd", "broken", "main.go"), []byte("package main\n\nfunc main() { undefinedThing() }\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	broken := goInput(base)
	broken.Parameter, broken.Owner, broken.Build.GoPackage = "BrokenImage", "services.broken", "./cmd/broken"
	refs, err := Images(context.Background(), []cfn.ImageInput{goInput(base), broken}, Options{Dir: dir})
	if err == nil {
		t.Fatalf("built %v; want the broken package to fail", refs)
	}
	for _, want := range []string{"services.broken/web: go failed", "undefined: undefinedThing", "rerun it alone with:\n    cd " + filepath.Join(dir, "cmd", "broken") + " && CGO_ENABLED=0 GOOS=linux GOARCH=amd64 go build -trimpath"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%s", want, err)
		}
	}
	if strings.Contains(err.Error(), "services.web/web") {
		t.Errorf("the good image failed too:\n%s", err)
	}
}

// TestGoPackageBaseForAnotherPlatform checks that an arm64 task does not
// get an amd64 base: the image would hold an arm64 binary on amd64 files.
func TestGoPackageBaseForAnotherPlatform(t *testing.T) {
	in := goInput(testenv.BaseInRegistry(t)) // linux/amd64 only
	in.Platform = "linux/arm64"
	_, err := Images(context.Background(), []cfn.ImageInput{in}, Options{Dir: goModule(t, t.TempDir(), "hello")})
	if err == nil || !strings.Contains(err.Error(), "is for linux/amd64, but the task runs on linux/arm64") {
		t.Errorf("got error %v, want one about the base's platform", err)
	}
}

// TestGoBuildCommand pins go build's line for the options of a goPackage
// image: the line a failed build prints to rerun it, so the user's
// environment must be on it, and the history comment, which must name
// the same flags without the machine's paths.
func TestGoBuildCommand(t *testing.T) {
	const prefix = "cd /src/cmd/web && CGO_ENABLED=0 GOOS=linux GOARCH=arm64 "
	for _, tc := range []struct {
		name        string
		img         model.Image
		wantLine    string
		wantHistory string
	}{
		{
			name:        "ecsgen's own",
			img:         model.Image{},
			wantLine:    prefix + "go build -trimpath '-ldflags=-s -w' -o /out/web .",
			wantHistory: "go build -trimpath -ldflags='-s -w', CGO_ENABLED=0",
		},
		{
			name:        "ldflags after -s -w, in the one argument",
			img:         model.Image{Ldflags: []string{"-X main.version=1.2.3", "-X main.commit=abc"}},
			wantLine:    prefix + "go build -trimpath '-ldflags=-s -w -X main.version=1.2.3 -X main.commit=abc' -o /out/web .",
			wantHistory: "go build -trimpath -ldflags='-s -w -X main.version=1.2.3 -X main.commit=abc', CGO_ENABLED=0",
		},
		{
			name:        "an ldflag quoted for go build",
			img:         model.Image{Ldflags: []string{"-X 'main.msg=hello world'"}},
			wantLine:    prefix + `go build -trimpath '-ldflags=-s -w -X '\''main.msg=hello world'\''' -o /out/web .`,
			wantHistory: `go build -trimpath -ldflags='-s -w -X '\''main.msg=hello world'\''', CGO_ENABLED=0`,
		},
		{
			name:        "tags",
			img:         model.Image{Tags: []string{"netgo", "ecsgen_test"}},
			wantLine:    prefix + "go build -trimpath -tags=netgo,ecsgen_test '-ldflags=-s -w' -o /out/web .",
			wantHistory: "go build -trimpath -tags=netgo,ecsgen_test -ldflags='-s -w', CGO_ENABLED=0",
		},
		{
			name:        "env after ecsgen's, sorted",
			img:         model.Image{Env: map[string]string{"GOFLAGS": "-mod=vendor", "GOAMD64": "v3", "GOEXPERIMENT": "greenteagc,jsonv2"}},
			wantLine:    prefix + "GOAMD64=v3 GOEXPERIMENT=greenteagc,jsonv2 GOFLAGS=-mod=vendor go build -trimpath '-ldflags=-s -w' -o /out/web .",
			wantHistory: "go build -trimpath -ldflags='-s -w', CGO_ENABLED=0 GOAMD64=v3 GOEXPERIMENT=greenteagc,jsonv2 GOFLAGS=-mod=vendor",
		},
		{
			name:        "all, with a value to quote",
			img:         model.Image{Ldflags: []string{"-X main.version=1.2.3"}, Tags: []string{"ecsgen_test"}, Env: map[string]string{"GOFLAGS": "-mod=vendor -buildvcs=false"}},
			wantLine:    prefix + "'GOFLAGS=-mod=vendor -buildvcs=false' go build -trimpath -tags=ecsgen_test '-ldflags=-s -w -X main.version=1.2.3' -o /out/web .",
			wantHistory: "go build -trimpath -tags=ecsgen_test -ldflags='-s -w -X main.version=1.2.3', CGO_ENABLED=0 'GOFLAGS=-mod=vendor -buildvcs=false'",
		},
	} {
		src := Source{Name: "services.web/web", Image: tc.img, Platform: v1.Platform{OS: "linux", Architecture: "arm64"}}
		if diff := cmp.Diff(tc.wantLine, goBuildCommand(src, "/src/cmd/web", "/out/web").String()); diff != "" {
			t.Errorf("%s: command (-want +got):\n%s", tc.name, diff)
		}
		if diff := cmp.Diff(tc.wantHistory, goBuildHistory(tc.img)); diff != "" {
			t.Errorf("%s: history (-want +got):\n%s", tc.name, diff)
		}
	}
}

// TestGoPackageBuildFlags builds a program whose output depends on its
// ldflags and tags, runs the binary from the pushed image, and checks
// that the same flags give the same digest and other ldflags another.
func TestGoPackageBuildFlags(t *testing.T) {
	base := testenv.BaseInRegistry(t)
	host, _ := newRegistry(t)
	dir := writeModule(t, t.TempDir(), map[string]string{
		"cmd/hello/main.go":     "package main\n\nimport \"fmt\"\n\nvar version, msg = \"dev\", \"hi\"\n\nfunc main() { fmt.Println(version, tagged, msg) }\n",
		"cmd/hello/tagged.go":   "//go:build ecsgen_test\n\npackage main\n\nconst tagged = \"tagged\"\n",
		"cmd/hello/untagged.go": "//go:build !ecsgen_test\n\npackage main\n\nconst tagged = \"untagged\"\n",
	})
	steps := []struct {
		name         string
		ldflags      []string
		tags         []string
		env          map[string]string
		wantOutput   string
		wantHistory  string // the binary layer's history comment
		sameAsBefore bool
	}{
		{name: "stamped and tagged", ldflags: []string{"-X main.version=1.2.3", "-X 'main.msg=hello world'"}, tags: []string{"ecsgen_test"}, wantOutput: "1.2.3 tagged hello world\n",
			wantHistory: `go build -trimpath -tags=ecsgen_test -ldflags='-s -w -X main.version=1.2.3 -X '\''main.msg=hello world'\''', CGO_ENABLED=0`},
		{name: "the same again", ldflags: []string{"-X main.version=1.2.3", "-X 'main.msg=hello world'"}, tags: []string{"ecsgen_test"}, wantOutput: "1.2.3 tagged hello world\n", sameAsBefore: true,
			wantHistory: `go build -trimpath -tags=ecsgen_test -ldflags='-s -w -X main.version=1.2.3 -X '\''main.msg=hello world'\''', CGO_ENABLED=0`},
		{name: "another version", ldflags: []string{"-X main.version=1.2.4", "-X 'main.msg=hello world'"}, tags: []string{"ecsgen_test"}, wantOutput: "1.2.4 tagged hello world\n",
			wantHistory: `go build -trimpath -tags=ecsgen_test -ldflags='-s -w -X main.version=1.2.4 -X '\''main.msg=hello world'\''', CGO_ENABLED=0`},
		{name: "an environment", env: map[string]string{"GOAMD64": "v2"}, wantOutput: "dev untagged hi\n",
			wantHistory: `go build -trimpath -ldflags='-s -w', CGO_ENABLED=0 GOAMD64=v2`},
		{name: "neither", wantOutput: "dev untagged hi\n", wantHistory: `go build -trimpath -ldflags='-s -w', CGO_ENABLED=0`},
	}
	var prev string
	for _, s := range steps {
		in := goInput(base)
		in.Build.Ldflags, in.Build.Tags, in.Build.Env = s.ldflags, s.tags, s.env
		refs, err := Images(context.Background(), []cfn.ImageInput{in}, Options{Dir: dir, Publisher: Registry{Host: host}})
		if err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		ref := refs["WebWebImage"]
		if (ref == prev) != s.sameAsBefore {
			t.Errorf("%s: reference %s, previous %s; same = %v, want %v", s.name, ref, prev, ref == prev, s.sameAsBefore)
		}
		prev = ref
		out, err := exec.Command(binaryOf(t, ref, "app/hello")).Output()
		if err != nil {
			t.Fatalf("%s: running the image's binary: %v", s.name, err)
		}
		if diff := cmp.Diff(s.wantOutput, string(out)); diff != "" {
			t.Errorf("%s: the binary's output (-want +got):\n%s", s.name, diff)
		}
		img, err := remote.Image(parseRef(t, ref))
		if err != nil {
			t.Fatal(err)
		}
		cfg, err := img.ConfigFile()
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(s.wantHistory, cfg.History[len(cfg.History)-1].Comment); diff != "" {
			t.Errorf("%s: the binary layer's history comment (-want +got):\n%s", s.name, diff)
		}
	}
}

// binaryOf writes the file at name in the last layer of the image ref,
// a goPackage's binary, to a temporary file and returns its path.
func binaryOf(t *testing.T, ref, name string) string {
	t.Helper()
	img, err := remote.Image(parseRef(t, ref))
	if err != nil {
		t.Fatal(err)
	}
	layers, err := img.Layers()
	if err != nil {
		t.Fatal(err)
	}
	rc, err := layers[len(layers)-1].Uncompressed()
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	tr := tar.NewReader(rc)
	for {
		h, err := tr.Next()
		if err != nil {
			t.Fatalf("%s in the last layer of %s: %v", name, ref, err)
		}
		if h.Name != name {
			continue
		}
		path := filepath.Join(t.TempDir(), filepath.Base(name))
		f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY, 0o755)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.Copy(f, tr); err != nil {
			t.Fatal(err)
		}
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}
		return path
	}
}
