package model

// Task is a task definition run on demand rather than kept running: a
// fire-and-forget task like awsx's TaskDefinition.run, started with
// `ecsgen run`.
type Task struct {
	TaskDefinition `yaml:",inline"`
	// LaunchType is fargate (the default) or ec2.
	LaunchType string `yaml:"launchType" ecsgen:"launchType"`
	// Cluster names the cluster under clusters: the task runs in by
	// default; default: the app's default cluster.
	Cluster string `yaml:"cluster"`
	// Release runs the task once on every deploy that changes the stack,
	// with the new images and before any service rolls, as a database
	// migration needs; unless it exits 0 the deploy stops and the services
	// keep their current version.
	Release bool `yaml:"release"`
	// Triggers start the task on a schedule or an HTTPS request, besides
	// `ecsgen run`.
	Triggers []Trigger `yaml:"triggers"`
}

// Launch returns the task's launch type with its default applied.
func (t *Task) Launch() string { return launchOrDefault(t.LaunchType) }

func (t *Task) validate(v *Errors, path string, app *App) {
	launch, cluster := validateRunsOn(v, path, "task", t.LaunchType, t.Cluster, app)
	t.TaskDefinition.validate(v, path, app, launch)
	validateRoutable(v, path, "task", &t.TaskDefinition, launch, cluster)
	validatePlatform(v, path, &t.TaskDefinition, launch, cluster)
	t.validateTriggers(v, path, launch)
}
