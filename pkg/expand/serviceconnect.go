package expand

import (
	"fmt"

	"github.com/ecsgen/ecsgen/pkg/model"
)

// Namespace is the app's Cloud Map HTTP namespace, in which services
// find each other through Service Connect.
type Namespace struct {
	// Name is the app's name; the stack's own name is used in AWS, which
	// is unique in the account and region as namespace names must be.
	Name string
}

// ServiceConnect is a service's place in the namespace: a client only,
// or with Server set, also reachable by name.
type ServiceConnect struct {
	Namespace *Namespace
	Server    *ConnectServer
}

// ConnectServer is the port other services reach a service on.
type ConnectServer struct {
	// PortName names the container's port mapping.
	PortName string
	// DiscoveryName is the name callers use: http://DiscoveryName:Port.
	DiscoveryName string
	Port          int
}

func (x *expander) expandServiceConnect(s *Service, m *model.Service) {
	sc := m.ServiceConnect
	if sc == nil {
		return
	}
	if x.app.Namespace == nil {
		x.app.Namespace = &Namespace{Name: x.app.Name}
	}
	s.Connect = &ServiceConnect{Namespace: x.app.Namespace}
	if sc.Port != "" {
		_, pm := m.TaskDefinition.NamedPort(sc.Port)
		s.Connect.Server = &ConnectServer{PortName: sc.Port, DiscoveryName: sc.Discovery(s.Name), Port: x.containerPort(*pm)}
	}
}

// connectServices admits every service in the namespace to the port of
// every other one that serves there: Service Connect's proxy calls the
// tasks directly, through their security groups.
func (x *expander) connectServices() {
	type rule struct {
		from, to *SecurityGroup
		port     int
	}
	done := map[rule]bool{}
	for _, server := range x.app.Services {
		if server.Connect == nil || server.Connect.Server == nil || server.Network == nil {
			continue
		}
		for _, client := range x.app.Services {
			if client == server || client.Connect == nil || client.Network == nil {
				continue
			}
			port := server.Connect.Server.Port
			for _, from := range client.Network.SecurityGroups {
				for _, to := range server.Network.SecurityGroups {
					if r := (rule{from, to, port}); !done[r] {
						done[r] = true
						allowPorts(from, to, port, port, fmt.Sprintf("Service Connect from service %s to service %s", client.Name, server.Name))
					}
				}
			}
		}
	}
}
