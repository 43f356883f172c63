package image

import (
	"errors"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/ecsgen/ecsgen/pkg/model"
)

// secretArgs are the flags that hand a build its secrets and SSH agents or
// keys. Each names where a value is, a file or a variable of ecsgen's
// environment (which the builder inherits), never the value itself, so the
// line printed to rerun a failed build shows none. docker (BuildKit),
// podman and buildah take the same forms; buildah 1.28, the oldest here,
// reads env= itself (checked with buildah bud), so no value is ever
// copied to a file of ecsgen's.
func secretArgs(spec model.DockerBuild) []string {
	var args []string
	for _, id := range slices.Sorted(maps.Keys(spec.Secrets)) {
		if s := spec.Secrets[id]; s.Env != "" {
			args = append(args, "--secret", "id="+id+",env="+s.Env)
		} else {
			args = append(args, "--secret", "id="+id+",src="+s.File)
		}
	}
	for _, ssh := range spec.SSH {
		args = append(args, "--ssh", ssh)
	}
	return args
}

// checkSecretSources fails a build whose secrets or SSH keys are not there
// before the builder runs: the builders' own messages name none of the
// manifest's fields, and BuildKit builds on without a secret that no step
// requires. Nothing is read: a file is only looked up, so no value can end
// up in a message.
func checkSecretSources(src Source, spec model.DockerBuild) error {
	var errs []error
	for _, id := range slices.Sorted(maps.Keys(spec.Secrets)) {
		s := spec.Secrets[id]
		if s.Env != "" {
			if _, ok := os.LookupEnv(s.Env); !ok {
				errs = append(errs, errorf(src, "build.secrets.%s.env: %s is not set; export it where ecsgen runs (in CI, from the CI's secret store), or give the secret as a file", id, s.Env))
			}
			continue
		}
		if err := checkPath(src.Dir, s.File); err != nil {
			errs = append(errs, errorf(src, "build.secrets.%s.file: %v; create the file or fix the path, which is relative to the manifest's directory", id, err))
		}
	}
	for i, entry := range spec.SSH {
		_, path, keys := strings.Cut(entry, "=")
		switch {
		case !keys && os.Getenv("SSH_AUTH_SOCK") == "":
			errs = append(errs, errorf(src, "build.ssh[%d]: %s forwards the SSH agent at $SSH_AUTH_SOCK, which is not set; start one (eval $(ssh-agent) && ssh-add), or forward a key: ID=./path/to/key", i, entry))
		case keys:
			if err := checkPath(src.Dir, path); err != nil {
				errs = append(errs, errorf(src, "build.ssh[%d]: %v; give an agent socket or a private key, relative to the manifest's directory", i, err))
			}
		}
	}
	return errors.Join(errs...)
}

// checkPath reports a file, relative to dir, that is not there.
func checkPath(dir, path string) error {
	if !filepath.IsAbs(path) {
		path = filepath.Join(dir, path)
	}
	_, err := os.Stat(path)
	return err
}
