package publish

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/google/go-containerregistry/pkg/authn"
	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/remote"
)

// A Publisher puts an image in a repository and returns the reference
// that pins it: repository@sha256:....
type Publisher interface {
	Publish(ctx context.Context, img v1.Image, repository string) (name.Digest, error)
}

// A Preparer is a Publisher with work to do before the image exists, such
// as creating its repository; Images runs Prepare while the image builds.
type Preparer interface {
	Prepare(ctx context.Context, repository string) error
}

// Registry publishes to one registry host with go-containerregistry. It
// pushes by digest, never by a tag, so nothing in the registry can be made
// to point elsewhere later, and it asks the registry for every blob before
// uploading it, so an unchanged image uploads nothing.
type Registry struct {
	// Host is the registry, e.g. 123456789012.dkr.ecr.us-east-1.amazonaws.com.
	Host string
	// Auth logs in to it; nil is anonymous.
	Auth authn.Authenticator
	// Transport carries the requests; nil is go-containerregistry's default.
	Transport http.RoundTripper
	// Log, if set, gets a line per push: what was uploaded, how long it took.
	Log io.Writer

	// warm is the logged-in transport Warm made, for one repository.
	warm *warmTransport
}

// Publish implements Publisher.
func (r Registry) Publish(ctx context.Context, img v1.Image, repository string) (name.Digest, error) {
	repo, err := r.repository(repository)
	if err != nil {
		return name.Digest{}, err
	}
	d, err := img.Digest()
	if err != nil {
		return name.Digest{}, err
	}
	ref := repo.Digest(d.String())
	count := &uploadCount{}
	ctx = withUploadCount(ctx, count)
	start := time.Now()
	if err := remote.Write(ref, img, remote.WithContext(ctx), remote.WithAuth(r.auth()), remote.WithTransport(r.transportFor(repository))); err != nil {
		return name.Digest{}, fmt.Errorf("pushing to %s: %w", repo, err)
	}
	if r.Log != nil {
		logMu.Lock()
		fmt.Fprintf(r.Log, "pushed %s: %d blobs uploaded (%d bytes) in %d ms\n", ref, count.blobs.Load(), count.bytes.Load(), time.Since(start).Milliseconds())
		logMu.Unlock()
	}
	return ref, nil
}

func (r Registry) repository(repository string) (name.Repository, error) {
	return name.NewRepository(r.Host + "/" + repository)
}

func (r Registry) auth() authn.Authenticator {
	if r.Auth == nil {
		return authn.Anonymous
	}
	return r.Auth
}

// transportFor returns the transport of a push to repository: the one
// Warm logged in for it, else one that go-containerregistry logs in with
// first. Both count the uploads.
func (r Registry) transportFor(repository string) http.RoundTripper {
	if r.warm != nil && r.warm.repository == repository {
		return r.warm.rt
	}
	return uploadCounter{next: r.transport()}
}

func (r Registry) transport() http.RoundTripper {
	if r.Transport == nil {
		return remote.DefaultTransport
	}
	return r.Transport
}
