package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ecsgen/ecsgen/internal/cli"
)

// TestSynthCheck is the drift gate: --check passes on a template synth
// wrote, and fails with a diff once the template or manifest changes.
func TestSynthCheck(t *testing.T) {
	manifest := filepath.Join(examplesDir, "nginx", "ecsgen.yaml")
	dir := t.TempDir()
	for _, name := range []string{"t.json", "t.yaml"} {
		run(t, "synth", "-f", manifest, "-o", filepath.Join(dir, name))
	}
	stale := filepath.Join(dir, "stale.json")
	fresh, err := os.ReadFile(filepath.Join(dir, "t.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(stale, []byte(strings.Replace(string(fresh), `"DesiredCount": 2`, `"DesiredCount": 3`, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	crlf := filepath.Join(dir, "crlf.json")
	if err := os.WriteFile(crlf, []byte(strings.ReplaceAll(string(fresh), "\n", "\r\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	run(t, "synth", "-f", manifest, "-o", filepath.Join(dir, "out")+"/", "--format", "yaml")
	tests := []struct {
		name     string
		file     string
		format   string
		wantErr  string // empty: the check passes
		wantDiff []string
	}{
		{name: "json up to date", file: "t.json"},
		{name: "yaml up to date", file: "t.yaml"},
		{name: "drifted", file: "stale.json", wantErr: "is out of date with", wantDiff: []string{`-        "DesiredCount": 3,`, `+        "DesiredCount": 2,`}},
		{name: "missing", file: "none.json", wantErr: "no such file"},
		{name: "CRLF line endings are no drift", file: "crlf.json"},
		{name: "a directory resolves like -o DIR/", file: "out/", format: "yaml"},
		{name: "the fix repeats --format", file: "stale.json", format: "json", wantErr: "-o " + stale + " --format json`"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := []string{"synth", "-f", manifest, "--check", filepath.Join(dir, tt.file)}
			if strings.HasSuffix(tt.file, "/") {
				args[len(args)-1] += "/"
			}
			if tt.format != "" {
				args = append(args, "--format", tt.format)
			}
			stdout, err := execute(args...)
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("check failed on an up-to-date template: %v\n%s", err, stdout)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("err = %v, want it to contain %q", err, tt.wantErr)
			}
			for _, line := range tt.wantDiff {
				if !strings.Contains(stdout, line) {
					t.Errorf("diff lacks %q:\n%s", line, stdout)
				}
			}
		})
	}
}

func TestSynthCheckRejectsBadUse(t *testing.T) {
	for name, args := range map[string][]string{
		"with -o":      {"synth", "--check", "a.json", "-o", "b.json"},
		"empty value":  {"synth", "--check", ""},
		"empty with =": {"synth", "--check="},
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := execute(args...); err == nil || cli.ExitCode(err) != cli.ExitFailure {
				t.Errorf("ecsgen %v: err = %v, want a usage error", args, err)
			}
		})
	}
}
