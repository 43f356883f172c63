package model

import "regexp"

// App is one ECS application, synthesized into one CloudFormation stack.
type App struct {
	// Name names the application and its stack: letters, digits and
	// hyphens, starting with a letter.
	Name string `yaml:"name"`
	// Listeners are the load-balanced entry points, by name; containers
	// route traffic from them with portMappings.
	Listeners map[string]*Listener `yaml:"listeners"`
	// Services are long-running tasks kept at their desired count, by name.
	Services map[string]*Service `yaml:"services"`
	// Outputs are stack outputs by name; values may reference the app,
	// such as ${listeners.web.endpoint.hostname}.
	Outputs map[string]string `yaml:"outputs"`
}

// appNamePattern is CloudFormation's stack-name rule, which the app name
// becomes.
var appNamePattern = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9-]*$`)

// namePattern is the rule for the names of listeners, services and
// containers. They become parts of logical IDs and container names, so
// they keep to characters every one of those accepts.
var namePattern = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_-]*$`)

// maxNameLength keeps derived logical IDs and physical names well within
// AWS limits while leaving room for the suffixes ecsgen adds.
const maxNameLength = 32

func (a *App) validate(v *Errors) {
	switch {
	case a.Name == "":
		v.add("name", "is required: name the application, e.g. `name: shop`")
	case len(a.Name) > 64 || !appNamePattern.MatchString(a.Name):
		v.add("name", "%q is not a valid name: use up to 64 letters, digits and hyphens, starting with a letter", a.Name)
	}
	for _, name := range sortedKeys(a.Listeners) {
		p := field("listeners", name)
		validateName(v, p, name)
		if a.Listeners[name] == nil {
			v.add(p, "is empty: give at least a port, e.g. `port: 80`")
			continue
		}
		a.Listeners[name].validate(v, p)
	}
	if len(a.Services) == 0 {
		v.add("services", "is required: declare at least one service")
	}
	for _, name := range sortedKeys(a.Services) {
		p := field("services", name)
		validateName(v, p, name)
		if a.Services[name] == nil {
			v.add(p, "is empty: give at least a taskDefinition with one container")
			continue
		}
		a.Services[name].validate(v, p, a)
	}
	a.validateListenerUse(v)
	for _, name := range sortedKeys(a.Outputs) {
		validateOutput(v, field("outputs", name), name, a.Outputs[name], a)
	}
}

// validateListenerUse checks that each listener feeds exactly one
// container port: a listener forwards to one target group, a target group
// serves one service, and a listener with no target has nowhere to send
// its traffic.
func (a *App) validateListenerUse(v *Errors) {
	first := map[string]string{}
	for _, sname := range sortedKeys(a.Services) {
		s := a.Services[sname]
		if s == nil || s.TaskDefinition == nil {
			continue
		}
		for _, c := range s.TaskDefinition.NamedContainers() {
			for i, pm := range c.Container.PortMappings {
				if pm.Listener == "" {
					continue
				}
				p := index(field(s.TaskDefinition.containerPath(field(field("services", sname), "taskDefinition"), c.Name), "portMappings"), i)
				if prev, taken := first[pm.Listener]; taken {
					v.add(field(p, "listener"), "listener %q already routes to %s; give each service its own listener", pm.Listener, prev)
					continue
				}
				first[pm.Listener] = p
			}
		}
	}
	for _, name := range sortedKeys(a.Listeners) {
		if _, used := first[name]; !used && a.Listeners[name] != nil {
			v.add(field("listeners", name), "no container uses this listener; route it with `portMappings: [{listener: %s}]` or remove it", name)
		}
	}
}

// Validate reports every problem in the app as *Errors, or nil. Paths in
// the errors use the manifest's field names.
func (a *App) Validate() error {
	var v Errors
	a.validate(&v)
	return v.orNil()
}

func validateName(v *Errors, path, name string) {
	if len(name) > maxNameLength || !namePattern.MatchString(name) {
		v.add(path, "%q is not a valid name: use up to %d letters, digits, hyphens and underscores, starting with a letter", name, maxNameLength)
	}
}
