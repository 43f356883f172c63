package expand

import (
	"fmt"

	"github.com/ecsgen/ecsgen/pkg/model"
)

// LoadBalancer is an Elastic Load Balancer with its listeners.
type LoadBalancer struct {
	Name string
	// Type is application or network.
	Type string
	// Public makes the load balancer internet-facing.
	Public  bool
	Network *Network
	// SecurityGroup guards the load balancer: it admits the listener ports
	// and lets traffic out only to the services behind it.
	SecurityGroup *SecurityGroup
	// DropInvalidHeaders makes an application load balancer drop HTTP
	// headers with invalid names instead of passing them to targets, a
	// request-smuggling defence AWS leaves off by default.
	DropInvalidHeaders bool
	Listeners          []*Listener
}

// Listener is one port a load balancer listens on and where it forwards.
type Listener struct {
	Name         string
	LoadBalancer *LoadBalancer
	Port         int
	// Protocol is HTTP or HTTPS for application listeners, TCP or TLS for
	// network ones.
	Protocol string
	// CertificateArn and SslPolicy are set for HTTPS and TLS listeners.
	CertificateArn string
	SslPolicy      string
	// TargetGroup receives the listener's traffic.
	TargetGroup *TargetGroup
	// RedirectTo, instead of a target group, answers every request with a
	// permanent redirect to that HTTPS listener.
	RedirectTo *Listener
}

// TargetGroup is where a listener sends traffic: the tasks of a service.
type TargetGroup struct {
	Name     string
	Port     int
	Protocol string
	// TargetType is ip for awsvpc tasks, which get their own address.
	TargetType  string
	Network     *Network
	HealthCheck HealthCheck
	// DeregistrationDelaySeconds is how long a stopping task keeps serving
	// its open connections. AWS's 300 s makes every deploy slow; 60 s is
	// what Copilot settled on for web services.
	DeregistrationDelaySeconds int
}

// HealthCheck is how a load balancer decides that a task is healthy.
type HealthCheck struct {
	// Protocol is HTTP or TCP.
	Protocol string
	// Port is traffic-port: the port each target receives traffic on,
	// which for bridge tasks is an ephemeral host port known only to ECS.
	Port string
	// Path and Matcher apply to HTTP checks only.
	Path                    string
	Matcher                 string
	IntervalSeconds         int
	TimeoutSeconds          int
	HealthyThresholdCount   int
	UnhealthyThresholdCount int
}

// Load balancer types.
const (
	TypeApplication = model.ListenerApplication
	TypeNetwork     = model.ListenerNetwork
)

// route creates a listener's load balancer, listener and target group in
// the network of the service or task that receives its traffic on the
// container port, and returns the listener. Load balancers are made here, not up front,
// because their VPC is the one their targets run in.
func (x *expander) route(name string, n *Network, targetType string, port int) *Listener {
	m := x.model.Listeners[name]
	lb := &LoadBalancer{Name: name, Type: m.Kind(), Public: true, Network: n}
	lb.SecurityGroup = x.newSecurityGroup(name+"-load-balancer", "listeners."+name,
		fmt.Sprintf("Load balancer %s: admits port %d from the internet", name, m.Port), n)
	lb.SecurityGroup.Ingress = append(lb.SecurityGroup.Ingress, Rule{
		Description: fmt.Sprintf("Internet clients to listener %s", name),
		Protocol:    ProtocolTCP, FromPort: m.Port, ToPort: m.Port, CIDR: anywhereIPv4,
	})
	l := &Listener{Name: name, LoadBalancer: lb, Port: m.Port, Protocol: "HTTP"}
	if lb.Type == TypeApplication {
		lb.DropInvalidHeaders = true
	} else {
		l.Protocol = "TCP"
	}
	targetProtocol := l.Protocol // TLS ends at the load balancer
	if m.CertificateArn != "" {
		l.CertificateArn, l.SslPolicy = m.CertificateArn, m.SslPolicy
		if l.SslPolicy == "" {
			l.SslPolicy = model.DefaultSslPolicy
		}
		l.Protocol = map[string]string{"HTTP": "HTTPS", "TCP": "TLS"}[l.Protocol]
	}
	lb.Listeners = append(lb.Listeners, l)
	if m.RedirectHttp {
		lb.SecurityGroup.Ingress = append(lb.SecurityGroup.Ingress, Rule{
			Description: fmt.Sprintf("Internet clients to listener %s's HTTP redirect", name),
			Protocol:    ProtocolTCP, FromPort: 80, ToPort: 80, CIDR: anywhereIPv4,
		})
		lb.Listeners = append(lb.Listeners, &Listener{
			Name: name + "-http-redirect", LoadBalancer: lb, Port: 80, Protocol: "HTTP", RedirectTo: l,
		})
	}
	x.app.LoadBalancers = append(x.app.LoadBalancers, lb)

	tg := &TargetGroup{
		Name:                       name,
		Port:                       port,
		Protocol:                   targetProtocol,
		TargetType:                 targetType,
		Network:                    n,
		DeregistrationDelaySeconds: 60,
	}
	if targetProtocol == "TCP" {
		tg.HealthCheck = HealthCheck{Protocol: "TCP", Port: "traffic-port", IntervalSeconds: 30, TimeoutSeconds: 10,
			HealthyThresholdCount: 3, UnhealthyThresholdCount: 3}
	} else {
		// 200-399: an app that redirects / to a login page is healthy.
		tg.HealthCheck = HealthCheck{Protocol: "HTTP", Port: "traffic-port", Path: "/", Matcher: "200-399",
			IntervalSeconds: 30, TimeoutSeconds: 5, HealthyThresholdCount: 5, UnhealthyThresholdCount: 2}
	}
	l.TargetGroup = tg
	x.listeners[name] = l
	return l
}

// Target types: ip for awsvpc tasks, which have their own address;
// instance for bridge and host tasks, reached through their instance.
const (
	TargetIP       = "ip"
	TargetInstance = "instance"
)
