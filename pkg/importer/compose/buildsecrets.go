package compose

import (
	"slices"
	"strings"

	"github.com/compose-spec/compose-go/v2/types"
	"github.com/ecsgen/ecsgen/pkg/model"
)

// buildSecrets carries a Compose build's secrets and SSH forwards over to
// build: both are build-time only, and ecsgen hands them to the builder as
// Compose does. A build secret is a file or a variable on the machine that
// builds; Compose's id is its target, else its name.
func (c *converter) buildSecrets(s *svc, build *model.DockerBuild) {
	b := s.compose.Build
	for _, ref := range b.Secrets {
		def := c.project.Secrets[ref.Source]
		id := ref.Target
		if id == "" {
			id = ref.Source
		}
		var secret model.BuildSecret
		switch {
		case def.File != "":
			secret.File = c.rel(def.File)
		case def.Environment != "":
			secret.Env = def.Environment
			// Compose reads the variable from the project's environment,
			// .env included; the builder ecsgen runs has ecsgen's own.
			c.report(s.keys("build", "secrets"), "secret %s: Compose reads $%s from the project's environment, .env included; ecsgen build reads it from its own environment only, so export it (or source .env) before ecsgen build", ref.Source, def.Environment)
		default:
			c.report(s.keys("build", "secrets"), "secret %s: a build secret is a file or an environment variable where ecsgen builds; give it under build.secrets.%s as `{file: PATH}` or `{env: NAME}`", ref.Source, id)
			continue
		}
		if build.Secrets == nil {
			build.Secrets = map[string]model.BuildSecret{}
		}
		build.Secrets[id] = secret
	}
	// compose-go accepts an id without a path only for default, the agent.
	// It gives the forwards of a mapping in random order: sorted by id, the
	// manifest comes out the same on every run.
	for _, key := range slices.SortedFunc(slices.Values(b.SSH), func(a, b types.SSHKey) int { return strings.Compare(a.ID, b.ID) }) {
		entry := key.ID
		if key.Path != "" {
			entry += "=" + c.rel(key.Path)
		}
		build.SSH = append(build.SSH, entry)
	}
}
