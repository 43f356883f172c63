package expand

import (
	"strconv"

	"github.com/ecsgen/ecsgen/pkg/model"
)

// Trigger starts a task: on a schedule, or on a request to the app's API.
type Trigger struct {
	// Name is the task's name and the trigger's place in its list, for
	// logical IDs: report-1.
	Name string
	Task *Task
	// Schedule is an EventBridge Scheduler expression; Route is set
	// instead for an HTTP trigger.
	Schedule string
	Route    *Route
	// Role is what the scheduler or API Gateway assumes to start the
	// task: it may run exactly this task definition, in its cluster, and
	// pass exactly its roles. The triggers of one kind on one task share
	// it.
	Role *Role
	// Runner, for a singleton schedule, is the role of the state machine
	// the schedule starts instead of the task: it runs the task only when
	// no copy of it is running. Role then may start only that machine.
	Runner *Role
}

// Route is a method and path of the app's API.
type Route struct {
	Method string
	Path   string
}

// Principals of the services that start tasks.
const (
	schedulerPrincipal     = "scheduler.amazonaws.com"
	apiGatewayPrincipal    = "apigateway.amazonaws.com"
	stepFunctionsPrincipal = "states.amazonaws.com"
)

func (x *expander) expandTriggers(t *Task, m *model.Task) {
	var schedulerRole, apiRole *Role
	for i, mt := range m.Triggers {
		tr := &Trigger{Name: t.Name + "-" + strconv.Itoa(i+1), Task: t, Schedule: mt.Schedule}
		switch {
		case mt.Singleton:
			tr.Runner = runTaskRole(t, tr.Name+"-runner", stepFunctionsPrincipal)
			// ListTasks names no resource IAM could scope; the condition
			// keeps it to the task's cluster.
			tr.Runner.Statements = append(tr.Runner.Statements, Statement{
				Actions: []string{"ecs:ListTasks"}, Resources: []Resource{{ARN: "*"}}, InCluster: t.Cluster,
			})
			tr.Role = &Role{Name: tr.Name + "-scheduler", Principal: schedulerPrincipal, Statements: []Statement{
				{Actions: []string{"states:StartExecution"}, Resources: []Resource{{StateMachine: tr}}},
			}}
		case mt.Http != nil:
			tr.Route = &Route{Method: mt.Http.Verb(), Path: mt.Http.Path}
			if apiRole == nil {
				apiRole = runTaskRole(t, t.Name+"-api", apiGatewayPrincipal)
			}
			tr.Role = apiRole
		default:
			if schedulerRole == nil {
				schedulerRole = runTaskRole(t, t.Name+"-scheduler", schedulerPrincipal)
			}
			tr.Role = schedulerRole
		}
		x.app.Triggers = append(x.app.Triggers, tr)
	}
}

// runTaskRole is a role that principal may assume to run exactly t's
// task definition, passing exactly the roles it names.
func runTaskRole(t *Task, name, principal string) *Role {
	td := t.Definition
	var pass []Resource
	switch {
	case td.ExecutionRole != nil:
		pass = append(pass, Resource{Role: td.ExecutionRole})
	case td.ExecutionRoleArn != "":
		pass = append(pass, Resource{ARN: td.ExecutionRoleArn})
	}
	switch {
	case td.TaskRole != nil:
		pass = append(pass, Resource{Role: td.TaskRole})
	case td.TaskRoleArn != "":
		pass = append(pass, Resource{ARN: td.TaskRoleArn})
	}
	r := &Role{Name: name, Principal: principal, Statements: []Statement{
		{Actions: []string{"ecs:RunTask"}, Resources: []Resource{{TaskDefinition: td}}, InCluster: t.Cluster},
	}}
	if len(pass) > 0 {
		r.Statements = append(r.Statements, Statement{Actions: []string{"iam:PassRole"}, Resources: pass})
	}
	return r
}
