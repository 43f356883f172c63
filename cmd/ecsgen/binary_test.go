package main

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/ecsgen/ecsgen/internal/cli"
	"github.com/ecsgen/ecsgen/internal/testenv"
)

// TestBinary runs ecsgen built as a release would be, with its version set
// by -ldflags, for what only a real process shows: exit codes and signals.
func TestBinary(t *testing.T) {
	bin := testenv.Ecsgen(t)
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
			{"drift", []string{"synth", manifest, "--check", stale}, cli.ExitDrift},
			{"bad manifest", []string{"synth", filepath.Join(errorsDir, "memory-zero.yaml")}, cli.ExitFailure},
			{"bad manifest under --check", []string{"synth", filepath.Join(errorsDir, "memory-zero.yaml"), "--check", committed}, cli.ExitFailure},
			{"no manifest", []string{"synth", filepath.Join(dir, "none.yaml")}, cli.ExitFailure},
			{"unknown flag", []string{"synth", "--fromat", "yaml"}, cli.ExitFailure},
			{"empty --check", []string{"synth", manifest, "--check="}, cli.ExitFailure},
			{"unknown command", []string{"synht"}, cli.ExitFailure},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				out, err := exec.Command(bin, tt.args...).CombinedOutput()
				if got := testenv.ExitCode(t, err); got != tt.want {
					t.Errorf("ecsgen %v exited %d, want %d\n%s", tt.args, got, tt.want, out)
				}
			})
		}
	})

	t.Run("version from ldflags", func(t *testing.T) {
		out, err := exec.Command(bin, "--version").Output()
		if err != nil || string(out) != "ecsgen version "+testenv.Version+"\n" {
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
			if got, want := testenv.ExitCode(t, cmd.Wait()), 128+int(sig); got != want {
				t.Errorf("exit code %d, want %d", got, want)
			}
			if entries, _ := os.ReadDir(out); len(entries) > 0 {
				t.Errorf("an interrupted synth left %d files", len(entries))
			}
		})
	}
}
