package cfn

import (
	"strconv"

	"github.com/awslabs/goformation/v7/cloudformation"
	"github.com/awslabs/goformation/v7/cloudformation/autoscaling"
	"github.com/awslabs/goformation/v7/cloudformation/ec2"
	"github.com/awslabs/goformation/v7/cloudformation/ecs"
	"github.com/awslabs/goformation/v7/cloudformation/iam"
	"github.com/awslabs/goformation/v7/cloudformation/tags"
	"github.com/ecsgen/ecsgen/pkg/expand"
	"github.com/ecsgen/ecsgen/pkg/model"
)

func clusterID(c *expand.Cluster) string { return LogicalID(c.Name, "Cluster") }

func capacityProviderID(c *expand.Cluster) string { return LogicalID(c.Name, "CapacityProvider") }

func capacityAssociationID(c *expand.Cluster) string {
	return LogicalID(c.Name, "CapacityProviderAssociation")
}

// clusterRef is the value that names a cluster in other resources: the
// stack's own, or an existing one as the user gave it.
func clusterRef(c *expand.Cluster) string {
	if c.Existing != "" {
		return c.Existing
	}
	return cloudformation.Ref(clusterID(c))
}

// ecsAMIParameters take the ECS-optimized Amazon Linux 2023 AMI for each
// instance architecture from the public SSM parameters AWS keeps current
// in every region, so the template names no region-specific image and
// picks up patched AMIs on update. Graviton instances cannot boot the
// x86_64 image.
var ecsAMIParameters = map[string]struct{ id, ssm, what string }{
	model.ArchX86_64: {"EcsOptimizedAmi", "/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id", "x86_64"},
	model.ArchARM64:  {"EcsOptimizedAmiArm64", "/aws/service/ecs/optimized-ami/amazon-linux-2023/arm64/recommended/image_id", "arm64 (Graviton)"},
}

func addCluster(t *Template, c *expand.Cluster) {
	owner := "clusters." + c.Name
	if c.Existing != "" {
		return
	}
	cluster := &ecs.Cluster{}
	if c.FargateProviders && c.Capacity == nil {
		// A cluster with instances lists its providers in its
		// association instead (addCapacity), as ECS allows one list.
		cluster.CapacityProviders = fargateProviders
	}
	if c.ContainerInsights {
		cluster.ClusterSettings = []ecs.Cluster_ClusterSettings{{Name: new("containerInsights"), Value: new("enabled")}}
	}
	for _, tag := range c.Tags {
		cluster.Tags = append(cluster.Tags, tags.Tag{Key: tag.Key, Value: tag.Value})
	}
	id := clusterID(c)
	t.addResource(id, owner, cluster)
	t.addOutput(LogicalID(c.Name, "ClusterName"), owner, cloudformation.Output{
		Value:       cloudformation.Ref(id),
		Description: new("Name of ECS cluster " + c.Name),
	})
	if c.Capacity != nil {
		addCapacity(t, c, owner)
	}
}

// addCapacity gives a cluster instances: a launch template that joins
// them to the cluster, an Auto Scaling group, and a capacity provider
// whose managed scaling sizes the group to the tasks.
func addCapacity(t *Template, c *expand.Cluster, owner string) {
	cp := c.Capacity
	ami := ecsAMIParameters[cp.Architecture]
	t.shareParameter(ami.id, cloudformation.Parameter{
		Type:        "AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>",
		Default:     ami.ssm,
		Description: new("SSM parameter holding the ECS-optimized Amazon Linux 2023 " + ami.what + " AMI for cluster instances."),
	})
	addRole(t, cp.InstanceRole, owner)
	profile := LogicalID(c.Name, "InstanceProfile")
	t.addResource(profile, owner, &iam.InstanceProfile{Roles: []string{cloudformation.Ref(roleID(cp.InstanceRole))}})

	var groups []string
	for _, sg := range c.SecurityGroups {
		groups = append(groups, groupID(sg))
	}
	data := &ec2.LaunchTemplate_LaunchTemplateData{
		ImageId:            new(cloudformation.Ref(ami.id)),
		InstanceType:       new(cp.InstanceType),
		IamInstanceProfile: &ec2.LaunchTemplate_IamInstanceProfile{Arn: new(cloudformation.GetAtt(profile, "Arn"))},
		// IMDSv2 only, and one hop: the ECS agent can reach instance
		// metadata, containers in bridge mode cannot borrow its role.
		MetadataOptions: &ec2.LaunchTemplate_MetadataOptions{
			HttpEndpoint: new("enabled"), HttpTokens: new("required"), HttpPutResponseHopLimit: new(1),
		},
		UserData: new(cloudformation.Base64(cloudformation.Sub(
			"#!/bin/bash\necho ECS_CLUSTER=${" + clusterID(c) + "} >> /etc/ecs/ecs.config\n"))),
		// Encrypted root volumes, the secure choice AWS leaves off by default.
		BlockDeviceMappings: []ec2.LaunchTemplate_BlockDeviceMapping{{
			DeviceName: new("/dev/xvda"),
			Ebs:        &ec2.LaunchTemplate_Ebs{Encrypted: new(true), VolumeType: new("gp3"), VolumeSize: new(30)},
		}},
	}
	if cp.PublicIP {
		data.NetworkInterfaces = []ec2.LaunchTemplate_NetworkInterface{{
			DeviceIndex: new(0), AssociatePublicIpAddress: new(true), Groups: groups,
		}}
	} else {
		data.SecurityGroupIds = groups
	}
	lt := LogicalID(c.Name, "LaunchTemplate")
	t.addResource(lt, owner, &ec2.LaunchTemplate{LaunchTemplateData: data})

	asg := LogicalID(c.Name, "AutoScalingGroup")
	group := &autoscaling.AutoScalingGroup{
		MinSize:           strconv.Itoa(cp.MinSize),
		MaxSize:           strconv.Itoa(cp.MaxSize),
		VPCZoneIdentifier: taskSubnets(c.Network),
		LaunchTemplate: &autoscaling.AutoScalingGroup_LaunchTemplateSpecification{
			LaunchTemplateId: new(cloudformation.Ref(lt)),
			Version:          cloudformation.GetAtt(lt, "LatestVersionNumber"),
		},
		Tags: []autoscaling.AutoScalingGroup_TagProperty{{
			Key: "Name", Value: cloudformation.Sub("${AWS::StackName}/" + c.Name), PropagateAtLaunch: true,
		}},
	}
	if cp.DesiredCapacity > 0 {
		group.DesiredCapacity = new(strconv.Itoa(cp.DesiredCapacity))
	}
	group.AWSCloudFormationUpdatePolicy = instanceUpdatePolicy(cp)
	// Instances that cannot reach ECS never join the cluster.
	group.AWSCloudFormationDependsOn = taskRoutes(c.Network)
	t.addResource(asg, owner, group)

	t.addResource(capacityProviderID(c), owner, &ecs.CapacityProvider{
		Name: new(capacityProviderName(c)),
		AutoScalingGroupProvider: &ecs.CapacityProvider_AutoScalingGroupProvider{
			AutoScalingGroupArn: cloudformation.Ref(asg),
			ManagedScaling: &ecs.CapacityProvider_ManagedScaling{
				Status: new("ENABLED"), TargetCapacity: new(cp.TargetCapacityPercent),
			},
			// Protection would keep instances with tasks from scale-in, but
			// also blocks deleting the stack until they drain; ECS's managed
			// draining moves tasks off first instead.
			ManagedTerminationProtection: new("DISABLED"),
			ManagedDraining:              new("ENABLED"),
		},
	})
	t.addResource(capacityAssociationID(c), owner, &ecs.ClusterCapacityProviderAssociations{
		Cluster:           cloudformation.Ref(clusterID(c)),
		CapacityProviders: associatedProviders(c),
		DefaultCapacityProviderStrategy: []ecs.ClusterCapacityProviderAssociations_CapacityProviderStrategy{{
			CapacityProvider: cloudformation.Ref(capacityProviderID(c)), Weight: new(1),
		}},
	})
}
