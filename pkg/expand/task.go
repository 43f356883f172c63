package expand

import "github.com/ecsgen/ecsgen/pkg/model"

// Task is a task definition run on demand with `ecsgen run`, with where it
// runs by default.
type Task struct {
	Name       string
	Cluster    *Cluster
	LaunchType string
	Definition *TaskDefinition
	// Network places awsvpc tasks; nil in other network modes.
	Network *TaskNetwork
	Targets []Target
	// Release: deploy runs the task between updating the task definitions
	// and rolling the services.
	Release bool
}

func (x *expander) expandTask(name string, m *model.Task) {
	c := x.cluster(m.Cluster)
	t := &Task{Name: name, Cluster: c, LaunchType: launchType(m.Launch()), Release: m.Release}
	t.Definition = x.expandTaskDefinition(name, &m.TaskDefinition, m.Launch(), x.model.Clusters[m.Cluster])
	if t.Definition.NetworkMode == model.NetworkModeAwsvpc {
		t.Network = x.taskNetwork(name, "Task", "tasks."+name, c, m.Launch(), nil)
	}
	t.Targets = x.routeTargets(name, "task", &m.TaskDefinition, t.Definition, c, t.Network)
	x.expandTriggers(t, m)
	x.app.Tasks = append(x.app.Tasks, t)
	x.tasks[name] = t
}
