package image

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
)

// RegistryMirrorEnv names the environment variable that sends the registry
// traffic of ECR hosts to another registry, e.g. http://127.0.0.1:5000:
// a local registry standing in for ECR's, with an ECR API emulator (moto)
// at AWS_ENDPOINT_URL. ECR API calls are not affected.
//
// buildah and podman reach the registry cache of a Dockerfile build
// (cacheFrom) themselves, not through ecsgen's transport: with the mirror
// set, the cache repository they are given names the mirror's host:port
// instead of the ECR host, their auth file logs in to that host, and an
// http:// mirror adds --tls-verify=false (which also lets them pull FROM
// images over plain HTTP; this is a setting for tests, not for AWS).
const RegistryMirrorEnv = "ECSGEN_REGISTRY_MIRROR"

// ecrHost matches the registry hosts of ECR, private and FIPS, in every
// partition's domain.
var ecrHost = regexp.MustCompile(`^\d{12}\.dkr\.ecr(-fips)?\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$`)

// mirrorTransport sends requests for ECR hosts to the mirror, and maps the
// mirror's answers back to the ECR host (their request, and absolute
// Location headers of upload sessions), so that go-containerregistry
// keeps sending its credentials: it sends them only to the host it logged
// in to.
type mirrorTransport struct {
	mirror *url.URL
	next   http.RoundTripper
}

func newMirrorTransport(mirror string, next http.RoundTripper) (*mirrorTransport, error) {
	u, err := url.Parse(mirror)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("%s=%q: want a registry URL such as http://127.0.0.1:5000", RegistryMirrorEnv, mirror)
	}
	return &mirrorTransport{mirror: u, next: next}, nil
}

func (t *mirrorTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if !ecrHost.MatchString(req.URL.Hostname()) {
		return t.next.RoundTrip(req)
	}
	origin := *req.URL
	r := req.Clone(req.Context())
	r.URL.Scheme, r.URL.Host, r.Host = t.mirror.Scheme, t.mirror.Host, t.mirror.Host
	resp, err := t.next.RoundTrip(r)
	if err != nil {
		return nil, err
	}
	if loc, err := url.Parse(resp.Header.Get("Location")); err == nil && loc.Host == t.mirror.Host {
		loc.Scheme, loc.Host = origin.Scheme, origin.Host
		resp.Header.Set("Location", loc.String())
	}
	// As if the ECR host had answered: a relative Location resolves
	// against it too.
	resp.Request = req
	return resp, nil
}

// builderHost is the registry host a container tool is given for the ECR
// host, and whether it speaks plain HTTP: the mirror's, if there is one,
// since the tool does not go through the mirror's transport.
func (t *mirrorTransport) builderHost(host string) (string, bool) {
	if t == nil || !ecrHost.MatchString(host) {
		return host, false
	}
	return t.mirror.Host, t.mirror.Scheme == "http"
}
