package cfn

import (
	"testing"

	"github.com/awslabs/goformation/v7/cloudformation/autoscaling"
	"github.com/awslabs/goformation/v7/cloudformation/ecs"
	elbv2 "github.com/awslabs/goformation/v7/cloudformation/elasticloadbalancingv2"
	"github.com/google/go-cmp/cmp"
)

// TestCreationWaitsForRoutes checks that in a VPC the stack creates, the
// internet-facing load balancer waits for the route to the internet
// gateway, and instances, services and tasks for the route out of their
// subnets: NAT from private subnets, the internet gateway from public ones,
// and for the subnets' route table associations that make it theirs.
func TestCreationWaitsForRoutes(t *testing.T) {
	// A route reaches a subnet only through the subnet's association with
	// its route table: until then the subnet uses the VPC's main table,
	// which leads nowhere.
	private := []string{"MainPrivateDefaultRoute1", "MainPrivateDefaultRoute2", "MainPrivateSubnet1RouteTableAssociation", "MainPrivateSubnet2RouteTableAssociation"}
	public := []string{"MainPublicDefaultRoute", "MainPublicSubnet1RouteTableAssociation", "MainPublicSubnet2RouteTableAssociation"}
	tests := []struct {
		name, vpc              string
		wantLB, wantTasks      []string
		wantServiceAfterRoutes []string
	}{
		{"NAT per zone", "main: {}", public, private, private},
		{"one NAT", "main: {natGateways: {strategy: single}}", public, private, private},
		{"no NAT", "main: {natGateways: {strategy: none}}", public, public, public},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tmpl := synthManifest(t, `
name: shop
vpcs:
  `+tt.vpc+`
clusters:
  main: {vpc: main, autoScalingGroup: {}}
listeners:
  web: {port: 80}
services:
  web:
    cluster: main
    taskDefinition: {container: {image: nginx, portMappings: [{listener: web}]}}
tasks:
  migrate: {cluster: main, launchType: ec2, container: {image: busybox, memory: 64}}
`)
			for _, c := range []struct {
				what      string
				got, want []string
			}{
				{"load balancer", resourceOf[elbv2.LoadBalancer](t, tmpl, "WebLoadBalancer").AWSCloudFormationDependsOn, tt.wantLB},
				{"Auto Scaling group", resourceOf[autoscaling.AutoScalingGroup](t, tmpl, "MainAutoScalingGroup").AWSCloudFormationDependsOn, tt.wantTasks},
				{"task definition of a task", resourceOf[ecs.TaskDefinition](t, tmpl, "MigrateTaskDefinition").AWSCloudFormationDependsOn, tt.wantTasks},
				{"service", resourceOf[ecs.Service](t, tmpl, "WebService").AWSCloudFormationDependsOn, append([]string{"WebListener"}, tt.wantServiceAfterRoutes...)},
			} {
				if diff := cmp.Diff(c.want, c.got); diff != "" {
					t.Errorf("%s DependsOn (-want +got):\n%s", c.what, diff)
				}
			}
		})
	}
}

// TestDefaultAndExistingVPCsHaveNoRouteDependencies checks that only routes
// the stack creates are waited for.
func TestDefaultAndExistingVPCsHaveNoRouteDependencies(t *testing.T) {
	for name, vpc := range map[string]string{
		"default VPC":  "",
		"existing VPC": "vpcs: {main: {existing: {vpcId: vpc-0a1b2c3d4e5f60718, publicSubnetIds: [subnet-0a1b2c3d4e5f60001, subnet-0a1b2c3d4e5f60002], privateSubnetIds: [subnet-0a1b2c3d4e5f60003]}}}\n",
	} {
		t.Run(name, func(t *testing.T) {
			cluster := "clusters: {main: {autoScalingGroup: {}}}\n"
			if vpc != "" {
				cluster = "clusters: {main: {vpc: main, autoScalingGroup: {}}}\n"
			}
			tmpl := synthManifest(t, "name: shop\n"+vpc+cluster+`
listeners: {web: {port: 80}}
services:
  web: {cluster: main, taskDefinition: {container: {image: nginx, portMappings: [{listener: web}]}}}
`)
			if d := resourceOf[elbv2.LoadBalancer](t, tmpl, "WebLoadBalancer").AWSCloudFormationDependsOn; d != nil {
				t.Errorf("load balancer DependsOn %v, want none", d)
			}
			if d := resourceOf[autoscaling.AutoScalingGroup](t, tmpl, "MainAutoScalingGroup").AWSCloudFormationDependsOn; d != nil {
				t.Errorf("Auto Scaling group DependsOn %v, want none", d)
			}
			if diff := cmp.Diff([]string{"WebListener"}, resourceOf[ecs.Service](t, tmpl, "WebService").AWSCloudFormationDependsOn); diff != "" {
				t.Errorf("service DependsOn (-want +got):\n%s", diff)
			}
		})
	}
}
