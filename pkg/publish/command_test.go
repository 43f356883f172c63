package publish

import (
	"testing"

	"github.com/ecsgen/ecsgen/pkg/model"
	"github.com/google/go-cmp/cmp"
	v1 "github.com/google/go-containerregistry/pkg/v1"
)

// TestBuildCommands pins the command line each builder runs: docker and
// podman are only tested where a daemon or podman exists, so their flags
// are checked here.
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
	for _, tc := range []struct {
		tool string
		want string
	}{
		{Buildah, "cd /src && buildah --storage-driver vfs bud --isolation chroot --timestamp 0 --platform linux/arm64 -t localhost/ecsgen/services.web-web:latest -f app/Dockerfile.prod --build-arg 'A=1 2' --build-arg B=2 --target runtime --layers ./app"},
		{Podman, "cd /src && podman build --timestamp 0 --platform linux/arm64 -t localhost/ecsgen/services.web-web:latest -f app/Dockerfile.prod --build-arg 'A=1 2' --build-arg B=2 --target runtime --layers ./app"},
		{Docker, "cd /src && SOURCE_DATE_EPOCH=0 docker build --platform linux/arm64 -t localhost/ecsgen/services.web-web:latest -f app/Dockerfile.prod --build-arg 'A=1 2' --build-arg B=2 --target runtime ./app"},
	} {
		got := dockerfileBuilder{tool: tc.tool}.buildCommand(src, localTag(src.Name)).String()
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tc.tool, diff)
		}
	}
}
