package model

import (
	"reflect"
	"strings"
)

// App is one ECS application, synthesized into one CloudFormation stack.
type App struct {
	// Name names the application and its stack: letters, digits and
	// hyphens, starting with a letter.
	Name string `yaml:"name"`
	// Clusters are ECS clusters, by name; services and tasks that name
	// none run in a cluster ecsgen creates in the default VPC.
	Clusters map[string]*Cluster `yaml:"clusters"`
	// Vpcs are VPCs clusters run in, by name.
	Vpcs map[string]*Vpc `yaml:"vpcs"`
	// Listeners are the load-balanced entry points, by name; containers
	// route traffic from them with portMappings.
	Listeners map[string]*Listener `yaml:"listeners"`
	// Services are long-running tasks kept at their desired count, by name.
	Services map[string]*Service `yaml:"services"`
	// Tasks are task definitions run on demand with `ecsgen run`, by name.
	Tasks map[string]*Task `yaml:"tasks"`
	// Outputs are stack outputs by name; values may reference the app,
	// such as ${listeners.web.endpoint.hostname}.
	Outputs map[string]string `yaml:"outputs"`
}

// appNamePattern is CloudFormation's stack-name rule, which the app name
// becomes.
var appNamePattern = lazyRegexp(`^[A-Za-z][A-Za-z0-9-]*$`)

// namePattern is the rule for the names of listeners, services and
// containers. They become parts of logical IDs and container names, so
// they keep to characters every one of those accepts.
var namePattern = lazyRegexp(`^[A-Za-z][A-Za-z0-9_-]*$`)

// maxNameLength keeps derived logical IDs and physical names well within
// AWS limits while leaving room for the suffixes ecsgen adds.
const maxNameLength = 32

func (a *App) validate(v *Errors) {
	validateRules(v, "", reflect.ValueOf(a).Elem())
	switch {
	case a.Name == "":
		v.add("name", "is required: name the application, e.g. `name: shop`")
	case len(a.Name) > 64:
		v.add("name", "%q is too long: %d characters, at most 64", a.Name, len(a.Name))
	case !appNamePattern().MatchString(a.Name):
		v.add("name", "%q is not a valid name: use up to 64 letters, digits and hyphens, starting with a letter", a.Name)
	}
	validateSection(v, "vpcs", a.Vpcs, func(p, _ string, n *Vpc) { n.validate(v, p) })
	validateSection(v, "clusters", a.Clusters, func(p, name string, c *Cluster) {
		if name == DefaultClusterName {
			v.add(p, "default names the cluster ecsgen creates for services that name none; choose another name")
		}
		c.validate(v, p, a)
	})
	validateSection(v, "listeners", a.Listeners, func(p, _ string, l *Listener) { l.validate(v, p) })
	if len(a.Services) == 0 && len(a.Tasks) == 0 {
		v.add("services", "is required: declare at least one service (or a task under tasks:)")
	}
	validateSection(v, "services", a.Services, func(p, name string, s *Service) { s.validate(v, p, name, a) })
	validateSection(v, "tasks", a.Tasks, func(p, name string, t *Task) {
		if a.Services[name] != nil {
			v.add(p, "a service is also named %q; services and tasks each get a task definition named after them, so give them different names", name)
		}
		t.validate(v, p, a)
	})
	validateDistinctNames(v, a)
	a.validateDiscoveryNames(v)
	a.validateTriggerRoutes(v)
	a.validateListenerUse(v)
	for _, name := range sortedKeys(a.Outputs) {
		validateOutput(v, field("outputs", name), name, a.Outputs[name], a)
	}
}

// validateSection checks the names in one section of the app and hands
// each entry to validate. A manifest never holds nil entries (an empty
// one decodes as all defaults); a Go program might.
func validateSection[T any](v *Errors, section string, entries map[string]*T, validate func(path, name string, entry *T)) {
	for _, name := range sortedKeys(entries) {
		p := field(section, name)
		validateName(v, p, name)
		if entries[name] == nil {
			v.add(p, "is nil; declare it with its fields, or as an empty value for all defaults")
			continue
		}
		validate(p, name, entries[name])
	}
}

// ownedTaskDefinition is a task definition with the manifest path of the
// service or task that declares it.
type ownedTaskDefinition struct {
	path string
	def  *TaskDefinition
}

// taskDefinitions lists the task definitions of services, then tasks.
func (a *App) taskDefinitions() []ownedTaskDefinition {
	var out []ownedTaskDefinition
	for _, name := range sortedKeys(a.Services) {
		if s := a.Services[name]; s != nil && s.TaskDefinition != nil {
			out = append(out, ownedTaskDefinition{field(field("services", name), "taskDefinition"), s.TaskDefinition})
		}
	}
	for _, name := range sortedKeys(a.Tasks) {
		if t := a.Tasks[name]; t != nil {
			out = append(out, ownedTaskDefinition{field("tasks", name), &t.TaskDefinition})
		}
	}
	return out
}

// validateDistinctNames rejects names in one section that differ only in
// case or punctuation: logical IDs drop both, so my-app and my_app would
// name the same resources.
func validateDistinctNames(v *Errors, a *App) {
	type named struct{ name, path string }
	in := func(section string, names []string) []named {
		out := make([]named, len(names))
		for i, n := range names {
			out[i] = named{n, field(section, n)}
		}
		return out
	}
	// Services and tasks share one namespace: both get a task definition
	// named after them.
	sections := [][]named{
		in("clusters", sortedKeys(a.Clusters)),
		in("vpcs", sortedKeys(a.Vpcs)),
		in("listeners", sortedKeys(a.Listeners)),
		append(in("services", sortedKeys(a.Services)), in("tasks", sortedKeys(a.Tasks))...),
	}
	for _, section := range sections {
		seen := map[string]named{}
		for _, n := range section {
			key := strings.ToLower(strings.Map(func(r rune) rune {
				if r == '-' || r == '_' {
					return -1
				}
				return r
			}, n.name))
			prev, dup := seen[key]
			switch {
			case !dup:
				seen[key] = n
			case prev.name != n.name: // a service and a task of one name: reported above
				v.add(n.path, "differs from %s only in case or punctuation; both would name the same CloudFormation resources", prev.path)
			}
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
	switch {
	case len(name) > maxNameLength:
		v.add(path, "%q is too long: %d characters, at most %d (names become parts of logical IDs and AWS names)", name, len(name), maxNameLength)
	case !namePattern().MatchString(name):
		v.add(path, "%q is not a valid name: use up to %d letters, digits, hyphens and underscores, starting with a letter", name, maxNameLength)
	}
}
