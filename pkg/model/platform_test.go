package model

import "testing"

func TestIsGraviton(t *testing.T) {
	tests := []struct {
		instanceType string
		want         bool
	}{
		{"t4g.micro", true},
		{"m6g.large", true},
		{"m7g.xlarge", true},
		{"m8g.large", true},
		{"c6gn.16xlarge", true},
		{"c7g.large", true},
		{"r7g.medium", true},
		{"r6gd.large", true},
		{"x2gd.xlarge", true},
		{"im4gn.large", true},
		{"is4gen.medium", true},
		{"hpc7g.4xlarge", true},
		{"g5g.xlarge", true},
		{"a1.large", true},
		{"A1.LARGE", true},
		{"t3.medium", false},
		{"t2.medium", false},
		{"m5.large", false},
		{"m7i-flex.large", false},
		{"m7a.large", false},
		{"c5n.large", false},
		{"g5.xlarge", false},
		{"g4dn.xlarge", false},
		{"g4ad.xlarge", false},
		{"gr6.4xlarge", false},
		{"u-6tb1.metal", false},
		{"mac2-m2.metal", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := IsGraviton(tt.instanceType); got != tt.want {
			t.Errorf("IsGraviton(%q) = %v, want %v", tt.instanceType, got, tt.want)
		}
	}
}

// TestTaskArchitecture checks the default architecture of a task
// definition: its cluster's instances' on ec2, else X86_64.
func TestTaskArchitecture(t *testing.T) {
	arm := &Cluster{AutoScalingGroup: &AutoScalingGroup{LaunchConfigurationArgs: &LaunchConfigurationArgs{InstanceType: "m7g.large"}}}
	x86 := &Cluster{AutoScalingGroup: &AutoScalingGroup{}}
	tests := []struct {
		name    string
		given   string
		launch  string
		cluster *Cluster
		want    string
	}{
		{"fargate", "", LaunchFargate, nil, ArchX86_64},
		{"fargate given arm", ArchARM64, LaunchFargate, nil, ArchARM64},
		{"fargate in an arm cluster", "", LaunchFargate, arm, ArchX86_64},
		{"ec2 on arm instances", "", LaunchEC2, arm, ArchARM64},
		{"ec2 on default instances", "", LaunchEC2, x86, ArchX86_64},
		{"ec2 in an existing cluster", "", LaunchEC2, &Cluster{Existing: "prod"}, ArchX86_64},
		{"ec2 in an existing cluster given arm", ArchARM64, LaunchEC2, &Cluster{Existing: "prod"}, ArchARM64},
	}
	for _, tt := range tests {
		td := &TaskDefinition{}
		if tt.given != "" {
			td.RuntimePlatform = &RuntimePlatform{CpuArchitecture: tt.given}
		}
		if got := td.Architecture(tt.launch, tt.cluster); got != tt.want {
			t.Errorf("%s: Architecture = %s, want %s", tt.name, got, tt.want)
		}
	}
}
