package model

// Task is a task definition run on demand rather than kept running: a
// fire-and-forget task like awsx's TaskDefinition.run, started with
// `ecsgen run`.
type Task struct {
	TaskDefinition `yaml:",inline"`
	// LaunchType is fargate (the default) or ec2.
	LaunchType string `yaml:"launchType"`
	// Cluster names the cluster under clusters: the task runs in by
	// default; default: the app's default cluster.
	Cluster string `yaml:"cluster"`
}

// Launch returns the task's launch type with its default applied.
func (t *Task) Launch() string {
	if t.LaunchType == "" {
		return LaunchFargate
	}
	return t.LaunchType
}

func (t *Task) validate(v *Errors, path string, app *App) {
	launch := t.Launch()
	switch t.LaunchType {
	case "", LaunchFargate, LaunchEC2:
	default:
		v.add(field(path, "launchType"), "must be fargate or ec2, got %q", t.LaunchType)
		launch = LaunchFargate // reported; judge the rest by the default
	}
	cluster := app.Clusters[t.Cluster]
	switch {
	case t.Cluster != "" && cluster == nil:
		v.add(field(path, "cluster"), "no cluster named %q; declare it under clusters:%s", t.Cluster, known(app.Clusters))
	case launch == LaunchEC2 && (cluster == nil || cluster.AutoScalingGroup == nil && cluster.Existing == ""):
		v.add(field(path, "launchType"), "ec2 needs EC2 instances: run the task in a cluster with an autoScalingGroup, or in an existing cluster")
	}
	t.TaskDefinition.validate(v, path, app, launch)
	if t.TaskDefinition.routesListener() && t.TaskDefinition.Mode(launch) != NetworkModeAwsvpc && cluster != nil && cluster.Existing != "" {
		v.add(field(path, "networkMode"), "a load-balanced task in an existing cluster needs awsvpc, so ecsgen can admit the load balancer to it")
	}
}
