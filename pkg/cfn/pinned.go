package cfn

import (
	"slices"

	"github.com/awslabs/goformation/v7/cloudformation"
	"github.com/awslabs/goformation/v7/cloudformation/ecs"
)

// overlay is a goformation resource extended with newer properties
// (rollableService); Unwrap returns the resource it extends.
type overlay interface {
	Unwrap() cloudformation.Resource
}

// asService returns the ECS service r is, directly or under an overlay.
func asService(r cloudformation.Resource) (*ecs.Service, bool) {
	if o, ok := r.(overlay); ok {
		r = o.Unwrap()
	}
	s, ok := r.(*ecs.Service)
	return s, ok
}

// ServiceIDs returns the logical IDs of the template's ECS services,
// sorted.
func (t *Template) ServiceIDs() []string {
	var ids []string
	for id, r := range t.t.Resources {
		if _, ok := asService(r); ok {
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
		s, ok := asService(t.t.Resources[id])
		if !ok {
			continue
		}
		own := s.TaskDefinition
		s.TaskDefinition = &arn
		defer func() { s.TaskDefinition = own }()
	}
	return t.JSON()
}
