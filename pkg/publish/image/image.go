package image

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"sync"

	"github.com/ecsgen/ecsgen/pkg/cfn"
	v1 "github.com/google/go-containerregistry/pkg/v1"
)

// Options says how Images builds and where it publishes.
type Options struct {
	// Dir is the manifest's directory: the images' paths are relative to it.
	Dir string
	// Publisher receives every built image; nil only builds them.
	Publisher Publisher
	// Builder names the program for Dockerfile images: docker, podman or
	// buildah; empty reads ECSGEN_BUILDER, else takes the first that
	// works (docker only when its daemon answers).
	Builder string
	// Log receives the builds' output, each line prefixed with its image.
	Log io.Writer
}

// Images builds every image of a template's inputs, in parallel, and hands
// each to the publisher as soon as it is built. It returns, by template
// parameter, the digest-pinned reference of each image
// (repository@sha256:...), or, without a publisher, its digest. A failed
// image does not stop the others; the error names each one that failed.
// Cancelling ctx stops every build and push, and each image's work
// directory is removed before Images returns.
func Images(ctx context.Context, inputs []cfn.ImageInput, opts Options) (map[string]string, error) {
	b := byForm{
		goPackage: goPackageBuilder{},
		dockerfile: sync.OnceValues(func() (Builder, error) {
			return chooseDockerfileBuilder(ctx, opts.Builder)
		}),
	}
	var (
		mu   sync.Mutex
		out  = map[string]string{}
		errs []error
		wg   sync.WaitGroup
		sem  = make(chan struct{}, max(2, runtime.GOMAXPROCS(0)))
	)
	for _, in := range inputs {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			ref, err := image(ctx, b, in, opts)
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				errs = append(errs, err)
				return
			}
			out[in.Parameter] = ref
		})
	}
	wg.Wait()
	if ctx.Err() != nil {
		// Each build's own error would only say that it was stopped.
		return nil, fmt.Errorf("building images: stopped, %w", context.Cause(ctx))
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return out, nil
}

// image builds and publishes one image, in a work directory that lives
// until it is published.
func image(ctx context.Context, b Builder, in cfn.ImageInput, opts Options) (string, error) {
	plat, err := platformOf(in)
	if err != nil {
		return "", err
	}
	work, err := os.MkdirTemp("", "ecsgen-image-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(work)
	src := Source{Name: in.Owner + "/" + in.Container, Dir: opts.Dir, Image: in.Build, Platform: plat, WorkDir: work, Log: opts.Log}
	if c, ok := opts.Publisher.(BuildCacher); ok && cachesInRegistry(in.Build) {
		src.Cache = func(ctx context.Context) (BuildCache, error) { return c.BuildCache(ctx, in.Repository) }
	}
	built := make(chan struct{})
	// A failed build stops the preparing, which could be uploading a base.
	pctx, stop := context.WithCancel(ctx)
	defer stop()
	prepared := prepare(pctx, opts.Publisher, in.Repository, &src, built)
	img, err := b.Build(ctx, src)
	close(built)
	if err != nil {
		stop()
	}
	if perr := <-prepared; err == nil && perr != nil {
		err = errorf(src, "%w", perr)
	}
	if err != nil {
		return "", err
	}
	if opts.Publisher == nil {
		return digest(img)
	}
	ref, err := opts.Publisher.Publish(ctx, img, in.Repository)
	if err != nil {
		return "", errorf(src, "%w", err)
	}
	return ref.String(), nil
}

// prepare runs the publisher's Prepare, then its PrepareBase once the
// builder hands src's base over (unless the build is over first), in the
// background; the channel gets Prepare's error when both are done. A
// PrepareBase that fails is left for Publish to do again and report.
func prepare(ctx context.Context, pub Publisher, repository string, src *Source, built <-chan struct{}) <-chan error {
	prepared := make(chan error, 1)
	p, ok := pub.(Preparer)
	if !ok {
		prepared <- nil
		return prepared
	}
	bp, withBase := p.(BasePreparer)
	base := make(chan v1.Image, 1)
	if withBase {
		src.Base = func(img v1.Image) { base <- img }
	}
	go func() {
		err := p.Prepare(ctx, repository)
		if err == nil && withBase {
			// A base handed over is prepared even when the build is over
			// by now too (a select picks at random among ready cases): the
			// builder hands it over before it ends, and its layers are what
			// Publish would put there first anyway.
			select {
			case img := <-base:
				_ = bp.PrepareBase(ctx, repository, img)
			case <-built:
				select {
				case img := <-base:
					_ = bp.PrepareBase(ctx, repository, img)
				default:
				}
			}
		}
		prepared <- err
	}()
	return prepared
}

func digest(img v1.Image) (string, error) {
	d, err := img.Digest()
	return d.String(), err
}
