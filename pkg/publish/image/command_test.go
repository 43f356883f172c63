package image

import (
	"testing"

	"github.com/ecsgen/ecsgen/pkg/model"
	"github.com/google/go-cmp/cmp"
	v1 "github.com/google/go-containerregistry/pkg/v1"
)

// TestBuildCommands pins the command line each builder runs, with and
// without a registry cache: docker runs only where a daemon answers, and
// the cache needs ECR's login, so their flags are checked here. The cache's
// login is never on the line, which a failed build prints to rerun.
func TestBuildCommands(t *testing.T) {
	t.Setenv("STORAGE_DRIVER", "")
	src := Source{
		Name:     "services.web/web",
		Dir:      "/src",
		Platform: v1.Platform{OS: "linux", Architecture: "arm64"},
		Image: model.Image{Build: &model.DockerBuild{
			Context: "./app", Dockerfile: "Dockerfile.prod", Target: "runtime",
			Args: map[string]string{"B": "2", "A": "1 2"}, CacheFrom: &model.CacheFrom{Stages: []string{"builder"}},
		}},
	}
	cache := &builderCache{repository: "123456789012.dkr.ecr.us-east-1.amazonaws.com/shop/web/build-cache", authFile: "/tmp/work/auth.json"}
	mirrored := &builderCache{repository: "127.0.0.1:5000/shop/web/build-cache", insecure: true, authFile: "/tmp/work/auth.json"}
	const (
		buildah = "cd /src && buildah --storage-driver vfs bud --isolation chroot --timestamp 0 --platform linux/arm64 -t localhost/ecsgen/services.web-web:latest -f app/Dockerfile.prod --build-arg 'A=1 2' --build-arg B=2 --target runtime --layers"
		podman  = "cd /src && podman build --timestamp 0 --platform linux/arm64 -t localhost/ecsgen/services.web-web:latest -f app/Dockerfile.prod --build-arg 'A=1 2' --build-arg B=2 --target runtime --layers"
		docker  = "cd /src && SOURCE_DATE_EPOCH=0 docker build --platform linux/arm64 -t localhost/ecsgen/services.web-web:latest -f app/Dockerfile.prod --build-arg 'A=1 2' --build-arg B=2 --target runtime ./app"
		ecr     = " --cache-from 123456789012.dkr.ecr.us-east-1.amazonaws.com/shop/web/build-cache --cache-to 123456789012.dkr.ecr.us-east-1.amazonaws.com/shop/web/build-cache ./app"
		mirror  = " --cache-from 127.0.0.1:5000/shop/web/build-cache --cache-to 127.0.0.1:5000/shop/web/build-cache --tls-verify=false ./app"
	)
	// The auth file reaches the builder in the environment only: the line
	// is the one a failed build prints to rerun, when the file is gone.
	authFile := []string{"REGISTRY_AUTH_FILE=/tmp/work/auth.json"}
	for _, tc := range []struct {
		tool        string
		cache       *builderCache
		want        string
		wantScratch []string
	}{
		{Buildah, nil, buildah + " ./app", nil},
		{Buildah, cache, buildah + ecr, authFile},
		{Buildah, mirrored, buildah + mirror, authFile},
		{Podman, nil, podman + " ./app", nil},
		{Podman, cache, podman + ecr, authFile},
		{Podman, mirrored, podman + mirror, authFile},
		{Docker, nil, docker, nil},
		{Docker, cache, docker, nil}, // BuildKit keeps its own cache
	} {
		c := dockerfileBuilder{tool: tc.tool}.buildCommand(src, localTag(src.Name), tc.cache)
		if diff := cmp.Diff(tc.want, c.String()); diff != "" {
			t.Errorf("%s, cache %+v (-want +got):\n%s", tc.tool, tc.cache, diff)
		}
		if diff := cmp.Diff(tc.wantScratch, c.scratch); diff != "" {
			t.Errorf("%s, cache %+v: environment off the line (-want +got):\n%s", tc.tool, tc.cache, diff)
		}
	}
}
