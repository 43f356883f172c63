package expand

import (
	"fmt"
	"strings"

	"github.com/ecsgen/ecsgen/pkg/model"
)

// Service is an ECS service with its deployment and networking settled.
type Service struct {
	Name    string
	Cluster *Cluster
	// LaunchType is FARGATE or EC2. An EC2 service in a cluster with
	// Capacity runs on its capacity provider instead (OnCapacityProvider),
	// so that managed scaling adds instances for it.
	LaunchType string
	// OnCapacityProvider places the service with its cluster's capacity
	// provider strategy rather than a launch type. Never for DAEMON
	// services, which ECS rejects with a strategy: they run one task on
	// every instance there is, and do not ask for more.
	OnCapacityProvider bool
	SchedulingStrategy string
	// DesiredCount is nil for DAEMON services, which run one task per
	// instance, and for autoscaled ones, whose count Autoscaling owns.
	DesiredCount *int
	Autoscaling  *Autoscaling
	// CapacityProviders, when set, replace LaunchType.
	CapacityProviders []CapacityShare
	// EnableExecuteCommand turns on ECS Exec.
	EnableExecuteCommand bool
	// Connect joins the service to the app's Service Connect namespace.
	Connect *ServiceConnect
	Task    *TaskDefinition
	// Targets are the load balancer target groups the service registers
	// its tasks with.
	Targets []Target
	// Network places awsvpc tasks; nil in other network modes.
	Network *TaskNetwork
	// MaximumPercent and MinimumHealthyPercent bound the tasks running
	// during a deployment, as percentages of DesiredCount; zero is unset.
	MaximumPercent        int
	MinimumHealthyPercent int
	// CircuitBreaker stops a deployment whose tasks keep failing and rolls
	// back to the last good one, instead of retrying forever.
	CircuitBreaker bool
	// HealthCheckGracePeriodSeconds lets new tasks start before failing
	// load balancer health checks count against them; zero means unset.
	HealthCheckGracePeriodSeconds int
	PlacementStrategies           []model.PlacementStrategy
	PlacementConstraints          []model.PlacementConstraint
	// IamRole is the ARN of the role ECS uses for the load balancer.
	IamRole string
	Tags    []Tag
	// WaitForSteadyState tells deploy to wait until the service is stable.
	WaitForSteadyState bool
}

// Target is a container port registered with the target group of one of
// a listener's routes.
type Target struct {
	Listener    *Listener
	TargetGroup *TargetGroup
	// Rule is the rule that routes to TargetGroup; nil for the listener's
	// default route.
	Rule          *ListenerRule
	ContainerName string
	ContainerPort int
}

// TaskNetwork is where awsvpc tasks get their network interfaces.
type TaskNetwork struct {
	Network *Network
	// SubnetIDs are subnets the user chose; when empty, the network's
	// task subnets are used.
	SubnetIDs      []string
	SecurityGroups []*SecurityGroup
	AssignPublicIP bool
}

// Launch types and scheduling strategies, as ECS spells them.
const (
	LaunchFargate = "FARGATE"
	LaunchEC2     = "EC2"
)

func launchType(m string) string {
	if m == model.LaunchEC2 {
		return LaunchEC2
	}
	return LaunchFargate
}

func (x *expander) expandService(name string, m *model.Service) {
	cluster := x.cluster(m.Cluster)
	s := &Service{
		Name:                 name,
		Cluster:              cluster,
		LaunchType:           launchType(m.Launch()),
		SchedulingStrategy:   m.Scheduling(),
		PlacementStrategies:  m.OrderedPlacementStrategies,
		PlacementConstraints: m.PlacementConstraints,
		IamRole:              m.IamRole,
		Tags:                 tags(m.Tags),
		WaitForSteadyState:   m.WaitsForSteadyState(),
	}
	daemon := s.SchedulingStrategy == model.SchedulingDaemon
	s.OnCapacityProvider = s.LaunchType == LaunchEC2 && cluster.Capacity != nil && !daemon
	if !daemon {
		s.DesiredCount = new(m.Count())
		s.MaximumPercent, s.CircuitBreaker = m.MaximumPercent(), true
		s.MinimumHealthyPercent = m.MinimumHealthyPercent()
	} else if m.DeploymentMinimumHealthyPercent != nil {
		s.MinimumHealthyPercent = *m.DeploymentMinimumHealthyPercent
	}
	s.Task = x.expandTaskDefinition(name, m.TaskDefinition, m.Launch(), x.model.Clusters[m.Cluster])
	if s.Task.NetworkMode == model.NetworkModeAwsvpc {
		s.Network = x.taskNetwork(name, "Service", "services."+name, cluster, m.Launch(), m.NetworkConfiguration)
	}
	s.Targets = x.routeTargets(name, "service", m.TaskDefinition, s.Task, cluster, s.Network)
	if len(s.Targets) > 0 {
		// A minute covers a typical container's start-up before the load
		// balancer's failed checks may replace it, as CDK's patterns do.
		s.HealthCheckGracePeriodSeconds = m.GracePeriod()
	}
	x.expandAutoscaling(s, m)
	expandCapacityProviderStrategy(s, m)
	if m.EnableExecuteCommand {
		s.EnableExecuteCommand = true
		s.Task.allowExec()
	}
	x.expandServiceConnect(s, m)
	x.app.Services = append(x.app.Services, s)
	x.services[name] = s
}

// taskNetwork places awsvpc tasks: in the cluster network's task subnets,
// guarded by the groups the user chose or else by a group of their own
// that admits only their load balancers.
func (x *expander) taskNetwork(name, kind, owner string, c *Cluster, launch string, m *model.NetworkConfiguration) *TaskNetwork {
	// Only Fargate gives tasks public IPs; EC2 tasks in public subnets
	// reach out through their instance.
	tn := &TaskNetwork{Network: c.Network, AssignPublicIP: launch == model.LaunchFargate && !c.Network.PrivatePlacement()}
	if m != nil {
		tn.SubnetIDs = m.Subnets
		if m.AssignPublicIp != nil {
			tn.AssignPublicIP = *m.AssignPublicIp
		}
		for _, id := range m.SecurityGroups {
			tn.SecurityGroups = append(tn.SecurityGroups, x.externalSecurityGroup(id, owner+".networkConfiguration.securityGroups"))
		}
	}
	if len(tn.SecurityGroups) == 0 {
		// The groups the user gave the cluster replace the default, as
		// awsx's securityGroupIds do for the cluster's tasks.
		tn.SecurityGroups = c.GivenSecurityGroups
	}
	if len(tn.SecurityGroups) == 0 {
		sg := x.newSecurityGroup(name+"-"+strings.ToLower(kind), owner, fmt.Sprintf("%s %s: admits traffic from its load balancers only", kind, name), c.Network)
		sg.Output = true
		sg.Egress = append(sg.Egress, allEgress("tasks pull images, send logs and call other services"))
		tn.SecurityGroups = []*SecurityGroup{sg}
	}
	return tn
}

// routeTargets creates the load balancers for the listeners a task
// definition's containers receive, and opens the path from each load
// balancer to the tasks: their own groups for awsvpc, else the groups of
// the cluster's instances.
func (x *expander) routeTargets(name, kind string, m *model.TaskDefinition, td *TaskDefinition, c *Cluster, tn *TaskNetwork) []Target {
	var targets []Target
	for _, nc := range m.NamedContainers() {
		for _, pm := range nc.Container.PortMappings {
			if pm.Listener == "" {
				continue
			}
			targetType, guards := TargetIP, []*SecurityGroup(nil)
			if tn != nil {
				guards = tn.SecurityGroups
			} else {
				targetType, guards = TargetInstance, c.SecurityGroups
			}
			port := x.containerPort(pm)
			l, tg, rule := x.route(name, pm, c.Network, targetType, port)
			from, to := port, port
			if td.NetworkMode == model.NetworkModeBridge {
				from, to = ephemeralFrom, ephemeralTo
				if pm.HostPort != nil && *pm.HostPort != 0 {
					from, to = *pm.HostPort, *pm.HostPort
				}
			}
			for _, g := range guards {
				allowPorts(l.LoadBalancer.SecurityGroup, g, from, to, fmt.Sprintf("Load balancer %s to %s %s", l.Name, kind, name))
			}
			targets = append(targets, Target{Listener: l, TargetGroup: tg, Rule: rule, ContainerName: nc.Name, ContainerPort: port})
		}
	}
	return targets
}
