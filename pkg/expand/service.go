package expand

import (
	"fmt"

	"github.com/ecsgen/ecsgen/pkg/model"
)

// Service is an ECS service with its deployment and networking settled.
type Service struct {
	Name         string
	Cluster      *Cluster
	LaunchType   string
	DesiredCount int
	Task         *TaskDefinition
	// Targets are the load balancer target groups the service registers
	// its tasks with.
	Targets []Target
	Network ServiceNetwork
	// MaximumPercent and MinimumHealthyPercent bound the tasks running
	// during a deployment, as percentages of DesiredCount.
	MaximumPercent        int
	MinimumHealthyPercent int
	// CircuitBreaker stops a deployment whose tasks keep failing and rolls
	// back to the last good one, instead of retrying forever.
	CircuitBreaker bool
	// HealthCheckGracePeriodSeconds lets new tasks start before failing
	// load balancer health checks count against them; zero means unset.
	HealthCheckGracePeriodSeconds int
}

// Target is a container port registered with a listener's target group.
type Target struct {
	Listener      *Listener
	TargetGroup   *TargetGroup
	ContainerName string
	ContainerPort int
}

// ServiceNetwork is where an awsvpc service's tasks get their interfaces.
type ServiceNetwork struct {
	Network        *Network
	SecurityGroups []*SecurityGroup
	AssignPublicIP bool
}

// Launch types, as ECS spells them.
const (
	LaunchFargate = "FARGATE"
)

func (x *expander) expandService(name string, m *model.Service) {
	s := &Service{
		Name:                  name,
		Cluster:               x.cluster,
		LaunchType:            LaunchFargate,
		DesiredCount:          1,
		MaximumPercent:        200,
		MinimumHealthyPercent: 100,
		CircuitBreaker:        true,
	}
	if m.DesiredCount != nil {
		s.DesiredCount = *m.DesiredCount
	}
	s.Task = x.expandTaskDefinition(name, m.TaskDefinition)

	sg := x.newSecurityGroup(name+"-service", fmt.Sprintf("Service %s: admits traffic from its load balancers only", name), x.network)
	sg.Egress = append(sg.Egress, Rule{
		Description: "All outbound traffic: tasks pull images, send logs and call other services",
		Protocol:    ProtocolAll, CIDR: anywhereIPv4,
	})
	s.Network = ServiceNetwork{
		Network:        x.network,
		SecurityGroups: []*SecurityGroup{sg},
		AssignPublicIP: x.network.PublicSubnets,
	}

	for _, c := range m.TaskDefinition.NamedContainers() {
		for _, pm := range c.Container.PortMappings {
			if pm.Listener == "" {
				continue
			}
			l, port := x.listeners[pm.Listener], x.containerPort(pm)
			tg := x.route(l, port)
			s.Targets = append(s.Targets, Target{Listener: l, TargetGroup: tg, ContainerName: c.Name, ContainerPort: port})
			allowPort(l.LoadBalancer.SecurityGroup, sg, port, fmt.Sprintf("Load balancer %s to service %s", l.Name, name))
		}
	}
	if len(s.Targets) > 0 {
		// A minute covers a typical container's start-up before the load
		// balancer's failed checks may replace it, as CDK's patterns do.
		s.HealthCheckGracePeriodSeconds = 60
	}
	x.app.Services = append(x.app.Services, s)
	x.services[name] = s
}
