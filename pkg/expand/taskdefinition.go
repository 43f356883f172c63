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
	// Cpu and Memory are the task-level size (CPU units, MiB).
	Cpu    int
	Memory int
	// NetworkMode is awsvpc: every task gets its own network interface.
	NetworkMode string
	// Compatibilities are the launch types the definition must work on.
	Compatibilities []string
	// ExecutionRole is what ECS itself uses to pull images and write logs.
	ExecutionRole *Role
	LogGroup      *LogGroup
	Containers    []*Container
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
	Command           []string
	EntryPoint        []string
	// Logs is where the container's output goes; nil for none.
	Logs *ContainerLogs
}

// Image is a container image: a registry reference, or one ecsgen builds,
// whose URI is only known at deploy time and so becomes a parameter.
type Image struct {
	Reference string
	Built     bool
}

// PortMapping is a port the container listens on.
type PortMapping struct {
	ContainerPort int
	Protocol      string
}

// EnvVar is one environment variable.
type EnvVar struct {
	Name, Value string
}

// ContainerLogs sends a container's output to a log group with the
// awslogs driver.
type ContainerLogs struct {
	Group        *LogGroup
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
}

// Network modes and compatibilities, as ECS spells them.
const (
	NetworkModeAwsvpc = "awsvpc"
	ecsTasksPrincipal = "ecs-tasks.amazonaws.com"
)

func (x *expander) expandTaskDefinition(name string, m *model.TaskDefinition) *TaskDefinition {
	cpu, memory := m.FargateSize()
	t := &TaskDefinition{
		Name:            name,
		Cpu:             cpu,
		Memory:          memory,
		NetworkMode:     NetworkModeAwsvpc,
		Compatibilities: []string{LaunchFargate},
		ExecutionRole: &Role{
			Name:            name + "-execution",
			Principal:       ecsTasksPrincipal,
			ManagedPolicies: []string{"service-role/AmazonECSTaskExecutionRolePolicy"},
		},
		LogGroup: &LogGroup{Name: name, RetentionDays: 1},
	}
	for _, nc := range m.NamedContainers() {
		t.Containers = append(t.Containers, x.expandContainer(nc, t))
	}
	return t
}

func (x *expander) expandContainer(nc model.NamedContainer, t *TaskDefinition) *Container {
	m := nc.Container
	c := &Container{
		Name:              nc.Name,
		Image:             Image{Reference: m.Image.Name, Built: m.Image.Built()},
		Cpu:               m.Cpu,
		Memory:            m.Memory,
		MemoryReservation: m.MemoryReservation,
		Essential:         m.Essential == nil || *m.Essential,
		Command:           m.Command,
		EntryPoint:        m.EntryPoint,
		Logs:              &ContainerLogs{Group: t.LogGroup, StreamPrefix: t.Name},
	}
	for _, k := range slices.Sorted(maps.Keys(m.Environment)) {
		c.Environment = append(c.Environment, EnvVar{k, m.Environment[k]})
	}
	for _, pm := range m.PortMappings {
		c.PortMappings = append(c.PortMappings, PortMapping{ContainerPort: x.containerPort(pm), Protocol: ProtocolTCP})
	}
	return c
}

// containerPort is the port a mapping's container listens on: the one it
// names, else the port of the listener it is routed from, as awsx does.
func (x *expander) containerPort(pm model.PortMapping) int {
	if pm.ContainerPort != nil {
		return *pm.ContainerPort
	}
	return x.model.Listeners[pm.Listener].Port
}
