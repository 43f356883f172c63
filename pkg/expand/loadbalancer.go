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
	// Public makes the load balancer internet-facing, in public subnets;
	// otherwise it is internal, in the subnets tasks use.
	Public  bool
	Network *Network
	// SecurityGroup guards the load balancer: it admits the listener ports
	// from the allowed sources and lets traffic out only to the targets
	// behind it, each on its port.
	SecurityGroup *SecurityGroup
	// DropInvalidHeaders makes an application load balancer drop HTTP
	// headers with invalid names instead of passing them to targets, a
	// request-smuggling defence AWS leaves off by default.
	DropInvalidHeaders bool
	// AccessLogs is where the load balancer writes its access logs, or
	// nil.
	AccessLogs *AccessLogs
	Listeners  []*Listener
}

// Listener is one port a load balancer listens on and where it forwards.
type Listener struct {
	Name         string
	LoadBalancer *LoadBalancer
	Port         int
	// Protocol is HTTP or HTTPS for application listeners, TCP or TLS for
	// network ones.
	Protocol string
	// CertificateArn and SslPolicy are set for HTTPS and TLS listeners;
	// CertificateArn is empty when Domain.Certificate makes one.
	CertificateArn string
	SslPolicy      string
	// TargetGroup receives the requests no rule takes; when nil, the
	// listener answers them with a 404.
	TargetGroup *TargetGroup
	// Rules send matching requests to target groups of their own.
	Rules []*ListenerRule
	// RedirectTo, instead of a target group, answers every request with a
	// permanent redirect to that HTTPS listener.
	RedirectTo *Listener
	// Domain is the DNS name the listener is reached at, or nil.
	Domain *Domain
}

// Domain is a DNS alias for a load balancer in a Route 53 hosted zone.
type Domain struct {
	Name         string
	HostedZoneID string
	// Certificate asks for a DNS-validated ACM certificate for Name,
	// validated through records in the same zone.
	Certificate bool
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
	// its open connections.
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

// listener returns the listener name and its load balancer, made on first
// use in network n: their VPC is the one their targets run in, and
// validation keeps all of a listener's targets in one.
func (x *expander) listener(name string, n *Network) *Listener {
	if l, ok := x.listeners[name]; ok {
		return l
	}
	m := x.model.Listeners[name]
	lb := &LoadBalancer{Name: name, Type: m.Kind(), Public: m.IsExternal(), Network: n}
	sources := allowedSources(m, n)
	lb.SecurityGroup = x.newSecurityGroup(name+"-load-balancer", "listeners."+name,
		fmt.Sprintf("Load balancer %s: admits port %d from %s", name, m.Port, sources.summary), n)
	sources.admit(lb.SecurityGroup, m.Port, "listener "+name)
	l := &Listener{Name: name, LoadBalancer: lb, Port: m.Port, Protocol: "HTTP"}
	if lb.Type == TypeApplication {
		lb.DropInvalidHeaders = true
	} else {
		l.Protocol = "TCP"
	}
	lb.AccessLogs = x.accessLogs(lb, m.AccessLogs)
	if m.ServesTLS() {
		l.CertificateArn, l.SslPolicy = m.CertificateArn, m.SslPolicy
		if l.SslPolicy == "" {
			l.SslPolicy = model.DefaultSslPolicy
		}
		l.Protocol = map[string]string{"HTTP": "HTTPS", "TCP": "TLS"}[l.Protocol]
	}
	if d := m.Domain; d != nil {
		l.Domain = &Domain{Name: d.Name, HostedZoneID: d.HostedZoneId, Certificate: m.CertificateArn == ""}
	}
	lb.Listeners = append(lb.Listeners, l)
	if m.RedirectHttp {
		sources.admit(lb.SecurityGroup, 80, fmt.Sprintf("listener %s's HTTP redirect", name))
		lb.Listeners = append(lb.Listeners, &Listener{
			Name: name + "-http-redirect", LoadBalancer: lb, Port: 80, Protocol: "HTTP", RedirectTo: l,
		})
	}
	x.app.LoadBalancers = append(x.app.LoadBalancers, lb)
	x.listeners[name] = l
	return l
}

// route registers a container port of owner (a service or task) with
// listener name: as its default route, or behind the mapping's rule. It
// returns the listener and the route's target group, and the rule if any.
func (x *expander) route(owner string, pm model.PortMapping, n *Network, targetType string, port int) (*Listener, *TargetGroup, *ListenerRule) {
	l := x.listener(pm.Listener, n)
	tgName := pm.Listener
	if pm.Rule != nil {
		tgName = pm.Listener + "-" + owner
	}
	tg := newTargetGroup(tgName, l, targetType, port, pm.RouteTargetGroup(x.model.Listeners[pm.Listener]))
	if pm.Rule == nil {
		l.TargetGroup = tg
		return l, tg, nil
	}
	r := &ListenerRule{
		Name: tgName, Listener: l, Priority: pm.Rule.PriorityFor(owner),
		Paths: pm.Rule.Paths, Hosts: pm.Rule.Hosts, TargetGroup: tg,
	}
	l.Rules = append(l.Rules, r)
	return l, tg, r
}

// Target types: ip for awsvpc tasks, which have their own address;
// instance for bridge and host tasks, reached through their instance.
const (
	TargetIP       = "ip"
	TargetInstance = "instance"
)
