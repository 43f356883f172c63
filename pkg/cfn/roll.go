package cfn

import (
	"encoding/json"

	"github.com/awslabs/goformation/v7/cloudformation"
	"github.com/awslabs/goformation/v7/cloudformation/ecs"
	"github.com/ecsgen/ecsgen/pkg/expand"
)

// rollParameter takes the nonce of ForceNewDeployment: a new value starts
// new tasks in every service, which read their secrets' current values,
// and changes nothing else.
const rollParameter = "RollNonce"

// rollDefault is the nonce of a stack's first deploy; CloudFormation
// refuses an empty one.
const rollDefault = "initial"

// ForceNewDeployment makes ECS start a new deployment of a service when
// ForceNewDeploymentNonce changes, even if nothing else does.
type ForceNewDeployment struct {
	EnableForceNewDeployment bool   `json:"EnableForceNewDeployment"`
	ForceNewDeploymentNonce  string `json:"ForceNewDeploymentNonce,omitempty"`
}

// rollableService is an ecs.Service with ForceNewDeployment, a property
// CloudFormation added after the schema goformation v7.14.9 follows.
type rollableService struct {
	*ecs.Service
	ForceNewDeployment *ForceNewDeployment
}

// Unwrap returns the goformation resource the overlay extends, for code
// that reads a template's resources by their goformation types.
func (s rollableService) Unwrap() cloudformation.Resource { return s.Service }

// MarshalJSON renders the service as goformation does, with
// ForceNewDeployment among its properties.
func (s rollableService) MarshalJSON() ([]byte, error) {
	base, err := s.Service.MarshalJSON()
	if err != nil || s.ForceNewDeployment == nil {
		return base, err
	}
	var resource, props map[string]json.RawMessage
	if err := json.Unmarshal(base, &resource); err != nil {
		return nil, err
	}
	if err := json.Unmarshal(resource["Properties"], &props); err != nil {
		return nil, err
	}
	if props["ForceNewDeployment"], err = json.Marshal(s.ForceNewDeployment); err != nil {
		return nil, err
	}
	if resource["Properties"], err = json.Marshal(props); err != nil {
		return nil, err
	}
	return json.Marshal(resource)
}

// rollable lets deploy roll the service's tasks by changing the roll
// parameter, and tells deploy which secrets the tasks read, whose new
// versions call for a roll.
func (t *Template) rollable(s *ecs.Service, td *expand.TaskDefinition, owner string) rollableService {
	for _, c := range td.Containers {
		for _, sv := range c.Secrets {
			t.inputs.ServiceSecrets = append(t.inputs.ServiceSecrets, SecretInput{Owner: owner, Container: c.Name, Variable: sv.Name, Secret: sv.Secret})
		}
	}
	t.shareParameter(rollParameter, cloudformation.Parameter{
		Type:    "String",
		Default: rollDefault,
		Description: new("Changing this starts new tasks in every service, which read their secrets' current values; " +
			"ecsgen deploy --roll sets it, and otherwise keeps its previous value."),
	})
	t.inputs.RollParameter = rollParameter
	return rollableService{s, &ForceNewDeployment{EnableForceNewDeployment: true, ForceNewDeploymentNonce: cloudformation.Ref(rollParameter)}}
}
