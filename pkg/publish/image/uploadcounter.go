package image

import (
	"context"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
)

// uploadCount is what one push uploaded: its blobs and their bytes.
type uploadCount struct {
	blobs atomic.Int64
	bytes atomic.Int64
}

type uploadCountKey struct{}

// withUploadCount has the requests made with ctx counted in c.
func withUploadCount(ctx context.Context, c *uploadCount) context.Context {
	return context.WithValue(ctx, uploadCountKey{}, c)
}

// uploadCounter counts the blobs a push uploads and their bytes, from the
// requests themselves: an upload ends with a PUT to its session, and its
// data travels in that PUT or the PATCHes before it. It counts into the
// uploadCount of each request's context, not one of its own, so that one
// transport, made (and logged in) before the push, serves pushes that run
// at once and each learns its own count.
type uploadCounter struct {
	next http.RoundTripper
}

func (c uploadCounter) RoundTrip(req *http.Request) (*http.Response, error) {
	n, ok := req.Context().Value(uploadCountKey{}).(*uploadCount)
	if !ok || !strings.Contains(req.URL.Path, "/blobs/uploads/") {
		return c.next.RoundTrip(req)
	}
	if req.Method == http.MethodPut {
		n.blobs.Add(1)
	}
	if req.Body != nil && (req.Method == http.MethodPatch || req.Method == http.MethodPut) {
		req = req.Clone(req.Context())
		req.Body = &countingBody{ReadCloser: req.Body, n: &n.bytes}
	}
	return c.next.RoundTrip(req)
}

type countingBody struct {
	io.ReadCloser
	n *atomic.Int64
}

func (b *countingBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	b.n.Add(int64(n))
	return n, err
}
