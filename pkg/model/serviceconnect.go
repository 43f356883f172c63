package model

import "strings"

// ServiceConnect joins a service to the app's ECS Service Connect
// namespace, so services reach each other by name (http://worker:8080)
// through a proxy ECS adds to each task.
type ServiceConnect struct {
	// Port names a port mapping (portMappings[].name) other services reach
	// this one on; without it the service only calls others.
	Port string `yaml:"port"`
	// DiscoveryName is the name other services use for this one; default:
	// the service's name. A DNS label: lowercase letters, digits and
	// hyphens.
	DiscoveryName string `yaml:"discoveryName" ecsgen:"dnsLabel"`
}

// Discovery returns the name other services call this one by: the one
// given, else the service's name.
func (sc *ServiceConnect) Discovery(service string) string {
	if sc.DiscoveryName != "" {
		return sc.DiscoveryName
	}
	return service
}

// NamedPort returns the container and mapping of the port mapping named
// name, or nil.
func (t *TaskDefinition) NamedPort(name string) (string, *PortMapping) {
	for _, c := range t.NamedContainers() {
		for i := range c.Container.PortMappings {
			if pm := &c.Container.PortMappings[i]; pm.Name == name {
				return c.Name, pm
			}
		}
	}
	return "", nil
}

// validateServiceConnect checks a service's Service Connect settings.
func (s *Service) validateServiceConnect(v *Errors, path, name string, launch string) {
	sc := s.ServiceConnect
	if sc == nil || s.TaskDefinition == nil {
		return
	}
	p := field(path, "serviceConnect")
	if mode := s.TaskDefinition.Mode(launch); mode != NetworkModeAwsvpc {
		// ecsgen admits callers through the tasks' own security groups,
		// which only awsvpc tasks have.
		v.add(p, "needs awsvpc networking, so ecsgen can admit the callers to the tasks; this service's tasks use %s", mode)
	}
	if sc.Port == "" {
		if sc.DiscoveryName != "" {
			v.add(field(p, "discoveryName"), "only applies with port: name the port other services reach this one on")
		}
		return
	}
	if _, pm := s.TaskDefinition.NamedPort(sc.Port); pm == nil {
		v.add(field(p, "port"), "no port mapping is named %q; add `name: %s` to a portMappings entry", sc.Port, sc.Port)
	}
	if sc.DiscoveryName == "" && !rules["dnsLabel"].regexp().MatchString(name) {
		v.add(field(p, "discoveryName"), "is required: the service name %q is not a DNS label; give one such as %q", name, strings.ToLower(strings.ReplaceAll(name, "_", "-")))
	}
}

// validateDiscoveryNames rejects two services that would answer to one
// name in the namespace.
func (a *App) validateDiscoveryNames(v *Errors) {
	first := map[string]string{}
	for _, name := range sortedKeys(a.Services) {
		s := a.Services[name]
		if s == nil || s.ServiceConnect == nil || s.ServiceConnect.Port == "" {
			continue
		}
		d := s.ServiceConnect.Discovery(name)
		p := field(field(field("services", name), "serviceConnect"), "discoveryName")
		if prev, taken := first[d]; taken {
			v.add(p, "%q is already the discovery name of service %s; give each service its own", d, prev)
			continue
		}
		first[d] = name
	}
}
