package main

import (
	"strings"
	"testing"

	"github.com/ecsgen/ecsgen/internal/cli"
)

func TestUnknownFlagSuggestsTheClosest(t *testing.T) {
	tests := []struct {
		flag, want string
	}{
		{"--fromat", "did you mean --format?"},
		{"--form", "did you mean --format?"},
		{"--outptu", "did you mean --output?"},
		{"--chekc", "did you mean --check?"},
		{"--zzzzzzzz", "see `ecsgen synth --help` for the flags"},
	}
	for _, tt := range tests {
		t.Run(tt.flag, func(t *testing.T) {
			_, err := execute("synth", tt.flag, "x")
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

func TestVersion(t *testing.T) {
	out, err := execute("--version")
	if err != nil {
		t.Fatal(err)
	}
	if want := "ecsgen version " + cli.Version(version) + "\n"; out != want || cli.Version(version) == "" {
		t.Errorf("--version printed %q, want %q", out, want)
	}
}

// TestFormatCompletes asks cobra's completion machinery, as a shell's
// completion script does, for the values of --format.
func TestFormatCompletes(t *testing.T) {
	out, err := execute("__complete", "synth", "--format", "")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"json\t", "yaml\t", ":4\n"} { // 4: no file completion
		if !strings.Contains(out, want) {
			t.Errorf("completion output lacks %q:\n%s", want, out)
		}
	}
}
