package image

import (
	"context"
	"errors"
	"net/http"
	"slices"

	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/partial"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	"github.com/google/go-containerregistry/pkg/v1/remote/transport"
	"golang.org/x/sync/errgroup"
)

// push puts img in the warm repository as ref, with what was done there
// while it built, in three round trips for a new goPackage image where
// remote.Write makes six: it asks for the manifest and each blob at once
// (not for the base's blobs PutLayers put there), uploads each missing
// blob into a session opened ahead (one PUT that also commits it), and
// puts the manifest. As remote.Write does, it uploads nothing when
// the manifest is there, nor any blob the registry holds.
func (w *warmTransport) push(ctx context.Context, ref name.Digest, img v1.Image) error {
	blobs, err := w.blobsToAsk(img)
	if err != nil {
		return err
	}
	var (
		manifestThere bool
		missing       = make([]bool, len(blobs))
	)
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error {
		_, err := remote.Head(ref, remote.WithContext(gctx), remote.WithTransport(w.rt))
		manifestThere = err == nil
		// As for remote.Write, the check is only a shortcut: some
		// registries answer 403 for a manifest they do not hold (ECR, to a
		// role without ecr:BatchGetImage).
		if registryStatus(err, http.StatusNotFound, http.StatusForbidden) {
			return nil
		}
		return err
	})
	for i, b := range blobs {
		g.Go(func() error {
			d, err := b.Digest()
			if err != nil {
				return err
			}
			there, err := w.sessions.headBlob(gctx, d)
			missing[i] = !there
			return err
		})
	}
	if err := g.Wait(); err != nil || manifestThere {
		return err
	}
	g, gctx = errgroup.WithContext(ctx)
	g.SetLimit(pushJobs)
	for i, b := range blobs {
		if missing[i] {
			g.Go(func() error { return w.upload(gctx, b) })
		}
	}
	if err := g.Wait(); err != nil {
		return err
	}
	return remote.Put(ref, img, remote.WithContext(ctx), remote.WithTransport(w.rt))
}

// blobsToAsk returns the config and layers of img the registry is to be
// asked for: each once, less those PutLayers put there and those never
// pushed (the foreign layers of Windows bases, as remote.Write skips).
func (w *warmTransport) blobsToAsk(img v1.Image) ([]v1.Layer, error) {
	config, err := partial.ConfigLayer(img)
	if err != nil {
		return nil, err
	}
	layers, err := img.Layers()
	if err != nil {
		return nil, err
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	seen := map[v1.Hash]bool{}
	var blobs []v1.Layer
	for _, l := range append(slices.Clip(layers), config) {
		d, err := l.Digest()
		if err != nil {
			return nil, err
		}
		mt, err := l.MediaType()
		if err != nil {
			return nil, err
		}
		if seen[d] || w.present[d] || !mt.IsDistributable() {
			continue
		}
		seen[d] = true
		blobs = append(blobs, l)
	}
	return blobs, nil
}

// upload uploads a missing blob into a session opened ahead. A layer
// that can be mounted from another repository (a base PutLayers did not
// put), a blob beyond the sessions, and an upload into a session that
// failed (the session expired during a long build, or the registry asked
// to try again: the transport's retries cannot send a body twice) are
// left to go-containerregistry, which asks for the blob first and then
// mounts or uploads it in a new session, retrying as it does for every
// push. A 401 is returned, for the caller to log in again.
func (w *warmTransport) upload(ctx context.Context, l v1.Layer) error {
	if _, mountable := l.(*remote.MountableLayer); !mountable {
		if loc := w.sessions.take(); loc != nil {
			err := w.sessions.upload(ctx, loc, l)
			if err == nil || ctx.Err() != nil || registryStatus(err, http.StatusUnauthorized) {
				return err
			}
		}
	}
	return remote.WriteLayer(w.sessions.repo, l, remote.WithContext(ctx), remote.WithTransport(w.rt))
}

// putPresent records blobs PutLayers put in the repository.
func (w *warmTransport) putPresent(d v1.Hash) {
	w.mu.Lock()
	w.present[d] = true
	w.mu.Unlock()
}

// registryStatus says whether err is a registry's answer with one of the
// status codes.
func registryStatus(err error, codes ...int) bool {
	var terr *transport.Error
	return errors.As(err, &terr) && slices.Contains(codes, terr.StatusCode)
}
