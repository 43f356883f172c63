package compose

import (
	"path/filepath"
	"regexp"
	"strings"

	"github.com/compose-spec/compose-go/v2/types"
	"github.com/ecsgen/ecsgen/pkg/importer"
	"github.com/ecsgen/ecsgen/pkg/model"
)

// svc is one Compose service being converted, with the paths of what it
// becomes in the manifest.
type svc struct {
	compose   types.ServiceConfig
	name      string // the ecsgen name
	path      string // services.NAME
	tdPath    string // services.NAME.taskDefinition
	cPath     string // services.NAME.taskDefinition.containers.NAME
	service   *model.Service
	container *model.Container
}

// keys is the Compose path of one of the service's keys, for the report.
func (s *svc) keys(more ...string) []string {
	return append([]string{"services", s.compose.Name}, more...)
}

func (c *converter) service(cs types.ServiceConfig, name string) {
	s := &svc{compose: cs, name: name, path: importer.Field("services", name)}
	s.tdPath = importer.Field(s.path, "taskDefinition")
	s.cPath = importer.Field(importer.Field(s.tdPath, "containers"), name)
	s.container = &model.Container{
		Command:    cs.Command,
		EntryPoint: cs.Entrypoint,
	}
	s.service = &model.Service{TaskDefinition: &model.TaskDefinition{Containers: map[string]*model.Container{name: s.container}}}
	if name != cs.Name {
		c.res.Note(s.path, "Compose service "+cs.Name+", renamed: ecsgen names are letters, digits, - and _, starting with a letter")
	}
	c.image(s)
	c.environment(s)
	c.secrets(s)
	c.ports(s)
	c.healthCheck(s)
	c.deploy(s)
	c.size(s)
	c.volumes(s)
	c.dependsOn(s)
	c.serviceExtensions(s)
	c.unmapped(s)
	c.converted[cs.Name] = s
	if c.folded[cs.Name] {
		return // a container of the services that wait for it
	}
	if c.app.Services == nil {
		c.app.Services = map[string]*model.Service{}
	}
	c.app.Services[name] = s.service
}

func (c *converter) image(s *svc) {
	b := s.compose.Build
	if b == nil {
		s.container.Image = model.Image{Name: s.compose.Image}
		return
	}
	if strings.Contains(b.Context, "://") || strings.HasPrefix(b.Context, "git@") {
		c.report(s.keys("build", "context"), "ecsgen builds from a local directory, not %s; clone it and point build.context at the clone", b.Context)
		s.container.Image = model.Image{Name: s.compose.Image}
		return
	}
	build := &model.DockerBuild{
		Context:    c.rel(b.Context),
		Dockerfile: b.Dockerfile,
		Target:     b.Target,
	}
	if b.Dockerfile == "Dockerfile" {
		build.Dockerfile = "" // the default
	}
	platform := s.compose.Platform
	if platform == "" && len(b.Platforms) == 1 {
		platform = b.Platforms[0]
	}
	c.platform(s, platform)
	for _, k := range sortedKeys(b.Args) {
		v := b.Args[k]
		if v == nil {
			c.report(s.keys("build", "args", k), "has no value here (Compose takes it from the shell); write the value under build.args")
			continue
		}
		if build.Args == nil {
			build.Args = map[string]string{}
		}
		build.Args[k] = *v
	}
	c.buildSecrets(s, build)
	s.container.Image = model.Image{Build: build}
	if s.compose.Image != "" {
		c.res.Note(importer.Field(s.cPath, "image"), "Compose builds this and tags it "+s.compose.Image+"; ecsgen builds it and pushes it to ECR")
	}
	if b.DockerfileInline != "" {
		c.report(s.keys("build", "dockerfile_inline"), "ecsgen builds from a Dockerfile on disk; save the inline Dockerfile in the build context and name it in build.dockerfile")
	}
}

// platform sets the task's CPU architecture from the platform Compose
// builds for; ecsgen builds the image for the task's platform.
func (c *converter) platform(s *svc, platform string) {
	switch platform {
	case "", "linux/amd64", "linux/x86_64":
	case "linux/arm64", "linux/arm64/v8", "linux/aarch64":
		s.service.TaskDefinition.RuntimePlatform = &model.RuntimePlatform{CpuArchitecture: "ARM64"}
		c.res.Note(importer.Field(s.tdPath, "runtimePlatform"), "Compose builds for "+platform+": the task runs on ARM64 (Graviton), and ecsgen builds the image for it")
	default:
		c.report(s.keys("platform"), "%s: ecsgen's tasks run linux/amd64 or linux/arm64; the image is built for linux/amd64", platform)
	}
}

// rel turns a path compose-go resolved into one relative to where the
// manifest is written, which is what ecsgen resolves it against.
func (c *converter) rel(path string) string {
	if !filepath.IsAbs(path) {
		path = filepath.Join(c.project.WorkingDir, path)
	}
	rel, err := filepath.Rel(c.outDir, path)
	if err != nil {
		return path
	}
	if rel == "." || strings.HasPrefix(rel, "..") {
		return rel
	}
	return "./" + filepath.ToSlash(rel)
}

// secretName says which variable names hold credentials: their values go
// to SSM Parameter Store rather than into the template in plain text. A
// name ending in _FILE (MYSQL_ROOT_PASSWORD_FILE) holds the path of a
// secret, not the secret, and stays, as does a value that is such a path.
var secretName = regexp.MustCompile(`(?i)(PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|ENCRYPTION_?KEY|CREDENTIALS?)`)

func (c *converter) environment(s *svc) {
	env := s.compose.Environment
	for _, k := range sortedKeys(env) {
		v := env[k]
		switch {
		case v == nil:
			c.report(s.keys("environment", k), "has no value here (Compose takes it from the shell); write its value under environment, or under secrets if it is one")
		case secretName.MatchString(k) && !strings.HasSuffix(k, "_FILE") && *v != "" && !strings.HasPrefix(*v, "/run/secrets/"):
			c.toSecret(s, k, "its name says it holds a credential")
		default:
			if s.container.Environment == nil {
				s.container.Environment = map[string]string{}
			}
			s.container.Environment[k] = *v
		}
	}
}

// toSecret turns variable k into an SSM secret, since ecsgen refuses to
// put credentials in a template, and tells the user where to store it.
func (c *converter) toSecret(s *svc, k, why string) {
	param := "/" + c.app.Name + "/" + s.name + "/" + k
	if s.container.Secrets == nil {
		s.container.Secrets = map[string]model.Secret{}
	}
	s.container.Secrets[k] = model.Secret{Ssm: param}
	delete(s.container.Environment, k)
	c.res.Note(importer.Field(importer.Field(s.cPath, "secrets"), k), "was a plain environment variable in Compose; "+why+", so ECS reads it from SSM")
	c.report(s.keys("environment", k), "%s, so the manifest reads it from SSM Parameter Store: store it with `aws ssm put-parameter --type SecureString --name %s --value ...`", why, param)
}
