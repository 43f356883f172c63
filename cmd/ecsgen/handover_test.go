package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ecsgen/ecsgen/internal/cli"
	"github.com/ecsgen/ecsgen/internal/golden"
	"github.com/ecsgen/ecsgen/internal/testenv"
)

const helpDir = "../../testdata/help"

// TestHandOver runs the commands ecsgen hands over to its companion
// programs as a user does: their help, flag errors, exit codes and shell
// completion must read as if ecsgen ran them itself.
func TestHandOver(t *testing.T) {
	env := testenv.CleanEnv(t)
	tests := []struct {
		name   string
		args   []string
		code   int
		golden string   // the file stdout must equal, under testdata/help
		stdout []string // each in stdout
		stderr []string // each in stderr
	}{
		{name: "ecsgen lists every command", args: []string{"--help"}, golden: "ecsgen.txt"},
		{name: "a companion's help", args: []string{"build", "--help"}, golden: "build.txt"},
		{name: "help COMMAND", args: []string{"help", "build"}, golden: "build.txt"},
		{name: "a subcommand's help", args: []string{"import", "compose", "--help"}, stdout: []string{"Usage:\n  ecsgen import compose [-f compose.yaml ...] [flags]"}},
		{name: "a mistyped flag", args: []string{"deploy", "--stak", "x"}, code: cli.ExitFailure, stderr: []string{"error: unknown flag: --stak; did you mean --stack?"}},
		{name: "a bad argument", args: []string{"run", "task", "--count", "0", "-f", "examples/hello-task/ecsgen.yaml"}, code: cli.ExitFailure, stderr: []string{"--count must be from 1 to 10"}},
		{name: "flags complete", args: []string{"__complete", "deploy", "--st"}, stdout: []string{"--stack\t"}},
		{name: "flags complete without descriptions", args: []string{"__completeNoDesc", "deploy", "--st"}, stdout: []string{"--stack\n"}},
		{name: "subcommands complete", args: []string{"__complete", "import", "co"}, stdout: []string{"compose\t", "copilot\t"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := testenv.Run(t, env, tt.args...)
			if r.Code != tt.code {
				t.Fatalf("ecsgen %s exited %d, want %d\n%s%s", strings.Join(tt.args, " "), r.Code, tt.code, r.Stdout, r.Stderr)
			}
			if tt.golden != "" {
				golden.Check(t, filepath.Join(helpDir, tt.golden), []byte(r.Stdout))
			}
			for _, want := range tt.stdout {
				if !strings.Contains(r.Stdout, want) {
					t.Errorf("stdout lacks %q:\n%s", want, r.Stdout)
				}
			}
			for _, want := range tt.stderr {
				if !strings.Contains(r.Stderr, want) {
					t.Errorf("stderr lacks %q:\n%s", want, r.Stderr)
				}
			}
		})
	}
}

// TestHandOverFindsCompanions: ecsgen finds its companions beside its
// real self (through a symlink too), else on PATH, else says what to
// install.
func TestHandOverFindsCompanions(t *testing.T) {
	built := testenv.Ecsgen(t)
	alone := filepath.Join(t.TempDir(), "ecsgen")
	data, err := os.ReadFile(built)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(alone, data, 0o755); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(t.TempDir(), "ecsgen")
	if err := os.Symlink(built, link); err != nil {
		t.Fatal(err)
	}
	noCompanions := "PATH=" + filepath.Dir(alone)
	tests := []struct {
		name, bin, path string
		wantErr         string
	}{
		{name: "beside the symlink's target", bin: link, path: noCompanions},
		{name: "on PATH", bin: alone, path: "PATH=" + filepath.Dir(built)},
		{name: "nowhere", bin: alone, path: noCompanions, wantErr: "error: ecsgen outputs needs the program ecsgen-publish, found neither beside ecsgen in " +
			filepath.Dir(alone) + " nor on PATH; install all of ecsgen's programs with `go install github.com/ecsgen/ecsgen/cmd/...@latest` (or `go install ./cmd/...` in a checkout)\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cmd := testenv.Command(t, []string{tt.path}, "outputs", "--help")
			cmd.Path = tt.bin
			out, err := cmd.CombinedOutput()
			code := testenv.ExitCode(t, err)
			switch {
			case tt.wantErr == "" && (code != 0 || !strings.Contains(string(out), "Usage:\n  ecsgen outputs [KEY] [flags]")):
				t.Errorf("exit %d, want outputs' help:\n%s", code, out)
			case tt.wantErr != "" && (code != cli.ExitFailure || string(out) != tt.wantErr):
				t.Errorf("exit %d:\n%s\nwant exit %d:\n%s", code, out, cli.ExitFailure, tt.wantErr)
			}
		})
	}
}

// TestHandOverChecksVersions: ecsgen tells the companion its version, and
// a companion of another version refuses to run, naming what to install,
// even for a command it no longer runs (build, which an older ecsgen hands
// to ecsgen-publish).
func TestHandOverChecksVersions(t *testing.T) {
	built := testenv.Ecsgen(t)
	companion := filepath.Join(filepath.Dir(built), "ecsgen-publish")
	for _, args := range [][]string{{"outputs", "--stack", "app"}, {"build", "--push"}} {
		cmd := testenv.Command(t, append(testenv.CleanEnv(t), "ECSGEN_CALLER_VERSION=v0.1.0"), args...)
		cmd.Path = companion
		out, err := cmd.CombinedOutput()
		want := "error: " + companion + " is version " + testenv.Version + ", but ecsgen is version v0.1.0: install all of ecsgen's programs from one version"
		if code := testenv.ExitCode(t, err); code != cli.ExitFailure || !strings.HasPrefix(string(out), want) {
			t.Errorf("%s: exit %d:\n%s\nwant exit %d and an error starting %q", args[0], code, out, cli.ExitFailure, want)
		}
	}

	// A stand-in companion beside a copy of ecsgen prints what it was told.
	dir := t.TempDir()
	data, err := os.ReadFile(built)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "ecsgen"), data, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "ecsgen-publish"), []byte("#!/bin/sh\necho \"$ECSGEN_CALLER_VERSION\"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	cmd := testenv.Command(t, testenv.CleanEnv(t), "outputs")
	cmd.Path = filepath.Join(dir, "ecsgen")
	out, err := cmd.CombinedOutput()
	if err != nil || string(out) != testenv.Version+"\n" {
		t.Errorf("the companion was told %q (%v), want ecsgen's version %s", out, err, testenv.Version)
	}
}
