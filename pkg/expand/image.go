package expand

import (
	"strings"

	"github.com/ecsgen/ecsgen/pkg/model"
)

// image settles what a container runs. A built image gets its ECR
// repository: the one the user named, else app/owner/container, which is
// unique within the app (services and tasks share one namespace of names)
// and lower-case, as ECR requires. A goPackage image gets its base image,
// so that publish reads every default from here.
func (x *expander) image(owner, container string, m *model.Image, platform string) Image {
	img := Image{Reference: m.Name, Built: m.Built()}
	if !img.Built {
		return img
	}
	build := *m
	if build.GoPackage != "" {
		build.BaseImage = m.Base()
	}
	img.Build = &build
	img.Platform = platform
	img.Repository = m.Repository
	if img.Repository == "" {
		img.Repository = strings.ToLower(x.app.Name + "/" + owner + "/" + container)
	}
	return img
}
