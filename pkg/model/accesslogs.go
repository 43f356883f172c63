package model

import (
	"fmt"
	"net/netip"
	"strings"

	"go.yaml.in/yaml/v3"
)

// AccessLogs sends a load balancer's access logs to S3, as Copilot's
// http.public.access_logs and CDK's logAccessLogs do. In a manifest it is
// true (ecsgen creates the bucket), false (no logs), or a mapping that
// names an existing bucket, a prefix, or both.
//
// The bucket ecsgen creates is one per app, shared by its load balancers,
// each writing under its own prefix; its policy lets Elastic Load
// Balancing write there. ecsgen does not change the policy of a bucket
// that already exists: give it the statement README.md ("Access logs")
// shows, or the load balancer fails to create with "Access Denied for
// bucket".
type AccessLogs struct {
	// Disabled turns access logs off; set by `accessLogs: false`.
	Disabled bool `yaml:"-"`
	// Bucket is the name of an existing S3 bucket, in the load balancer's
	// region, encrypted with S3-managed keys (SSE-S3: ELB writes no
	// KMS-encrypted logs), whose policy lets ELB write to it; default: the
	// bucket ecsgen creates.
	Bucket string `yaml:"bucket" ecsgen:"s3BucketName"`
	// Prefix is the folder the logs go in, without leading or trailing
	// slash; ELB adds AWSLogs/<account>/... after it. Default: none in an
	// existing bucket, the listener's name in the one ecsgen creates.
	Prefix string `yaml:"prefix" ecsgen:"accessLogPrefix"`
}

// Enabled reports whether the load balancer writes access logs.
func (a *AccessLogs) Enabled() bool { return a != nil && !a.Disabled }

func (a *AccessLogs) decodeNode(d *decoder, n *yaml.Node, path string) {
	switch {
	case n.Kind == yaml.ScalarNode:
		on, problem := boolValue(n)
		if problem != "" {
			d.errorf(n, path, "%s; true makes ecsgen create the bucket, and {bucket: NAME} names an existing one", problem)
			return
		}
		a.Disabled = !on
	case n.Kind != yaml.MappingNode:
		d.errorf(n, path, "must be true, false, or a mapping such as {bucket: my-logs, prefix: web}; got %s", describe(n))
	default:
		type plain AccessLogs // without decodeNode, so decoding does not recurse
		d.decodeStruct(n, reflectValue((*plain)(a)), path)
	}
}

// validate checks the bucket and prefix against the rules of S3 and ELB,
// which would otherwise fail the deploy halfway.
func (a *AccessLogs) validate(v *Errors, path string, l *Listener) {
	if !a.Enabled() {
		return
	}
	if l.Kind() == ListenerNetwork && !l.ServesTLS() {
		// https://docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-access-logs.html
		v.add(path, "a network load balancer writes access logs for TLS listeners only; give the listener certificateArn or domain, or remove accessLogs")
	}
	if a.Bucket != "" {
		validateBucketName(v, field(path, "bucket"), a.Bucket)
	}
	p := field(path, "prefix")
	switch {
	case strings.HasPrefix(a.Prefix, "/") || strings.HasSuffix(a.Prefix, "/"):
		v.add(p, "%q must not start or end with /; did you mean %q?", a.Prefix, strings.Trim(a.Prefix, "/"))
	case strings.Contains(a.Prefix, "AWSLogs"):
		v.add(p, "%q must not contain AWSLogs: ELB adds AWSLogs/<account>/ after the prefix itself", a.Prefix)
	}
}

// Amazon S3's rules for general purpose bucket names:
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
var (
	reservedBucketPrefixes = []string{"xn--", "sthree-", "amzn-s3-demo-"}
	reservedBucketSuffixes = []string{"-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"}
)

// validateBucketName checks an S3 bucket name; the rule's pattern (for
// editors) checks length and characters only.
func validateBucketName(v *Errors, path, name string) {
	if problem := BucketNameProblem(name); problem != "" {
		v.add(path, "%q is not an S3 bucket name: %s", name, problem)
	}
}

// BucketNameProblem says what makes name no S3 bucket name, or "" when it
// is one, for importers that must decide whether to keep a name.
func BucketNameProblem(name string) string {
	switch {
	case len(name) < 3 || len(name) > 63:
		return fmt.Sprintf("it has %d characters, and a bucket name has 3 to 63", len(name))
	case strings.IndexFunc(name, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '.' || r == '-')
	}) >= 0:
		return "use lowercase letters, digits, hyphens and dots only"
	case !alnum(name[0]) || !alnum(name[len(name)-1]):
		return "it must start and end with a letter or digit"
	case strings.Contains(name, ".."):
		return "it has two dots in a row"
	case isIPv4(name):
		return "it is formatted as an IP address"
	}
	for _, r := range reservedBucketPrefixes {
		if strings.HasPrefix(name, r) {
			return "the prefix " + r + " is reserved"
		}
	}
	for _, r := range reservedBucketSuffixes {
		if strings.HasSuffix(name, r) {
			return "the suffix " + r + " is reserved"
		}
	}
	return ""
}

func alnum(c byte) bool { return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' }

func isIPv4(s string) bool {
	a, err := netip.ParseAddr(s)
	return err == nil && a.Is4()
}
