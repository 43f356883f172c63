package model

import "fmt"

// Route is one port mapping that receives a listener's traffic: the
// listener's default route when it has no rule, else a rule's.
type Route struct {
	// Owner is the name of the service or task whose containers it feeds.
	Owner string
	// Container is the container's name.
	Container string
	// Mapping is the port mapping itself.
	Mapping PortMapping
	// path is the port mapping's place in the manifest, for messages.
	path string
	// vpc names the VPC the owner runs in; "" is the default VPC.
	vpc string
}

// Routes lists the routes of each listener, services' before tasks', each
// by name.
func (a *App) Routes() map[string][]Route {
	out := map[string][]Route{}
	add := func(owner, path, cluster string, def *TaskDefinition) {
		vpc := ""
		if c := a.Clusters[cluster]; c != nil {
			vpc = c.Vpc
		}
		for _, c := range def.NamedContainers() {
			for i, pm := range c.Container.PortMappings {
				if pm.Listener == "" {
					continue
				}
				p := index(field(def.containerPath(path, c.Name), "portMappings"), i)
				out[pm.Listener] = append(out[pm.Listener], Route{owner, c.Name, pm, p, vpc})
			}
		}
	}
	for _, name := range sortedKeys(a.Services) {
		if s := a.Services[name]; s != nil && s.TaskDefinition != nil {
			add(name, field(field("services", name), "taskDefinition"), s.Cluster, s.TaskDefinition)
		}
	}
	for _, name := range sortedKeys(a.Tasks) {
		if t := a.Tasks[name]; t != nil {
			add(name, field("tasks", name), t.Cluster, &t.TaskDefinition)
		}
	}
	return out
}

// validateListenerUse checks each listener's routes: it has at least one,
// at most one default route, and rules that each reach requests no other
// rule takes first, in one VPC.
func (a *App) validateListenerUse(v *Errors) {
	routes := a.Routes()
	for _, name := range sortedKeys(a.Listeners) {
		l := a.Listeners[name]
		if l == nil {
			continue
		}
		if len(routes[name]) == 0 {
			v.add(field("listeners", name), "no container uses this listener; route it with `portMappings: [{listener: %s}]` or remove it", name)
			continue
		}
		validateRoutes(v, name, l, routes[name])
	}
}

func validateRoutes(v *Errors, name string, l *Listener, routes []Route) {
	var def *Route
	owners := map[string]string{}
	var rules []Route
	for i, r := range routes {
		p := field(r.path, "listener")
		if prev, ok := owners[r.Owner]; ok {
			v.add(p, "this service or task already routes listener %s at %s; each takes one route per listener", name, prev)
			continue
		}
		owners[r.Owner] = r.path
		if r.vpc != routes[0].vpc {
			v.add(p, "runs in %s but listener %s already routes to %s in %s; a load balancer and its targets share one VPC", vpcName(r.vpc), name, routes[0].Owner, vpcName(routes[0].vpc))
		}
		switch {
		case r.Mapping.Rule != nil && l.Kind() == ListenerNetwork:
			v.add(field(r.path, "rule"), "network listeners forward everything to one target group and have no rules; use type: application, or a listener of its own")
		case r.Mapping.Rule != nil:
			rules = append(rules, routes[i])
		case def != nil:
			v.add(p, "listener %s already sends its default traffic to %s; give this mapping a rule (paths or hosts), or a listener of its own", name, def.path)
		default:
			def = &routes[i]
		}
	}
	if len(rules) > maxRulesPerListener {
		v.add(field("listeners", name), "has %d rules; an ALB listener takes at most %d", len(rules), maxRulesPerListener)
	}
	validateRulePriorities(v, rules)
}

// validateRulePriorities rejects two rules with one priority, two rules
// that match the same requests, and a rule that a rule tried before it
// leaves nothing to match.
func validateRulePriorities(v *Errors, rules []Route) {
	for i, b := range rules {
		pb := b.Mapping.Rule.PriorityFor(b.Owner)
		for _, a := range rules[:i] {
			pa := a.Mapping.Rule.PriorityFor(a.Owner)
			switch {
			case pa == pb:
				v.add(field(field(b.path, "rule"), "priority"), "%d is also the priority of the rule at %s%s; give one of them another priority", pb, a.path, derivedNote(a, b))
			case a.Mapping.Rule.covers(b.Mapping.Rule) && b.Mapping.Rule.covers(a.Mapping.Rule):
				v.add(field(b.path, "rule"), "matches the same requests as the rule at %s; routes must differ in paths or hosts", a.path)
			case pa < pb && a.Mapping.Rule.covers(b.Mapping.Rule):
				v.add(field(b.path, "rule"), "is never reached: the rule at %s (priority %d) matches every request this one does and is tried first; give this rule a lower priority number than that one", a.path, pa)
			case pb < pa && b.Mapping.Rule.covers(a.Mapping.Rule):
				v.add(field(a.path, "rule"), "is never reached: the rule at %s (priority %d) matches every request this one does and is tried first; give this rule a lower priority number than that one", b.path, pb)
			}
		}
	}
}

// derivedNote explains a clash of priorities that ecsgen derived.
func derivedNote(a, b Route) string {
	if a.Mapping.Rule.Priority == nil && b.Mapping.Rule.Priority == nil {
		return fmt.Sprintf(" (both derived from the first three characters of %s and %s)", a.Owner, b.Owner)
	}
	if a.Mapping.Rule.Priority == nil || b.Mapping.Rule.Priority == nil {
		return " (one derived from its service's name)"
	}
	return ""
}

func vpcName(vpc string) string {
	if vpc == "" {
		return "the default VPC"
	}
	return "VPC " + vpc
}

// RouteTargetGroup returns the settings of the target group this mapping
// registers with on listener l: its own for a rule's route, else the
// listener's. The result may be nil.
func (pm PortMapping) RouteTargetGroup(l *Listener) *TargetGroup {
	if pm.Rule != nil {
		return pm.TargetGroup
	}
	return l.TargetGroup
}

// TargetPort is the port the mapping receives listener l's traffic on,
// before containerPort overrides it: its target group's port, else the
// listener's.
func (pm PortMapping) TargetPort(l *Listener) int {
	if tg := pm.RouteTargetGroup(l); tg != nil && tg.Port != 0 {
		return tg.Port
	}
	return l.Port
}

func (pm PortMapping) validateRoute(v *Errors, path string, l *Listener) {
	if pm.Rule != nil {
		pm.Rule.validate(v, field(path, "rule"))
	}
	if pm.TargetGroup == nil {
		return
	}
	if pm.Rule == nil {
		v.add(field(path, "targetGroup"), "sets the target group of a rule's route; this mapping is listener %s's default route, whose target group is set under listeners.%s.targetGroup", pm.Listener, pm.Listener)
		return
	}
	pm.TargetGroup.validate(v, field(path, "targetGroup"), l.Kind())
}
