package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/ecsgen/ecsgen/internal/golden"
)

// TestSynthHelp pins what `ecsgen synth --help` tells users; every flag
// must be explained and the examples must stay runnable.
func TestSynthHelp(t *testing.T) {
	var out strings.Builder
	cmd := newRootCommand()
	cmd.SetArgs([]string{"synth", "--help"})
	cmd.SetOut(&out)
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	synth, _, _ := cmd.Find([]string{"synth"})
	for _, flag := range []string{"--file", "--output", "--format"} {
		if !strings.Contains(out.String(), flag) {
			t.Errorf("help does not mention %s", flag)
		}
	}
	if synth.Example == "" {
		t.Error("synth has no examples")
	}
	golden.Check(t, filepath.Join(goldenDir, "..", "help", "synth.txt"), []byte(out.String()))
}
