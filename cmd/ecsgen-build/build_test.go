package main

import (
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ecsgen/ecsgen/internal/golden"
	"github.com/ecsgen/ecsgen/internal/testenv"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-containerregistry/pkg/authn"
	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/v1/remote"
)

// TestBuildPush runs `ecsgen build --push --output json` on an app with a
// Dockerfile image (built by buildah) and a goPackage image, against ECR
// on moto and docker-registry, and checks that each printed URI names the
// account's ECR host and a digest the registry holds.
func TestBuildPush(t *testing.T) {
	testenv.RequireTool(t, "buildah", "apt-get install buildah")
	testenv.IsolateBuildah(t)
	moto, reg := testenv.Moto(t), testenv.Registry(t)
	for k, v := range map[string]string{
		"AWS_ENDPOINT_URL": moto, "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
		"AWS_CONFIG_FILE": filepath.Join(t.TempDir(), "none"), "AWS_SHARED_CREDENTIALS_FILE": filepath.Join(t.TempDir(), "none"),
		"ECSGEN_REGISTRY_MIRROR": reg,
	} {
		t.Setenv(k, v)
	}
	testenv.IsolateUserCache(t)
	dir := t.TempDir()
	testenv.WriteFiles(t, dir, map[string]string{
		"ecsgen.yaml": `name: shop
services:
  web:
    taskDefinition:
      containers:
        web:
          image: {path: ./web}
        api:
          image: {goPackage: ./cmd/api, baseImage: ` + testenv.BaseInRegistry(t) + `}
`,
		"web/Dockerfile":  "FROM " + testenv.BaseInLayout(t) + "\nCOPY index.html /srv/\n",
		"web/index.html":  "hello\n",
		"go.mod":          "module example.com/shop\n\ngo 1.26\n",
		"cmd/api/main.go": "package main\n\nfunc main() {}\n",
	})
	r := testenv.Run(t, os.Environ(), "build", "-f", filepath.Join(dir, "ecsgen.yaml"), "--push", "--output", "json", "--builder", "buildah", "--region", "us-east-1")
	if r.Code != 0 {
		t.Fatalf("exit %d\n%s", r.Code, r.Stderr)
	}
	var refs map[string]string
	if err := json.Unmarshal([]byte(r.Stdout), &refs); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, r.Stdout)
	}
	const ecrHost = "123456789012.dkr.ecr.us-east-1.amazonaws.com"
	wantRepos := map[string]string{"WebWebImage": ecrHost + "/shop/web/web", "WebApiImage": ecrHost + "/shop/web/api"}
	gotRepos := map[string]string{}
	u, _ := url.Parse(reg)
	auth := remote.WithAuth(&authn.Basic{Username: testenv.RegistryUser, Password: testenv.RegistryPassword})
	for param, ref := range refs {
		repo, digest, _ := strings.Cut(ref, "@")
		gotRepos[param] = repo
		local, err := name.NewDigest(u.Host + strings.TrimPrefix(repo, ecrHost) + "@" + digest)
		if err != nil {
			t.Fatalf("%s: %v", ref, err)
		}
		desc, err := remote.Head(local, auth)
		if err != nil {
			t.Errorf("%s: the registry does not hold it: %v", param, err)
			continue
		}
		if desc.Digest.String() != digest {
			t.Errorf("%s: registry has %s, ecsgen printed %s", param, desc.Digest, digest)
		}
	}
	if diff := cmp.Diff(wantRepos, gotRepos); diff != "" {
		t.Errorf("printed repositories (-want +got):\n%s", diff)
	}
	for _, want := range []string{"services.web/web | ", "created ECR repository shop/web/api"} {
		if !strings.Contains(r.Stderr, want) {
			t.Errorf("build output lacks %q:\n%s", want, r.Stderr)
		}
	}
}

// TestBuildPushWithoutRegion checks that a push without an AWS region
// stops the builds, which start while the AWS configuration loads, leaves
// none of their work behind, and reports the missing region once.
func TestBuildPushWithoutRegion(t *testing.T) {
	tmp := t.TempDir()
	for k, v := range map[string]string{
		"AWS_REGION": "", "AWS_DEFAULT_REGION": "",
		"AWS_CONFIG_FILE": filepath.Join(t.TempDir(), "none"), "AWS_SHARED_CREDENTIALS_FILE": filepath.Join(t.TempDir(), "none"),
	} {
		t.Setenv(k, v)
	}
	testenv.IsolateUserCache(t)
	dir := t.TempDir()
	testenv.WriteFiles(t, dir, map[string]string{
		"ecsgen.yaml": `name: shop
services:
  web:
    taskDefinition:
      containers:
        api:
          image: {goPackage: ./cmd/api}
`,
		"go.mod":          "module example.com/shop\n\ngo 1.26\n",
		"cmd/api/main.go": "package main\n\nfunc main() {}\n",
	})
	r := testenv.Run(t, append(os.Environ(), "TMPDIR="+tmp), "build", "-f", filepath.Join(dir, "ecsgen.yaml"), "--push")
	const want = "error: no AWS region: pass --region, or set AWS_REGION or a region in the profile\n"
	if r.Code == 0 || r.Stderr != want {
		t.Errorf("exit %d, stderr:\n%s\nwant a failure, and stderr:\n%s", r.Code, r.Stderr, want)
	}
	if left, _ := os.ReadDir(tmp); len(left) != 0 {
		t.Errorf("the build left %s in TMPDIR", left[0].Name())
	}
}

// TestBuildHelp pins what `ecsgen build --help` tells users.
func TestBuildHelp(t *testing.T) {
	var out strings.Builder
	cmd := newRootCommand()
	cmd.SetArgs([]string{"build", "--help"})
	cmd.SetOut(&out)
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	for _, flag := range []string{"--file", "--push", "--output", "--builder", "ECSGEN_BUILDER", "ECSGEN_REGISTRY_MIRROR"} {
		if !strings.Contains(out.String(), flag) {
			t.Errorf("help does not mention %s", flag)
		}
	}
	golden.Check(t, filepath.Join("..", "..", "testdata", "help", "build.txt"), []byte(out.String()))
}
