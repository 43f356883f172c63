package image

import (
	"fmt"

	"github.com/ecsgen/ecsgen/pkg/cfn"
	v1 "github.com/google/go-containerregistry/pkg/v1"
)

// defaultPlatform is what ECS runs a task on when its task definition
// names no runtime platform; synth always says, so this is for inputs a
// Go program writes by hand.
const defaultPlatform = "linux/amd64"

// platformOf is the one place that decides which platform an image is
// built for: a Docker build's own platform, else the task's.
func platformOf(in cfn.ImageInput) (v1.Platform, error) {
	p := defaultPlatform
	if b := in.Build.Build; b != nil && b.Platform != "" {
		p = b.Platform
	} else if in.Platform != "" {
		p = in.Platform
	}
	plat, err := v1.ParsePlatform(p)
	if err != nil || plat.OS != "linux" || (plat.Architecture != "amd64" && plat.Architecture != "arm64") {
		return v1.Platform{}, fmt.Errorf("%s: platform %q: ECS runs linux/amd64 and linux/arm64 images", in.Owner, p)
	}
	return *plat, nil
}
