package cfn

import "github.com/ecsgen/ecsgen/pkg/expand"

// addTriggers renders what starts tasks: a schedule each, and one API for
// all HTTP triggers.
func addTriggers(t *Template, triggers []*expand.Trigger) {
	var routes []*expand.Trigger
	shared := map[*expand.Role]bool{} // the triggers of one kind on one task share a role
	for _, tr := range triggers {
		if !shared[tr.Role] {
			shared[tr.Role] = true
			addRole(t, tr.Role, "tasks."+tr.Task.Name+".triggers")
		}
		if tr.Route != nil {
			routes = append(routes, tr)
			continue
		}
		addSchedule(t, tr, "tasks."+tr.Task.Name+".triggers")
	}
	if len(routes) > 0 {
		addAPI(t, routes)
	}
}
