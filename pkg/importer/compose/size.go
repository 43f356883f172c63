package compose

import (
	"fmt"
	"math"
	"time"

	"github.com/compose-spec/compose-go/v2/types"
	"github.com/ecsgen/ecsgen/pkg/importer"
	"github.com/ecsgen/ecsgen/pkg/model"
)

const mib = 1 << 20

func (c *converter) healthCheck(s *svc) {
	hc := s.compose.HealthCheck
	if hc == nil || hc.Disable || len(hc.Test) == 0 || hc.Test[0] == "NONE" {
		return
	}
	h := &model.HealthCheck{Command: hc.Test}
	path := importer.Field(s.cPath, "healthCheck")
	h.Interval = c.seconds(hc.Interval, "healthCheckInterval", importer.Field(path, "interval"))
	h.Timeout = c.seconds(hc.Timeout, "healthCheckTimeout", importer.Field(path, "timeout"))
	h.StartPeriod = c.seconds(hc.StartPeriod, "healthCheckStartPeriod", importer.Field(path, "startPeriod"))
	if hc.Retries != nil {
		h.Retries = c.inRange(int(*hc.Retries), "healthCheckRetries", importer.Field(path, "retries"), "")
	}
	if hc.StartInterval != nil {
		c.report(s.keys("healthcheck", "start_interval"), "ECS health checks have no start interval; the check runs every interval from the start")
	}
	s.container.HealthCheck = h
}

// seconds converts a Compose duration to whole seconds (rounded up) in the
// range ECS allows for the rule.
func (c *converter) seconds(d *types.Duration, rule, path string) *int {
	if d == nil {
		return nil
	}
	secs := int(math.Ceil(time.Duration(*d).Seconds()))
	return c.inRange(secs, rule, path, "s")
}

// inRange brings n into the rule's range, noting a change.
func (c *converter) inRange(n int, rule, path, unit string) *int {
	lo, hi := model.Bounds(rule)
	was := n
	if lo != nil && n < *lo {
		n = *lo
	}
	if hi != nil && n > *hi {
		n = *hi
	}
	if n != was {
		c.res.Note(path, fmt.Sprintf("Compose says %d%s; ECS allows %d%s to %d%s", was, unit, *lo, unit, *hi, unit))
	}
	return &n
}

func (c *converter) deploy(s *svc) {
	d := s.compose.Deploy
	switch {
	case d != nil && d.Replicas != nil:
		s.service.DesiredCount = new(*d.Replicas)
	case s.compose.Scale != nil:
		s.service.DesiredCount = new(*s.compose.Scale)
	}
	if d == nil {
		return
	}
	if d.Mode == "global" {
		c.report(s.keys("deploy", "mode"), "global runs one task per node; on Fargate there are no nodes: the service runs desiredCount tasks (for one per EC2 instance, give it launchType: ec2 and schedulingStrategy: DAEMON on a cluster with an autoScalingGroup)")
	}
	set := map[string]bool{
		"labels":          len(d.Labels) > 0,
		"update_config":   d.UpdateConfig != nil,
		"rollback_config": d.RollbackConfig != nil,
		"restart_policy":  d.RestartPolicy != nil,
		"placement":       len(d.Placement.Constraints) > 0 || len(d.Placement.Preferences) > 0 || d.Placement.MaxReplicas > 0,
		"endpoint_mode":   d.EndpointMode != "",
	}
	for _, key := range sortedKeys(set) {
		if set[key] {
			c.report(s.keys("deploy", key), "%s", deployAdvice[key])
		}
	}
	r := d.Resources
	if r.Limits != nil && (len(r.Limits.Devices) > 0 || len(r.Limits.GenericResources) > 0) || r.Reservations != nil && (len(r.Reservations.Devices) > 0 || len(r.Reservations.GenericResources) > 0) {
		c.report(s.keys("deploy", "resources"), "devices and generic resources (GPUs) need EC2 instances that have them; ecsgen's Fargate services cannot ask for them")
	}
}

// deployAdvice is what to do instead of each deploy key ecsgen has no
// equivalent of.
var deployAdvice = map[string]string{
	"labels":          "ECS services have no labels; use tags on the service",
	"update_config":   "ECS rolls out with deploymentMinimumHealthyPercent and deploymentMaximumPercent (ecsgen: 100 and 200, with a circuit breaker that rolls back); set those instead",
	"rollback_config": "ecsgen's services roll back with ECS's deployment circuit breaker; there is nothing to set",
	"restart_policy":  "ECS replaces every task of a service that stops; a task that should run once is a task under tasks:, run with ecsgen run",
	"placement":       "Fargate places tasks itself; on EC2 use orderedPlacementStrategies and placementConstraints",
	"endpoint_mode":   "ECS services have no Swarm endpoint modes; clients reach a service through its listener",
}

// size sets the container's cpu and memory from Compose's limits and
// reservations, and the task's to the smallest Fargate size that holds
// them (Fargate takes only certain pairs).
func (c *converter) size(s *svc) {
	cs, ct := s.compose, s.container
	var cpus float64
	var limit, reserve int64
	if r := cs.Deploy; r != nil && r.Resources.Limits != nil {
		cpus, limit = float64(r.Resources.Limits.NanoCPUs), int64(r.Resources.Limits.MemoryBytes)
	}
	if r := cs.Deploy; r != nil && r.Resources.Reservations != nil {
		if cpus == 0 {
			cpus = float64(r.Resources.Reservations.NanoCPUs)
		}
		reserve = int64(r.Resources.Reservations.MemoryBytes)
	}
	if cpus == 0 {
		cpus = float64(cs.CPUS)
	}
	if limit == 0 {
		limit = int64(cs.MemLimit)
	}
	if reserve == 0 {
		reserve = int64(cs.MemReservation)
	}
	if cpus > 0 {
		ct.Cpu = new(int(math.Ceil(cpus * 1024)))
	}
	if limit > 0 {
		ct.Memory = new(int((limit + mib - 1) / mib))
	}
	if reserve > 0 && (ct.Memory == nil || int((reserve+mib-1)/mib) <= *ct.Memory) {
		ct.MemoryReservation = new(int((reserve + mib - 1) / mib))
	}
	td := s.service.TaskDefinition
	if ct.Cpu == nil && ct.Memory == nil && ct.MemoryReservation == nil {
		c.res.Note(s.tdPath, "Compose sets no cpu or memory limits, so ecsgen picks the smallest Fargate size (256 CPU units, 512 MiB); set cpu and memory here if the app needs more")
		return
	}
	cpu, mem := td.FargateSize()
	td.Cpu, td.Memory = &cpu, &mem
	c.res.Note(importer.Field(s.tdPath, "cpu"), fmt.Sprintf("the smallest Fargate size that holds what Compose asks for (%s), rounded up: Fargate runs only certain cpu and memory pairs", asked(ct)))
}

func asked(ct *model.Container) string {
	var parts []string
	if ct.Cpu != nil {
		parts = append(parts, fmt.Sprintf("%d CPU units", *ct.Cpu))
	}
	if m := ct.ReservedMemory(); m > 0 {
		parts = append(parts, fmt.Sprintf("%d MiB", m))
	}
	if len(parts) == 2 {
		return parts[0] + " and " + parts[1]
	}
	return parts[0]
}
