package copilot

import (
	"strconv"
	"strings"

	"github.com/ecsgen/ecsgen/pkg/importer"
	"github.com/ecsgen/ecsgen/pkg/model"
	"go.yaml.in/yaml/v3"
)

// listeners turns http (the environment's shared Application Load
// Balancer: the public one for a Load Balanced Web Service, the internal
// one for a Backend Service) and nlb (a Network Load Balancer of the
// service's own) into listeners routed to the main container.
func (c *converter) listeners(w *workload, s *model.Service) {
	m := &w.m
	port := 80
	if m.Image.Port != nil {
		port = *m.Image.Port
	}
	httpOn := m.HTTP.Kind == yaml.MappingNode || m.HTTP.Kind == 0 && m.Type == loadBalanced
	if m.HTTP.Kind == yaml.ScalarNode && m.HTTP.Value != "false" {
		httpOn = m.Type == loadBalanced
	}
	if httpOn && m.Type == worker {
		c.report(w, []string{"http"}, "a %s takes no requests; the service gets no listener", m.Type)
		httpOn = false
	}
	if httpOn {
		var h httpConfig
		_ = m.HTTP.Decode(&h)
		c.route(w, s, h, port)
		w.routed = true
	}
	if m.NLB != nil {
		c.nlb(w, port)
	}
}

// rootCheck reports whether a Copilot health check is the path / with
// nothing else, which is what ecsgen's target groups check by default.
func rootCheck(n *yaml.Node) bool {
	if n.Kind == yaml.ScalarNode {
		return n.Value == "/" || n.Value == ""
	}
	p := value(n, "path")
	return len(n.Content) == 2 && p != nil && p.Value == "/"
}

func (c *converter) nlb(w *workload, mainPort int) {
	n := w.m.NLB
	num, proto, _ := strings.Cut(strings.ToLower(n.Port), "/")
	port, err := strconv.Atoi(num)
	if err != nil {
		c.report(w, []string{"nlb", "port"}, "%q is not a port such as 80/tcp; the network load balancer is left out", n.Port)
		return
	}
	target := mainPort
	if n.TargetPort != nil {
		target = *n.TargetPort
	}
	switch proto {
	case "", "tcp":
	case "tls":
		c.report(w, []string{"nlb", "port"}, "TLS needs the certificate Copilot took from the environment: the listener passes TCP through; give it certificateArn to end TLS at the load balancer")
	default:
		c.report(w, []string{"nlb", "port"}, "ecsgen's network listeners forward TCP only, not %s; the network load balancer is left out", proto)
		return
	}
	if len(w.container.PortMappings) > 0 && target == mainPort {
		c.report(w, []string{"nlb"}, "the http listener already routes container port %d, and ecsgen maps each container port once; give nlb a target_port of its own", target)
		return
	}
	name := c.lbs.Name(w.name + "-nlb")
	l := &model.Listener{Type: model.ListenerNetwork, Port: port}
	if target != port {
		l.TargetGroup = &model.TargetGroup{Port: target}
	}
	c.addListener(name, l, "Copilot's nlb for "+w.m.Name)
	w.container.PortMappings = append(w.container.PortMappings, model.PortMapping{Listener: name})
}

func (c *converter) addListener(name string, l *model.Listener, note string) {
	if c.app.Listeners == nil {
		c.app.Listeners = map[string]*model.Listener{}
	}
	c.app.Listeners[name] = l
	c.res.Note(importer.Field("listeners", name), note)
}
