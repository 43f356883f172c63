package model

import (
	"slices"
	"strings"
)

// validateDependsOn checks the container dependencies of a task as a
// whole; each entry's own fields are checked with its container.
func validateDependsOn(v *Errors, path string, t *TaskDefinition) {
	validateDependsOnEssential(v, path, t)
	validateDependencyCycles(v, path, t)
}

// validateDependsOnEssential rejects waiting for an essential container to
// exit: when it exits the task stops, so the dependent never starts.
func validateDependsOnEssential(v *Errors, path string, t *TaskDefinition) {
	for _, c := range t.NamedContainers() {
		for i, dep := range c.Container.DependsOn {
			target := t.container(dep.ContainerName)
			if target == nil || !target.IsEssential() || dep.Condition != "SUCCESS" && dep.Condition != "COMPLETE" {
				continue
			}
			p := index(field(t.containerPath(path, c.Name), "dependsOn"), i)
			v.add(field(p, "condition"), "%s waits for container %s to exit, but it is essential, so its exit stops the task; mark %s `essential: false` or wait for START or HEALTHY", dep.Condition, dep.ContainerName, dep.ContainerName)
		}
	}
}

// validateDependencyCycles rejects containers that wait for each other:
// ECS would start none of them. Each cycle is reported once, at the
// dependsOn entry that closes it.
func validateDependencyCycles(v *Errors, path string, t *TaskDefinition) {
	const (
		unvisited = iota
		visiting
		done
	)
	state := map[string]int{}
	var stack []string
	var visit func(name string)
	visit = func(name string) {
		state[name] = visiting
		stack = append(stack, name)
		for i, dep := range t.container(name).DependsOn {
			next := dep.ContainerName
			if next == name || t.container(next) == nil {
				continue // reported with the entry itself
			}
			switch state[next] {
			case unvisited:
				visit(next)
			case visiting:
				cycle := append(slices.Clone(stack[slices.Index(stack, next):]), next)
				p := index(field(t.containerPath(path, name), "dependsOn"), i)
				v.add(field(p, "containerName"), "closes a dependency cycle (%s, each waiting for the next): ECS could start none of them; remove one of these dependsOn entries", strings.Join(cycle, " -> "))
			}
		}
		stack = stack[:len(stack)-1]
		state[name] = done
	}
	for _, c := range t.NamedContainers() {
		if state[c.Name] == unvisited {
			visit(c.Name)
		}
	}
}

// container returns the task's container called name, or nil.
func (t *TaskDefinition) container(name string) *Container {
	for _, c := range t.NamedContainers() {
		if c.Name == name {
			return c.Container
		}
	}
	return nil
}
