package image

import (
	"testing"

	"github.com/ecsgen/ecsgen/pkg/cfn"
	"github.com/ecsgen/ecsgen/pkg/model"
)

func TestPlatformOf(t *testing.T) {
	for _, tc := range []struct {
		name    string
		build   model.Image
		task    string
		want    string
		wantErr bool
	}{
		{name: "goPackage", build: model.Image{GoPackage: "./cmd/web"}, want: "linux/amd64"},
		{name: "goPackage on arm64", build: model.Image{GoPackage: "./cmd/web"}, task: "linux/arm64", want: "linux/arm64"},
		{name: "path on arm64", build: model.Image{Path: "./app"}, task: "linux/arm64", want: "linux/arm64"},
		{name: "path", build: model.Image{Path: "./app"}, want: "linux/amd64"},
		{name: "build without platform", build: model.Image{Build: &model.DockerBuild{Context: "."}}, want: "linux/amd64"},
		{name: "build for arm64", build: model.Image{Build: &model.DockerBuild{Context: ".", Platform: "linux/arm64"}}, want: "linux/arm64"},
		{name: "build for windows", build: model.Image{Build: &model.DockerBuild{Context: ".", Platform: "windows/amd64"}}, wantErr: true},
	} {
		got, err := platformOf(cfn.ImageInput{Owner: "services.web", Build: tc.build, Platform: tc.task})
		if (err != nil) != tc.wantErr {
			t.Errorf("%s: error %v, want error %v", tc.name, err, tc.wantErr)
			continue
		}
		if err == nil && got.String() != tc.want {
			t.Errorf("%s: platform %s, want %s", tc.name, got, tc.want)
		}
	}
}
