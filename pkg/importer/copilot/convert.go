package copilot

import (
	"maps"
	"math"
	"path"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/ecsgen/ecsgen/pkg/importer"
	"github.com/ecsgen/ecsgen/pkg/model"
	"go.yaml.in/yaml/v3"
)

// Workload types.
const (
	loadBalanced = "Load Balanced Web Service"
	backend      = "Backend Service"
	worker       = "Worker Service"
	scheduled    = "Scheduled Job"
)

func (c *converter) convert(w *workload) {
	m := &w.m
	switch m.Type {
	case loadBalanced, backend, worker, scheduled:
	case "Request-Driven Web Service":
		c.report(w, []string{"type"}, "runs on App Runner, which ecsgen does not target; the workload is not imported: make it a Load Balanced Web Service to run it on ECS")
		return
	case "Static Site":
		c.report(w, []string{"type"}, "is served from S3 and CloudFront, which ecsgen does not create; the workload is not imported")
		return
	default:
		c.report(w, []string{"type"}, "%q is not a Copilot workload type ecsgen imports (%s, %s, %s, %s); the workload is not imported", m.Type, loadBalanced, backend, worker, scheduled)
		return
	}
	name := m.Name
	if name == "" {
		name = filepath.Base(filepath.Dir(w.file))
	}
	w.name = c.services.Name(name)
	c.unknownKeys(w, w.root, reflect.TypeFor[manifest](), nil)
	w.container = c.container(w, nil, m.Image, m.Entrypoint, m.Command, m.Variables, m.Secrets, m.Image.Healthcheck, m.Image.DependsOn)
	if !c.usable(w, nil, w.container.Image) {
		return
	}
	w.td = &model.TaskDefinition{Cpu: m.CPU, Memory: m.Memory, Containers: map[string]*model.Container{w.name: w.container}}
	var svcPath string
	if m.Type == scheduled {
		w.tdPath = importer.Field("tasks", w.name)
		if c.app.Tasks == nil {
			c.app.Tasks = map[string]*model.Task{}
		}
		c.app.Tasks[w.name] = &model.Task{TaskDefinition: *w.td}
		w.td = &c.app.Tasks[w.name].TaskDefinition
		c.res.Note(w.tdPath, "Copilot "+scheduled+" "+name+" ("+w.file+")")
		c.schedule(w, c.app.Tasks[w.name])
		if m.Exec != nil && *m.Exec {
			c.report(w, []string{"exec"}, "ecsgen turns on ECS Exec for services only; run the job's task with aws ecs run-task --enable-execute-command to use it")
		}
	} else {
		svcPath = importer.Field("services", w.name)
		w.tdPath = importer.Field(svcPath, "taskDefinition")
		s := &model.Service{TaskDefinition: w.td}
		if c.app.Services == nil {
			c.app.Services = map[string]*model.Service{}
		}
		c.app.Services[w.name] = s
		c.res.Note(svcPath, "Copilot "+m.Type+" "+name+" ("+w.file+")")
		c.securityGroups(w, s)
		c.listeners(w, s)
		c.count(w, s)
		if w.m.Exec != nil && *w.m.Exec {
			s.EnableExecuteCommand = true
		}
	}
	if m.Image.Port != nil && servingMapping(c.app, w.container, *m.Image.Port) == nil {
		w.container.PortMappings = append(w.container.PortMappings, model.PortMapping{ContainerPort: new(*m.Image.Port)})
	}
	if svcPath != "" {
		c.connect(w, c.app.Services[w.name])
	}
	c.sidecars(w)
	c.storage(w)
	if r := m.Logging.Retention; r != nil {
		allowed := model.Values("retentionInDays")
		i, _ := slices.BinarySearch(allowed, *r)
		w.td.LogGroup = &model.LogGroup{RetentionInDays: new(allowed[min(i, len(allowed)-1)])}
	}
}

// container converts the container settings of the main container or a
// sidecar; keys is where they sit (nil for the main container).
func (c *converter) container(w *workload, keys []string, img image, entrypoint, command yaml.Node, vars, secrets map[string]yaml.Node, hc *healthcheck, deps map[string]string) *model.Container {
	ct := &model.Container{
		Image:      c.image(w, keys, img),
		EntryPoint: words(entrypoint),
		Command:    words(command),
	}
	for _, k := range sortedKeys(vars) {
		v := vars[k]
		if v.Kind != yaml.ScalarNode {
			c.report(w, append(keys, "variables", k), "%s", adviceFor("variables.*"))
			continue
		}
		if ct.Environment == nil {
			ct.Environment = map[string]string{}
		}
		ct.Environment[k] = v.Value
	}
	for _, k := range sortedKeys(secrets) {
		sec, ok := secret(secrets[k])
		if !ok {
			c.report(w, append(keys, "secrets", k), "%s", adviceFor("secrets.*"))
			continue
		}
		if ct.Secrets == nil {
			ct.Secrets = map[string]model.Secret{}
		}
		ct.Secrets[k] = sec
	}
	if hc != nil {
		ct.HealthCheck = c.healthCheck(hc)
	}
	for _, dep := range sortedKeys(deps) {
		ct.DependsOn = append(ct.DependsOn, model.ContainerDependency{ContainerName: dep, Condition: strings.ToUpper(deps[dep])})
	}
	return ct
}

func (c *converter) image(w *workload, keys []string, img image) model.Image {
	b := img.Build
	switch {
	case b.Kind == yaml.ScalarNode && b.Value != "":
		// build: path/to/Dockerfile, relative to the workspace.
		p := filepath.Join(c.dir, filepath.FromSlash(b.Value))
		build := &model.DockerBuild{Context: c.rel(filepath.Dir(p))}
		if base := filepath.Base(p); base != "Dockerfile" {
			build.Dockerfile = base
		}
		return model.Image{Build: build}
	case b.Kind == yaml.MappingNode:
		var args buildArgs
		if err := b.Decode(&args); err != nil {
			c.report(w, append(keys, "image", "build"), "does not read: %v", err)
			break
		}
		ctx := args.Context
		if ctx == "" && args.Dockerfile != "" {
			ctx = path.Dir(args.Dockerfile)
		}
		build := &model.DockerBuild{Context: c.rel(filepath.Join(c.dir, filepath.FromSlash(ctx))), Args: args.Args, Target: args.Target}
		if args.Dockerfile != "" {
			// Copilot's dockerfile is relative to the workspace, ecsgen's
			// to the context.
			rel, err := filepath.Rel(filepath.Join(c.dir, ctx), filepath.Join(c.dir, args.Dockerfile))
			if err == nil && rel != "Dockerfile" {
				build.Dockerfile = filepath.ToSlash(rel)
			}
		}
		return model.Image{Build: build}
	}
	return model.Image{Name: img.Location}
}

// rel makes a path relative to the directory the manifest is written to.
func (c *converter) rel(p string) string {
	rel, err := filepath.Rel(c.outDir, p)
	if err != nil {
		return p
	}
	if rel == "." || strings.HasPrefix(rel, "..") {
		return filepath.ToSlash(rel)
	}
	return "./" + filepath.ToSlash(rel)
}

// words reads a command or entrypoint: a list, or a string Copilot splits
// at spaces.
func words(n yaml.Node) []string {
	switch n.Kind {
	case yaml.ScalarNode:
		return strings.Fields(n.Value)
	case yaml.SequenceNode:
		var out []string
		for _, item := range n.Content {
			out = append(out, item.Value)
		}
		return out
	}
	return nil
}

// secret reads a Copilot secret: an SSM parameter name or ARN, or
// {secretsmanager: NAME}, where NAME may end in :KEY:: for one JSON key.
func secret(n yaml.Node) (model.Secret, bool) {
	switch n.Kind {
	case yaml.ScalarNode:
		if strings.HasPrefix(n.Value, "arn:") && strings.Contains(n.Value, ":secretsmanager:") {
			return model.Secret{SecretsManager: n.Value}, true
		}
		return model.Secret{Ssm: n.Value}, n.Value != ""
	case yaml.MappingNode:
		sm := value(&n, "secretsmanager")
		if sm == nil || sm.Kind != yaml.ScalarNode {
			return model.Secret{}, false
		}
		name := sm.Value
		if !strings.HasPrefix(name, "arn:") {
			if base, key, ok := strings.Cut(name, ":"); ok {
				return model.Secret{SecretsManager: base, Key: strings.Trim(key, ":")}, true
			}
		}
		return model.Secret{SecretsManager: name}, true
	}
	return model.Secret{}, false
}

func (c *converter) healthCheck(hc *healthcheck) *model.HealthCheck {
	h := &model.HealthCheck{}
	switch hc.Command.Kind {
	case yaml.ScalarNode:
		h.Command = []string{"CMD-SHELL", hc.Command.Value}
	case yaml.SequenceNode:
		h.Command = words(hc.Command)
	}
	h.Interval = seconds(hc.Interval, "healthCheckInterval")
	h.Timeout = seconds(hc.Timeout, "healthCheckTimeout")
	h.StartPeriod = seconds(hc.StartPeriod, "healthCheckStartPeriod")
	if hc.Retries != nil {
		h.Retries = clamp(*hc.Retries, "healthCheckRetries")
	}
	return h
}

func seconds(d, rule string) *int {
	if d == "" {
		return nil
	}
	dur, err := time.ParseDuration(d)
	if err != nil {
		return nil
	}
	return clamp(int(math.Ceil(dur.Seconds())), rule)
}

func clamp(n int, rule string) *int {
	lo, hi := model.Bounds(rule)
	if lo != nil && n < *lo {
		n = *lo
	}
	if hi != nil && n > *hi {
		n = *hi
	}
	return &n
}

func (c *converter) securityGroups(w *workload, s *model.Service) {
	n := w.m.Network.VPC.SecurityGroups
	if n.Kind == yaml.MappingNode {
		c.report(w, []string{"network", "vpc", "security_groups"}, "ecsgen takes a plain list of security group IDs; groups and deny_default are left out")
		return
	}
	for _, g := range n.Content {
		if g.Kind == yaml.ScalarNode && strings.HasPrefix(g.Value, "sg-") {
			if s.NetworkConfiguration == nil {
				s.NetworkConfiguration = &model.NetworkConfiguration{}
			}
			s.NetworkConfiguration.SecurityGroups = append(s.NetworkConfiguration.SecurityGroups, g.Value)
			continue
		}
		c.res.Report.Add(w.file, g.Line, "network.vpc.security_groups", "ecsgen takes security group IDs (sg-...); from_cfn imports are left out")
	}
	if s.NetworkConfiguration != nil {
		c.res.Note(importer.Field(importer.Field("services", w.name), "networkConfiguration"), "Copilot adds these groups to the service's own; ecsgen uses them instead of creating one, so they must admit the load balancer")
	}
}

// usable reports whether an image can be written as it is, and reports
// the workload or sidecar at keys as left out when not.
func (c *converter) usable(w *workload, keys []string, img model.Image) bool {
	switch {
	case strings.Contains(img.Name, "${"):
		c.report(w, append(keys, "image"), "%s takes a shell variable, which Copilot fills at deploy and ecsgen does not; write the tag, then import again. Left out", img.Name)
		return false
	case img.Name == "" && !img.Built():
		c.report(w, append(keys, "image"), "names no image (build or location); left out")
		return false
	}
	return true
}

func sortedKeys[V any](m map[string]V) []string { return slices.Sorted(maps.Keys(m)) }
