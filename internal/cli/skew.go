package cli

import (
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"
)

// callerVersionEnv carries ecsgen's version to the companion it hands a
// command over to, so that a companion left from another install (an old
// ecsgen-publish earlier on PATH, say) refuses to run instead of
// deploying with another version's rules.
const callerVersionEnv = "ECSGEN_CALLER_VERSION"

// companionAnnotation names, on a companion program's root command, the
// program, for Main to check the caller's version before cobra looks the
// command up: a command that has moved to another program since the
// caller's version (build, from ecsgen-publish to ecsgen-build) would
// otherwise be reported as unknown, not as the versions that differ.
const companionAnnotation = "ecsgen-companion"

// checkCompanionCaller runs checkCaller for a companion program's root.
func checkCompanionCaller(root *cobra.Command) error {
	program, ok := root.Annotations[companionAnnotation]
	if !ok {
		return nil
	}
	return checkCaller(program, root.Version)
}

// checkCaller refuses to run program, of version own, for an ecsgen of
// another version. Versions that name no release or commit ("devel", of a
// `go run` build) cannot be compared and pass.
func checkCaller(program, own string) error {
	caller := os.Getenv(callerVersionEnv)
	if caller == "" || caller == own || !identifiable(caller) || !identifiable(own) {
		return nil
	}
	where := program
	if exe, err := os.Executable(); err == nil {
		where = exe
	}
	return fmt.Errorf("%s is version %s, but ecsgen is version %s: install all of ecsgen's programs from one version, with `go install github.com/ecsgen/ecsgen/cmd/...@VERSION` (or `go install ./cmd/...` in a checkout)", where, own, caller)
}

// identifiable says whether a Version names a release or a commit.
func identifiable(version string) bool {
	return version != "unknown" && strings.TrimSpace(version) != "devel"
}
