package model

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
	// TargetGroup sets the target group behind the listener, like awsx's
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
}

// DefaultSslPolicy allows TLS 1.3 and 1.2 only, with forward secrecy.
const DefaultSslPolicy = "ELBSecurityPolicy-TLS13-1-2-2021-06"

// TargetGroup is where a listener sends its traffic.
type TargetGroup struct {
	// Port is the port targets receive traffic on, which becomes the
	// container port; default: the listener's port.
	Port int `yaml:"port" ecsgen:"port"`
}

// TargetPort is the port the listener's targets receive traffic on.
func (l *Listener) TargetPort() int {
	if l.TargetGroup != nil && l.TargetGroup.Port != 0 {
		return l.TargetGroup.Port
	}
	return l.Port
}

// Kind returns the listener's type with its default applied.
func (l *Listener) Kind() string { return rules["listenerType"].or(l.Type) }

func (l *Listener) validate(v *Errors, path string) {
	if l.Port == 0 {
		v.add(field(path, "port"), "is required: the port the load balancer listens on, e.g. `port: 80`")
	}
	if l.SslPolicy != "" {
		switch {
		case l.CertificateArn == "":
			v.add(field(path, "sslPolicy"), "only applies to a listener with certificateArn")
		default:
			validateSslPolicy(v, field(path, "sslPolicy"), l.SslPolicy)
		}
	}
	if l.RedirectHttp {
		switch {
		case l.CertificateArn == "":
			v.add(field(path, "redirectHttp"), "redirects to HTTPS, so the listener needs certificateArn")
		case l.Kind() != ListenerApplication:
			v.add(field(path, "redirectHttp"), "only application listeners speak HTTP to redirect")
		case l.Port == 80:
			v.add(field(path, "redirectHttp"), "needs port 80 for the redirect; serve HTTPS on another port, e.g. 443")
		}
	}
}
