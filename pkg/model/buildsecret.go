package model

import "strings"

// BuildSecret is where the value of a Dockerfile build's secret comes
// from: a file or an environment variable on the machine that runs ecsgen
// build. The builder mounts it into the steps that ask for it, so it never
// reaches the image, its history or the template.
type BuildSecret struct {
	// File is a file holding the secret, relative to the manifest's
	// directory or absolute. YAML does not expand ~, so write the path out.
	File string `yaml:"file"`
	// Env is an environment variable holding the secret, e.g. NPM_TOKEN.
	Env string `yaml:"env" ecsgen:"envName"`
}

// buildIDExpr is what a build secret's or SSH entry's id may be: the
// builders' --secret and --ssh flags split on commas and equals signs, and
// a secret is mounted at /run/secrets/ID, so an id is a plain file name.
const buildIDExpr = `[A-Za-z0-9_-][A-Za-z0-9._-]*`

var buildIDPattern = lazyRegexp(`^` + buildIDExpr + `$`)

// validateSecrets checks the secrets and SSH entries of a build b at path.
// An entry's syntax is the buildSsh and envName rules' to check.
func (b *DockerBuild) validateSecrets(v *Errors, path string) {
	for _, id := range sortedKeys(b.Secrets) {
		p := field(field(path, "secrets"), id)
		if !buildIDPattern().MatchString(id) {
			v.add(p, "%q is not a secret id: use letters, digits, ., _ and -, not starting with a dot, e.g. npm-token", id)
		}
		b.Secrets[id].validate(v, p)
	}
	seen := map[string]int{}
	for i, entry := range b.SSH {
		id, _, _ := strings.Cut(entry, "=")
		if first, dup := seen[id]; dup {
			v.add(index(field(path, "ssh"), i), "forwards %q again (first as item %d); give each id once", id, first)
			continue
		}
		seen[id] = i
		if _, file, _ := strings.Cut(entry, "="); strings.HasPrefix(file, "~") {
			v.add(index(field(path, "ssh"), i), notExpanded, file)
		}
	}
}

// notExpanded says what to write instead of a path that starts with ~:
// YAML leaves it as it is, and the builders take it as a file name.
const notExpanded = "%q starts with ~, which YAML does not expand; give a path relative to the manifest or an absolute one"

func (s BuildSecret) validate(v *Errors, path string) {
	switch {
	case s.File == "" && s.Env == "":
		v.add(path, "needs file or env, e.g. `{file: ./secrets/npm-token}` or `{env: NPM_TOKEN}`")
	case s.File != "" && s.Env != "":
		v.add(path, "give file or env, not both")
	case strings.Contains(s.File, ","):
		v.add(field(path, "file"), "%q has a comma, which the builders' --secret flag reads as the end of the path; rename or move the file", s.File)
	case strings.HasPrefix(s.File, "~"):
		v.add(field(path, "file"), notExpanded, s.File)
	}
}
