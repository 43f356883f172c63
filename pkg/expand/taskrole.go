package expand

import "github.com/ecsgen/ecsgen/pkg/model"

// taskRole is the role ecsgen creates for a task definition's
// statements.
func taskRole(name string, m *model.TaskRole) *Role {
	r := &Role{Name: name + "-task", Principal: ecsTasksPrincipal}
	for _, s := range m.Statements {
		st := Statement{Actions: s.Actions, Deny: !s.Allows()}
		for _, res := range s.Resources {
			st.Resources = append(st.Resources, Resource{ARN: res})
		}
		r.Statements = append(r.Statements, st)
	}
	return r
}

// execActions are what the SSM agent in a task needs for ECS Exec, and
// all it needs: the control and data channels of a session.
var execActions = []string{
	"ssmmessages:CreateControlChannel",
	"ssmmessages:CreateDataChannel",
	"ssmmessages:OpenControlChannel",
	"ssmmessages:OpenDataChannel",
}

// allowExec lets the task role open ECS Exec sessions, creating the role
// if the task has none. A role given by ARN is the user's to extend.
func (td *TaskDefinition) allowExec() {
	if td.TaskRoleArn != "" {
		return
	}
	if td.TaskRole == nil {
		td.TaskRole = &Role{Name: td.Name + "-task", Principal: ecsTasksPrincipal}
	}
	// The ssmmessages actions have no resource type IAM could scope them
	// to: "*" is the only resource they take.
	td.TaskRole.Statements = append(td.TaskRole.Statements, Statement{Actions: execActions, Resources: []Resource{{ARN: "*"}}})
}
