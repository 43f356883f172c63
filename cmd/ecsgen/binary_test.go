package main

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
)

// buildBinary builds ecsgen as a release would, with its version set by
// -ldflags, for what only a real process shows: exit codes and signals.
func buildBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "ecsgen")
	out, err := exec.Command("go", "build", "-ldflags", "-X main.version=v9.9.9-test", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

func TestBinary(t *testing.T) {
	bin := buildBinary(t)
	dir := t.TempDir()
	manifest := copyManifest(t, dir)
	committed := filepath.Join(dir, "t.json")
	if out, err := exec.Command(bin, "synth", manifest, "-o", committed).CombinedOutput(); err != nil {
		t.Fatalf("synth: %v\n%s", err, out)
	}
	stale := filepath.Join(dir, "stale.json")
	if err := os.WriteFile(stale, []byte("{}\n"), 0o644); err != nil {
		t.Fatal(err)
	}

	t.Run("exit codes", func(t *testing.T) {
		tests := []struct {
			name string
			args []string
			want int
		}{
			{"success", []string{"synth", manifest}, 0},
			{"up to date", []string{"synth", manifest, "--check", committed}, 0},
			{"drift", []string{"synth", manifest, "--check", stale}, exitDrift},
			{"bad manifest", []string{"synth", filepath.Join(errorsDir, "memory-zero.yaml")}, exitFailure},
			{"bad manifest under --check", []string{"synth", filepath.Join(errorsDir, "memory-zero.yaml"), "--check", committed}, exitFailure},
			{"no manifest", []string{"synth", filepath.Join(dir, "none.yaml")}, exitFailure},
			{"unknown flag", []string{"synth", "--fromat", "yaml"}, exitFailure},
			{"empty --check", []string{"synth", manifest, "--check="}, exitFailure},
			{"unknown command", []string{"synht"}, exitFailure},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				out, err := exec.Command(bin, tt.args...).CombinedOutput()
				if got := processExitCode(t, err); got != tt.want {
					t.Errorf("ecsgen %v exited %d, want %d\n%s", tt.args, got, tt.want, out)
				}
			})
		}
	})

	t.Run("version from ldflags", func(t *testing.T) {
		out, err := exec.Command(bin, "--version").Output()
		if err != nil || string(out) != "ecsgen version v9.9.9-test\n" {
			t.Errorf("--version printed %q (%v)", out, err)
		}
	})

	// An interrupt while synth waits for its manifest: the process exits
	// through ecsgen's handler (128+signal, not killed), leaving nothing.
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		t.Run("interrupted by "+sig.String(), func(t *testing.T) {
			out := t.TempDir()
			fifo := filepath.Join(t.TempDir(), "manifest.yaml")
			if err := syscall.Mkfifo(fifo, 0o644); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(bin, "synth", fifo, "-o", out+"/")
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			// Opening a FIFO's write end without blocking succeeds only
			// once a reader has it open: then ecsgen is past installing
			// its handler and blocked reading the manifest.
			var w *os.File
			for {
				f, err := os.OpenFile(fifo, os.O_WRONLY|syscall.O_NONBLOCK, 0)
				if err == nil {
					w = f
					break
				}
				if !errors.Is(err, syscall.ENXIO) {
					t.Fatal(err)
				}
			}
			defer w.Close()
			if err := cmd.Process.Signal(sig); err != nil {
				t.Fatal(err)
			}
			if got, want := processExitCode(t, cmd.Wait()), 128+int(sig); got != want {
				t.Errorf("exit code %d, want %d", got, want)
			}
			if entries, _ := os.ReadDir(out); len(entries) > 0 {
				t.Errorf("an interrupted synth left %d files", len(entries))
			}
		})
	}
}

// processExitCode is the exit code of a finished process; a death by
// signal is a failure of the test, since ecsgen handles the signals it
// is sent.
func processExitCode(t *testing.T, err error) int {
	t.Helper()
	var exit *exec.ExitError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &exit):
		if ws, ok := exit.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			t.Fatalf("killed by %v instead of exiting", ws.Signal())
		}
		return exit.ExitCode()
	}
	t.Fatal(err)
	return 0
}
