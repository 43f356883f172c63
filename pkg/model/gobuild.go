package model

import "strings"

// ecsgenGoEnv are the variables ecsgen sets for a goPackage's go build
// itself, each with why the user may not: a binary for another system,
// another architecture or linked to a C library would not run on the base
// or the task's machine.
var ecsgenGoEnv = map[string]string{
	"GOOS":        "builds for linux, the system ECS tasks run; remove it",
	"GOARCH":      "builds for the task's architecture, its runtimePlatform.cpuArchitecture, so that the binary runs there; remove it, and for arm64 set `runtimePlatform: {cpuArchitecture: ARM64}` on the task definition",
	"CGO_ENABLED": "builds with 0, a static binary that runs on any base, and the default base has no C library; remove it, and build a cgo program with a Dockerfile (`image: {build: {context: DIR}}`)",
}

// validateGoBuild checks the options of a goPackage's go build: ldflags,
// tags and env.
func (i *Image) validateGoBuild(v *Errors, path string) {
	if i.GoPackage == "" {
		i.misplacedGoBuild(v, path)
		return
	}
	for n, flag := range i.Ldflags {
		if problem := ldflagProblem(flag); problem != "" {
			v.add(index(field(path, "ldflags"), n), "%q %s", flag, problem)
		}
	}
	for _, name := range sortedKeys(i.Env) {
		p := field(field(path, "env"), name)
		if why, ok := ecsgenGoEnv[name]; ok {
			v.add(p, "is set by ecsgen, which %s", why)
			continue
		}
		if machineGoEnv[name] {
			v.add(p, "is a place on the machine that builds, which the image's history would show and other machines lack: set it where ecsgen runs (export it, or go env -w), not in the manifest")
			continue
		}
		rules["envName"].checkText(v, p, name)
		if what := goEnvCredential(name, i.Env[name]); what != "" {
			v.add(p, "looks like %s, which would be in the image's history, for anyone who pulls it; go build reads credentials from ~/.netrc or GOAUTH where ecsgen runs: keep them there", what)
		}
		if name == "GOFLAGS" {
			for _, flag := range strings.Fields(i.Env[name]) {
				flagName, _, _ := strings.Cut(strings.TrimLeft(flag, "-"), "=")
				if instead, ok := ecsgenGoFlags[flagName]; ok {
					v.add(p, "sets -%s, which ecsgen's own command line overrides, so go build would not use it; %s", flagName, instead)
				}
			}
		}
	}
}

// machineGoEnv are variables that name places on the machine that builds.
var machineGoEnv = map[string]bool{"GOTMPDIR": true, "GOCACHE": true, "GOMODCACHE": true, "GOPATH": true, "GOROOT": true}

// ecsgenGoFlags are the go build flags ecsgen passes itself, which win over
// the same flags in GOFLAGS; each says where the user's value goes.
var ecsgenGoFlags = map[string]string{
	"ldflags":  "give linker flags as ldflags: beside goPackage",
	"tags":     "give build tags as tags: beside goPackage",
	"trimpath": "ecsgen always builds with -trimpath, so that the build directory does not change the binary; remove it",
	"o":        "ecsgen chooses where the binary goes; remove it",
}

// goEnvCredential says what kind of credential a go build variable looks
// like, or "". Besides the shapes the app's environment is checked for, a
// module proxy URL with any user in it (a token is often the user alone),
// and a variable named like a secret: go build needs neither, and both
// would be in the image's history.
func goEnvCredential(name, value string) string {
	if what := credentialIn(value); what != "" {
		return what
	}
	if goEnvURLUser().MatchString(value) {
		return "a URL with a user or token in it"
	}
	if goEnvSecretName().MatchString(name) {
		return "a secret, by its name"
	}
	return ""
}

var (
	goEnvURLUser    = lazyRegexp(`://[^/\s@]+@`)
	goEnvSecretName = lazyRegexp(`(?i)(TOKEN|PASSWORD|PASSWD|SECRET|API_?KEY|ACCESS_?KEY|CREDENTIAL)`)
)

// misplacedGoBuild reports go build options on an image that is not a
// goPackage, saying where such values go in its form instead.
func (i *Image) misplacedGoBuild(v *Errors, path string) {
	var instead string
	switch {
	case i.Path != "" || i.Build != nil:
		instead = "a Dockerfile runs go build in a RUN step of its own: pass it values as build arguments, `build: {context: DIR, args: {VERSION: 1.2.3}}` with `ARG VERSION` in the Dockerfile"
	default: // a mapping of go build options alone: goPackage forgotten
		instead = "name the package to build beside it, e.g. `goPackage: ./cmd/web`"
	}
	for _, f := range []struct {
		name string
		set  bool
	}{{"ldflags", i.Ldflags != nil}, {"tags", i.Tags != nil}, {"env", i.Env != nil}} {
		if f.set {
			v.add(field(path, f.name), "only applies to goPackage images; %s", instead)
		}
	}
}

// ldflagProblem says what is wrong with one ldflags item, or "". go build
// splits its -ldflags string at spaces, taking a word that starts with '
// or " up to the same quote as one argument, without escapes; a quote
// elsewhere is an ordinary character (cmd/internal/quoted), so the linker
// would get half a value.
func ldflagProblem(flag string) string {
	if strings.TrimSpace(flag) == "" {
		return "is blank; remove it"
	}
	const spaces = " \t\n\r" // the ones go build splits at
	for s := strings.TrimLeft(flag, spaces); s != ""; s = strings.TrimLeft(s, spaces) {
		if q := s[0]; q == '\'' || q == '"' {
			end := strings.IndexByte(s[1:], q)
			if end < 0 {
				return "has a quote " + string(q) + " that does not end; close it after the value, e.g. -X 'main.greeting=hello world'"
			}
			s = s[end+2:]
			if s != "" && !strings.ContainsRune(spaces, rune(s[0])) {
				return "has text right after a closing quote, which go build splits off as a word of its own; quote the whole word, e.g. -X 'main.greeting=hello world'"
			}
			continue
		}
		end := strings.IndexAny(s, spaces)
		if end < 0 {
			end = len(s)
		}
		if strings.ContainsAny(s[:end], `'"`) {
			return "has a quote inside a word, which go build passes on as it is; quote the whole word, e.g. -X 'main.greeting=hello world'"
		}
		s = s[end:]
	}
	return ""
}
