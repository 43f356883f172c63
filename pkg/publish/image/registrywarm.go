package image

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"sync"
	"syscall"
	"time"

	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/remote/transport"
)

// warmTransport is a transport logged in to a registry for pushes to one
// repository, with what was done there while the image built.
type warmTransport struct {
	repository string
	rt         http.RoundTripper
	sessions   *uploadSessions

	mu      sync.Mutex
	present map[v1.Hash]bool // blobs PutLayers put in the repository
}

// Warm returns a Registry whose pushes to repository skip what each push
// otherwise does first: ping the registry for its authentication scheme and
// log in (for a token registry, fetch a token). Warm does both now, so that
// a caller can do them while the image builds: against a real registry that
// is a TLS handshake and a round trip or two off each push, and the
// connection stays open for the push. The login asks for push access to
// repository alone, so that a token registry's pushes from it mount no
// blob from other repositories (they upload it, if it is missing, instead);
// ECR logs in with a password, for every repository. Warm also opens
// upload sessions in the repository for the push (see uploadSessions).
func (r Registry) Warm(ctx context.Context, repository string) (Registry, error) {
	if r.warm != nil && r.warm.repository == repository {
		return r, nil // logged in already, for another image of the repository
	}
	repo, err := r.repository(repository)
	if err != nil {
		return r, err
	}
	// go-containerregistry takes a *transport.Wrapper, as made here, to be
	// logged in, and uses it as it is: without its retries, which are
	// therefore added here, beneath the login.
	rt := transport.NewRetry(uploadCounter{next: r.transport()},
		transport.WithRetryBackoff(pushRetryBackoff), transport.WithRetryPredicate(pushRetryable), transport.WithRetryStatusCodes(pushRetryStatusCodes...))
	wt, err := transport.NewWithContext(ctx, repo.Registry, r.auth(), rt, []string{repo.Scope(transport.PushScope)})
	if err != nil {
		return r, err
	}
	r.warm = &warmTransport{repository: repository, rt: wt, present: map[v1.Hash]bool{},
		sessions: newUploadSessions(repo, wt)}
	r.warm.sessions.open(ctx, sessionsAhead)
	return r, nil
}

// The retries of go-containerregistry's remote package (its defaults in
// remote/options.go, unexported), which it adds to every transport but a
// *transport.Wrapper: three tries, 1 s and 3 s apart, on network errors and
// the status codes that mean "try again".
var (
	pushRetryBackoff     = transport.Backoff{Duration: time.Second, Factor: 3, Jitter: 0.1, Steps: 3}
	pushRetryStatusCodes = []int{
		http.StatusRequestTimeout, http.StatusTooManyRequests, http.StatusInternalServerError,
		http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout,
		499, // nginx: client closed the request
		522, // Cloudflare: connection timed out
	}
)

func pushRetryable(err error) bool {
	if errors.Is(err, context.DeadlineExceeded) {
		return false
	}
	temporary, ok := err.(interface{ Temporary() bool })
	return (ok && temporary.Temporary()) ||
		errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) ||
		errors.Is(err, syscall.EPIPE) || errors.Is(err, syscall.ECONNRESET) || errors.Is(err, net.ErrClosed)
}
