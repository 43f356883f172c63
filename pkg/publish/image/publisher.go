package image

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
	"golang.org/x/sync/errgroup"
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

// A BasePreparer is a Preparer that can also put the layers of the base
// image in the repository before the image exists. Images calls
// PrepareBase after Prepare, while the image builds, once its builder has
// the base, and waits for it before Publish, so that Publish finds those
// layers there and nothing is uploaded twice.
type BasePreparer interface {
	Preparer
	PrepareBase(ctx context.Context, repository string, base v1.Image) error
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
	if w := r.warmFor(repository); w != nil {
		err = w.push(ctx, ref, img)
	} else {
		err = remote.Write(ref, img, remote.WithContext(ctx), remote.WithAuth(r.auth()), remote.WithTransport(r.transportFor(repository)))
	}
	if err != nil {
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
	if w := r.warmFor(repository); w != nil {
		return w.rt
	}
	return uploadCounter{next: r.transport()}
}

// warmFor returns what Warm did for repository, or nil.
func (r Registry) warmFor(repository string) *warmTransport {
	if r.warm != nil && r.warm.repository == repository {
		return r.warm
	}
	return nil
}

func (r Registry) transport() http.RoundTripper {
	if r.Transport == nil {
		return remote.DefaultTransport
	}
	return r.Transport
}

// pushJobs is how many blobs go-containerregistry's remote.Write uploads
// at once (its default jobs).
const pushJobs = 4

// PutLayers puts the layers of img in repository, each unless the
// registry holds it there already: mounted from another repository of
// the registry, else uploaded. Publish then finds them there.
func (r Registry) PutLayers(ctx context.Context, repository string, img v1.Image) error {
	repo, err := r.repository(repository)
	if err != nil {
		return err
	}
	layers, err := img.Layers()
	if err != nil {
		return err
	}
	count := &uploadCount{}
	ctx = withUploadCount(ctx, count)
	start := time.Now()
	// As many at once as remote.Write uploads an image's layers.
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(pushJobs)
	for _, l := range layers {
		g.Go(func() error {
			if err := remote.WriteLayer(repo, l, remote.WithContext(gctx), remote.WithAuth(r.auth()), remote.WithTransport(r.transportFor(repository))); err != nil {
				return fmt.Errorf("putting base layers in %s: %w", repo, err)
			}
			if w := r.warmFor(repository); w != nil {
				d, err := l.Digest()
				if err != nil {
					return err
				}
				w.putPresent(d)
			}
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return err
	}
	if r.Log != nil && count.blobs.Load() > 0 {
		logMu.Lock()
		fmt.Fprintf(r.Log, "put the base layers in %s: %d blobs uploaded (%d bytes) in %d ms\n", repo, count.blobs.Load(), count.bytes.Load(), time.Since(start).Milliseconds())
		logMu.Unlock()
	}
	return nil
}
