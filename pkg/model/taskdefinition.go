package model

import "fmt"

// Network modes.
const (
	NetworkModeAwsvpc = "awsvpc"
	NetworkModeBridge = "bridge"
	NetworkModeHost   = "host"
	NetworkModeNone   = "none"
)

// TaskDefinition describes the containers of a task and what the task as a
// whole needs, like awsx's FargateTaskDefinition and EC2TaskDefinition.
type TaskDefinition struct {
	// Cpu is the task's CPU units (1024 = one vCPU). On Fargate it defaults
	// to the smallest valid size that fits the containers.
	Cpu *int `yaml:"cpu"`
	// Memory is the task's memory in MiB. On Fargate it defaults to the
	// smallest valid size that fits the containers.
	Memory *int `yaml:"memory"`
	// NetworkMode is awsvpc (each task gets its own network interface; the
	// only mode on Fargate and its default), bridge (the default on ec2),
	// host or none.
	NetworkMode string `yaml:"networkMode" ecsgen:"networkMode"`
	// LogGroup is where container output goes: by default a new group
	// with 1-day retention; a name uses an existing group; false sends
	// output nowhere.
	LogGroup *LogGroup `yaml:"logGroup"`
	// RuntimePlatform is the CPU architecture and operating system the
	// containers are built for.
	RuntimePlatform *RuntimePlatform `yaml:"runtimePlatform"`
	// Volumes are data volumes the containers can mount.
	Volumes []Volume `yaml:"volumes"`
	// ExecutionRole is the ARN of the role ECS uses to pull images and
	// write logs; default: a role ecsgen creates with exactly that access.
	ExecutionRole string `yaml:"executionRole" ecsgen:"iamRoleArn"`
	// TaskRole is the role the containers' code runs as: an existing
	// role's ARN, or {statements: [...]} for a role ecsgen creates that
	// may do exactly that; default: none, so the containers get no AWS
	// credentials.
	TaskRole *TaskRole `yaml:"taskRole"`
	// Containers are the task's containers, by name.
	Containers map[string]*Container `yaml:"containers"`
	// Container is a task's only container, named "container"; use it or
	// containers, not both.
	Container *Container `yaml:"container"`
}

// SingleContainerName is the name of a container given with `container:`.
const SingleContainerName = "container"

// NamedContainer is a container with the name it is known by.
type NamedContainer struct {
	Name      string
	Container *Container
}

// NamedContainers returns the task's containers sorted by name, whichever
// of containers or container declared them.
func (t *TaskDefinition) NamedContainers() []NamedContainer {
	if t.Container != nil {
		return []NamedContainer{{SingleContainerName, t.Container}}
	}
	out := make([]NamedContainer, 0, len(t.Containers))
	for _, name := range sortedKeys(t.Containers) {
		if c := t.Containers[name]; c != nil {
			out = append(out, NamedContainer{name, c})
		}
	}
	return out
}

// Mode returns the task's network mode with the default for its launch
// type: awsvpc on Fargate, bridge on EC2, as in ECS itself and CDK.
func (t *TaskDefinition) Mode(launch string) string {
	switch {
	case t.NetworkMode != "":
		return t.NetworkMode
	case launch == LaunchEC2:
		return NetworkModeBridge
	}
	return NetworkModeAwsvpc
}

// routesListener reports whether any container receives a listener's
// traffic.
func (t *TaskDefinition) routesListener() bool {
	for _, c := range t.NamedContainers() {
		for _, pm := range c.Container.PortMappings {
			if pm.Listener != "" {
				return true
			}
		}
	}
	return false
}

func (t *TaskDefinition) containerPath(path, name string) string {
	if t.Container != nil {
		return field(path, "container")
	}
	return field(field(path, "containers"), name)
}

func (t *TaskDefinition) validate(v *Errors, path string, app *App, launch string) {
	switch {
	case t.Container != nil && len(t.Containers) > 0:
		v.add(field(path, "container"), "use either container or containers, not both")
	case t.Container == nil && len(t.Containers) == 0:
		v.add(field(path, "containers"), "is required: declare at least one container with an image")
	}
	for _, name := range sortedKeys(t.Containers) {
		p := field(field(path, "containers"), name)
		validateName(v, p, name)
		if t.Containers[name] == nil {
			v.add(p, "is empty: give the container at least an image")
		}
	}
	mode := t.Mode(launch)
	fargate := launch == LaunchFargate
	if fargate && mode != NetworkModeAwsvpc {
		v.add(field(path, "networkMode"), "Fargate supports only awsvpc; remove networkMode or use launchType: ec2")
	}
	containers := t.NamedContainers()
	essential := false
	for _, c := range containers {
		cp := t.containerPath(path, c.Name)
		c.Container.validate(v, cp, app, t, mode)
		essential = essential || c.Container.IsEssential()
		if !fargate && t.Memory == nil && c.Container.Memory == nil && c.Container.MemoryReservation == nil {
			v.add(field(cp, "memory"), "is required on ec2 when the task has no memory: set memory or memoryReservation")
		}
	}
	if len(containers) > 0 && !essential {
		v.add(path, "has no essential container; mark at least one `essential: true`")
	}
	validatePortConflicts(v, path, app, t, mode)
	validateDependsOn(v, path, t)
	if fargate {
		before := len(v.List)
		if t.Cpu != nil || t.Memory != nil {
			validateFargateSize(v, path, t.Cpu, t.Memory)
		}
		switch largest := fargateSizes[len(fargateSizes)-1]; {
		case len(v.List) > before:
			// The size itself is invalid; that says enough.
		case t.Memory == nil && t.containerMemory() > largest.maxMemory:
			v.add(path, "the containers need %d MiB, more than Fargate's largest task (%d MiB)", t.containerMemory(), largest.maxMemory)
		case t.Cpu == nil && t.containerCPU() > largest.cpu:
			v.add(path, "the containers need %d CPU units, more than Fargate's largest task (%d)", t.containerCPU(), largest.cpu)
		default:
			// A size the user gave must be the size used: say so rather
			// than pick a larger one behind their back.
			cpu, mem := t.FargateSize()
			if t.Cpu != nil && cpu != *t.Cpu {
				v.add(field(path, "cpu"), "%d CPU units allow too little memory for the containers (%d MiB); raise cpu to %d or set memory", *t.Cpu, t.containerMemory(), cpu)
			}
			if t.Memory != nil && mem != *t.Memory {
				v.add(field(path, "memory"), "%d MiB does not fit the containers' %d CPU units on Fargate; use %d, or set cpu", *t.Memory, t.containerCPU(), mem)
			}
		}
	} else {
		for name, n := range map[string]*int{"cpu": t.Cpu, "memory": t.Memory} {
			if n != nil && *n <= 0 {
				v.add(field(path, name), "must be positive, got %d", *n)
			}
		}
	}
	if t.Memory != nil {
		if sum := t.containerMemory(); sum > *t.Memory {
			v.add(field(path, "memory"), "is %d MiB but the containers need %d MiB; raise it or lower the containers' memory", *t.Memory, sum)
		}
	}
	if t.Cpu != nil {
		if sum := t.containerCPU(); sum > *t.Cpu {
			v.add(field(path, "cpu"), "is %d units but the containers need %d; raise it or lower the containers' cpu", *t.Cpu, sum)
		}
	}
	if t.LogGroup != nil {
		t.LogGroup.validate(v, field(path, "logGroup"))
	}
	if t.TaskRole != nil {
		t.TaskRole.validate(v, field(path, "taskRole"))
	}
	seen := map[string]bool{}
	for i, vol := range t.Volumes {
		p := index(field(path, "volumes"), i)
		vol.validate(v, p, fargate)
		if seen[vol.Name] {
			v.add(field(p, "name"), "volume %q is declared twice", vol.Name)
		}
		seen[vol.Name] = true
	}
}

// validatePortConflicts finds two mappings that would bind the same port:
// in awsvpc and host mode every container port is a port of the task's
// interface or the host; in bridge mode only fixed host ports are.
func validatePortConflicts(v *Errors, path string, app *App, t *TaskDefinition, mode string) {
	type binding struct {
		port     int
		protocol string
	}
	first := map[binding]string{}
	for _, c := range t.NamedContainers() {
		for i, pm := range c.Container.PortMappings {
			port := pm.HostPort
			if mode != NetworkModeBridge {
				port = pm.containerPort(app)
			}
			if port == nil || *port == 0 {
				continue
			}
			b := binding{*port, pm.Proto()}
			p := index(field(t.containerPath(path, c.Name), "portMappings"), i)
			if prev, taken := first[b]; taken {
				v.add(p, "port %d/%s is already bound by %s; each port can be bound once per %s", b.port, b.protocol, prev, map[bool]string{true: "host", false: "task"}[mode != NetworkModeAwsvpc])
				continue
			}
			first[b] = p
		}
	}
	if mode == NetworkModeBridge {
		for _, c := range t.NamedContainers() {
			validateDistinctContainerPorts(v, t.containerPath(path, c.Name), app, c.Container)
		}
	}
}

// validateDistinctContainerPorts rejects a container that maps one
// container port and protocol twice, which ECS refuses even in bridge mode,
// where each container has ports of its own.
func validateDistinctContainerPorts(v *Errors, path string, app *App, c *Container) {
	first := map[string]string{}
	for i, pm := range c.PortMappings {
		port := pm.containerPort(app)
		if port == nil {
			continue
		}
		key := fmt.Sprintf("%d/%s", *port, pm.Proto())
		p := index(field(path, "portMappings"), i)
		if prev, taken := first[key]; taken {
			v.add(p, "container port %s is already mapped by %s; map each container port and protocol once", key, prev)
			continue
		}
		first[key] = p
	}
}

// containerMemory is the memory the containers reserve together: each
// container's hard limit, or its soft reservation when it has no limit.
func (t *TaskDefinition) containerMemory() int {
	sum := 0
	for _, c := range t.NamedContainers() {
		sum += c.Container.ReservedMemory()
	}
	return sum
}

// containerCPU is the CPU units the containers reserve together.
func (t *TaskDefinition) containerCPU() int {
	sum := 0
	for _, c := range t.NamedContainers() {
		if c.Container.Cpu != nil {
			sum += *c.Container.Cpu
		}
	}
	return sum
}

// FargateSize returns the task's cpu and memory for Fargate: what the user
// gave, or else the smallest valid Fargate size that fits the containers.
func (t *TaskDefinition) FargateSize() (cpu, memory int) {
	if t.Cpu != nil && t.Memory != nil {
		return *t.Cpu, *t.Memory
	}
	needCPU, needMem := t.containerCPU(), t.containerMemory()
	if t.Cpu != nil {
		needCPU = *t.Cpu
	}
	if t.Memory != nil {
		needMem = *t.Memory
	}
	return smallestFargateSize(needCPU, needMem)
}
