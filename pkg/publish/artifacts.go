package publish

import (
	"context"
	"fmt"
	"strings"

	"github.com/ecsgen/ecsgen/pkg/cfn"
)

// ImagePublisher builds and pushes the images a template needs and returns
// each image parameter's value, a digest-pinned URI (repo@sha256:...).
// Deploy calls it only when the app builds images, so an app of public
// images needs no registry.
type ImagePublisher interface {
	Publish(ctx context.Context, images []cfn.ImageInput) (map[string]string, error)
}

// ImagePublisherFunc makes a function an ImagePublisher.
type ImagePublisherFunc func(ctx context.Context, images []cfn.ImageInput) (map[string]string, error)

// Publish calls f.
func (f ImagePublisherFunc) Publish(ctx context.Context, images []cfn.ImageInput) (map[string]string, error) {
	return f(ctx, images)
}

// publishImages runs the publisher and checks that it answered for every
// image, so that a missing URI is reported here and not as a stack failure.
func publishImages(ctx context.Context, p ImagePublisher, images []cfn.ImageInput) (map[string]string, error) {
	if len(images) == 0 {
		return nil, nil
	}
	if p == nil {
		owners := make([]string, len(images))
		for i, im := range images {
			owners[i] = im.Owner + " container " + im.Container
		}
		return nil, fmt.Errorf("the app builds images (%s) but this ecsgen has no image publisher", strings.Join(owners, ", "))
	}
	uris, err := p.Publish(ctx, images)
	if err != nil {
		return nil, fmt.Errorf("publishing images: %w", err)
	}
	for _, im := range images {
		if uris[im.Parameter] == "" {
			return nil, fmt.Errorf("publishing images: no URI for %s container %s", im.Owner, im.Container)
		}
	}
	return uris, nil
}
