package compose

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/compose-spec/compose-go/v2/types"
	"github.com/ecsgen/ecsgen/pkg/importer"
	"github.com/ecsgen/ecsgen/pkg/model"
)

// httpPorts are the ports web servers and app frameworks serve plain HTTP
// on by default (nginx, Express, Django, Flask, Rails, Spring, Vite,
// Angular...): a published port among them gets an application load
// balancer, any other a network one, which passes TCP through unread.
var httpPorts = map[int]bool{80: true, 3000: true, 4200: true, 5000: true, 5173: true, 8000: true, 8008: true, 8080: true, 8081: true, 8088: true, 8888: true}

// tlsPorts serve TLS from the container itself: a network listener passes
// it through, where an application load balancer would talk plain HTTP to
// a TLS port.
var tlsPorts = map[int]bool{443: true, 8443: true}

func (c *converter) ports(s *svc) {
	mapped := map[string]string{} // "port/proto" -> the listener or "expose" that took it
	for i, p := range s.compose.Ports {
		keys := s.keys("ports")
		target, proto := int(p.Target), p.Protocol
		if proto == "" {
			proto = "tcp"
		}
		key := fmt.Sprintf("%d/%s", target, proto)
		if by, dup := mapped[key]; dup {
			c.report(keys, "port %d: container port %s already has %s; ECS maps each container port once, so publish it once", i+1, key, by)
			continue
		}
		if p.Published == "" {
			c.containerPort(s, target, proto)
			mapped[key] = "a containerPort"
			continue
		}
		published, err := strconv.Atoi(p.Published)
		if err != nil {
			c.report(keys, "port %d: %s publishes a range; a listener has one port: publish each port on its own line", i+1, p.Published)
			continue
		}
		if proto != "tcp" {
			c.containerPort(s, target, proto)
			mapped[key] = "a containerPort"
			c.report(keys, "port %d: load balancers here forward TCP only, so %d/%s is opened in the task but not published; clients in the VPC can reach it", i+1, published, proto)
			continue
		}
		if p.HostIP != "" {
			c.report(keys, "port %d: a load balancer listens on every address, not only %s; the listener is internet-facing", i+1, p.HostIP)
		}
		mapped[key] = "listener " + c.listener(s, p, published, target)
	}
	for _, e := range s.compose.Expose {
		port, err := strconv.Atoi(strings.TrimSuffix(e, "/tcp"))
		if err != nil {
			c.report(s.keys("expose"), "%s: give single ports; ECS opens each one by itself", e)
			continue
		}
		if _, dup := mapped[fmt.Sprintf("%d/tcp", port)]; !dup {
			c.containerPort(s, port, "tcp")
			mapped[fmt.Sprintf("%d/tcp", port)] = "expose"
		}
	}
}

func (c *converter) containerPort(s *svc, port int, proto string) {
	pm := model.PortMapping{ContainerPort: &port}
	if proto != "tcp" {
		pm.Protocol = proto
	}
	s.container.PortMappings = append(s.container.PortMappings, pm)
}

// listener declares a load-balanced entry point for a published port and
// routes it to the container, returning its name.
func (c *converter) listener(s *svc, p types.ServicePortConfig, published, target int) string {
	name := c.lbs.Name(s.name)
	if len(s.compose.Ports) > 1 {
		name = c.lbs.Name(s.name + "-" + strconv.Itoa(published))
	}
	l := &model.Listener{Port: published}
	if target != published {
		l.TargetGroup = &model.TargetGroup{Port: target}
	}
	kind, why := listenerKind(p, target)
	if kind == model.ListenerNetwork {
		l.Type = kind
	}
	if c.app.Listeners == nil {
		c.app.Listeners = map[string]*model.Listener{}
	}
	c.app.Listeners[name] = l
	c.res.Note(importer.Field("listeners", name), fmt.Sprintf("Compose service %s publishes %d (container port %d); %s", s.compose.Name, published, target, why))
	s.container.PortMappings = append(s.container.PortMappings, model.PortMapping{Listener: name})
	return name
}

// listenerKind chooses the load balancer for a published port: what the
// Compose file says (x-aws-protocol, as Docker's ECS integration read it,
// or app_protocol), else what the port is known for.
func listenerKind(p types.ServicePortConfig, target int) (kind, why string) {
	proto := p.AppProtocol
	if v, ok := p.Extensions["x-aws-protocol"].(string); ok {
		proto = v
	}
	switch strings.ToLower(proto) {
	case "http", "https", "http2", "grpc":
		return model.ListenerApplication, "it speaks " + proto + ", so an application load balancer"
	case "tcp", "tls", "udp":
		return model.ListenerNetwork, "it speaks " + proto + ", so a network load balancer"
	}
	switch {
	case tlsPorts[target]:
		return model.ListenerNetwork, "the container serves TLS itself, so a network load balancer passes it through; to end TLS at the load balancer instead, serve plain HTTP and give an application listener a certificateArn"
	case httpPorts[target]:
		return model.ListenerApplication, "an HTTP port, so an application load balancer"
	}
	return model.ListenerNetwork, "not a known HTTP port, so a network load balancer passes TCP through; make it type: application if it serves HTTP"
}
