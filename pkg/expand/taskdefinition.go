package expand

import (
	"maps"
	"slices"

	"github.com/ecsgen/ecsgen/pkg/model"
)

// TaskDefinition is a task definition with its size, roles and logging
// settled.
type TaskDefinition struct {
	Name string
	// Cpu and Memory are the task-level size (CPU units, MiB); zero is
	// unset, which only EC2 allows.
	Cpu    int
	Memory int
	// NetworkMode is awsvpc, bridge, host or none.
	NetworkMode string
	// Compatibilities are the launch types the definition must work on.
	Compatibilities []string
	// CpuArchitecture (X86_64 or ARM64) and OperatingSystemFamily are
	// what the containers are built for; ECS places the tasks only where
	// they can run.
	CpuArchitecture       string
	OperatingSystemFamily string
	// ExecutionRole is the role ECS itself uses to pull images and write
	// logs, when ecsgen creates it; ExecutionRoleArn when the user gave one.
	ExecutionRole    *Role
	ExecutionRoleArn string
	// TaskRoleArn is the role the containers run as when the user gave
	// one; TaskRole when ecsgen creates it; neither for none.
	TaskRoleArn string
	TaskRole    *Role
	// LogGroup is the group the stack creates for the containers, if any.
	LogGroup   *LogGroup
	Volumes    []model.Volume
	Containers []*Container
}

// Container is a container definition with its defaults applied.
type Container struct {
	Name              string
	Image             Image
	Cpu               *int
	Memory            *int
	MemoryReservation *int
	Essential         bool
	PortMappings      []PortMapping
	Environment       []EnvVar
	Secrets           []SecretVar
	Command           []string
	EntryPoint        []string
	HealthCheck       *model.HealthCheck
	MountPoints       []model.MountPoint
	DependsOn         []model.ContainerDependency
	// Logs is where the container's output goes; nil for none.
	Logs *ContainerLogs
}

// Image is a container image: a registry reference, or one ecsgen builds,
// whose URI is only known at deploy time and so becomes a parameter.
type Image struct {
	Reference string
	Built     bool
	// Build is what to build, for a built image.
	Build *model.Image
	// Repository is the ECR repository a built image is pushed to: the
	// user's, else one named after the app, its owner and the container.
	Repository string
	// Platform is what a built image is built for, such as linux/arm64:
	// the architecture of the task it runs in.
	Platform string
}

// PortMapping is a port the container listens on.
type PortMapping struct {
	// Name is what Service Connect knows the port by; empty for none.
	Name          string
	ContainerPort int
	// HostPort is 0 for a dynamic port in bridge mode.
	HostPort int
	Protocol string
}

// EnvVar is one environment variable.
type EnvVar struct {
	Name, Value string
}

// SecretVar is an environment variable ECS fills from a secret store.
type SecretVar struct {
	Name   string
	Secret model.Secret
}

// ContainerLogs sends a container's output to a log group with the
// awslogs driver: the stack's Group, or an existing one by GroupName.
type ContainerLogs struct {
	Group        *LogGroup
	GroupName    string
	StreamPrefix string
}

// LogGroup is a CloudWatch Logs group the app creates.
type LogGroup struct {
	Name string
	// RetentionDays bounds what logs cost and how long they are kept; the
	// seed's default is one day.
	RetentionDays int
}

// Role is an IAM role assumed by an AWS service.
type Role struct {
	Name string
	// Principal is the service that assumes the role.
	Principal string
	// ManagedPolicies are AWS managed policies by name, e.g.
	// service-role/AmazonECSTaskExecutionRolePolicy.
	ManagedPolicies []string
	// Statements are what the role may do beyond its managed policies,
	// each on named resources only.
	Statements []Statement
}

// Statement allows actions on resources, or denies them.
type Statement struct {
	Deny      bool
	Actions   []string
	Resources []Resource
	// InCluster limits ECS actions to tasks in this cluster.
	InCluster *Cluster
}

// Resource is one thing a statement grants access to; exactly one field
// is set. Names are turned into ARNs in the stack's partition, region and
// account when the template is rendered.
type Resource struct {
	// LogGroup is a log group the stack creates.
	LogGroup *LogGroup
	// SSMParameter is an SSM parameter's name or ARN.
	SSMParameter string
	// Secret is a Secrets Manager secret's name or ARN.
	Secret string
	// KMSKey is a KMS key's ARN.
	KMSKey string
	// ARN is any resource's ARN, or *, as the user gave it.
	ARN string
	// TaskDefinition is a task definition the stack creates.
	TaskDefinition *TaskDefinition
	// Role is a role the stack creates.
	Role *Role
	// StateMachine is the state machine of a singleton schedule.
	StateMachine *Trigger
}

const ecsTasksPrincipal = "ecs-tasks.amazonaws.com"

// expandTaskDefinition settles a task definition that runs with the
// launch type in the cluster, nil for the default one.
func (x *expander) expandTaskDefinition(name string, m *model.TaskDefinition, launch string, cluster *model.Cluster) *TaskDefinition {
	t := &TaskDefinition{
		Name:                  name,
		NetworkMode:           m.Mode(launch),
		Volumes:               m.Volumes,
		CpuArchitecture:       m.Architecture(launch, cluster),
		OperatingSystemFamily: m.OperatingSystem(),
	}
	switch r := m.TaskRole; {
	case r == nil:
	case r.Arn != "":
		t.TaskRoleArn = r.Arn
	default:
		t.TaskRole = taskRole(name, r)
	}
	if launch == model.LaunchFargate {
		t.Cpu, t.Memory = m.FargateSize()
		t.Compatibilities = []string{LaunchFargate}
	} else {
		if m.Cpu != nil {
			t.Cpu = *m.Cpu
		}
		if m.Memory != nil {
			t.Memory = *m.Memory
		}
		t.Compatibilities = []string{LaunchEC2}
	}
	if m.ExecutionRole != "" {
		t.ExecutionRoleArn = m.ExecutionRole
	} else {
		t.ExecutionRole = &Role{
			Name:            name + "-execution",
			Principal:       ecsTasksPrincipal,
			ManagedPolicies: []string{"service-role/AmazonECSTaskExecutionRolePolicy"},
		}
	}
	var logs *ContainerLogs
	switch lg := m.LogGroup; {
	case lg != nil && lg.Disabled:
	case lg != nil && lg.Existing != "":
		logs = &ContainerLogs{GroupName: lg.Existing, StreamPrefix: name}
	default:
		t.LogGroup = &LogGroup{Name: name, RetentionDays: lg.Retention()}
		logs = &ContainerLogs{Group: t.LogGroup, StreamPrefix: name}
	}
	for _, nc := range m.NamedContainers() {
		t.Containers = append(t.Containers, x.expandContainer(name, nc, logs, model.ImagePlatform(t.CpuArchitecture)))
	}
	if t.ExecutionRole != nil {
		t.ExecutionRole.Statements = secretAccess(t.Containers)
	}
	return t
}

// secretAccess grants the execution role read access to exactly the
// secrets the containers use, and decryption with exactly the customer
// keys that protect them: nothing with a wildcard.
func secretAccess(containers []*Container) []Statement {
	var params, secrets, keys []Resource
	seen := map[Resource]bool{}
	add := func(list *[]Resource, r Resource) {
		if !seen[r] {
			seen[r] = true
			*list = append(*list, r)
		}
	}
	for _, c := range containers {
		for _, s := range c.Secrets {
			if s.Secret.Ssm != "" {
				add(&params, Resource{SSMParameter: s.Secret.Ssm})
			} else {
				add(&secrets, Resource{Secret: s.Secret.SecretsManager})
			}
			if s.Secret.KmsKeyArn != "" {
				add(&keys, Resource{KMSKey: s.Secret.KmsKeyArn})
			}
		}
	}
	var out []Statement
	if len(params) > 0 {
		out = append(out, Statement{Actions: []string{"ssm:GetParameters"}, Resources: params})
	}
	if len(secrets) > 0 {
		out = append(out, Statement{Actions: []string{"secretsmanager:GetSecretValue"}, Resources: secrets})
	}
	if len(keys) > 0 {
		out = append(out, Statement{Actions: []string{"kms:Decrypt"}, Resources: keys})
	}
	return out
}

func (x *expander) expandContainer(owner string, nc model.NamedContainer, logs *ContainerLogs, platform string) *Container {
	m := nc.Container
	c := &Container{
		Name:              nc.Name,
		Image:             x.image(owner, nc.Name, &m.Image, platform),
		Cpu:               m.Cpu,
		Memory:            m.Memory,
		MemoryReservation: m.MemoryReservation,
		Essential:         m.IsEssential(),
		Command:           m.Command,
		EntryPoint:        m.EntryPoint,
		HealthCheck:       m.HealthCheck,
		MountPoints:       m.MountPoints,
		DependsOn:         m.DependsOn,
		Logs:              logs,
	}
	for _, k := range slices.Sorted(maps.Keys(m.Environment)) {
		c.Environment = append(c.Environment, EnvVar{k, m.Environment[k]})
	}
	for _, k := range slices.Sorted(maps.Keys(m.Secrets)) {
		c.Secrets = append(c.Secrets, SecretVar{k, m.Secrets[k]})
	}
	for _, pm := range m.PortMappings {
		host := 0
		if pm.HostPort != nil {
			host = *pm.HostPort
		}
		c.PortMappings = append(c.PortMappings, PortMapping{Name: pm.Name, ContainerPort: x.containerPort(pm), HostPort: host, Protocol: pm.Proto()})
	}
	return c
}

// containerPort is the port a mapping's container listens on: the one it
// names, else the target port of the listener it is routed from, as awsx
// does.
func (x *expander) containerPort(pm model.PortMapping) int {
	if pm.ContainerPort != nil {
		return *pm.ContainerPort
	}
	return pm.TargetPort(x.model.Listeners[pm.Listener])
}
