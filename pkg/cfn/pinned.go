package cfn

import (
	"slices"

	"github.com/awslabs/goformation/v7/cloudformation/ecs"
)

// ServiceIDs returns the logical IDs of the template's ECS services,
// sorted.
func (t *Template) ServiceIDs() []string {
	var ids []string
	for id, r := range t.t.Resources {
		if _, ok := r.(*ecs.Service); ok {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	return ids
}

// JSONWithServicesOn renders the template with the services named in
// taskDefs (logical ID -> task definition ARN) kept on those task
// definitions: everything else changes, the services do not roll. Deploy
// uses it to run release tasks with the new task definitions before the
// services move to them.
func (t *Template) JSONWithServicesOn(taskDefs map[string]string) ([]byte, error) {
	for id, arn := range taskDefs {
		s, ok := t.t.Resources[id].(*ecs.Service)
		if !ok {
			continue
		}
		own := s.TaskDefinition
		s.TaskDefinition = &arn
		defer func() { s.TaskDefinition = own }()
	}
	return t.JSON()
}
