package publish

import (
	"context"
	"fmt"

	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/remote"
)

// A Publisher puts an image in a repository and returns the reference
// that pins it: repository@sha256:....
type Publisher interface {
	Publish(ctx context.Context, img v1.Image, repository string) (name.Digest, error)
}

// Registry publishes to one registry host with go-containerregistry. It
// pushes by digest, never by a tag, so nothing in the registry can be made
// to point elsewhere later, and it asks the registry for every blob before
// uploading it, so an unchanged image uploads nothing.
type Registry struct {
	// Host is the registry, e.g. 123456789012.dkr.ecr.us-east-1.amazonaws.com.
	Host string
	// Options are for go-containerregistry: authentication, transport.
	Options []remote.Option
}

// Publish implements Publisher.
func (r Registry) Publish(ctx context.Context, img v1.Image, repository string) (name.Digest, error) {
	repo, err := name.NewRepository(r.Host + "/" + repository)
	if err != nil {
		return name.Digest{}, err
	}
	d, err := img.Digest()
	if err != nil {
		return name.Digest{}, err
	}
	ref := repo.Digest(d.String())
	if err := remote.Write(ref, img, append([]remote.Option{remote.WithContext(ctx)}, r.Options...)...); err != nil {
		return name.Digest{}, fmt.Errorf("pushing to %s: %w", repo, err)
	}
	return ref, nil
}
