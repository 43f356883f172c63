package expand

import "github.com/ecsgen/ecsgen/pkg/model"

// Autoscaling is the range a service's task count moves in and the
// targets that move it.
type Autoscaling struct {
	MinCapacity, MaxCapacity int
	Targets                  []ScalingTarget
	// ScaleInCooldown and ScaleOutCooldown are in seconds; nil leaves
	// them to Application Auto Scaling.
	ScaleInCooldown, ScaleOutCooldown *int
}

// ScalingTarget is one target-tracking policy: Application Auto Scaling
// adds tasks while Metric is above Value and removes them when it is
// well below.
type ScalingTarget struct {
	// Name tells the policies of one service apart: cpu, memory, requests.
	Name string
	// Metric is an Application Auto Scaling predefined metric.
	Metric string
	Value  int
	// Target is the service's route from an application listener whose
	// target group counts the requests, for ALBRequestCountPerTarget: the
	// service's own group, which is the listener's default one only when
	// the service has no rule.
	Target *Target
}

// Predefined metrics of ECS services.
const (
	MetricCPU      = "ECSServiceAverageCPUUtilization"
	MetricMemory   = "ECSServiceAverageMemoryUtilization"
	MetricRequests = "ALBRequestCountPerTarget"
)

// expandAutoscaling settles a service's scaling. It also takes the count
// out of the service: CloudFormation sets DesiredCount on every update
// that has it in the template, so a deploy would reset a service scaled
// out to 8 back to 1. Without it, CloudFormation leaves an existing
// service's count alone (and creates a new one with 1, which the
// scalable target then raises to minCapacity), as CDK does under its
// ECS_REMOVE_DEFAULT_DESIRED_COUNT flag.
func (x *expander) expandAutoscaling(s *Service, m *model.Service) {
	a := m.Autoscaling
	if a == nil {
		return
	}
	s.DesiredCount = nil
	s.Autoscaling = &Autoscaling{MinCapacity: a.Min(), MaxCapacity: a.MaxCapacity, ScaleInCooldown: a.ScaleInCooldown, ScaleOutCooldown: a.ScaleOutCooldown}
	if a.CpuUtilization != nil {
		s.Autoscaling.Targets = append(s.Autoscaling.Targets, ScalingTarget{Name: "cpu", Metric: MetricCPU, Value: *a.CpuUtilization})
	}
	if a.MemoryUtilization != nil {
		s.Autoscaling.Targets = append(s.Autoscaling.Targets, ScalingTarget{Name: "memory", Metric: MetricMemory, Value: *a.MemoryUtilization})
	}
	if a.RequestsPerTarget != nil {
		var route *Target
		for i, t := range s.Targets {
			if t.Listener.LoadBalancer.Type == TypeApplication {
				route = &s.Targets[i]
				break
			}
		}
		s.Autoscaling.Targets = append(s.Autoscaling.Targets, ScalingTarget{Name: "requests", Metric: MetricRequests, Value: *a.RequestsPerTarget, Target: route})
	}
}
