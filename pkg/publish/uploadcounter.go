package publish

import (
	"io"
	"net/http"
	"strings"
	"sync/atomic"
)

// uploadCounter counts the blobs a push uploads and their bytes, from the
// requests themselves: an upload ends with a PUT to its session, and its
// data travels in that PUT or the PATCHes before it.
type uploadCounter struct {
	next  http.RoundTripper
	blobs atomic.Int64
	bytes atomic.Int64
}

func (c *uploadCounter) RoundTrip(req *http.Request) (*http.Response, error) {
	if !strings.Contains(req.URL.Path, "/blobs/uploads/") {
		return c.next.RoundTrip(req)
	}
	if req.Method == http.MethodPut {
		c.blobs.Add(1)
	}
	if req.Body != nil && (req.Method == http.MethodPatch || req.Method == http.MethodPut) {
		req = req.Clone(req.Context())
		req.Body = &countingBody{ReadCloser: req.Body, n: &c.bytes}
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
