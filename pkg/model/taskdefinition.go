package model

// TaskDefinition describes the containers of a task and what the task as a
// whole needs, like awsx's FargateTaskDefinition.
type TaskDefinition struct {
	// Cpu is the task's CPU units (1024 = one vCPU). On Fargate it defaults
	// to the smallest valid size that fits the containers.
	Cpu *int `yaml:"cpu"`
	// Memory is the task's memory in MiB. On Fargate it defaults to the
	// smallest valid size that fits the containers.
	Memory *int `yaml:"memory"`
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

func (t *TaskDefinition) containerPath(path, name string) string {
	if t.Container != nil {
		return field(path, "container")
	}
	return field(field(path, "containers"), name)
}

func (t *TaskDefinition) validate(v *Errors, path string, app *App) {
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
	for _, c := range t.NamedContainers() {
		c.Container.validate(v, t.containerPath(path, c.Name), app)
	}
	if t.Cpu != nil || t.Memory != nil {
		validateFargateSize(v, path, t.Cpu, t.Memory)
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
