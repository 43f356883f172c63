package model

// Launch types.
const (
	LaunchFargate = "fargate"
	LaunchEC2     = "ec2"
)

// Service keeps desiredCount copies of a task running, like awsx's
// FargateService and EC2Service.
type Service struct {
	// LaunchType is fargate (the default) or ec2.
	LaunchType string `yaml:"launchType"`
	// DesiredCount is how many tasks to keep running; default 1.
	DesiredCount *int `yaml:"desiredCount"`
	// TaskDefinition describes the containers each task runs.
	TaskDefinition *TaskDefinition `yaml:"taskDefinition"`
}

// Launch returns the service's launch type with its default applied.
func (s *Service) Launch() string {
	if s.LaunchType == "" {
		return LaunchFargate
	}
	return s.LaunchType
}

func (s *Service) validate(v *Errors, path string, app *App) {
	switch s.LaunchType {
	case "", LaunchFargate:
	case LaunchEC2:
		v.add(field(path, "launchType"), "ec2 needs a cluster with EC2 capacity, which ecsgen cannot create yet; use fargate")
	default:
		v.add(field(path, "launchType"), "must be fargate or ec2, got %q", s.LaunchType)
	}
	if s.DesiredCount != nil && *s.DesiredCount < 0 {
		v.add(field(path, "desiredCount"), "must be >= 0, got %d", *s.DesiredCount)
	}
	if s.TaskDefinition == nil {
		v.add(field(path, "taskDefinition"), "is required: describe the containers to run under taskDefinition.containers")
		return
	}
	s.TaskDefinition.validate(v, field(path, "taskDefinition"), app)
}
