package image

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"sync"

	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/remote/transport"
)

// sessionsAhead is how many blob upload sessions Warm opens in a repository
// ahead of its push: the new blobs of a goPackage image (its binary's
// layer and the config), the most common push.
const sessionsAhead = 2

// uploadSessions are blob upload sessions of the distribution API
// (POST /v2/<repository>/blobs/uploads/), opened while the image builds so
// that a push uploads a new blob at once: the POST is one of the six
// round trips remote.Write makes one after another for a new image, and
// go-containerregistry cannot be handed a session opened earlier. A session
// the push does not use is left to expire, as registries let abandoned
// uploads do: ECR has no call to end one, and ending it would cost an
// unchanged image's push a round trip.
type uploadSessions struct {
	repo   name.Repository
	client *http.Client

	mu    sync.Mutex
	ready []*url.URL
}

func newUploadSessions(repo name.Repository, rt http.RoundTripper) *uploadSessions {
	return &uploadSessions{repo: repo, client: &http.Client{Transport: rt, CheckRedirect: checkRedirect}}
}

// checkRedirect follows a registry's redirects within its host, and a
// HEAD's (to a blob store) to other public hosts, never to a private or
// link-local address: a registry must not be able to point ecsgen at the
// services of its network, nor have a blob's bytes sent anywhere else, as
// go-containerregistry's own client refuses too.
func checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) >= 10 {
		return errors.New("stopped after 10 redirects")
	}
	if req.URL.Host == via[0].URL.Host {
		return nil
	}
	if via[0].Method != http.MethodHead {
		return fmt.Errorf("%s %s: the registry redirected the upload to another host, %s", via[0].Method, via[0].URL.Path, req.URL.Host)
	}
	if ip := net.ParseIP(req.URL.Hostname()); ip != nil && (ip.IsPrivate() || ip.IsLoopback() || ip.IsLinkLocalUnicast() || ip.IsLinkLocalMulticast() || ip.IsUnspecified()) {
		return fmt.Errorf("%s %s: the registry redirected to a private address, %s", via[0].Method, via[0].URL.Path, req.URL.Host)
	}
	return nil
}

// open opens n sessions at once. One that fails is left out: the push
// then uploads that blob with go-containerregistry instead.
func (s *uploadSessions) open(ctx context.Context, n int) {
	var wg sync.WaitGroup
	for range n {
		wg.Go(func() {
			loc, err := s.post(ctx)
			if err != nil {
				return
			}
			s.mu.Lock()
			s.ready = append(s.ready, loc)
			s.mu.Unlock()
		})
	}
	wg.Wait()
}

func (s *uploadSessions) post(ctx context.Context) (*url.URL, error) {
	resp, err := s.do(ctx, http.MethodPost, s.url("blobs/uploads/"), nil, http.StatusAccepted)
	if err != nil {
		return nil, err
	}
	return location(resp)
}

// take returns an open session, or nil when none is left.
func (s *uploadSessions) take() *url.URL {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.ready) == 0 {
		return nil
	}
	loc := s.ready[len(s.ready)-1]
	s.ready = s.ready[:len(s.ready)-1]
	return loc
}

// upload sends layer's bytes to the session at loc in the PUT that commits
// them under its digest: the spec's monolithic upload, one round trip
// where go-containerregistry's PATCH and PUT make two. ECR takes it (ECR
// answers a PATCH with 201 where the spec says 202, which made clients
// such as kitops push large layers this way); a registry that refuses it
// has the blob uploaded by go-containerregistry instead (see upload).
func (s *uploadSessions) upload(ctx context.Context, loc *url.URL, layer v1.Layer) error {
	d, err := layer.Digest()
	if err != nil {
		return err
	}
	size, err := layer.Size()
	if err != nil {
		return err
	}
	body, err := layer.Compressed()
	if err != nil {
		return err
	}
	commit := *loc
	q := commit.Query()
	q.Set("digest", d.String())
	commit.RawQuery = q.Encode()
	req, err := http.NewRequestWithContext(ctx, http.MethodPut, commit.String(), body)
	if err != nil {
		body.Close()
		return err
	}
	req.ContentLength = size
	req.GetBody = layer.Compressed // for a redirect within the registry
	req.Header.Set("Content-Type", "application/octet-stream")
	_, err = s.send(req, http.StatusCreated)
	return err
}

// headBlob says whether the repository holds the blob.
func (s *uploadSessions) headBlob(ctx context.Context, h v1.Hash) (bool, error) {
	resp, err := s.do(ctx, http.MethodHead, s.url("blobs/"+h.String()), nil, http.StatusOK, http.StatusNotFound)
	if err != nil {
		return false, err
	}
	return resp.StatusCode == http.StatusOK, nil
}

// url is the address of path in the repository.
func (s *uploadSessions) url(path string) string {
	u := url.URL{Scheme: s.repo.Scheme(), Host: s.repo.RegistryStr(), Path: fmt.Sprintf("/v2/%s/%s", s.repo.RepositoryStr(), path)}
	return u.String()
}

func (s *uploadSessions) do(ctx context.Context, method, u string, body io.Reader, want ...int) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, method, u, body)
	if err != nil {
		return nil, err
	}
	return s.send(req, want...)
}

// send makes the request and checks its status with go-containerregistry,
// whose errors carry the registry's error codes. The response's body is
// closed: these answers have nothing in it to read.
func (s *uploadSessions) send(req *http.Request, want ...int) (*http.Response, error) {
	resp, err := s.client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if err := transport.CheckError(resp, want...); err != nil {
		return nil, err
	}
	return resp, nil
}

// location is where an upload goes on: the Location header of resp, made
// absolute. It must stay on the registry's host, as it does on ECR and
// the distribution registry, so that no blob is sent anywhere else.
func location(resp *http.Response) (*url.URL, error) {
	loc, err := resp.Request.URL.Parse(resp.Header.Get("Location"))
	if err != nil || resp.Header.Get("Location") == "" {
		return nil, fmt.Errorf("%s %s: the registry gave no usable Location for the upload", resp.Request.Method, resp.Request.URL.Path)
	}
	if loc.Host != resp.Request.URL.Host {
		return nil, fmt.Errorf("%s %s: the registry sent the upload to another host, %s", resp.Request.Method, resp.Request.URL.Path, loc.Host)
	}
	return loc, nil
}
