package image

import (
	"context"

	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
)

// DeferredPublisher is a Publisher still being made when the images start
// to build: making ECR's loads the AWS configuration, which takes
// milliseconds (a CA bundle to parse, a profile to read) that the compiler
// need not wait for. Prepare and Publish wait for it.
type DeferredPublisher struct {
	done chan struct{}
	p    Publisher
	err  error
}

// Defer makes a publisher with newPublisher in the background.
func Defer(ctx context.Context, newPublisher func(context.Context) (Publisher, error)) *DeferredPublisher {
	d := &DeferredPublisher{done: make(chan struct{})}
	go func() {
		defer close(d.done)
		d.p, d.err = newPublisher(ctx)
	}()
	return d
}

// Err waits for the publisher and returns the error that kept it from
// being made, if any.
func (d *DeferredPublisher) Err() error {
	<-d.done
	return d.err
}

// Prepare implements Preparer, if the publisher does.
func (d *DeferredPublisher) Prepare(ctx context.Context, repository string) error {
	if err := d.Err(); err != nil {
		return err
	}
	if p, ok := d.p.(Preparer); ok {
		return p.Prepare(ctx, repository)
	}
	return nil
}

// PrepareBase implements BasePreparer, if the publisher does.
func (d *DeferredPublisher) PrepareBase(ctx context.Context, repository string, base v1.Image) error {
	if err := d.Err(); err != nil {
		return err
	}
	if p, ok := d.p.(BasePreparer); ok {
		return p.PrepareBase(ctx, repository, base)
	}
	return nil
}

// Publish implements Publisher.
func (d *DeferredPublisher) Publish(ctx context.Context, img v1.Image, repository string) (name.Digest, error) {
	if err := d.Err(); err != nil {
		return name.Digest{}, err
	}
	return d.p.Publish(ctx, img, repository)
}

// BuildCache implements BuildCacher: the publisher's cache, if it keeps
// one; else the zero BuildCache, none.
func (d *DeferredPublisher) BuildCache(ctx context.Context, repository string) (BuildCache, error) {
	if err := d.Err(); err != nil {
		return BuildCache{}, err
	}
	if c, ok := d.p.(BuildCacher); ok {
		return c.BuildCache(ctx, repository)
	}
	return BuildCache{}, nil
}
