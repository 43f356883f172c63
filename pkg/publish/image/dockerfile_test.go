package image

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ecsgen/ecsgen/internal/testenv"
	"github.com/ecsgen/ecsgen/pkg/cfn"
	"github.com/ecsgen/ecsgen/pkg/model"
)

// dockerfileApp writes a build context whose Dockerfile starts FROM a base
// image in a local OCI layout (tests cannot pull from Docker Hub) and
// returns the manifest directory.
func dockerfileApp(t *testing.T, dockerfile string) string {
	t.Helper()
	dir := t.TempDir()
	app := filepath.Join(dir, "app")
	files := map[string]string{
		"Dockerfile": strings.ReplaceAll(dockerfile, "BASE", testenv.BaseInLayout(t)),
		"hello.txt":  "hello\n",
	}
	if err := os.MkdirAll(app, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(app, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func dockerfileInput(build *model.DockerBuild) cfn.ImageInput {
	img := model.Image{Path: "./app"}
	if build != nil {
		img = model.Image{Build: build}
	}
	return cfn.ImageInput{Parameter: "ApiApiImage", Owner: "services.api", Container: "api", Build: img, Repository: "shop/api/api"}
}

// daemonless are the Dockerfile builders that run on machines without a
// Docker daemon, as these are, each with what installs it.
var daemonless = []struct{ tool, install string }{
	{Buildah, "apt-get install buildah"},
	{Podman, "apt-get install podman"},
}

// TestDockerfileImageIsReproducible builds a Dockerfile image with buildah
// and with podman, twice each: the same inputs give the same digest, so
// the second push uploads nothing.
func TestDockerfileImageIsReproducible(t *testing.T) {
	for _, b := range daemonless {
		t.Run(b.tool, func(t *testing.T) {
			testenv.RequireTool(t, b.tool, b.install)
			testenv.IsolateBuildah(t)
			dir := dockerfileApp(t, "FROM BASE\nARG GREETING=hi\nCOPY hello.txt /srv/hello.txt\nLABEL greeting=$GREETING\n")
			host, count := newRegistry(t)
			opts := Options{Dir: dir, Publisher: Registry{Host: host}, Builder: b.tool}
			for _, tc := range []struct {
				name      string
				in        cfn.ImageInput
				wantBlobs int
			}{
				{"path", dockerfileInput(nil), 4}, // 2 base layers, COPY layer, config
				{"path again", dockerfileInput(nil), 0},
				{"build with args", dockerfileInput(&model.DockerBuild{Context: "./app", Args: map[string]string{"GREETING": "hello"}}), 1}, // config only
			} {
				refs, err := Images(context.Background(), []cfn.ImageInput{tc.in}, opts)
				if err != nil {
					t.Fatalf("%s: %v", tc.name, err)
				}
				if !strings.HasPrefix(refs["ApiApiImage"], host+"/shop/api/api@sha256:") {
					t.Errorf("%s: reference %q, want %s/shop/api/api@sha256:...", tc.name, refs["ApiApiImage"], host)
				}
				if blobs, _ := count.take(); blobs != tc.wantBlobs {
					t.Errorf("%s: registry received %d blob uploads, want %d", tc.name, blobs, tc.wantBlobs)
				}
			}
		})
	}
}

// TestDockerfileFailureSaysHowToRerun checks what a failed build tells the
// user: which image, the build's last lines, and the command to rerun it.
func TestDockerfileFailureSaysHowToRerun(t *testing.T) {
	for _, b := range []struct{ tool, install, command string }{
		{Buildah, "apt-get install buildah", "buildah --storage-driver vfs bud --isolation chroot --timestamp 0"},
		{Podman, "apt-get install podman", "podman build --timestamp 0"},
	} {
		t.Run(b.tool, func(t *testing.T) {
			testenv.RequireTool(t, b.tool, b.install)
			testenv.IsolateBuildah(t)
			dir := dockerfileApp(t, "FROM BASE\nCOPY missing.txt /\n")
			var log strings.Builder
			_, err := Images(context.Background(), []cfn.ImageInput{dockerfileInput(nil)}, Options{Dir: dir, Builder: b.tool, Log: &log})
			if err == nil {
				t.Fatal("the build succeeded; want it to fail on the missing file")
			}
			for _, want := range []string{"services.api/api: " + b.tool + " failed", "missing.txt", "rerun it alone with:\n    cd " + dir + " && " + b.command} {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error lacks %q:\n%s", want, err)
				}
			}
			if !strings.Contains(log.String(), "services.api/api | ") {
				t.Errorf("build output lines are not prefixed with the image's name:\n%s", log.String())
			}
		})
	}
}
