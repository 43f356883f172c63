package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestEveryCommandLocatesProblems: each command that reads a manifest
// reports a problem only the template reveals (two names, one logical ID)
// with the manifest's file and line, and a missing manifest the same way,
// before it looks for AWS credentials.
func TestEveryCommandLocatesProblems(t *testing.T) {
	collision := filepath.Join("..", "..", "testdata", "errors", "logical-id-collision-across-sections.yaml")
	missing := filepath.Join(t.TempDir(), "nope.yaml")
	for _, args := range [][]string{{"synth"}, {"build"}, {"deploy", "--yes"}, {"diff"}, {"outputs"}, {"run", "task"}, {"destroy", "--yes"}} {
		t.Run(args[0], func(t *testing.T) {
			_, err := execute(append(args, "-f", collision)...)
			if want := "logical-id-collision-across-sections.yaml:11: services.a-flow-logs: becomes logical ID"; err == nil || !strings.Contains(err.Error(), want) {
				t.Errorf("ecsgen %s of a logical ID collision: %v, want %q", args[0], err, want)
			}
			_, err = execute(append(args, "-f", missing)...)
			if want := "no manifest at " + missing + "; name one with -f, e.g. ecsgen " + args[0] + " -f"; err == nil || !strings.Contains(err.Error(), want) {
				t.Errorf("ecsgen %s of a missing manifest: %v, want %q", args[0], err, want)
			}
		})
	}
}
