package testenv

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// Proxy is a reverse proxy in front of moto that injects faults per AWS
// operation and fixes the answers moto gets wrong (see motofix.go). Point
// the SDK at URL instead of moto's.
type Proxy struct {
	// URL is the proxy's endpoint.
	URL    string
	srv    *httptest.Server
	moto   *url.URL
	mu     sync.Mutex
	faults map[string][]Fault
	calls  map[string]int
	// ssm: per stack, the given values of SSM-typed parameters (motofix.go).
	ssm map[string]map[string]string
	// paramChanges: per stack/change set, the resources moto leaves out
	// (motoparams.go).
	paramChanges map[string][]resourceChange
}

// Fault is what the proxy does to one call of an operation instead of, or
// besides, forwarding it to moto.
type Fault struct {
	// Delay holds the call this long before doing the rest.
	Delay time.Duration
	// Reset closes the connection without an answer (TCP RST).
	Reset bool
	// Status, when set, answers with this status and Body without asking
	// moto; ErrorCode instead builds the error body in the operation's
	// protocol.
	Status    int
	Body      string
	ErrorCode string
	// Rewrite, when set, forwards the call and edits moto's answer: for
	// failure paths moto cannot produce, such as a FAILED rollout.
	Rewrite func(body []byte) []byte
}

// Throttle is AWS's answer to too many calls.
var Throttle = Fault{Status: http.StatusBadRequest, ErrorCode: "Throttling"}

// Unavailable is an HTTP 503 from the service.
var Unavailable = Fault{Status: http.StatusServiceUnavailable, ErrorCode: "ServiceUnavailable"}

// InternalError is an HTTP 500 from the service.
var InternalError = Fault{Status: http.StatusInternalServerError, ErrorCode: "InternalFailure"}

// Reset drops the connection.
var Reset = Fault{Reset: true}

// StartProxy starts a proxy in front of moto, closed when the test ends.
func StartProxy(t testing.TB, moto *MotoServer) *Proxy {
	t.Helper()
	p, err := NewProxy(moto.URL)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(p.Close)
	return p
}

// NewProxy starts a proxy in front of the moto server at motoURL; Close
// stops it. scripts/bench-deploy runs one through internal/cmd/motoproxy.
func NewProxy(motoURL string) (*Proxy, error) {
	target, err := url.Parse(motoURL)
	if err != nil {
		return nil, err
	}
	p := &Proxy{moto: target, faults: map[string][]Fault{}, calls: map[string]int{}}
	rp := &httputil.ReverseProxy{
		Rewrite: func(r *httputil.ProxyRequest) {
			r.SetURL(target)
			r.Out.Host = r.In.Host
			// Plain bodies, so that the fixes can read them.
			r.Out.Header.Del("Accept-Encoding")
		},
		ModifyResponse: p.modifyResponse,
	}
	p.srv = httptest.NewServer(p.handler(rp))
	p.URL = p.srv.URL
	return p, nil
}

// Close stops the proxy.
func (p *Proxy) Close() { p.srv.Close() }

// Inject makes the next n calls of operation op (e.g. "DescribeStacks",
// "CreateChangeSet", "DescribeServices") meet fault f. Faults queue in the
// order they were injected.
func (p *Proxy) Inject(op string, n int, f Fault) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for range n {
		p.faults[op] = append(p.faults[op], f)
	}
}

// Clear drops the faults of op still unused.
func (p *Proxy) Clear(op string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	delete(p.faults, op)
}

// Calls returns how many calls of op reached the proxy, faults included.
func (p *Proxy) Calls(op string) int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.calls[op]
}

// Pending returns how many injected faults of op are still unused.
func (p *Proxy) Pending(op string) int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.faults[op])
}

type callKey struct{}

type call struct {
	op, service string
	form        url.Values
	header      http.Header
	rewrite     func([]byte) []byte
}

func (p *Proxy) handler(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		r.Body = io.NopCloser(bytes.NewReader(body))
		c := &call{service: signingService(r), header: r.Header.Clone()}
		c.op, c.form = operation(r, body)
		f, faulted := p.take(c.op)
		if faulted {
			if f.Delay > 0 {
				select {
				case <-time.After(f.Delay):
				case <-r.Context().Done():
					return
				}
			}
			if f.Reset {
				resetConnection(w)
				return
			}
			if f.Status != 0 {
				writeFault(w, c, f)
				return
			}
			c.rewrite = f.Rewrite
		}
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), callKey{}, c)))
	})
}

func (p *Proxy) take(op string) (Fault, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.calls[op]++
	q := p.faults[op]
	if len(q) == 0 {
		return Fault{}, false
	}
	p.faults[op] = q[1:]
	return q[0], true
}

func (p *Proxy) modifyResponse(resp *http.Response) error {
	c, _ := resp.Request.Context().Value(callKey{}).(*call)
	if c == nil {
		return nil
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return err
	}
	body = p.fixMoto(c, resp.StatusCode, body)
	if c.rewrite != nil {
		body = c.rewrite(body)
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	resp.ContentLength = int64(len(body))
	resp.Header.Set("Content-Length", strconv.Itoa(len(body)))
	return nil
}

// operation names the AWS operation of a request: the JSON protocols say it
// in X-Amz-Target ("AmazonEC2ContainerServiceV20141113.RunTask"), the query
// protocols in the form's Action.
func operation(r *http.Request, body []byte) (string, url.Values) {
	if t := r.Header.Get("X-Amz-Target"); t != "" {
		return t[strings.LastIndex(t, ".")+1:], nil
	}
	form, _ := url.ParseQuery(string(body))
	if a := form.Get("Action"); a != "" {
		return a, form
	}
	return s3Operation(r), nil
}

// s3Operation names the S3 REST calls ecsgen makes, from the method, the
// path (/bucket or /bucket/key; the SDK uses path style for an IP
// endpoint) and the subresource in the query.
func s3Operation(r *http.Request) string {
	hasKey := strings.Contains(strings.Trim(r.URL.Path, "/"), "/")
	q := r.URL.Query()
	switch {
	case r.Method == http.MethodHead && !hasKey:
		return "HeadBucket"
	case r.Method == http.MethodPut && q.Has("encryption"):
		return "PutBucketEncryption"
	case r.Method == http.MethodPut && q.Has("publicAccessBlock"):
		return "PutPublicAccessBlock"
	case r.Method == http.MethodPut && hasKey:
		return "PutObject"
	case r.Method == http.MethodPut:
		return "CreateBucket"
	}
	return "S3 " + r.Method
}

var scope = regexp.MustCompile(`Credential=[^/]+/[^/]+/[^/]+/([^/]+)/`)

// signingService reads the service from the SigV4 credential scope: all
// services share one endpoint, and EC2 errors have their own shape.
func signingService(r *http.Request) string {
	if m := scope.FindStringSubmatch(r.Header.Get("Authorization")); m != nil {
		return m[1]
	}
	return ""
}

func writeFault(w http.ResponseWriter, c *call, f Fault) {
	body := f.Body
	switch {
	case body != "" || f.ErrorCode == "":
	case c.form == nil: // JSON protocol
		w.Header().Set("Content-Type", "application/x-amz-json-1.1")
		w.Header().Set("X-Amzn-ErrorType", f.ErrorCode)
		body = `{"__type":"` + f.ErrorCode + `","message":"injected by the test proxy"}`
	case c.service == "ec2":
		w.Header().Set("Content-Type", "text/xml")
		body = `<Response><Errors><Error><Code>` + f.ErrorCode + `</Code><Message>injected by the test proxy</Message></Error></Errors><RequestID>test</RequestID></Response>`
	default:
		w.Header().Set("Content-Type", "text/xml")
		body = `<ErrorResponse><Error><Type>Sender</Type><Code>` + f.ErrorCode + `</Code><Message>injected by the test proxy</Message></Error><RequestId>test</RequestId></ErrorResponse>`
	}
	if c.form == nil && f.Body != "" {
		w.Header().Set("Content-Type", "application/x-amz-json-1.1")
	}
	w.WriteHeader(f.Status)
	io.WriteString(w, body)
}

// resetConnection closes the client's connection with a TCP RST, as a
// load balancer dropping it would.
func resetConnection(w http.ResponseWriter) {
	conn, _, err := w.(http.Hijacker).Hijack()
	if err != nil {
		return
	}
	if tc, ok := conn.(*net.TCPConn); ok {
		_ = tc.SetLinger(0)
	}
	conn.Close()
}
