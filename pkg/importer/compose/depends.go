package compose

import (
	"fmt"
	"strings"

	"github.com/compose-spec/compose-go/v2/types"
	"github.com/ecsgen/ecsgen/pkg/importer"
	"github.com/ecsgen/ecsgen/pkg/model"
)

// ECS orders containers only within one task, and each Compose service
// becomes an ECS service of its own. A service that others wait for with
// service_completed_successfully runs once and exits (a migration, an
// import, an init step): as an ECS service it would be restarted forever.
// It is folded instead into the task of each service that waits for it, as
// a non-essential container the waiting container depends on with
// condition SUCCESS, which is what an ECS user would write by hand. Waiting
// for a long-running service (service_started, service_healthy) has no
// ECS equivalent across services and is reported.

// planFolds decides which Compose services are folded: those that at least
// one service waits for and every service waits for to complete.
func (c *converter) planFolds() {
	completed := map[string]bool{}
	for _, name := range sortedKeys(c.project.Services) {
		for dep, d := range c.project.Services[name].DependsOn {
			ok, seen := completed[dep]
			completed[dep] = (ok || !seen) && d.Condition == types.ServiceConditionCompletedSuccessfully
		}
	}
	c.folded = map[string]bool{}
	for dep, ok := range completed {
		if _, exists := c.project.Services[dep]; ok && exists {
			c.folded[dep] = true
		}
	}
}

// dependsOn turns the service's waits for folded services into container
// dependencies and reports the others.
func (c *converter) dependsOn(s *svc) {
	for _, dep := range sortedKeys(s.compose.DependsOn) {
		d := s.compose.DependsOn[dep]
		cond := d.Condition
		if cond == "" {
			cond = types.ServiceConditionStarted
		}
		restart := ""
		if d.Restart {
			restart = "; restart: true has no equivalent either: ECS does not restart " + s.compose.Name + " when " + dep + " restarts"
		}
		if c.folded[dep] {
			s.container.DependsOn = append(s.container.DependsOn, model.ContainerDependency{ContainerName: c.names[dep], Condition: "SUCCESS"})
			c.res.Note(importer.Field(s.cPath, "dependsOn"), fmt.Sprintf("Compose: depends_on %s (%s). ECS orders containers only within a task, so %s runs in this task as a non-essential container, and %s starts once it has exited 0", dep, cond, c.names[dep], s.name))
			if restart != "" {
				c.report(s.keys("depends_on", dep), "%s", strings.TrimPrefix(restart, "; "))
			}
			continue
		}
		why := "ECS starts each service on its own"
		if cond == types.ServiceConditionCompletedSuccessfully {
			why = "another service waits for " + dep + " to start rather than to complete, so it stays a service of its own, and ECS starts each service on its own"
		}
		c.res.Note(s.path, fmt.Sprintf("Compose: depends_on %s (%s). ECS starts services independently: %s may start first; see the report", dep, cond, s.compose.Name))
		check := "give " + dep + " a healthCheck so ECS replaces its tasks when they stop answering"
		if hc := c.project.Services[dep].HealthCheck; hc != nil && !hc.Disable && len(hc.Test) > 0 {
			check = dep + "'s healthcheck is imported, so ECS replaces its tasks when they fail it"
		}
		c.report(s.keys("depends_on", dep), "(%s) %s, so %s may start before %s is %s: make %s retry its connection to %s until it answers (or exit, and ECS starts a new task); %s. Service Connect, once ecsgen has it, will let %s reach %s by name%s", cond, why, s.compose.Name, dep, readiness(cond), s.compose.Name, dep, check, s.compose.Name, dep, restart)
	}
}

func readiness(cond string) string {
	switch cond {
	case types.ServiceConditionHealthy:
		return "healthy"
	case types.ServiceConditionCompletedSuccessfully:
		return "done"
	}
	return "running"
}

// fold puts the containers of every folded service that name waits for
// into its task, after folding those services' own one-shot steps into
// them; done records the services already folded into.
func (c *converter) fold(name string, done map[string]bool) {
	if done[name] {
		return
	}
	done[name] = true
	s := c.converted[name]
	td := s.service.TaskDefinition
	for _, dep := range sortedKeys(s.compose.DependsOn) {
		if !c.folded[dep] {
			continue
		}
		c.fold(dep, done)
		from := c.converted[dep]
		for _, ctr := range sortedKeys(from.service.TaskDefinition.Containers) {
			ct := from.service.TaskDefinition.Containers[ctr]
			if ctr == from.name {
				ct.Essential = new(false)
			}
			td.Containers[ctr] = ct
			c.res.CopyNotes(importer.Field(importer.Field(from.tdPath, "containers"), ctr), importer.Field(importer.Field(s.tdPath, "containers"), ctr))
		}
		c.res.Note(importer.Field(importer.Field(s.tdPath, "containers"), from.name), "Compose service "+dep+", which "+s.compose.Name+" waits for to complete: it runs first in every task of "+s.name+", so once per task rather than once per deploy; it must be safe to run again (migrations usually are)")
		c.foldVolumes(s, from, dep)
		c.foldPlatform(s, from, dep)
	}
}

// foldVolumes gives the task the volumes the folded containers mount. A
// Compose volume both services mount is then one volume the two
// containers share, as in Compose.
func (c *converter) foldVolumes(s, from *svc, dep string) {
	td := s.service.TaskDefinition
	for i, v := range from.service.TaskDefinition.Volumes {
		j := -1
		for k, have := range td.Volumes {
			if have.Name == v.Name {
				j = k
			}
		}
		switch {
		case j < 0:
			c.res.CopyNotes(importer.Index(importer.Field(from.tdPath, "volumes"), i), importer.Index(importer.Field(s.tdPath, "volumes"), len(td.Volumes)))
			td.Volumes = append(td.Volumes, v)
		case !volumeEqual(td.Volumes[j], v):
			c.report(s.keys("depends_on", dep), "%s's volume %s differs from %s's volume of that name, and one task has one volume per name; %s mounts %s's: rename one of the Compose volumes", dep, v.Name, s.compose.Name, c.names[dep], s.compose.Name)
		}
	}
}

func volumeEqual(a, b model.Volume) bool {
	return a.Name == b.Name && (a.Efs == nil) == (b.Efs == nil) && (a.Efs == nil || *a.Efs == *b.Efs)
}

// foldPlatform keeps one CPU architecture per task.
func (c *converter) foldPlatform(s, from *svc, dep string) {
	arch := func(td *model.TaskDefinition) string {
		if td.RuntimePlatform == nil {
			return "X86_64"
		}
		return td.RuntimePlatform.CpuArchitecture
	}
	if a, b := arch(s.service.TaskDefinition), arch(from.service.TaskDefinition); a != b {
		c.report(s.keys("depends_on", dep), "%s is built for %s and %s for %s, but one task runs on one CPU architecture (%s); build both for it", dep, b, s.compose.Name, a, a)
	}
}

// resize sets the task's size again once folded containers ask for cpu or
// memory: Fargate reserves the task's size for all its containers.
func (c *converter) resize(s *svc) {
	td := s.service.TaskDefinition
	if len(td.Containers) == 1 {
		return
	}
	asked := false
	for _, ct := range td.Containers {
		asked = asked || ct.Cpu != nil || ct.Memory != nil || ct.MemoryReservation != nil
	}
	if !asked {
		return
	}
	td.Cpu, td.Memory = nil, nil
	cpu, mem := td.FargateSize()
	td.Cpu, td.Memory = &cpu, &mem
	delete(c.res.Notes, s.tdPath)
	delete(c.res.Notes, importer.Field(s.tdPath, "cpu"))
	c.res.Note(importer.Field(s.tdPath, "cpu"), "the smallest Fargate size that holds what Compose asks for all the task's containers, the folded one-shot steps included, rounded up: Fargate runs only certain cpu and memory pairs")
}
