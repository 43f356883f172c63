package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ecsgen/ecsgen/internal/cli"
	"github.com/ecsgen/ecsgen/internal/golden"
)

// TestManifestErrors runs synth on every invalid manifest under
// testdata/errors and compares what the user sees with <case>.golden. Each
// run writes to an output directory that must stay empty: a failed synth
// leaves no file, whole or partial.
func TestManifestErrors(t *testing.T) {
	cases, err := filepath.Glob(filepath.Join(errorsDir, "*.yaml"))
	if err != nil || len(cases) == 0 {
		t.Fatalf("no error cases under %s: %v", errorsDir, err)
	}
	for _, manifest := range cases {
		name := strings.TrimSuffix(filepath.Base(manifest), ".yaml")
		t.Run(name, func(t *testing.T) {
			out := t.TempDir()
			_, err := execute("synth", "-f", manifest, "-o", out+"/")
			if err == nil {
				t.Fatal("synth accepted an invalid manifest")
			}
			msg := strings.ReplaceAll(cli.FormatError(err), errorsDir+"/", "")
			golden.Check(t, filepath.Join(errorsDir, name+".golden"), []byte(msg+"\n"))
			if entries, _ := os.ReadDir(out); len(entries) > 0 {
				t.Errorf("a failed synth wrote %d files to the output directory", len(entries))
			}
		})
	}
}
