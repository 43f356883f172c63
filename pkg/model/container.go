package model

// Container is one container of a task, like awsx's container definitions.
type Container struct {
	// Image is what the container runs: a registry reference ("nginx",
	// an ECR URI), or an image ecsgen builds ({path: ...} or {build: ...}).
	Image Image `yaml:"image"`
	// Cpu is the container's reserved CPU units.
	Cpu *int `yaml:"cpu"`
	// Memory is the container's hard memory limit in MiB.
	Memory *int `yaml:"memory"`
	// MemoryReservation is the container's soft memory limit in MiB.
	MemoryReservation *int `yaml:"memoryReservation"`
	// PortMappings are the ports the container serves, each either routed
	// from a listener or given as containerPort.
	PortMappings []PortMapping `yaml:"portMappings"`
	// Environment sets plain environment variables. Never put secrets here.
	Environment map[string]string `yaml:"environment"`
	// Command overrides the image's CMD.
	Command []string `yaml:"command"`
	// EntryPoint overrides the image's ENTRYPOINT.
	EntryPoint []string `yaml:"entryPoint"`
	// Essential stops the task when this container stops; default true.
	Essential *bool `yaml:"essential"`
}

// PortMapping is one port a container serves. Naming a listener routes
// that listener's traffic to the container; the container port is then
// the listener's port unless containerPort says otherwise.
type PortMapping struct {
	// Listener names a listener under listeners: whose traffic this port
	// receives.
	Listener string `yaml:"listener"`
	// ContainerPort is the port the container listens on.
	ContainerPort *int `yaml:"containerPort"`
}

// ReservedMemory is the memory this container counts for when sizing the
// task: its hard limit, else its soft reservation, else nothing.
func (c *Container) ReservedMemory() int {
	switch {
	case c.Memory != nil:
		return *c.Memory
	case c.MemoryReservation != nil:
		return *c.MemoryReservation
	}
	return 0
}

func (c *Container) validate(v *Errors, path string, app *App) {
	c.Image.validate(v, field(path, "image"))
	if c.Cpu != nil && *c.Cpu < 0 {
		v.add(field(path, "cpu"), "must be >= 0 CPU units, got %d", *c.Cpu)
	}
	if c.Memory != nil && *c.Memory <= 0 {
		v.add(field(path, "memory"), "must be a positive number of MiB, got %d", *c.Memory)
	}
	if c.MemoryReservation != nil && *c.MemoryReservation <= 0 {
		v.add(field(path, "memoryReservation"), "must be a positive number of MiB, got %d", *c.MemoryReservation)
	}
	if c.Memory != nil && c.MemoryReservation != nil && *c.MemoryReservation > *c.Memory {
		v.add(field(path, "memoryReservation"), "is %d MiB, more than memory (%d MiB); the reservation must fit within the limit", *c.MemoryReservation, *c.Memory)
	}
	for i, pm := range c.PortMappings {
		pm.validate(v, index(field(path, "portMappings"), i), app)
	}
}

func (pm PortMapping) validate(v *Errors, path string, app *App) {
	if pm.ContainerPort != nil {
		validatePort(v, field(path, "containerPort"), *pm.ContainerPort)
	}
	switch {
	case pm.Listener != "":
		if app.Listeners[pm.Listener] == nil {
			v.add(field(path, "listener"), "no listener named %q; declare it under listeners:%s", pm.Listener, known(app.Listeners))
		}
	case pm.ContainerPort == nil:
		v.add(path, "needs a listener or a containerPort")
	}
}

// known lists the names a reference could have used, for error messages.
func known[V any](m map[string]V) string {
	if len(m) == 0 {
		return ""
	}
	s := " (declared:"
	for _, k := range sortedKeys(m) {
		s += " " + k
	}
	return s + ")"
}
