package image

import (
	"context"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-containerregistry/pkg/registry"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/empty"
	"github.com/google/go-containerregistry/pkg/v1/mutate"
	"github.com/google/go-containerregistry/pkg/v1/random"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	"github.com/google/go-containerregistry/pkg/v1/types"
)

// requestLog records the requests a registry receives, as "METHOD kind"
// (ping, manifest, blob, upload), in the order they arrive. It answers as
// a registry that no longer knows an upload session for a path ending in
// -gone, as one refusing the upload for -refused, and as ECR to a role
// that may push but not pull for the manifests of a repository named
// push-only.
type requestLog struct {
	mu   sync.Mutex
	reqs []string
}

func (l *requestLog) wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		kind := "ping"
		switch {
		case strings.Contains(r.URL.Path, "/blobs/uploads/"):
			kind = "upload"
		case strings.Contains(r.URL.Path, "/blobs/"):
			kind = "blob"
		case strings.Contains(r.URL.Path, "/manifests/"):
			kind = "manifest"
		}
		l.mu.Lock()
		l.reqs = append(l.reqs, r.Method+" "+kind)
		l.mu.Unlock()
		answer := func(status int, code string) {
			w.WriteHeader(status)
			fmt.Fprintf(w, `{"errors":[{"code":%q,"message":"from the test"}]}`, code)
		}
		switch {
		case strings.HasSuffix(r.URL.Path, "-gone"):
			answer(http.StatusNotFound, "BLOB_UPLOAD_UNKNOWN")
		case strings.HasSuffix(r.URL.Path, "-refused"):
			answer(http.StatusBadRequest, "BLOB_UPLOAD_INVALID")
		case r.Method == http.MethodHead && kind == "manifest" && strings.Contains(r.URL.Path, "/push-only/"):
			w.WriteHeader(http.StatusForbidden) // a HEAD's answer has no body
		default:
			next.ServeHTTP(w, r)
		}
	})
}

// take returns the requests since the last call, sorted: requests made at
// once arrive in any order.
func (l *requestLog) take() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	reqs := l.reqs
	l.reqs = nil
	slices.Sort(reqs)
	return reqs
}

// TestWarmPush checks the requests of a push after Warm: the blobs the
// build made go up into the upload sessions Warm opened, without asking
// for the base's blobs PutLayers put there, and the push falls back to
// go-containerregistry's own upload for a blob beyond the sessions or a
// session that fails. Each image then is in the registry, and an
// unchanged one uploads nothing.
func TestWarmPush(t *testing.T) {
	reqs := &requestLog{}
	srv := httptest.NewServer(reqs.wrap(registry.New(registry.Logger(log.New(io.Discard, "", 0)))))
	t.Cleanup(srv.Close)
	host := strings.TrimPrefix(srv.URL, "http://")
	ctx := context.Background()
	images := map[string]v1.Image{}
	for _, tc := range []struct {
		name string
		// putBase puts the base's layers in the repository after Warm.
		putBase bool
		// spoil appends to the path of each session Warm opened, for
		// requestLog to answer as the case says.
		spoil string
		// again pushes the image of the case named, to its repository.
		again string
		want  []string
	}{
		{
			name:    "binary layer on a base put ahead",
			putBase: true,
			want:    []string{"HEAD blob", "HEAD blob", "HEAD manifest", "PUT upload", "PUT upload", "PUT manifest"},
		},
		{
			name:    "unchanged",
			putBase: true,
			again:   "binary layer on a base put ahead",
			want:    []string{"HEAD blob", "HEAD blob", "HEAD manifest"},
		},
		{
			name: "blobs beyond the sessions",
			want: []string{
				"HEAD blob", "HEAD blob", "HEAD blob", "HEAD blob", "HEAD manifest",
				"PUT upload", "PUT upload", // into the sessions
				"HEAD blob", "POST upload", "PATCH upload", "PUT upload", "HEAD blob", "POST upload", "PATCH upload", "PUT upload", // by go-containerregistry
				"PUT manifest",
			},
		},
		{
			name:    "sessions expired",
			putBase: true,
			spoil:   "-gone",
			want: []string{
				"HEAD blob", "HEAD blob", "HEAD manifest",
				"PUT upload", "PUT upload", // refused
				"HEAD blob", "POST upload", "PATCH upload", "PUT upload", "HEAD blob", "POST upload", "PATCH upload", "PUT upload",
				"PUT manifest",
			},
		},
		{
			name:    "sessions refused",
			putBase: true,
			spoil:   "-refused",
			want: []string{
				"HEAD blob", "HEAD blob", "HEAD manifest",
				"PUT upload", "PUT upload", // refused
				"HEAD blob", "POST upload", "PATCH upload", "PUT upload", "HEAD blob", "POST upload", "PATCH upload", "PUT upload",
				"PUT manifest",
			},
		},
		{
			name:    "push-only",
			putBase: true,
			want:    []string{"HEAD blob", "HEAD blob", "HEAD manifest", "PUT upload", "PUT upload", "PUT manifest"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			repository := "shop/" + strings.ReplaceAll(tc.name, " ", "-")
			img, ok := images[tc.again]
			if ok {
				repository = "shop/" + strings.ReplaceAll(tc.again, " ", "-")
			} else {
				img = imageOnNewBase(t)
			}
			images[tc.name] = img
			r, err := Registry{Host: host}.Warm(ctx, repository)
			if err != nil {
				t.Fatal(err)
			}
			if got := reqs.take(); !cmp.Equal(got, []string{"GET ping", "POST upload", "POST upload"}) {
				t.Fatalf("Warm sent %v, want a ping and 2 upload sessions", got)
			}
			if tc.putBase {
				if err := r.PutLayers(ctx, repository, baseOf(t, img)); err != nil {
					t.Fatal(err)
				}
				reqs.take()
			}
			for _, loc := range r.warm.sessions.ready {
				loc.Path += tc.spoil
			}
			ref, err := r.Publish(ctx, img, repository)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(slices.Sorted(slices.Values(tc.want)), reqs.take()); diff != "" {
				t.Errorf("the push's requests, sorted (-want +got):\n%s", diff)
			}
			if _, err := remote.Image(ref); err != nil {
				t.Errorf("the registry does not hold %s: %v", ref, err)
			}
			reqs.take()
		})
	}
}

// imageOnNewBase is a random base of 2 layers with a layer of its own, as a
// goPackage image is.
func imageOnNewBase(t *testing.T) v1.Image {
	t.Helper()
	base, err := random.Image(1024, 2)
	if err != nil {
		t.Fatal(err)
	}
	l, err := random.Layer(1024, types.DockerLayer)
	if err != nil {
		t.Fatal(err)
	}
	img, err := mutate.AppendLayers(base, l)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// baseOf is img less its last layer.
func baseOf(t *testing.T, img v1.Image) v1.Image {
	t.Helper()
	layers, err := img.Layers()
	if err != nil {
		t.Fatal(err)
	}
	base, err := mutate.AppendLayers(empty.Image, layers[:len(layers)-1]...)
	if err != nil {
		t.Fatal(err)
	}
	return base
}

// TestUploadLocationStaysOnTheRegistry checks that an upload session's
// Location naming another host is refused: the blob's bytes would go there.
func TestUploadLocationStaysOnTheRegistry(t *testing.T) {
	for _, tc := range []struct {
		location string
		want     string
	}{
		{location: "/v2/shop/web/blobs/uploads/1?_state=x", want: "https://registry.example/v2/shop/web/blobs/uploads/1?_state=x"},
		{location: "https://registry.example/v2/shop/web/blobs/uploads/2", want: "https://registry.example/v2/shop/web/blobs/uploads/2"},
		{location: "https://169.254.169.254/latest/meta-data/", want: "error"},
		{location: "", want: "error"},
	} {
		req := &http.Request{Method: http.MethodPost, URL: &url.URL{Scheme: "https", Host: "registry.example", Path: "/v2/shop/web/blobs/uploads/"}}
		resp := &http.Response{Request: req, Header: http.Header{"Location": {tc.location}}}
		got := "error"
		if loc, err := location(resp); err == nil {
			got = loc.String()
		}
		if got != tc.want {
			t.Errorf("Location %q gave %s, want %s", tc.location, got, tc.want)
		}
	}
}

// TestWarmPushMountsMountableLayers checks that a layer go-containerregistry
// can mount from another repository of the registry (a base PutLayers did
// not put) is left to it, not uploaded into a session.
func TestWarmPushMountsMountableLayers(t *testing.T) {
	host, _ := newRegistry(t)
	ctx := context.Background()
	l, err := random.Layer(1024, types.DockerLayer)
	if err != nil {
		t.Fatal(err)
	}
	if err := remote.WriteLayer(parseRef(t, host+"/shop/base:1").Context(), l); err != nil {
		t.Fatal(err)
	}
	r, err := Registry{Host: host}.Warm(ctx, "shop/web")
	if err != nil {
		t.Fatal(err)
	}
	if err := r.warm.upload(ctx, &remote.MountableLayer{Layer: l, Reference: parseRef(t, host+"/shop/base:1")}); err != nil {
		t.Fatal(err)
	}
	if left := len(r.warm.sessions.ready); left != sessionsAhead {
		t.Errorf("the mountable layer took a session: %d of %d left", left, sessionsAhead)
	}
}

// TestCheckRedirect checks which redirects a push follows: within the
// registry, and a HEAD's to another public host; never an upload's to
// another host, nor anything to a private or link-local address.
func TestCheckRedirect(t *testing.T) {
	for _, tc := range []struct {
		method, to string
		want       bool
	}{
		{method: http.MethodPatch, to: "https://registry.example/v2/shop/web/blobs/uploads/2", want: true},
		{method: http.MethodPatch, to: "https://elsewhere.example/upload", want: false},
		{method: http.MethodHead, to: "https://prod-us-east-1-starport-layer-bucket.s3.us-east-1.amazonaws.com/x", want: true},
		{method: http.MethodHead, to: "http://169.254.169.254/latest/meta-data/", want: false},
		{method: http.MethodHead, to: "http://10.0.0.1/", want: false},
		{method: http.MethodHead, to: "http://[::1]:5000/", want: false},
	} {
		from, err := http.NewRequest(tc.method, "https://registry.example/v2/shop/web/blobs/uploads/1", nil)
		if err != nil {
			t.Fatal(err)
		}
		to, err := http.NewRequest(tc.method, tc.to, nil)
		if err != nil {
			t.Fatal(err)
		}
		if got := checkRedirect(to, []*http.Request{from}) == nil; got != tc.want {
			t.Errorf("%s redirected to %s: followed %v, want %v", tc.method, tc.to, got, tc.want)
		}
	}
}
