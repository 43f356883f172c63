package image

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ecsgen/ecsgen/internal/testenv"
	"github.com/ecsgen/ecsgen/pkg/model"
	"github.com/google/go-cmp/cmp"
	v1 "github.com/google/go-containerregistry/pkg/v1"
)

// TestSecretCommands pins how each builder is handed a build's secrets
// and SSH agents or keys: by where they are, never by value.
func TestSecretCommands(t *testing.T) {
	t.Setenv("STORAGE_DRIVER", "")
	src := Source{
		Name:     "services.web/web",
		Dir:      "/src",
		Platform: v1.Platform{OS: "linux", Architecture: "amd64"},
		Image: model.Image{Build: &model.DockerBuild{
			Context: "./app",
			Secrets: map[string]model.BuildSecret{"pip.token": {Env: "PIP_TOKEN"}, "npm": {File: "../secrets/npm token"}},
			SSH:     []string{"default", "github=./deploy_key"},
		}},
	}
	const secrets = "--secret 'id=npm,src=../secrets/npm token' --secret id=pip.token,env=PIP_TOKEN --ssh default --ssh github=./deploy_key"
	for _, tc := range []struct {
		tool string
		want string
	}{
		{Buildah, "cd /src && buildah --storage-driver vfs bud --isolation chroot --timestamp 0 --platform linux/amd64 -t localhost/ecsgen/services.web-web:latest " + secrets + " ./app"},
		{Podman, "cd /src && podman build --timestamp 0 --platform linux/amd64 -t localhost/ecsgen/services.web-web:latest " + secrets + " --layers=false ./app"},
		{Docker, "cd /src && SOURCE_DATE_EPOCH=0 docker build --platform linux/amd64 -t localhost/ecsgen/services.web-web:latest " + secrets + " ./app"},
	} {
		got := dockerfileBuilder{tool: tc.tool}.buildCommand(src, localTag(src.Name), nil).String()
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tc.tool, diff)
		}
	}
}

// TestMissingSecretSources checks that a build whose secret or SSH key is
// not there fails before the builder runs, naming the image, the field and
// what to do. The builder is a program that does not exist: had it run,
// the error would say so instead.
func TestMissingSecretSources(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("ECSGEN_TEST_UNSET", "")
	os.Unsetenv("ECSGEN_TEST_UNSET")
	t.Setenv("SSH_AUTH_SOCK", "")
	os.Unsetenv("SSH_AUTH_SOCK")
	for _, tc := range []struct {
		name  string
		build model.DockerBuild
		want  string
	}{
		{"file", model.DockerBuild{Secrets: map[string]model.BuildSecret{"token": {File: "./secrets/token"}}},
			"services.api/api: build.secrets.token.file: stat " + dir + "/secrets/token: no such file or directory; create the file or fix the path, which is relative to the manifest's directory"},
		{"env", model.DockerBuild{Secrets: map[string]model.BuildSecret{"token": {Env: "ECSGEN_TEST_UNSET"}}},
			"services.api/api: build.secrets.token.env: ECSGEN_TEST_UNSET is not set; export it where ecsgen runs (in CI, from the CI's secret store), or give the secret as a file"},
		{"ssh agent", model.DockerBuild{SSH: []string{"default"}},
			"services.api/api: build.ssh[0]: default forwards the SSH agent at $SSH_AUTH_SOCK, which is not set; start one (eval $(ssh-agent) && ssh-add), or forward a key: ID=./path/to/key"},
		{"ssh key", model.DockerBuild{SSH: []string{"github=/nonexistent/deploy_key"}},
			"services.api/api: build.ssh[0]: stat /nonexistent/deploy_key: no such file or directory; give an agent socket or a private key, relative to the manifest's directory"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.build.Context = "./app"
			var log strings.Builder
			src := Source{Name: "services.api/api", Dir: dir, Image: model.Image{Build: &tc.build}, WorkDir: t.TempDir(), Log: &log}
			_, err := dockerfileBuilder{tool: "ecsgen-no-such-builder"}.Build(context.Background(), src)
			if err == nil {
				t.Fatal("the build went on")
			}
			if diff := cmp.Diff(tc.want, err.Error()); diff != "" {
				t.Errorf("error (-want +got):\n%s", diff)
			}
			if log.Len() > 0 {
				t.Errorf("the builder ran:\n%s", log.String())
			}
		})
	}
}

// TestBuildahBuildSecrets builds with buildah a Dockerfile step that fails
// unless the secret arrives, from a file and from a variable, and checks
// that the value is in no layer, not in the image's config or history, and
// not in the build's output, nor in the error and rerun line of a failed
// build. The step compares a digest of the secret, so that the value is
// not in the Dockerfile, which the history and the output repeat.
func TestBuildahBuildSecrets(t *testing.T) {
	testenv.RequireTool(t, "buildah", "apt-get install buildah")
	testenv.IsolateBuildah(t)
	value := "s3cret-" + rand.Text()
	sum := sha256.Sum256([]byte(value))
	dir := dockerfileApp(t, "FROM "+testenv.ShellBaseInLayout(t)+"\nCOPY hello.txt /srv/hello.txt\n"+
		`RUN --mount=type=secret,id=token test "$(sha256sum < /run/secrets/token)" = "`+hex.EncodeToString(sum[:])+`  -"`+"\n")
	if err := os.MkdirAll(filepath.Join(dir, "secrets"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "secrets", "token"), []byte(value), 0o600); err != nil {
		t.Fatal(err)
	}
	wrong := "wrong-" + value
	for _, tc := range []struct {
		name    string
		secret  model.BuildSecret
		env     string // the value of BUILD_TOKEN
		wantErr string
	}{
		{"file", model.BuildSecret{File: "./secrets/token"}, "", ""},
		{"env", model.BuildSecret{Env: "BUILD_TOKEN"}, value, ""},
		{"env, wrong value", model.BuildSecret{Env: "BUILD_TOKEN"}, wrong, "--secret id=token,env=BUILD_TOKEN ./app"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("BUILD_TOKEN", tc.env)
			var log strings.Builder
			src := Source{
				Name: "services.api/api", Dir: dir, WorkDir: t.TempDir(), Log: &log,
				Platform: v1.Platform{OS: "linux", Architecture: "amd64"},
				Image:    model.Image{Build: &model.DockerBuild{Context: "./app", Secrets: map[string]model.BuildSecret{"token": tc.secret}}},
			}
			img, err := dockerfileBuilder{tool: Buildah}.Build(context.Background(), src)
			for _, v := range []string{value, wrong} {
				if strings.Contains(log.String(), v) {
					t.Errorf("the build's output shows the secret:\n%s", log.String())
				}
				if err != nil && strings.Contains(err.Error(), v) {
					t.Errorf("the error shows the secret:\n%v", err)
				}
			}
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("error %v; want the failed build's rerun line, with %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			requireNotInImage(t, img, value, "hello\n")
		})
	}
}

// requireNotInImage fails if secret is in any of img's layers, its config
// (history included) or its manifest. control, a file's content, must be
// in a layer: it shows the layers were read.
func requireNotInImage(t *testing.T, img v1.Image, secret, control string) {
	t.Helper()
	found := false
	layers, err := img.Layers()
	if err != nil {
		t.Fatal(err)
	}
	for i, l := range layers {
		rc, err := l.Uncompressed()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(b, []byte(secret)) {
			t.Errorf("layer %d holds the secret", i)
		}
		found = found || bytes.Contains(b, []byte(control))
	}
	if !found {
		t.Errorf("no layer holds %q; the layers were not read", control)
	}
	for what, read := range map[string]func() ([]byte, error){"config": img.RawConfigFile, "manifest": img.RawManifest} {
		b, err := read()
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(b, []byte(secret)) {
			t.Errorf("the image's %s holds the secret:\n%s", what, b)
		}
	}
}
