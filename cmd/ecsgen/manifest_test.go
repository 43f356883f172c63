package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/ecsgen/ecsgen/internal/cli"
	"github.com/ecsgen/ecsgen/internal/testenv"
)

// TestEveryCommandLocatesProblems: each command that reads a manifest
// reports a problem only the template reveals (two names, one logical ID)
// with the manifest's file and line, and a missing manifest the same way,
// before it looks for AWS credentials (there are none). The commands run
// as users run them, handed over to the companion programs.
func TestEveryCommandLocatesProblems(t *testing.T) {
	collision := filepath.Join("testdata", "errors", "logical-id-collision-across-sections.yaml")
	missing := filepath.Join(t.TempDir(), "nope.yaml")
	env := testenv.CleanEnv(t)
	for _, args := range [][]string{{"synth"}, {"build"}, {"deploy", "--yes"}, {"diff"}, {"outputs"}, {"run", "task"}, {"destroy", "--yes"}} {
		t.Run(args[0], func(t *testing.T) {
			r := testenv.Run(t, env, append(args, "-f", collision)...)
			if want := "logical-id-collision-across-sections.yaml:11: services.a-flow-logs: becomes logical ID"; r.Code != cli.ExitFailure || !strings.Contains(r.Stderr, want) {
				t.Errorf("ecsgen %s of a logical ID collision: exit %d, %s\nwant %q", args[0], r.Code, r.Stderr, want)
			}
			r = testenv.Run(t, env, append(args, "-f", missing)...)
			if want := "no manifest at " + missing + "; name one with -f, e.g. ecsgen " + args[0] + " -f"; r.Code != cli.ExitFailure || !strings.Contains(r.Stderr, want) {
				t.Errorf("ecsgen %s of a missing manifest: exit %d, %s\nwant %q", args[0], r.Code, r.Stderr, want)
			}
		})
	}
}
