package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSynthWritesOutputs(t *testing.T) {
	manifest := filepath.Join(examplesDir, "nginx", "ecsgen.yaml")
	dir := t.TempDir()
	tests := []struct {
		name   string
		args   []string
		want   string // file that must exist, relative to dir
		prefix string // how its content starts
	}{
		{"directory gets <name>.template.json", []string{"-o", dir + "/json/"}, "json/nginx.template.json", "{"},
		{"directory with --format yaml", []string{"-o", dir + "/yaml/", "--format", "yaml"}, "yaml/nginx.template.yaml", "AWSTemplateFormatVersion:"},
		{"file extension picks yaml", []string{"-o", dir + "/t.yml"}, "t.yml", "AWSTemplateFormatVersion:"},
		{"named json file", []string{"-o", dir + "/t.json"}, "t.json", "{"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			run(t, append([]string{"synth", "-f", manifest}, tt.args...)...)
			got, err := os.ReadFile(filepath.Join(dir, tt.want))
			if err != nil {
				t.Fatal(err)
			}
			if !strings.HasPrefix(string(got), tt.prefix) {
				t.Errorf("%s starts %q, want %q", tt.want, got[:min(len(got), 30)], tt.prefix)
			}
		})
	}
}

func TestSynthMissingManifestSaysWhatToDo(t *testing.T) {
	_, err := execute("synth", "-f", filepath.Join(t.TempDir(), "nope.yaml"))
	if err == nil || !strings.Contains(err.Error(), "no manifest at") || !strings.Contains(err.Error(), "-f") {
		t.Errorf("err = %v, want it to say there is no manifest and how to name one", err)
	}
}

func TestSynthRejectsBadFlags(t *testing.T) {
	tests := map[string][]string{
		"unknown format":   {"synth", "--format", "xml"},
		"missing manifest": {"synth", "-f", filepath.Join(t.TempDir(), "nope.yaml")},
		"stray argument":   {"synth", "extra"},
	}
	for name, args := range tests {
		t.Run(name, func(t *testing.T) {
			if _, err := execute(args...); err == nil {
				t.Error("synth accepted", args)
			}
		})
	}
}

// execute runs the CLI and returns what it printed to standard output.
func execute(args ...string) (string, error) {
	var out strings.Builder
	cmd := newRootCommand()
	cmd.SetArgs(args)
	cmd.SetOut(&out)
	cmd.SetErr(new(strings.Builder))
	err := cmd.Execute()
	return out.String(), err
}

func run(t *testing.T, args ...string) {
	t.Helper()
	if out, err := execute(args...); err != nil {
		t.Fatalf("ecsgen %v: %v\n%s", args, err, out)
	}
}
