package compose

import (
	"reflect"
	"regexp"
	"strings"

	"github.com/ecsgen/ecsgen/pkg/model"
)

// converted are the service keys the converter reads (or the loader has
// already applied: profiles, extends, env_file); every other key that is
// set is reported, so a key Compose adds later is reported too rather
// than dropped without a word.
var converted = map[string]bool{
	"name": true, "profiles": true, "extends": true, "env_file": true,
	"image": true, "build": true, "platform": true, "command": true, "entrypoint": true,
	"environment": true, "secrets": true, "ports": true, "expose": true,
	"healthcheck": true, "deploy": true, "scale": true, "cpus": true,
	"mem_limit": true, "mem_reservation": true, "volumes": true,
	"volumes_from": true, "depends_on": true, "restart": true, "networks": true,
}

// advice says what to do instead of the keys ecsgen cannot express that
// Compose files often hold; other keys get a generic line.
var advice = map[string]string{
	"privileged":        "Fargate runs no privileged containers; find the capability the image needs and drop the rest",
	"cap_add":           "ecsgen's task definitions add no Linux capabilities (Fargate allows only SYS_PTRACE); drop it",
	"network_mode":      "every ecsgen task on Fargate has its own network interface (awsvpc); the mode is left out",
	"container_name":    "ECS names containers itself (after the service here)",
	"hostname":          "awsvpc tasks take the hostname of their network interface",
	"extra_hosts":       "ecsgen has no extra hosts entries; use DNS (Route 53 private zones)",
	"labels":            "ecsgen has no Docker labels; use tags on the service",
	"logging":           "ecsgen sends container output to CloudWatch Logs (logGroup); other log drivers are left out",
	"user":              "ecsgen has no container user yet; set USER in the Dockerfile",
	"working_dir":       "ecsgen has no working directory yet; set WORKDIR in the Dockerfile",
	"init":              "ecsgen has no init process option yet; add tini to the image as its ENTRYPOINT",
	"read_only":         "ecsgen has no read-only root file system option yet",
	"ulimits":           "ecsgen has no ulimits yet; Fargate's default nofile limit is 65535",
	"stop_grace_period": "ecsgen has no stop timeout yet; ECS waits 30 s after SIGTERM",
	"tty":               "ECS tasks have no terminal; the setting is left out",
	"stdin_open":        "ECS tasks have no standard input; the setting is left out",
	"devices":           "Fargate exposes no host devices",
	"links":             "ecsgen has no links; services reach each other through addresses in environment",
	"pull_policy":       "ECS pulls the image when each task starts",
	"sysctls":           "ecsgen has no sysctls yet",
	"shm_size":          "ecsgen has no shared memory size yet",
	"tmpfs":             "Fargate has no tmpfs mounts; mount a volume without efs for scratch space",
	"configs":           "ecsgen has no configs: copy the file into the image, or pass it as an environment variable or SSM parameter",
	"develop":           "a development-only setting (compose watch); nothing to deploy",
	"security_opt":      "Fargate takes no security options",
}

func (c *converter) unmapped(s *svc) {
	v := reflect.ValueOf(s.compose)
	c.unmappedFields(s, v)
	switch r := s.compose.Restart; {
	case c.folded[s.compose.Name]:
		// A one-shot step: it runs once per task, as restart no asks.
	case r == "no" || strings.HasPrefix(r, "on-failure"):
		c.report(s.keys("restart"), "%s: ECS replaces every task of a service that stops; a container that should run once belongs in a task under tasks:, run with ecsgen run", r)
	}
	for _, n := range sortedKeys(s.compose.Networks) {
		if n != "default" {
			c.report(s.keys("networks", n), "ecsgen has no Compose networks: each service gets its own security group, and services reach each other through addresses you give them")
		}
	}
}

func (c *converter) unmappedFields(s *svc, v reflect.Value) {
	t := v.Type()
	for i := range t.NumField() {
		f := t.Field(i)
		key, opts, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if opts == "inline" && f.Type.Kind() == reflect.Struct {
			c.unmappedFields(s, v.Field(i))
			continue
		}
		if key == "-" || strings.HasPrefix(key, "#") || converted[key] || v.Field(i).IsZero() {
			continue
		}
		if v.Field(i).Kind() == reflect.Map || v.Field(i).Kind() == reflect.Slice {
			if v.Field(i).Len() == 0 {
				continue
			}
		}
		msg := advice[key]
		if msg == "" {
			msg = "ecsgen has no equivalent of " + key + "; it is left out"
		}
		c.report(s.keys(key), "%s", msg)
	}
}

// containerPath matches a manifest path inside one container of a
// service, to place a validation problem in the report at the Compose
// service the container came from (itself, or a one-shot step folded into
// its task).
var containerPath = regexp.MustCompile(`^services\.([^.]+)\.taskDefinition\.containers\.([^.]+)\.environment\.(.+)$`)

// envVarName is a POSIX variable name, which model requires of names in
// environment; a name that fails it is refused for its name, not its value.
var envVarName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// fixInvalid turns environment values model refuses as credentials into
// SSM secrets, so the manifest passes synth and no secret sits in a
// template, and leaves out variables whose names model refuses.
func (c *converter) fixInvalid() {
	var errs *model.Errors
	err := c.app.Validate()
	if err == nil {
		return
	}
	if e, ok := err.(*model.Errors); ok {
		errs = e
	} else {
		return
	}
	byName := map[string]string{}
	for compose, name := range c.names {
		byName[name] = compose
	}
	for _, fe := range errs.List {
		m := containerPath.FindStringSubmatch(fe.Path)
		if m == nil {
			continue
		}
		from := c.converted[byName[m[2]]]
		if from == nil {
			continue
		}
		// The container is shared by every task it was folded into, so
		// fixing it once fixes it everywhere; the secret keeps the name of
		// the Compose service it came from.
		s := &svc{compose: from.compose, name: from.name, path: "services." + m[1]}
		s.tdPath = s.path + ".taskDefinition"
		s.cPath = s.tdPath + ".containers." + m[2]
		s.container = c.app.Services[m[1]].TaskDefinition.Containers[m[2]]
		k := m[3]
		if _, ok := s.container.Environment[k]; !ok {
			continue
		}
		if !envVarName.MatchString(k) {
			delete(s.container.Environment, k)
			c.report(s.keys("environment", k), "left out: %s (ECS passes variables to the container's environment; if the app reads this name, set it in its configuration file instead)", fe.Msg)
			continue
		}
		c.toSecret(s, k, "ecsgen refuses its value in plain text (it looks like a credential)")
	}
}
