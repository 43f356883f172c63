package image

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecr"
	"github.com/aws/smithy-go"
	"github.com/ecsgen/ecsgen/internal/testenv"
	"github.com/ecsgen/ecsgen/pkg/cfn"
	"github.com/ecsgen/ecsgen/pkg/model"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-containerregistry/pkg/authn"
	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/v1/remote"
)

// TestECRBuildCache checks the cache repository ECR gives a build: named
// after the image's repository, on the mirror's host (buildah does not go
// through ecsgen's transport) over plain HTTP, with the run's login; and
// created mutable, encrypted, without scan on push, with a policy that
// expires cache images 30 days after their push.
func TestECRBuildCache(t *testing.T) {
	cfg, _, _ := ecrEnv(t)
	e, err := NewECR(cfg)
	if err != nil {
		t.Fatal(err)
	}
	var log strings.Builder
	e.Log = &log
	mirror := strings.TrimPrefix(os.Getenv(RegistryMirrorEnv), "http://")
	for range 2 { // the second finds the repository made by the first
		got, err := e.BuildCache(context.Background(), "shop/web/web")
		if err != nil {
			t.Fatal(err)
		}
		want := BuildCache{Repository: mirror + "/shop/web/web/build-cache", Username: testenv.RegistryUser, Password: testenv.RegistryPassword, Insecure: true}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("build cache (-want +got):\n%s", diff)
		}
	}
	if n := strings.Count(log.String(), "created ECR repository shop/web/web/build-cache for the build cache"); n != 1 {
		t.Errorf("the log says %d times that the cache repository was created, want once:\n%s", n, log.String())
	}

	api := ecr.NewFromConfig(cfg)
	out, err := api.DescribeRepositories(context.Background(), &ecr.DescribeRepositoriesInput{RepositoryNames: []string{"shop/web/web/build-cache"}})
	if err != nil {
		t.Fatal(err)
	}
	r := out.Repositories[0]
	type settings struct {
		Mutability, Encryption string
		ScanOnPush             bool
	}
	gotSettings := settings{string(r.ImageTagMutability), string(r.EncryptionConfiguration.EncryptionType), r.ImageScanningConfiguration.ScanOnPush}
	if diff := cmp.Diff(settings{"MUTABLE", "AES256", false}, gotSettings); diff != "" {
		t.Errorf("cache repository settings (-want +got):\n%s", diff)
	}
	policy, err := api.GetLifecyclePolicy(context.Background(), &ecr.GetLifecyclePolicyInput{RepositoryName: aws.String("shop/web/web/build-cache")})
	if err != nil {
		t.Fatal(err)
	}
	// The document as the ECR user guide spells it, not as ecsgen's types
	// read it back.
	const wantPolicy = `{"rules": [{"rulePriority": 1, "description": "ecsgen: expire build cache images 30 days after their push",
		"selection": {"tagStatus": "any", "countType": "sinceImagePushed", "countUnit": "days", "countNumber": 30},
		"action": {"type": "expire"}}]}`
	var gotPolicy, want any
	if err := json.Unmarshal([]byte(aws.ToString(policy.LifecyclePolicyText)), &gotPolicy); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(wantPolicy), &want); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, gotPolicy); diff != "" {
		t.Errorf("lifecycle policy (-want +got):\n%s", diff)
	}
}

// TestRegistryCacheIsAskedForByBuildahAndPodmanOnly: docker keeps its own
// cache, so it never has a cache repository made; buildah and podman get
// the cache and its auth file, unless the publisher keeps none, and a
// cache that cannot be had fails the build with the image's name.
func TestRegistryCacheIsAskedForByBuildahAndPodmanOnly(t *testing.T) {
	t.Setenv("REGISTRY_AUTH_FILE", filepath.Join(t.TempDir(), "none"))
	cache := BuildCache{Repository: "127.0.0.1:5000/shop/web/build-cache", Username: "AWS", Password: "token"}
	for _, tc := range []struct {
		tool      string
		cache     BuildCache
		cacheErr  error
		wantAsked bool
		wantCache bool
		wantError string
	}{
		{tool: Docker, cache: cache},
		{tool: Buildah, cache: cache, wantAsked: true, wantCache: true},
		{tool: Podman, cache: cache, wantAsked: true, wantCache: true},
		{tool: Buildah, wantAsked: true}, // a publisher that keeps none
		{tool: Buildah, cacheErr: errors.New("AccessDenied"), wantAsked: true, wantError: "services.web/web: build cache: AccessDenied"},
	} {
		asked := false
		src := Source{Name: "services.web/web", WorkDir: t.TempDir(), Cache: func(context.Context) (BuildCache, error) {
			asked = true
			return tc.cache, tc.cacheErr
		}}
		got, err := dockerfileBuilder{tool: tc.tool}.registryCache(context.Background(), src)
		if asked != tc.wantAsked {
			t.Errorf("%s: cache asked for: %v, want %v", tc.tool, asked, tc.wantAsked)
		}
		if tc.wantError != "" || err != nil {
			if err == nil || err.Error() != tc.wantError {
				t.Errorf("%s: error %v, want %q", tc.tool, err, tc.wantError)
			}
			continue
		}
		var want *builderCache
		if tc.wantCache {
			want = &builderCache{repository: "127.0.0.1:5000/shop/web/build-cache", authFile: filepath.Join(src.WorkDir, "auth.json")}
			if _, err := os.Stat(want.authFile); err != nil {
				t.Errorf("%s: no auth file: %v", tc.tool, err)
			}
		}
		if diff := cmp.Diff(want, got, cmp.AllowUnexported(builderCache{})); diff != "" {
			t.Errorf("%s: cache (-want +got):\n%s", tc.tool, diff)
		}
	}
}

// stamper writes a static Linux program to dir/stamper that writes 16
// random bytes to /stamp: a build step whose output no second run can
// repeat (the tests' base image has no shell to run `head /dev/urandom`).
func stamper(t *testing.T, dir string) {
	t.Helper()
	src := t.TempDir()
	files := map[string]string{
		"go.mod":  "module example.com/stamper\n\ngo 1.26\n",
		"main.go": "package main\n\nimport (\n\t\"crypto/rand\"\n\t\"os\"\n)\n\nfunc main() {\n\tif err := os.WriteFile(\"/stamp\", []byte(rand.Text()), 0o644); err != nil {\n\t\tpanic(err)\n\t}\n}\n",
	}
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(src, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	build := exec.Command("go", "build", "-o", filepath.Join(dir, "stamper"), ".")
	build.Dir = src
	build.Env = append(os.Environ(), "CGO_ENABLED=0", "GOOS=linux", "GOARCH=amd64")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building the stamper: %v\n%s", err, out)
	}
}

// TestBuildahCacheFromRegistry builds and pushes an image whose build
// stage writes random bytes, with cacheFrom, to "ECR" (moto and
// docker-registry); then, in a fresh buildah storage, as on a new CI
// runner, once more: the layer of that step must come back the same,
// pulled from the cache repository, not built again.
func TestBuildahCacheFromRegistry(t *testing.T) {
	testenv.RequireTool(t, "buildah", "apt-get install buildah")
	cfg, reg, _ := ecrEnv(t)
	dir := dockerfileApp(t, "FROM BASE AS build\nCOPY stamper /stamper\nRUN [\"/stamper\"]\n\nFROM build\nCOPY hello.txt /srv/hello.txt\n")
	stamper(t, filepath.Join(dir, "app"))
	in := dockerfileInput(&model.DockerBuild{Context: "./app", CacheFrom: &model.CacheFrom{Stages: []string{"build"}}})
	auth := remote.WithAuth(&authn.Basic{Username: testenv.RegistryUser, Password: testenv.RegistryPassword})

	// runLayer builds and pushes in a storage of its own, with a publisher
	// of its own, and returns the digest of the layer of the RUN step:
	// the base's two, the stamper, then the stamp.
	runLayer := func(run string) string {
		t.Helper()
		testenv.IsolateBuildah(t)
		e, err := NewECR(cfg)
		if err != nil {
			t.Fatal(err)
		}
		var log strings.Builder
		e.Log = &log
		refs, err := Images(context.Background(), []cfn.ImageInput{in}, Options{Dir: dir, Publisher: e, Builder: Buildah, Log: &log})
		if err != nil {
			t.Fatalf("%s build: %v\n%s", run, err, log.String())
		}
		_, digest, _ := strings.Cut(refs[in.Parameter], "@")
		img, err := remote.Image(parseRef(t, reg+"/"+in.Repository+"@"+digest), auth)
		if err != nil {
			t.Fatal(err)
		}
		layers, err := img.Layers()
		if err != nil {
			t.Fatal(err)
		}
		if len(layers) != 5 {
			t.Fatalf("%s build: %d layers, want 5 (base, base, stamper, stamp, hello.txt)", run, len(layers))
		}
		d, err := layers[3].Digest()
		if err != nil {
			t.Fatal(err)
		}
		return d.String()
	}
	first := runLayer("first")
	cacheRepo, err := name.NewRepository(reg + "/" + CacheRepository(in.Repository))
	if err != nil {
		t.Fatal(err)
	}
	tags, err := remote.List(cacheRepo, auth)
	if err != nil || len(tags) == 0 {
		t.Fatalf("the cache repository holds tags %v (%v), want the build's steps", tags, err)
	}
	if again := runLayer("second"); again != first {
		t.Errorf("the RUN step's layer is %s after the storage was wiped, %s before: it was built again, not pulled from the cache", again, first)
	}
}

// TestBuildahCacheFailureHidesTheLogin: a failed build with a registry
// cache prints its output and the command to rerun it; neither holds the
// ECR password, which is in the auth file only, and the command names no
// file of the work directory, gone by then, but says to log in to ECR.
func TestBuildahCacheFailureHidesTheLogin(t *testing.T) {
	testenv.RequireTool(t, "buildah", "apt-get install buildah")
	testenv.IsolateBuildah(t)
	cfg, _, _ := ecrEnv(t)
	e, err := NewECR(cfg)
	if err != nil {
		t.Fatal(err)
	}
	dir := dockerfileApp(t, "FROM BASE\nCOPY missing.txt /\n")
	in := dockerfileInput(&model.DockerBuild{Context: "./app", CacheFrom: &model.CacheFrom{Stages: []string{"build"}}})
	var log strings.Builder
	_, err = Images(context.Background(), []cfn.ImageInput{in}, Options{Dir: dir, Publisher: e, Builder: Buildah, Log: &log})
	if err == nil {
		t.Fatal("the build succeeded; want it to fail on the missing file")
	}
	_, rerun, _ := strings.Cut(err.Error(), "rerun it alone with:")
	if !strings.Contains(rerun, "--cache-from ") {
		t.Errorf("the command to rerun lacks the cache's flags:\n%s", err)
	}
	for _, gone := range []string{"--authfile", "REGISTRY_AUTH_FILE", "auth.json", "ecsgen-image-"} {
		if strings.Contains(rerun, gone) {
			t.Errorf("the command to rerun names %q, which it cannot have when it is run:\n%s", gone, err)
		}
	}
	if !strings.Contains(rerun, "aws ecr get-login-password | buildah login --tls-verify=false --username AWS --password-stdin ") {
		t.Errorf("the command to rerun does not say to log in to ECR first:\n%s", err)
	}
	encoded := base64.StdEncoding.EncodeToString([]byte(testenv.RegistryUser + ":" + testenv.RegistryPassword))
	for _, secret := range []string{testenv.RegistryPassword, encoded} {
		if strings.Contains(err.Error(), secret) || strings.Contains(log.String(), secret) {
			t.Errorf("the error or the build's output shows the login %q:\n%s\n%s", secret, err, log.String())
		}
	}
}

// fixedCache is a BuildCacher that gives one cache.
type fixedCache struct {
	Registry
	cache BuildCache
}

func (f fixedCache) BuildCache(context.Context, string) (BuildCache, error) { return f.cache, nil }

// TestDeferredPublisherBuildCache: `ecsgen build --push` makes ECR in the
// background, behind a DeferredPublisher, which must pass the cache on;
// a publisher without one gives none.
func TestDeferredPublisherBuildCache(t *testing.T) {
	cache := BuildCache{Repository: "127.0.0.1:5000/shop/web/build-cache", Username: "AWS", Password: "token"}
	for _, tc := range []struct {
		name string
		p    Publisher
		want BuildCache
	}{
		{"a BuildCacher", fixedCache{cache: cache}, cache},
		{"a registry", Registry{Host: "127.0.0.1:5000"}, BuildCache{}},
	} {
		d := Defer(context.Background(), func(context.Context) (Publisher, error) { return tc.p, nil })
		got, err := d.BuildCache(context.Background(), "shop/web")
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("%s: build cache (-want +got):\n%s", tc.name, diff)
		}
	}
}

// TestAuthFileGoesWithTheBuildCommand: the auth file, which holds the
// user's logins besides the cache's, is there for the build command and
// gone as soon as it ends, whether it succeeded or failed: not kept
// through the export. A builder program of the test's records what it
// finds at each step.
func TestAuthFileGoesWithTheBuildCommand(t *testing.T) {
	t.Setenv("REGISTRY_AUTH_FILE", filepath.Join(t.TempDir(), "none"))
	t.Setenv("STORAGE_DRIVER", "")
	bin := t.TempDir()
	const fake = `#!/bin/sh
for a; do
	case $a in
	bud)
		[ -e "$REGISTRY_AUTH_FILE" ] && echo "bud: auth file" >>"$RECORD" || echo "bud: none" >>"$RECORD"
		exit "$BUD_EXIT" ;;
	oci:*)
		d=$(dirname "${a#oci:}")
		[ -e "$d/auth.json" ] && echo "push: auth file" >>"$RECORD" || echo "push: none" >>"$RECORD"
		exit 1 ;;
	esac
done
`
	if err := os.WriteFile(filepath.Join(bin, Buildah), []byte(fake), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", bin+string(os.PathListSeparator)+os.Getenv("PATH"))
	cache := BuildCache{Repository: "127.0.0.1:5000/shop/api/api/build-cache", Username: "AWS", Password: "token"}
	for _, tc := range []struct {
		name       string
		budExit    string
		wantRecord string
	}{
		{"the build succeeds", "0", "bud: auth file\npush: none\n"},
		{"the build fails", "1", "bud: auth file\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			record := filepath.Join(t.TempDir(), "record")
			t.Setenv("RECORD", record)
			t.Setenv("BUD_EXIT", tc.budExit)
			src := Source{
				Name: "services.api/api", Dir: t.TempDir(), WorkDir: t.TempDir(), Log: io.Discard,
				Image: dockerfileInput(&model.DockerBuild{Context: "./app", CacheFrom: &model.CacheFrom{Stages: []string{"build"}}}).Build,
				Cache: func(context.Context) (BuildCache, error) { return cache, nil },
			}
			if _, err := (dockerfileBuilder{tool: Buildah}).Build(context.Background(), src); err == nil {
				t.Fatal("the build succeeded; the test's builder exports nothing")
			}
			got, err := os.ReadFile(record)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.wantRecord, string(got)); diff != "" {
				t.Errorf("what the builder found (-want +got):\n%s", diff)
			}
			if _, err := os.Stat(filepath.Join(src.WorkDir, "auth.json")); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("the auth file is there after the build: %v", err)
			}
		})
	}
}

// policyDenied is ECR whose PutLifecyclePolicy is refused, as to a role
// without ecr:PutLifecyclePolicy, the first n times.
type policyDenied struct {
	ecrAPI
	n int
}

func (p *policyDenied) PutLifecyclePolicy(ctx context.Context, in *ecr.PutLifecyclePolicyInput, opts ...func(*ecr.Options)) (*ecr.PutLifecyclePolicyOutput, error) {
	if p.n > 0 {
		p.n--
		return nil, &smithy.GenericAPIError{Code: "AccessDeniedException", Message: "not authorized to perform: ecr:PutLifecyclePolicy"}
	}
	return p.ecrAPI.PutLifecyclePolicy(ctx, in, opts...)
}

// TestECRBuildCachePolicy: a cache repository left without its lifecycle
// policy, by a run that created it but could not put the policy, gets it
// from the next run, which finds the repository there; the failed run
// says which permission it lacked. A policy that is there, the user's, is
// left as it is.
func TestECRBuildCachePolicy(t *testing.T) {
	cfg, _, _ := ecrEnv(t)
	api := ecr.NewFromConfig(cfg)
	const userPolicy = `{"rules":[{"rulePriority":1,"selection":{"tagStatus":"any","countType":"imageCountMoreThan","countNumber":5},"action":{"type":"expire"}}]}`
	ours, err := json.Marshal(cacheLifecyclePolicy())
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name       string
		repository string
		// users makes the cache repository with the user's policy first.
		users      bool
		wantErrors []string // of the first run, whose put is refused
		wantPolicy string
	}{
		{
			name:       "the policy could not be put when the repository was made",
			repository: "shop/denied/web",
			wantErrors: []string{"ECR repository shop/denied/web/build-cache: putting its lifecycle policy", "ecr:PutLifecyclePolicy", "AccessDeniedException"},
			wantPolicy: string(ours),
		},
		{
			name:       "the user's policy",
			repository: "shop/users/web",
			users:      true,
			wantPolicy: userPolicy,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			cache := CacheRepository(tc.repository)
			if tc.users {
				if _, err := api.CreateRepository(ctx, &ecr.CreateRepositoryInput{RepositoryName: aws.String(cache)}); err != nil {
					t.Fatal(err)
				}
				if _, err := api.PutLifecyclePolicy(ctx, &ecr.PutLifecyclePolicyInput{RepositoryName: aws.String(cache), LifecyclePolicyText: aws.String(userPolicy)}); err != nil {
					t.Fatal(err)
				}
			}
			denied := &policyDenied{n: 1}
			for run := range 2 { // each run a publisher of its own, as each ecsgen build
				e, err := NewECR(cfg)
				if err != nil {
					t.Fatal(err)
				}
				denied.ecrAPI = e.api
				e.api = denied
				_, err = e.BuildCache(ctx, tc.repository)
				if run == 0 && len(tc.wantErrors) > 0 {
					for _, want := range tc.wantErrors {
						if err == nil || !strings.Contains(err.Error(), want) {
							t.Errorf("first run: error %v, want one with %q", err, want)
						}
					}
					continue
				}
				if err != nil {
					t.Fatalf("run %d: %v", run+1, err)
				}
			}
			out, err := api.GetLifecyclePolicy(ctx, &ecr.GetLifecyclePolicyInput{RepositoryName: aws.String(cache)})
			if err != nil {
				t.Fatal(err)
			}
			var got, want any
			if err := json.Unmarshal([]byte(aws.ToString(out.LifecyclePolicyText)), &got); err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal([]byte(tc.wantPolicy), &want); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("lifecycle policy (-want +got):\n%s", diff)
			}
		})
	}
}

// cancelOn is a build log that cancels the build once a line with the
// word has been written: a Ctrl-C while the builder runs.
type cancelOn struct {
	mu     sync.Mutex
	word   string
	cancel context.CancelFunc
	log    strings.Builder
}

func (c *cancelOn) Write(p []byte) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.log.Write(p)
	if c.word != "" && strings.Contains(c.log.String(), c.word) {
		c.cancel()
	}
	return len(p), nil
}

// TestImagesLeaveNoCredentialsOnDisk: the auth file of a cached build,
// which holds the registry login and the user's own, and the work
// directory around it, are gone once Images returns, whether the build
// succeeded, failed or was cancelled: nothing is left in TMPDIR.
func TestImagesLeaveNoCredentialsOnDisk(t *testing.T) {
	testenv.RequireTool(t, "buildah", "apt-get install buildah")
	// The user's logins, which the auth file copies: none, in a file that
	// the export, which reads it too, finds.
	userLogins := filepath.Join(t.TempDir(), "auth.json")
	if err := os.WriteFile(userLogins, []byte(`{"auths": {}}`), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("REGISTRY_AUTH_FILE", userLogins)
	for _, tc := range []struct {
		name       string
		dockerfile string
		cancelOn   string // a word of the build's output that cancels it
		wantError  string
	}{
		{name: "succeeds", dockerfile: "FROM BASE\nCOPY hello.txt /srv/hello.txt\n"},
		{name: "fails", dockerfile: "FROM BASE\nCOPY missing.txt /\n", wantError: "buildah failed"},
		{name: "cancelled", dockerfile: "FROM BASE\nCOPY hello.txt /srv/hello.txt\n", cancelOn: "STEP 1/", wantError: "stopped"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// Everything of the test's own is made before TMPDIR moves.
			testenv.IsolateBuildah(t)
			dir := dockerfileApp(t, tc.dockerfile)
			host, _ := newRegistry(t)
			tmp := t.TempDir()
			in := dockerfileInput(&model.DockerBuild{Context: "./app", CacheFrom: &model.CacheFrom{Stages: []string{"build"}}})
			pub := fixedCache{Registry: Registry{Host: host}, cache: BuildCache{Repository: host + "/" + CacheRepository(in.Repository), Username: "AWS", Password: "token", Insecure: true}}
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			log := &cancelOn{word: tc.cancelOn, cancel: cancel}
			t.Setenv("TMPDIR", tmp)
			_, err := Images(ctx, []cfn.ImageInput{in}, Options{Dir: dir, Publisher: pub, Builder: Buildah, Log: log})
			switch {
			case tc.wantError == "" && err != nil:
				t.Fatalf("%v\n%s", err, log.log.String())
			case tc.wantError != "" && (err == nil || !strings.Contains(err.Error(), tc.wantError)):
				t.Fatalf("error %v, want one with %q\n%s", err, tc.wantError, log.log.String())
			}
			left, err := os.ReadDir(tmp)
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, e := range left {
				names = append(names, e.Name())
			}
			if len(names) > 0 {
				t.Errorf("TMPDIR holds %v after the build, want nothing", names)
			}
		})
	}
}
