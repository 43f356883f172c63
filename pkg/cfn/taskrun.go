package cfn

import (
	"slices"

	"github.com/ecsgen/ecsgen/pkg/expand"
)

// TaskRun says how to start a task of the template once its stack is
// deployed: which stack outputs hold the task definition and the network
// it runs in, so that `ecsgen run` never spells a logical ID.
type TaskRun struct {
	// DefinitionArn, Cluster: output keys of the task definition's ARN and
	// the cluster's name.
	DefinitionArn, Cluster string
	// Subnets, SecurityGroups (comma-separated) and AssignPublicIp: output
	// keys of the awsvpc network; empty for other network modes.
	Subnets, SecurityGroups, AssignPublicIp string
	// LaunchType is FARGATE or EC2; empty where the cluster's capacity
	// provider strategy places the task.
	LaunchType string
	// Release: deploy runs the task before the services roll.
	Release bool
}

// TaskRun returns how to start the task the manifest names name.
func (t *Template) TaskRun(name string) (TaskRun, bool) {
	r, ok := t.taskRuns[name]
	return r, ok
}

// Tasks returns the names of the template's tasks, sorted.
func (t *Template) Tasks() []string {
	var names []string
	for n := range t.taskRuns {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// ReleaseTasks returns the names of the tasks deploy runs before the
// services roll, sorted.
func (t *Template) ReleaseTasks() []string {
	var names []string
	for _, n := range t.Tasks() {
		if t.taskRuns[n].Release {
			names = append(names, n)
		}
	}
	return names
}

func (t *Template) recordTaskRun(task *expand.Task) {
	r := TaskRun{
		DefinitionArn: LogicalID(task.Name, "TaskDefinitionArn"),
		Cluster:       LogicalID(task.Name, "TaskCluster"),
		LaunchType:    task.LaunchType,
		Release:       task.Release,
	}
	if task.LaunchType == expand.LaunchEC2 && task.Cluster.Capacity != nil {
		r.LaunchType = ""
	}
	if task.Network != nil {
		r.Subnets = LogicalID(task.Name, "TaskSubnets")
		r.SecurityGroups = LogicalID(task.Name, "TaskSecurityGroups")
		r.AssignPublicIp = LogicalID(task.Name, "TaskAssignPublicIp")
	}
	if t.taskRuns == nil {
		t.taskRuns = map[string]TaskRun{}
	}
	t.taskRuns[task.Name] = r
}
