package cfn

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/awslabs/goformation/v7/cloudformation/autoscaling"
	"github.com/awslabs/goformation/v7/cloudformation/policies"
	"github.com/google/go-cmp/cmp"
)

// ecsCapacityProviderName is ECS's rule for capacity provider names, and
// ecsReservedPrefix the prefixes it reserves, in any case.
var (
	ecsCapacityProviderName = regexp.MustCompile(`^[A-Za-z0-9_-]{1,255}$`)
	ecsReservedPrefix       = regexp.MustCompile(`(?i)^(aws|ecs|fargate)`)
)

// TestCapacityProviderNameIsValidForAnyStack renders the capacity
// provider's name for stack names ECS would reject as a prefix, and the
// longest names there can be, and checks what ECS would get.
func TestCapacityProviderNameIsValidForAnyStack(t *testing.T) {
	longest := "a" + strings.Repeat("b", 127) // CloudFormation's 128
	tests := []struct{ stack, cluster string }{
		{"shop", "main"},
		{"ecs-shop", "main"},
		{"AWS", "ecs"},
		{"Fargate-app", "fargate"},
		{longest, "c" + strings.Repeat("_", 31)},
	}
	for _, tt := range tests {
		t.Run(tt.stack, func(t *testing.T) {
			tmpl := synthManifest(t, "name: app\nclusters:\n  "+tt.cluster+": {autoScalingGroup: {}}\nservices:\n  web: {cluster: "+tt.cluster+", launchType: ec2, taskDefinition: {container: {image: nginx, memory: 64}}}\n")
			out, err := tmpl.JSON()
			if err != nil {
				t.Fatal(err)
			}
			var doc struct {
				Resources map[string]struct {
					Type       string
					Properties struct{ Name map[string]string }
				}
			}
			if err := json.Unmarshal(out, &doc); err != nil {
				t.Fatal(err)
			}
			found := false
			for id, r := range doc.Resources {
				if r.Type != "AWS::ECS::CapacityProvider" {
					continue
				}
				found = true
				sub, ok := r.Properties.Name["Fn::Sub"]
				if !ok {
					t.Fatalf("%s: Name is %v, want an Fn::Sub of the stack name", id, r.Properties.Name)
				}
				name := strings.ReplaceAll(sub, "${AWS::StackName}", tt.stack)
				if !ecsCapacityProviderName.MatchString(name) || ecsReservedPrefix.MatchString(name) {
					t.Errorf("%s: in stack %s the name is %q (%d characters), which ECS rejects", id, tt.stack, name, len(name))
				}
			}
			if !found {
				t.Fatal("no capacity provider in the template")
			}
		})
	}
}

// TestInstancesFollowTheTemplate checks the group's update policy: a
// rolling update replaces instances when the launch template changes,
// keeping minSize in service where maxSize allows, and group sizes the
// template does not change are left to managed scaling.
func TestInstancesFollowTheTemplate(t *testing.T) {
	tests := []struct {
		size        string
		wantMin     float64
		wantDesired *string
	}{
		{"{}", 2, nil},
		{"{minSize: 0, maxSize: 3}", 0, nil},
		{"{minSize: 3, maxSize: 3}", 2, nil},
		{"{minSize: 1, maxSize: 1}", 0, nil},
		{"{minSize: 1, maxSize: 5, desiredCapacity: 2}", 1, new("2")},
	}
	for _, tt := range tests {
		t.Run(tt.size, func(t *testing.T) {
			tmpl := synthManifest(t, "name: shop\nclusters:\n  main: {autoScalingGroup: {templateParameters: "+tt.size+"}}\nservices:\n  web: {cluster: main, launchType: ec2, taskDefinition: {container: {image: nginx, memory: 64}}}\n")
			g := resourceOf[autoscaling.AutoScalingGroup](t, tmpl, "MainAutoScalingGroup")
			want := &policies.UpdatePolicy{
				AutoScalingRollingUpdate:   &policies.AutoScalingRollingUpdate{MaxBatchSize: 1, MinInstancesInService: tt.wantMin},
				AutoScalingScheduledAction: &policies.AutoScalingScheduledAction{IgnoreUnmodifiedGroupSizeProperties: true},
			}
			if diff := cmp.Diff(want, g.AWSCloudFormationUpdatePolicy); diff != "" {
				t.Errorf("UpdatePolicy (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.wantDesired, g.DesiredCapacity); diff != "" {
				t.Errorf("DesiredCapacity (-want +got):\n%s", diff)
			}
		})
	}
}
