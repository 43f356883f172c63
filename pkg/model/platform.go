package model

import (
	"slices"
	"strings"
)

// CPU architectures and operating system families of task definitions,
// as ECS spells them.
const (
	ArchX86_64 = "X86_64"
	ArchARM64  = "ARM64"
	OSLinux    = "LINUX"
)

// RuntimePlatform is what a task definition's containers are built for,
// like ECS's runtimePlatform.
type RuntimePlatform struct {
	// CpuArchitecture is X86_64 or ARM64; default: on ec2 in a cluster
	// with an autoScalingGroup, its instances' architecture, else X86_64.
	CpuArchitecture string `yaml:"cpuArchitecture" ecsgen:"cpuArchitecture"`
	// OperatingSystemFamily is LINUX, the only one ecsgen supports.
	OperatingSystemFamily string `yaml:"operatingSystemFamily" ecsgen:"operatingSystemFamily"`
}

// IsGraviton reports whether an EC2 instance type is of an AWS Graviton
// family, whose instances are arm64: a1, or a family whose letters after
// the generation digit include g (t4g, m7g, c6gn, r6gd, im4gn, is4gen,
// hpc7g, g5g), unlike g5 or g4dn, where the g is the series.
func IsGraviton(instanceType string) bool {
	family, _, _ := strings.Cut(strings.ToLower(instanceType), ".")
	if family == "a1" {
		return true
	}
	isLetter := func(r rune) bool { return r >= 'a' && r <= 'z' }
	afterSeries := strings.TrimLeftFunc(family, isLetter)
	afterGeneration := strings.TrimLeft(afterSeries, "0123456789")
	if len(afterGeneration) == len(afterSeries) {
		return false // no generation digit: not a family name ecsgen knows
	}
	suffix := afterGeneration
	if end := strings.IndexFunc(suffix, func(r rune) bool { return !isLetter(r) }); end >= 0 {
		suffix = suffix[:end] // before options such as -flex
	}
	return strings.ContainsRune(suffix, 'g')
}

// Architecture returns the CPU architecture of the group's instances.
func (a *AutoScalingGroup) Architecture() string {
	if IsGraviton(a.InstanceType()) {
		return ArchARM64
	}
	return ArchX86_64
}

// Architecture returns the CPU architecture the task definition's
// containers run on: the one given, else that of the instances of the
// cluster it runs in on ec2, else X86_64.
func (t *TaskDefinition) Architecture(launch string, cluster *Cluster) string {
	if rp := t.RuntimePlatform; rp != nil && rp.CpuArchitecture != "" {
		return rp.CpuArchitecture
	}
	if launch == LaunchEC2 && cluster != nil && cluster.AutoScalingGroup != nil {
		return cluster.AutoScalingGroup.Architecture()
	}
	return ArchX86_64
}

// OperatingSystem returns the task definition's operating system family.
func (t *TaskDefinition) OperatingSystem() string {
	family := ""
	if rp := t.RuntimePlatform; rp != nil {
		family = rp.OperatingSystemFamily
	}
	return rules["operatingSystemFamily"].or(family)
}

// ImagePlatform is the platform, as image builders name it, of images for
// a CPU architecture.
func ImagePlatform(arch string) string {
	if arch == ArchARM64 {
		return "linux/arm64"
	}
	return "linux/amd64"
}

// validatePlatform checks the task definition's runtime platform against
// where it runs: ec2 tasks in a cluster whose instances ecsgen creates
// must be built for those instances, and images ecsgen builds for the
// task's architecture.
func validatePlatform(v *Errors, path string, t *TaskDefinition, launch string, cluster *Cluster) {
	if rp := t.RuntimePlatform; rp != nil {
		p := field(path, "runtimePlatform")
		// An empty or unknown architecture is not compared: validateRules
		// reports an unknown one.
		known := slices.Contains(rules["cpuArchitecture"].enum, rp.CpuArchitecture)
		if known && launch == LaunchEC2 && cluster != nil && cluster.AutoScalingGroup != nil {
			if want := cluster.AutoScalingGroup.Architecture(); rp.CpuArchitecture != want {
				v.add(field(p, "cpuArchitecture"), "is %s, but the cluster's %s instances are %s; remove cpuArchitecture or change the cluster's instanceType", rp.CpuArchitecture, cluster.AutoScalingGroup.InstanceType(), want)
			}
		}
	}
	arch := t.Architecture(launch, cluster)
	for _, c := range t.NamedContainers() {
		if b := c.Container.Image.Build; b != nil && b.Platform != "" && b.Platform != ImagePlatform(arch) {
			v.add(field(field(field(t.containerPath(path, c.Name), "image"), "build"), "platform"), "is %s, but the task runs on %s (%s); remove platform, which follows the task, or change runtimePlatform.cpuArchitecture", b.Platform, arch, ImagePlatform(arch))
		}
	}
}
