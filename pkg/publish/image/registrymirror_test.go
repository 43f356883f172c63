package image

import (
	"net/http"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// roundTripFunc answers requests for tests of transports.
type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// TestMirrorTransport checks what the registry seam rewrites: requests to
// ECR hosts go to the mirror, the mirror's upload Locations come back
// naming the ECR host, answering the request as made (so that a relative
// Location resolves against the ECR host), and every other host is left
// alone.
func TestMirrorTransport(t *testing.T) {
	var sent string
	next := roundTripFunc(func(r *http.Request) (*http.Response, error) {
		sent = r.URL.String()
		h := http.Header{}
		h.Set("Location", "http://127.0.0.1:5000/v2/shop/web/blobs/uploads/1?_state=x")
		return &http.Response{StatusCode: http.StatusAccepted, Header: h}, nil
	})
	rt, err := newMirrorTransport("http://127.0.0.1:5000", next)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		url          string
		wantSent     string
		wantLocation string
	}{
		{
			url:          "https://123456789012.dkr.ecr.us-east-1.amazonaws.com/v2/shop/web/blobs/uploads/",
			wantSent:     "http://127.0.0.1:5000/v2/shop/web/blobs/uploads/",
			wantLocation: "https://123456789012.dkr.ecr.us-east-1.amazonaws.com/v2/shop/web/blobs/uploads/1?_state=x",
		},
		{
			url:          "https://123456789012.dkr.ecr-fips.us-gov-west-1.amazonaws.com/v2/",
			wantSent:     "http://127.0.0.1:5000/v2/",
			wantLocation: "https://123456789012.dkr.ecr-fips.us-gov-west-1.amazonaws.com/v2/shop/web/blobs/uploads/1?_state=x",
		},
		{
			url:          "https://cgr.dev/v2/chainguard/static/manifests/latest",
			wantSent:     "https://cgr.dev/v2/chainguard/static/manifests/latest",
			wantLocation: "http://127.0.0.1:5000/v2/shop/web/blobs/uploads/1?_state=x",
		},
	} {
		req, err := http.NewRequest(http.MethodPost, tc.url, nil)
		if err != nil {
			t.Fatal(err)
		}
		resp, err := rt.RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		got := []string{sent, resp.Header.Get("Location")}
		if diff := cmp.Diff([]string{tc.wantSent, tc.wantLocation}, got); diff != "" {
			t.Errorf("%s: sent to, Location (-want +got):\n%s", tc.url, diff)
		}
		if ecr := tc.wantSent != tc.url; ecr && resp.Request != req {
			t.Errorf("%s: the answer is to %v, want the request as made", tc.url, resp.Request.URL)
		}
	}
	if _, err := newMirrorTransport("127.0.0.1:5000", next); err == nil {
		t.Error("a mirror without a scheme was accepted")
	}
}

// TestBuilderHost checks the registry host buildah and podman are given
// for a build cache: the mirror's, over HTTP if it is http://, for an ECR
// host when a mirror is set; the host itself otherwise.
func TestBuilderHost(t *testing.T) {
	const ecrHost = "123456789012.dkr.ecr.us-east-1.amazonaws.com"
	for _, tc := range []struct {
		mirror, host string
		wantHost     string
		wantInsecure bool
	}{
		{"", ecrHost, ecrHost, false},
		{"http://127.0.0.1:5000", ecrHost, "127.0.0.1:5000", true},
		{"https://mirror.example.com", ecrHost, "mirror.example.com", false},
		{"http://127.0.0.1:5000", "registry.example.com", "registry.example.com", false},
	} {
		var m *mirrorTransport
		if tc.mirror != "" {
			var err error
			if m, err = newMirrorTransport(tc.mirror, http.DefaultTransport); err != nil {
				t.Fatal(err)
			}
		}
		host, insecure := m.builderHost(tc.host)
		if host != tc.wantHost || insecure != tc.wantInsecure {
			t.Errorf("mirror %q, host %s: got %s (insecure %v), want %s (insecure %v)", tc.mirror, tc.host, host, insecure, tc.wantHost, tc.wantInsecure)
		}
	}
}
