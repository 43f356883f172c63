package copilot

import (
	"fmt"
	"strings"

	"github.com/ecsgen/ecsgen/pkg/importer"
	"github.com/ecsgen/ecsgen/pkg/model"
	"go.yaml.in/yaml/v3"
)

// connectPort is the name the importer gives the port mapping Service
// Connect serves, the main container's image.port.
const connectPort = "app"

// connect turns network.connect into serviceConnect: a service with an
// image.port serves at http://NAME:PORT as in Copilot (NAME the alias or
// the service's name); one without only calls others.
func (c *converter) connect(w *workload, s *model.Service) {
	n := &w.m.Network.Connect
	var alias string
	switch n.Kind {
	case yaml.ScalarNode:
		if n.Value != "true" {
			return
		}
	case yaml.MappingNode:
		var cc connect
		if err := n.Decode(&cc); err != nil {
			c.report(w, []string{"network", "connect"}, "does not read as true or {alias: NAME}; the service is not joined to Service Connect")
			return
		}
		alias = cc.Alias
	default:
		return
	}
	sc := &model.ServiceConnect{}
	s.ServiceConnect = sc
	path := importer.Field(importer.Field("services", w.name), "serviceConnect")
	port := w.m.Image.Port
	if port == nil {
		c.res.Note(path, "Copilot's network.connect: without image.port the service only calls others")
		return
	}
	pm := servingMapping(c.app, w.container, *port)
	if pm == nil {
		c.report(w, []string{"network", "connect"}, "image.port %d has no port mapping to serve on; the service only calls others", *port)
		return
	}
	pm.Name = connectPort
	sc.Port = connectPort
	name := alias
	if name == "" {
		name = w.m.Name
	}
	switch d := strings.ToLower(name); {
	case d == w.name:
	case model.Matches("dnsLabel", d):
		sc.DiscoveryName = d
	default:
		c.report(w, []string{"network", "connect"}, "%q is not a DNS label (lowercase letters, digits, hyphens), which Service Connect names are; callers reach the service as %s", name, w.name)
	}
	c.res.Note(path, fmt.Sprintf("Copilot's network.connect: other services call http://%s:%d", sc.Discovery(w.name), *port))
}

// servingMapping is the port mapping of ct that opens port, given or as a
// listener's target port.
func servingMapping(app *model.App, ct *model.Container, port int) *model.PortMapping {
	for i := range ct.PortMappings {
		pm := &ct.PortMappings[i]
		if pm.ContainerPort != nil && *pm.ContainerPort == port {
			return pm
		}
		if l := app.Listeners[pm.Listener]; l != nil && pm.TargetPort(l) == port {
			return pm
		}
	}
	return nil
}
