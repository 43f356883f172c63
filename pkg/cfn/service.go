package cfn

import (
	"github.com/awslabs/goformation/v7/cloudformation"
	"github.com/awslabs/goformation/v7/cloudformation/ecs"
	"github.com/awslabs/goformation/v7/cloudformation/tags"
	"github.com/ecsgen/ecsgen/pkg/expand"
)

func serviceID(s *expand.Service) string { return LogicalID(s.Name, "Service") }

func addService(t *Template, s *expand.Service) {
	owner := "services." + s.Name
	addTaskDefinition(t, s.Task, owner)
	r := &ecs.Service{
		Cluster:              new(clusterRef(s.Cluster)),
		DesiredCount:         s.DesiredCount,
		SchedulingStrategy:   new(s.SchedulingStrategy),
		TaskDefinition:       new(cloudformation.Ref(taskDefinitionID(s.Task))),
		PropagateTags:        new("SERVICE"),
		EnableECSManagedTags: new(true),
	}
	switch {
	case len(s.CapacityProviders) > 0:
		r.CapacityProviderStrategy = capacityProviderStrategy(s.CapacityProviders)
	case s.OnCapacityProvider:
		// On the capacity provider, managed scaling adds instances for
		// this service's tasks; with a plain EC2 launch type it would not.
		r.CapacityProviderStrategy = []ecs.Service_CapacityProviderStrategyItem{{
			CapacityProvider: new(cloudformation.Ref(capacityProviderID(s.Cluster))), Weight: new(1),
		}}
	default:
		r.LaunchType = new(s.LaunchType)
	}
	if s.LaunchType == expand.LaunchEC2 && s.Cluster.Capacity != nil {
		// The instances join the cluster once it has its capacity
		// provider; an EC2 service, DAEMON ones included, waits for them.
		r.AWSCloudFormationDependsOn = append(r.AWSCloudFormationDependsOn, capacityAssociationID(s.Cluster))
	}
	if s.EnableExecuteCommand {
		r.EnableExecuteCommand = new(true)
	}
	if s.Connect != nil {
		r.ServiceConnectConfiguration = serviceConnectConfiguration(s.Connect)
	}
	if s.MaximumPercent > 0 || s.MinimumHealthyPercent > 0 || s.CircuitBreaker {
		dc := &ecs.Service_DeploymentConfiguration{}
		if s.MaximumPercent > 0 {
			dc.MaximumPercent = new(s.MaximumPercent)
		}
		if s.MinimumHealthyPercent > 0 || s.MaximumPercent > 0 {
			dc.MinimumHealthyPercent = new(s.MinimumHealthyPercent)
		}
		if s.CircuitBreaker {
			dc.DeploymentCircuitBreaker = &ecs.Service_DeploymentCircuitBreaker{Enable: true, Rollback: true}
		}
		r.DeploymentConfiguration = dc
	}
	if s.HealthCheckGracePeriodSeconds > 0 {
		r.HealthCheckGracePeriodSeconds = new(s.HealthCheckGracePeriodSeconds)
	}
	if s.IamRole != "" {
		r.Role = new(s.IamRole)
	}
	for _, ps := range s.PlacementStrategies {
		item := ecs.Service_PlacementStrategy{Type: ps.Type}
		if ps.Field != "" {
			item.Field = new(ps.Field)
		}
		r.PlacementStrategies = append(r.PlacementStrategies, item)
	}
	for _, pc := range s.PlacementConstraints {
		item := ecs.Service_PlacementConstraint{Type: pc.Type}
		if pc.Expression != "" {
			item.Expression = new(pc.Expression)
		}
		r.PlacementConstraints = append(r.PlacementConstraints, item)
	}
	for _, tag := range s.Tags {
		r.Tags = append(r.Tags, tags.Tag{Key: tag.Key, Value: tag.Value})
	}
	if s.Network != nil {
		r.NetworkConfiguration = &ecs.Service_NetworkConfiguration{AwsvpcConfiguration: awsvpcConfiguration(s.Network)}
	}
	for _, target := range s.Targets {
		r.LoadBalancers = append(r.LoadBalancers, ecs.Service_LoadBalancer{
			ContainerName:  new(target.ContainerName),
			ContainerPort:  new(target.ContainerPort),
			TargetGroupArn: new(cloudformation.Ref(targetGroupID(target.TargetGroup))),
		})
		// ECS refuses a target group that no load balancer forwards to yet.
		forwarder := listenerID(target.Listener)
		if target.Rule != nil {
			forwarder = listenerRuleID(target.Rule)
		}
		r.AWSCloudFormationDependsOn = append(r.AWSCloudFormationDependsOn, forwarder)
	}
	if s.Network == nil || len(s.Network.SubnetIDs) == 0 {
		// Subnets the user names are not the stack's; their routes are
		// not either.
		r.AWSCloudFormationDependsOn = append(r.AWSCloudFormationDependsOn, taskRoutes(s.Cluster.Network)...)
	}
	id := serviceID(s)
	t.addResource(id, owner, t.rollable(r, s.Task, owner))
	t.addOutput(LogicalID(s.Name, "ServiceName"), owner, cloudformation.Output{
		Value:       cloudformation.GetAtt(id, "Name"),
		Description: new("Name of ECS service " + s.Name),
	})
	if s.WaitForSteadyState {
		t.waitForSteadyState(id)
	}
	if s.Autoscaling != nil {
		addAutoscaling(t, s, owner)
	}
}

func awsvpcConfiguration(n *expand.TaskNetwork) *ecs.Service_AwsVpcConfiguration {
	assign := "DISABLED"
	if n.AssignPublicIP {
		assign = "ENABLED"
	}
	c := &ecs.Service_AwsVpcConfiguration{AssignPublicIp: new(assign), Subnets: n.SubnetIDs}
	if len(c.Subnets) == 0 {
		c.Subnets = taskSubnets(n.Network)
	}
	for _, sg := range n.SecurityGroups {
		c.SecurityGroups = append(c.SecurityGroups, groupID(sg))
	}
	return c
}
