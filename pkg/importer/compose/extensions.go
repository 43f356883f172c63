package compose

import (
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/ecsgen/ecsgen/pkg/importer"
	"github.com/ecsgen/ecsgen/pkg/model"
)

// The x-aws-* extensions Docker's ECS integration read, and what ecsgen
// does with each that it cannot carry over.
var extensionAdvice = map[string]string{
	"x-aws-vpc":              "ecsgen needs an existing VPC's subnets too: declare it under vpcs: with existing: {vpcId, publicSubnetIds, privateSubnetIds} and name it in a cluster's vpc",
	"x-aws-loadbalancer":     "ecsgen creates a load balancer per listener and cannot share an existing one yet; remove it, or keep that load balancer outside ecsgen",
	"x-aws-cloudformation":   "ecsgen has no overlay of raw CloudFormation; express the change in the manifest, or apply it to the synthesized template",
	"x-aws-role":             "ecsgen takes a task role by ARN: create a role with this policy and set taskDefinition.taskRole to its ARN",
	"x-aws-policies":         "ecsgen takes a task role by ARN: create a role with these managed policies and set taskDefinition.taskRole to its ARN",
	"x-aws-pull_credentials": "ecsgen has no private registry credentials yet; push the image to ECR, which the execution role can pull from",
}

func (c *converter) topLevel() {
	ext := c.project.Extensions
	for _, k := range sortedKeys(ext) {
		switch {
		case k == "x-aws-cluster":
			c.cluster(fmt.Sprint(ext[k]))
		case k == "x-aws-logs_retention":
			c.retention(ext[k])
		case extensionAdvice[k] != "":
			c.report([]string{k}, "%s", extensionAdvice[k])
		case strings.HasPrefix(k, "x-aws-"):
			c.report([]string{k}, "Docker's ECS integration had no such extension and neither has ecsgen; it is left out")
		}
		// Other x- keys hold YAML anchors for the file itself.
	}
}

// clusterName is the cluster x-aws-cluster names, once declared.
func (c *converter) cluster(existing string) {
	name := importer.AppName(path.Base(existing))
	var names importer.Names
	name = names.Name(name)
	if name == model.DefaultClusterName {
		name = "existing"
	}
	c.app.Clusters = map[string]*model.Cluster{name: {Existing: existing}}
	c.res.Note(importer.Field("clusters", name), "x-aws-cluster: services run in this existing cluster, which ecsgen does not change")
}

func (c *converter) retention(v any) {
	days, ok := toInt(v)
	if !ok {
		c.report([]string{"x-aws-logs_retention"}, "must be a number of days, got %v", v)
		return
	}
	allowed := model.Values("retentionInDays")
	i, _ := slices.BinarySearch(allowed, days)
	c.logDays = allowed[min(i, len(allowed)-1)]
	c.logDaysWas = days
}

func (c *converter) serviceExtensions(s *svc) {
	if len(c.app.Clusters) == 1 {
		for name := range c.app.Clusters {
			s.service.Cluster = name
		}
	}
	if c.logDays != 0 {
		s.service.TaskDefinition.LogGroup = &model.LogGroup{RetentionInDays: new(c.logDays)}
		if c.logDays != c.logDaysWas {
			c.res.Note(importer.Field(importer.Field(s.tdPath, "logGroup"), "retentionInDays"), fmt.Sprintf("x-aws-logs_retention says %d days; CloudWatch Logs keeps %d, the next period it offers", c.logDaysWas, c.logDays))
		}
	}
	ext := s.compose.Extensions
	for _, k := range sortedKeys(ext) {
		switch k {
		case "x-aws-autoscaling":
			c.autoscaling(s, ext[k])
			continue
		case "x-aws-min_percent":
			if n, ok := toInt(ext[k]); ok {
				s.service.DeploymentMinimumHealthyPercent = c.inRange(n, "minimumHealthyPercent", importer.Field(s.path, "deploymentMinimumHealthyPercent"), "%")
				continue
			}
		case "x-aws-max_percent":
			if n, ok := toInt(ext[k]); ok {
				s.service.DeploymentMaximumPercent = c.inRange(n, "maximumPercent", importer.Field(s.path, "deploymentMaximumPercent"), "%")
				continue
			}
		}
		switch {
		case extensionAdvice[k] != "":
			c.report(s.keys(k), "%s", extensionAdvice[k])
		case strings.HasPrefix(k, "x-aws-"):
			c.report(s.keys(k), "ecsgen has no equivalent; it is left out")
		}
	}
}

func toInt(v any) (int, bool) {
	switch n := v.(type) {
	case int:
		return n, true
	case int64:
		return int(n), true
	case uint64:
		return int(n), true
	case float64:
		return int(n), n == float64(int(n))
	}
	return 0, false
}

// autoscaling maps x-aws-autoscaling ({min, max, cpu, memory}) to the
// service's autoscaling and reports what does not map.
func (c *converter) autoscaling(s *svc, v any) {
	keys := s.keys("x-aws-autoscaling")
	if c.folded[s.compose.Name] {
		c.report(keys, "%s runs as a one-shot container of the services that wait for it, not as a service of its own, so it is not scaled; it is left out", s.compose.Name)
		return
	}
	m, ok := v.(map[string]any)
	if !ok {
		c.report(keys, "must be a mapping {min, max, cpu or memory}, got %v; it is left out", v)
		return
	}
	p := importer.Field(s.path, "autoscaling")
	a := &model.Autoscaling{}
	for _, k := range sortedKeys(m) {
		n, isInt := toInt(m[k])
		switch {
		case k != "min" && k != "max" && k != "cpu" && k != "memory":
			c.report(append(keys, k), "Docker's ECS integration had no such setting and neither has ecsgen; it is left out (ecsgen's autoscaling also takes requestsPerTarget, scaleInCooldown and scaleOutCooldown)")
		case !isInt:
			c.report(append(keys, k), "must be a whole number, got %v; it is left out", m[k])
		case k == "min" && n >= 0:
			a.MinCapacity = new(n)
		case k == "max" && n >= 1:
			a.MaxCapacity = n
		case k == "min" || k == "max":
			c.report(append(keys, k), "is %d, below the least ECS allows (min 0, max 1); it is left out", n)
		case k == "cpu":
			a.CpuUtilization = c.inRange(n, "utilizationPercent", importer.Field(p, "cpuUtilization"), "%")
		case k == "memory":
			a.MemoryUtilization = c.inRange(n, "utilizationPercent", importer.Field(p, "memoryUtilization"), "%")
		}
	}
	switch {
	case a.MaxCapacity == 0:
		c.report(keys, "has no max, the most tasks to run, which ecsgen's autoscaling needs; the service keeps desiredCount tasks: add max, or set autoscaling in the manifest")
		return
	case a.MaxCapacity < a.Min():
		c.report(keys, "max (%d) is below min (%d); the service keeps desiredCount tasks: raise max", a.MaxCapacity, a.Min())
		return
	case a.CpuUtilization == nil && a.MemoryUtilization == nil:
		c.report(keys, "has no cpu or memory target to scale on; the service keeps desiredCount tasks: add cpu: 75, say")
		return
	}
	s.service.Autoscaling = a
	// The model rejects desiredCount with autoscaling, which owns the
	// count and starts the service at minCapacity.
	if s.service.DesiredCount != nil {
		c.res.Note(p, fmt.Sprintf("from x-aws-autoscaling; Compose's %d replicas are dropped: autoscaling owns the count and starts the service at minCapacity (%d)", *s.service.DesiredCount, a.Min()))
		s.service.DesiredCount = nil
		return
	}
	c.res.Note(p, "from x-aws-autoscaling")
}
