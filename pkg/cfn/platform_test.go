package cfn

import (
	"testing"

	"github.com/awslabs/goformation/v7/cloudformation/ec2"
	"github.com/awslabs/goformation/v7/cloudformation/ecs"
	"github.com/google/go-cmp/cmp"
)

// TestArchitectureFollowsInstances checks that Graviton instances boot
// the arm64 ECS-optimized AMI, and that task definitions, Fargate ones
// included, say what they are built for, as do the images ecsgen builds.
func TestArchitectureFollowsInstances(t *testing.T) {
	tests := []struct {
		name, instanceType, fargateRuntime string
		wantAMIParam, wantAMIDefault       string
		wantEC2Arch, wantFargateArch       string
		wantPlatform                       string
	}{
		{"x86", "t3.medium", "", "EcsOptimizedAmi", "/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id", "X86_64", "X86_64", "linux/amd64"},
		{"graviton", "m7g.large", "", "EcsOptimizedAmiArm64", "/aws/service/ecs/optimized-ami/amazon-linux-2023/arm64/recommended/image_id", "ARM64", "X86_64", "linux/arm64"},
		{"fargate on arm", "c6gn.large", "runtimePlatform: {cpuArchitecture: ARM64},", "EcsOptimizedAmiArm64", "/aws/service/ecs/optimized-ami/amazon-linux-2023/arm64/recommended/image_id", "ARM64", "ARM64", "linux/arm64"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tmpl := synthManifest(t, `
name: shop
clusters:
  main: {autoScalingGroup: {launchConfigurationArgs: {instanceType: `+tt.instanceType+`}}}
services:
  worker: {cluster: main, launchType: ec2, taskDefinition: {container: {image: {path: ./worker}, memory: 64}}}
  web: {cluster: main, taskDefinition: {`+tt.fargateRuntime+` container: {image: nginx}}}
`)
			lt := resourceOf[ec2.LaunchTemplate](t, tmpl, "MainLaunchTemplate")
			if got, _ := decodeIntrinsic(*lt.LaunchTemplateData.ImageId); got["Ref"] != tt.wantAMIParam {
				t.Errorf("ImageId = %v, want a Ref to %s", got, tt.wantAMIParam)
			}
			if p, ok := tmpl.Parameters()[tt.wantAMIParam]; !ok || p.Default != tt.wantAMIDefault {
				t.Errorf("parameter %s = %+v, want default %s", tt.wantAMIParam, p, tt.wantAMIDefault)
			}
			for id, want := range map[string]string{"WorkerTaskDefinition": tt.wantEC2Arch, "WebTaskDefinition": tt.wantFargateArch} {
				got := resourceOf[ecs.TaskDefinition](t, tmpl, id).RuntimePlatform
				if diff := cmp.Diff(&ecs.TaskDefinition_RuntimePlatform{CpuArchitecture: new(want), OperatingSystemFamily: new("LINUX")}, got); diff != "" {
					t.Errorf("%s RuntimePlatform (-want +got):\n%s", id, diff)
				}
			}
			images := tmpl.Inputs().Images
			if len(images) != 1 || images[0].Platform != tt.wantPlatform {
				t.Errorf("images to build = %+v, want one for %s", images, tt.wantPlatform)
			}
		})
	}
}
