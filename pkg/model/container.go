package model

// Container is one container of a task, like awsx's container definitions.
type Container struct {
	// Image is what the container runs: a registry reference ("nginx",
	// an ECR URI), or an image ecsgen builds ({path: ...} or {build: ...}).
	Image Image `yaml:"image"`
	// Cpu is the container's reserved CPU units.
	Cpu *int `yaml:"cpu" ecsgen:"containerCpu"`
	// Memory is the container's hard memory limit in MiB.
	Memory *int `yaml:"memory" ecsgen:"containerMemory"`
	// MemoryReservation is the container's soft memory limit in MiB.
	MemoryReservation *int `yaml:"memoryReservation" ecsgen:"containerMemory"`
	// PortMappings are the ports the container serves, each either routed
	// from a listener or given as containerPort.
	PortMappings []PortMapping `yaml:"portMappings"`
	// Environment sets plain environment variables. Never put secrets here:
	// values that look like credentials are rejected.
	Environment map[string]string `yaml:"environment"`
	// Secrets sets environment variables from SSM parameters or Secrets
	// Manager secrets, read by ECS when the task starts.
	Secrets map[string]Secret `yaml:"secrets"`
	// Command overrides the image's CMD.
	Command []string `yaml:"command"`
	// EntryPoint overrides the image's ENTRYPOINT.
	EntryPoint []string `yaml:"entryPoint"`
	// Essential stops the task when this container stops; default true.
	Essential *bool `yaml:"essential" ecsgen:"essential"`
	// HealthCheck is a command Docker runs to decide the container is
	// healthy.
	HealthCheck *HealthCheck `yaml:"healthCheck"`
	// MountPoints mount the task's volumes into the container.
	MountPoints []MountPoint `yaml:"mountPoints"`
	// DependsOn delays this container until others reach a state.
	DependsOn []ContainerDependency `yaml:"dependsOn"`
}

// PortMapping is one port a container serves. Naming a listener routes
// that listener's traffic to the container; the container port is then
// the listener's target port unless containerPort says otherwise.
type PortMapping struct {
	// Name names the mapping, for serviceConnect.port: lowercase letters,
	// digits, hyphens and underscores.
	Name string `yaml:"name" ecsgen:"portName"`
	// Listener names a listener under listeners: whose traffic this port
	// receives.
	Listener string `yaml:"listener"`
	// ContainerPort is the port the container listens on.
	ContainerPort *int `yaml:"containerPort" ecsgen:"port"`
	// HostPort is the port on the instance, in bridge mode; default 0, a
	// dynamic port. In awsvpc and host mode it equals containerPort.
	HostPort *int `yaml:"hostPort" ecsgen:"hostPort"`
	// Protocol is tcp (the default) or udp.
	Protocol string `yaml:"protocol" ecsgen:"protocol"`
	// Rule routes only the listener's requests that match it here, so
	// that several services share one application listener; without a
	// rule, this mapping is the listener's default route.
	Rule *ListenerRule `yaml:"rule"`
	// TargetGroup sets the target group of this mapping's rule route; the
	// default route's is set under the listener.
	TargetGroup *TargetGroup `yaml:"targetGroup"`
}

// HealthCheck is a container health check; times are in seconds.
type HealthCheck struct {
	// Command is the check, e.g. [CMD-SHELL, curl -f http://localhost/ || exit 1].
	Command []string `yaml:"command"`
	// Interval between checks, 5-300; default 30.
	Interval *int `yaml:"interval" ecsgen:"healthCheckInterval"`
	// Timeout of one check, 2-120; default 5.
	Timeout *int `yaml:"timeout" ecsgen:"healthCheckTimeout"`
	// Retries before the container is unhealthy, 1-10; default 3.
	Retries *int `yaml:"retries" ecsgen:"healthCheckRetries"`
	// StartPeriod during which failures do not count, 0-300; default 0.
	StartPeriod *int `yaml:"startPeriod" ecsgen:"healthCheckStartPeriod"`
}

// MountPoint mounts a volume into a container.
type MountPoint struct {
	SourceVolume  string `yaml:"sourceVolume"`
	ContainerPath string `yaml:"containerPath" ecsgen:"absolutePath"`
	ReadOnly      bool   `yaml:"readOnly"`
}

// ContainerDependency delays a container until another reaches a state.
type ContainerDependency struct {
	ContainerName string `yaml:"containerName"`
	// Condition is START, COMPLETE, SUCCESS or HEALTHY.
	Condition string `yaml:"condition" ecsgen:"dependencyCondition"`
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

// IsEssential reports whether the task stops when this container stops.
func (c *Container) IsEssential() bool { return rules["essential"].orBool(c.Essential) }

// Proto returns the mapping's protocol with its default.
func (pm PortMapping) Proto() string { return rules["protocol"].or(pm.Protocol) }

func (c *Container) validate(v *Errors, path string, app *App, t *TaskDefinition, mode string) {
	c.Image.validate(v, field(path, "image"))
	if c.Memory != nil && c.MemoryReservation != nil && *c.MemoryReservation > *c.Memory {
		v.add(field(path, "memoryReservation"), "is %d MiB, more than memory (%d MiB); the reservation must fit within the limit", *c.MemoryReservation, *c.Memory)
	}
	validateEnvironment(v, path, c)
	if mode == NetworkModeNone && len(c.PortMappings) > 0 {
		v.add(field(path, "portMappings"), "networkMode none has no network to map ports on")
	}
	for i, pm := range c.PortMappings {
		pm.validate(v, index(field(path, "portMappings"), i), app, mode)
	}
	if c.HealthCheck != nil {
		c.HealthCheck.validate(v, field(path, "healthCheck"))
	}
	volumes := map[string]bool{}
	for _, vol := range t.Volumes {
		volumes[vol.Name] = true
	}
	for i, mp := range c.MountPoints {
		p := index(field(path, "mountPoints"), i)
		if !volumes[mp.SourceVolume] {
			v.add(field(p, "sourceVolume"), "no volume named %q in the task's volumes", mp.SourceVolume)
		}
		if mp.ContainerPath == "" {
			v.add(field(p, "containerPath"), "is required: where to mount the volume, an absolute path such as /data")
		}
	}
	names := map[string]*Container{}
	for _, nc := range t.NamedContainers() {
		names[nc.Name] = nc.Container
	}
	for i, dep := range c.DependsOn {
		p := index(field(path, "dependsOn"), i)
		target, ok := names[dep.ContainerName]
		switch {
		case !ok:
			v.add(field(p, "containerName"), "no container named %q in this task", dep.ContainerName)
		case target == c:
			v.add(field(p, "containerName"), "a container cannot depend on itself")
		}
		if dep.Condition == "" {
			v.add(field(p, "condition"), "is required: %s", oneOf(rules["dependencyCondition"].enum))
		} else if dep.Condition == "HEALTHY" && ok && target.HealthCheck == nil {
			v.add(field(p, "condition"), "HEALTHY needs a healthCheck on container %s", dep.ContainerName)
		}
	}
}

// containerPort is the port the mapping opens in the container: the one
// given, else the target port of the listener it routes; nil when neither
// is known (an unknown listener, reported elsewhere).
func (pm PortMapping) containerPort(app *App) *int {
	if pm.ContainerPort != nil {
		return pm.ContainerPort
	}
	if l := app.Listeners[pm.Listener]; l != nil {
		return new(pm.TargetPort(l))
	}
	return nil
}

func (pm PortMapping) validate(v *Errors, path string, app *App, mode string) {
	if pm.HostPort != nil && *pm.HostPort != 0 {
		port := pm.containerPort(app)
		if mode != NetworkModeBridge && port != nil && *pm.HostPort != *port {
			v.add(field(path, "hostPort"), "must equal the container port (%d) in %s mode, or be left out", *port, mode)
		}
	}
	switch {
	case pm.Listener != "":
		l := app.Listeners[pm.Listener]
		if l == nil {
			v.add(field(path, "listener"), "no listener named %q; declare it under listeners:%s", pm.Listener, known(app.Listeners))
			break
		}
		if pm.Protocol == "udp" {
			v.add(field(path, "protocol"), "listeners forward tcp; remove protocol: udp")
		}
		if tg := pm.RouteTargetGroup(l); pm.ContainerPort != nil && tg != nil && tg.Port != 0 && *pm.ContainerPort != tg.Port {
			v.add(field(path, "containerPort"), "is %d but listener %s sends to target port %d; make them match or drop one", *pm.ContainerPort, pm.Listener, tg.Port)
		}
		pm.validateRoute(v, path, l)
	case pm.Rule != nil || pm.TargetGroup != nil:
		v.add(path, "has a rule or targetGroup but no listener; name the listener whose traffic it receives")
	case pm.ContainerPort == nil:
		v.add(path, "needs a listener or a containerPort")
	}
}

func (h *HealthCheck) validate(v *Errors, path string) {
	if len(h.Command) == 0 {
		v.add(field(path, "command"), "is required, e.g. [CMD-SHELL, curl -f http://localhost/ || exit 1]")
	} else if h.Command[0] != "CMD" && h.Command[0] != "CMD-SHELL" {
		v.add(field(path, "command"), "must start with CMD or CMD-SHELL, got %q", h.Command[0])
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
