package image

import (
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	_ "github.com/ecsgen/ecsgen/internal/golden" // accepts go test ./... -update
	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/registry"
)

// uploads counts what a registry receives: blob uploads completed (the
// PUT that ends an upload session; a successful cross-repository mount
// needs none) and manifests written; and the pings that start a login.
type uploads struct {
	mu        sync.Mutex
	blobs     int
	manifests int
	pings     int
}

func (u *uploads) wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		u.mu.Lock()
		switch {
		case r.Method == http.MethodPut && strings.Contains(r.URL.Path, "/blobs/uploads/"):
			u.blobs++
		case r.Method == http.MethodPut && strings.Contains(r.URL.Path, "/manifests/"):
			u.manifests++
		case r.Method == http.MethodGet && r.URL.Path == "/v2/":
			u.pings++
		}
		u.mu.Unlock()
		next.ServeHTTP(w, r)
	})
}

// take returns the counts since the last call.
func (u *uploads) take() (blobs, manifests int) {
	u.mu.Lock()
	defer u.mu.Unlock()
	blobs, manifests = u.blobs, u.manifests
	u.blobs, u.manifests = 0, 0
	return blobs, manifests
}

// takePings returns the pings since the last call.
func (u *uploads) takePings() int {
	u.mu.Lock()
	defer u.mu.Unlock()
	pings := u.pings
	u.pings = 0
	return pings
}

// newRegistry starts go-containerregistry's in-process registry and
// returns its host and a counter of what it receives.
func newRegistry(t *testing.T) (string, *uploads) {
	t.Helper()
	u := &uploads{}
	srv := httptest.NewServer(u.wrap(registry.New(registry.Logger(log.New(io.Discard, "", 0)))))
	t.Cleanup(srv.Close)
	return strings.TrimPrefix(srv.URL, "http://"), u
}

func parseRef(t *testing.T, s string) name.Reference {
	t.Helper()
	ref, err := name.ParseReference(s)
	if err != nil {
		t.Fatal(err)
	}
	return ref
}
