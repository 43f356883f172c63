package cfn

import (
	"testing"

	"github.com/awslabs/goformation/v7/cloudformation/ecs"
	"github.com/google/go-cmp/cmp"
)

// TestServicePlacement checks how services reach instances: a REPLICA ec2
// service through the capacity provider, so managed scaling adds
// instances; a DAEMON service with the EC2 launch type, as ECS rejects a
// capacity provider strategy for it; both after the cluster has its
// capacity provider.
func TestServicePlacement(t *testing.T) {
	tests := []struct {
		name, service  string
		wantLaunchType string
		wantStrategy   bool
		wantDependsOn  []string
	}{
		{"replica on ec2", `{cluster: main, launchType: ec2, taskDefinition: {container: {image: nginx, memory: 64}}}`,
			"", true, []string{"MainCapacityProviderAssociation", "MainPrivateDefaultRoute1", "MainPrivateDefaultRoute2", "MainPrivateSubnet1RouteTableAssociation", "MainPrivateSubnet2RouteTableAssociation"}},
		{"daemon", `{cluster: main, launchType: ec2, schedulingStrategy: DAEMON, taskDefinition: {container: {image: nginx, memory: 64}}}`,
			"EC2", false, []string{"MainCapacityProviderAssociation", "MainPrivateDefaultRoute1", "MainPrivateDefaultRoute2", "MainPrivateSubnet1RouteTableAssociation", "MainPrivateSubnet2RouteTableAssociation"}},
		{"fargate", `{cluster: main, taskDefinition: {container: {image: nginx}}}`,
			"FARGATE", false, []string{"MainPrivateDefaultRoute1", "MainPrivateDefaultRoute2", "MainPrivateSubnet1RouteTableAssociation", "MainPrivateSubnet2RouteTableAssociation"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tmpl := synthManifest(t, ec2Cluster+"services:\n  web: "+tt.service+"\n")
			s := resourceOf[ecs.Service](t, tmpl, "WebService")
			launchType := ""
			if s.LaunchType != nil {
				launchType = *s.LaunchType
			}
			if launchType != tt.wantLaunchType || (len(s.CapacityProviderStrategy) > 0) != tt.wantStrategy {
				t.Errorf("LaunchType %q, capacity provider strategy %v; want %q, %v", launchType, s.CapacityProviderStrategy, tt.wantLaunchType, tt.wantStrategy)
			}
			if diff := cmp.Diff(tt.wantDependsOn, s.AWSCloudFormationDependsOn); diff != "" {
				t.Errorf("DependsOn (-want +got):\n%s", diff)
			}
		})
	}
}
