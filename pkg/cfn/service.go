package cfn

import (
	"github.com/awslabs/goformation/v7/cloudformation"
	"github.com/awslabs/goformation/v7/cloudformation/ecs"
	"github.com/ecsgen/ecsgen/pkg/expand"
)

func serviceID(s *expand.Service) string { return LogicalID(s.Name, "Service") }

func addService(t *Template, s *expand.Service) {
	owner := "service " + s.Name
	addTaskDefinition(t, s.Task, owner)
	r := &ecs.Service{
		Cluster:        new(cloudformation.Ref(clusterID(s.Cluster))),
		LaunchType:     new(s.LaunchType),
		DesiredCount:   new(s.DesiredCount),
		TaskDefinition: new(cloudformation.Ref(taskDefinitionID(s.Task))),
		DeploymentConfiguration: &ecs.Service_DeploymentConfiguration{
			MaximumPercent:        new(s.MaximumPercent),
			MinimumHealthyPercent: new(s.MinimumHealthyPercent),
		},
		PropagateTags:        new("SERVICE"),
		EnableECSManagedTags: new(true),
	}
	if s.CircuitBreaker {
		r.DeploymentConfiguration.DeploymentCircuitBreaker = &ecs.Service_DeploymentCircuitBreaker{Enable: true, Rollback: true}
	}
	if s.HealthCheckGracePeriodSeconds > 0 {
		r.HealthCheckGracePeriodSeconds = new(s.HealthCheckGracePeriodSeconds)
	}
	assignPublicIP := "DISABLED"
	if s.Network.AssignPublicIP {
		assignPublicIP = "ENABLED"
	}
	vpcConfig := &ecs.Service_AwsVpcConfiguration{
		AssignPublicIp: new(assignPublicIP),
		Subnets:        subnets(s.Network.Network),
	}
	for _, sg := range s.Network.SecurityGroups {
		vpcConfig.SecurityGroups = append(vpcConfig.SecurityGroups, groupID(sg))
	}
	r.NetworkConfiguration = &ecs.Service_NetworkConfiguration{AwsvpcConfiguration: vpcConfig}
	for _, target := range s.Targets {
		r.LoadBalancers = append(r.LoadBalancers, ecs.Service_LoadBalancer{
			ContainerName:  new(target.ContainerName),
			ContainerPort:  new(target.ContainerPort),
			TargetGroupArn: new(cloudformation.Ref(targetGroupID(target.TargetGroup))),
		})
		// ECS refuses a target group that no load balancer forwards to yet.
		r.AWSCloudFormationDependsOn = append(r.AWSCloudFormationDependsOn, listenerID(target.Listener))
	}
	id := serviceID(s)
	t.addResource(id, owner, r)
	t.addOutput(LogicalID(s.Name, "ServiceName"), owner, cloudformation.Output{
		Value:       cloudformation.GetAtt(id, "Name"),
		Description: new("Name of ECS service " + s.Name),
	})
}
