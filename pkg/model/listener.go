package model

import "net/netip"

// Listener types.
const (
	ListenerApplication = "application"
	ListenerNetwork     = "network"
)

// Listener is a load balancer listener and the load balancer it lives on,
// like awsx's ApplicationListener and NetworkListener. Containers send its
// traffic to themselves with a portMapping that names the listener.
type Listener struct {
	// Type is application (HTTP, the default) or network (TCP).
	Type string `yaml:"type" ecsgen:"listenerType"`
	// Port is the port the load balancer listens on, 1-65535.
	Port int `yaml:"port" ecsgen:"port"`
	// TargetGroup sets the target group of the listener's default route
	// (the port mapping without a rule), like awsx's
	// NetworkTargetGroup("custom", {port: 8080}).createListener(...).
	TargetGroup *TargetGroup `yaml:"targetGroup"`
	// CertificateArn is an ACM certificate: the listener then serves HTTPS
	// (TLS for a network listener), ending TLS at the load balancer.
	CertificateArn string `yaml:"certificateArn" ecsgen:"acmCertificateArn"`
	// SslPolicy is the TLS policy of an HTTPS or TLS listener; default
	// ELBSecurityPolicy-TLS13-1-2-2021-06 (TLS 1.3 and 1.2 only).
	SslPolicy string `yaml:"sslPolicy"`
	// RedirectHttp adds a port-80 listener to the same load balancer that
	// redirects every request to this HTTPS listener, as CDK's
	// redirectHTTP and Copilot's redirect_to_https do.
	RedirectHttp bool `yaml:"redirectHttp"`
	// External makes the load balancer internet-facing (the default);
	// false makes it internal, reachable from inside the VPC only, in its
	// private subnets where it has some.
	External *bool `yaml:"external" ecsgen:"external"`
	// AllowedSourceIps are the IPv4 ranges (CIDR) the load balancer
	// admits; default: the whole internet for an external one, the VPC for
	// an internal one.
	AllowedSourceIps []string `yaml:"allowedSourceIps" ecsgen:"sourceCidrs"`
	// Domain is the DNS name clients reach the listener at, with an ACM
	// certificate for it unless certificateArn is given.
	Domain *Domain `yaml:"domain"`
	// AccessLogs writes a record of every request (every TLS connection,
	// for a network listener) to S3: true in a bucket ecsgen creates, or
	// {bucket, prefix} in one that exists.
	AccessLogs *AccessLogs `yaml:"accessLogs"`
}

// DefaultSslPolicy allows TLS 1.3 and 1.2 only, with forward secrecy.
const DefaultSslPolicy = "ELBSecurityPolicy-TLS13-1-2-2021-06"

// Kind returns the listener's type with its default applied.
func (l *Listener) Kind() string { return rules["listenerType"].or(l.Type) }

// IsExternal reports whether the load balancer is internet-facing.
func (l *Listener) IsExternal() bool { return rules["external"].orBool(l.External) }

// ServesTLS reports whether the listener ends TLS: it has a certificate,
// given or made for its domain.
func (l *Listener) ServesTLS() bool { return l.CertificateArn != "" || l.Domain != nil }

func (l *Listener) validate(v *Errors, path string) {
	if l.Port == 0 {
		v.add(field(path, "port"), "is required: the port the load balancer listens on, e.g. `port: 80`")
	}
	if l.SslPolicy != "" {
		switch {
		case !l.ServesTLS():
			v.add(field(path, "sslPolicy"), "only applies to a listener with certificateArn or domain")
		default:
			validateSslPolicy(v, field(path, "sslPolicy"), l.SslPolicy)
		}
	}
	if l.RedirectHttp {
		switch {
		case !l.ServesTLS():
			v.add(field(path, "redirectHttp"), "redirects to HTTPS, so the listener needs certificateArn or domain")
		case l.Kind() != ListenerApplication:
			v.add(field(path, "redirectHttp"), "only application listeners speak HTTP to redirect")
		case l.Port == 80:
			v.add(field(path, "redirectHttp"), "needs port 80 for the redirect; serve HTTPS on another port, e.g. 443")
		}
	}
	l.validateReach(v, path)
}

// validateReach checks who may reach the listener and at what name.
func (l *Listener) validateReach(v *Errors, path string) {
	for i, cidr := range l.AllowedSourceIps {
		p := index(field(path, "allowedSourceIps"), i)
		prefix, err := netip.ParsePrefix(cidr)
		switch {
		case err != nil || !prefix.Addr().Is4():
			v.add(p, "%q is not an IPv4 CIDR such as 203.0.113.0/24", cidr)
		case prefix.Masked() != prefix:
			v.add(p, "%s has host bits set; did you mean %s?", cidr, prefix.Masked())
		}
	}
	validateUnique(v, field(path, "allowedSourceIps"), l.AllowedSourceIps, func(s string) string { return s })
	if l.TargetGroup != nil {
		l.TargetGroup.validate(v, field(path, "targetGroup"), l.Kind())
	}
	if l.Domain != nil {
		l.Domain.validate(v, field(path, "domain"), l)
	}
	if l.AccessLogs != nil {
		l.AccessLogs.validate(v, field(path, "accessLogs"), l)
	}
}
