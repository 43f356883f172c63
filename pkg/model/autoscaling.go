package model

// Autoscaling keeps a service's task count between minCapacity and
// maxCapacity by target tracking, like CDK's autoScaleTaskCount and
// Copilot's count.range: each target given adds a policy that adds tasks
// when the metric is above it and removes them when it is well below.
type Autoscaling struct {
	// MinCapacity is the fewest tasks to run; default 1. It is also the
	// count a new service starts with.
	MinCapacity *int `yaml:"minCapacity" ecsgen:"minCapacity"`
	// MaxCapacity is the most tasks to run; required.
	MaxCapacity int `yaml:"maxCapacity" ecsgen:"maxCapacity"`
	// CpuUtilization is the average CPU use to keep the tasks at, in
	// percent (1-100).
	CpuUtilization *int `yaml:"cpuUtilization" ecsgen:"utilizationPercent"`
	// MemoryUtilization is the average memory use to keep the tasks at,
	// in percent (1-100).
	MemoryUtilization *int `yaml:"memoryUtilization" ecsgen:"utilizationPercent"`
	// RequestsPerTarget is the number of requests per task per minute to
	// keep, counted by an application listener routed to the service.
	RequestsPerTarget *int `yaml:"requestsPerTarget" ecsgen:"requestsPerTarget"`
	// ScaleInCooldown is how long, in seconds (0-3600), a removal of
	// tasks waits after the last scaling; default Application Auto
	// Scaling's, 300.
	ScaleInCooldown *int `yaml:"scaleInCooldown" ecsgen:"cooldown"`
	// ScaleOutCooldown is how long, in seconds (0-3600), an addition of
	// tasks waits after the last one; default 300.
	ScaleOutCooldown *int `yaml:"scaleOutCooldown" ecsgen:"cooldown"`
}

// Min returns minCapacity with its default.
func (a *Autoscaling) Min() int { return rules["minCapacity"].orInt(a.MinCapacity) }

// applicationListener returns the name of the application listener the
// task definition receives traffic from, or "".
func (t *TaskDefinition) applicationListener(app *App) string {
	for _, c := range t.NamedContainers() {
		for _, pm := range c.Container.PortMappings {
			if l := app.Listeners[pm.Listener]; l != nil && l.Kind() == ListenerApplication {
				return pm.Listener
			}
		}
	}
	return ""
}

// validateAutoscaling checks a service's autoscaling against the service.
func (s *Service) validateAutoscaling(v *Errors, path string, app *App) {
	a := s.Autoscaling
	if a == nil {
		return
	}
	p := field(path, "autoscaling")
	if s.Scheduling() == SchedulingDaemon {
		v.add(p, "cannot scale a DAEMON service, which runs one task per instance; remove autoscaling or use REPLICA")
	}
	if s.DesiredCount != nil {
		// With autoscaling the template leaves the count to Application
		// Auto Scaling (see expand), so a desiredCount would be ignored.
		v.add(field(path, "desiredCount"), "cannot be set with autoscaling, which owns the count: the service starts at minCapacity; remove desiredCount")
	}
	switch {
	case a.MaxCapacity == 0:
		v.add(field(p, "maxCapacity"), "is required: the most tasks to run, e.g. `maxCapacity: 10`")
	case a.MaxCapacity < a.Min():
		v.add(field(p, "maxCapacity"), "is %d, below minCapacity (%d); raise it", a.MaxCapacity, a.Min())
	}
	if a.CpuUtilization == nil && a.MemoryUtilization == nil && a.RequestsPerTarget == nil {
		v.add(p, "has no target: give cpuUtilization, memoryUtilization or requestsPerTarget, e.g. `cpuUtilization: 50`")
	}
	if a.RequestsPerTarget != nil && s.TaskDefinition != nil && s.TaskDefinition.applicationListener(app) == "" {
		v.add(field(p, "requestsPerTarget"), "counts requests at an application load balancer; route an application listener to the service with `portMappings: [{listener: NAME}]`, or scale on cpuUtilization")
	}
}
