package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// copyManifest puts the nginx example in dir as app.yaml.
func copyManifest(t *testing.T, dir string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(examplesDir, "nginx", "ecsgen.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "app.yaml")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestSynthNeverOverwritesTheManifest names the manifest as the output in
// every way a path can: itself, a symlink to it, a hard link to it.
func TestSynthNeverOverwritesTheManifest(t *testing.T) {
	dir := t.TempDir()
	manifest := copyManifest(t, dir)
	before, _ := os.ReadFile(manifest)
	if err := os.Symlink("app.yaml", filepath.Join(dir, "symlink.yaml")); err != nil {
		t.Fatal(err)
	}
	if err := os.Link(manifest, filepath.Join(dir, "hardlink.yaml")); err != nil {
		t.Fatal(err)
	}
	for _, out := range []string{"app.yaml", "symlink.yaml", "hardlink.yaml"} {
		t.Run(out, func(t *testing.T) {
			_, err := execute("synth", "-f", manifest, "-o", filepath.Join(dir, out))
			if err == nil || !strings.Contains(err.Error(), "is the manifest") {
				t.Errorf("err = %v, want a refusal to write over the manifest", err)
			}
			if after, _ := os.ReadFile(manifest); !bytes.Equal(before, after) {
				t.Error("the manifest changed")
			}
		})
	}
}

// TestSynthWritesThroughSymlinks: a template kept elsewhere and linked in
// stays linked; the file it points to gets the template, also when it
// does not exist yet.
func TestSynthWritesThroughSymlinks(t *testing.T) {
	for _, existing := range []bool{true, false} {
		t.Run(map[bool]string{true: "existing target", false: "dangling link"}[existing], func(t *testing.T) {
			dir := t.TempDir()
			manifest := copyManifest(t, dir)
			target := filepath.Join(dir, "real", "t.json")
			if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
				t.Fatal(err)
			}
			if existing {
				if err := os.WriteFile(target, []byte("old"), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			link := filepath.Join(dir, "t.json")
			if err := os.Symlink(filepath.Join("real", "t.json"), link); err != nil {
				t.Fatal(err)
			}
			run(t, "synth", "-f", manifest, "-o", link)
			if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
				t.Fatalf("the link was replaced: %v", err)
			}
			got, err := os.ReadFile(target)
			if err != nil || !bytes.HasPrefix(got, []byte("{")) {
				t.Fatalf("the link's target holds %q (%v), want the template", got[:min(len(got), 20)], err)
			}
			if fi, _ := os.Stat(target); existing && fi.Mode().Perm() != 0o600 {
				t.Errorf("the target's mode became %v, want it kept at 0600", fi.Mode().Perm())
			}
			assertNoTempFiles(t, filepath.Dir(target))
		})
	}
}

// TestSynthWritesToDevicesAndFIFOs: neither can be renamed over, so the
// template is written into them.
func TestSynthWritesToDevicesAndFIFOs(t *testing.T) {
	dir := t.TempDir()
	manifest := copyManifest(t, dir)
	run(t, "synth", "-f", manifest, "-o", os.DevNull)
	if fi, err := os.Stat(os.DevNull); err != nil || fi.Mode()&os.ModeDevice == 0 {
		t.Fatalf("%s is no longer a device: %v", os.DevNull, err)
	}

	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	read := make(chan []byte)
	go func() {
		f, err := os.Open(fifo)
		if err != nil {
			read <- nil
			return
		}
		defer f.Close()
		data, _ := io.ReadAll(f)
		read <- data
	}()
	run(t, "synth", "-f", manifest, "-o", fifo)
	if got := <-read; !bytes.HasPrefix(got, []byte("{")) {
		t.Errorf("read %q from the FIFO, want the template", got[:min(len(got), 20)])
	}
	if fi, err := os.Lstat(fifo); err != nil || fi.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("the FIFO was replaced: %v", err)
	}
	assertNoTempFiles(t, dir)
}

// TestSynthStdio: - is standard input for -f and standard output for -o,
// and the manifest may be given as the argument.
func TestSynthStdio(t *testing.T) {
	manifest := filepath.Join(examplesDir, "nginx", "ecsgen.yaml")
	data, err := os.ReadFile(manifest)
	if err != nil {
		t.Fatal(err)
	}
	want, err := execute("synth", "-f", manifest)
	if err != nil {
		t.Fatal(err)
	}
	tests := map[string][]string{
		"-f -":               {"synth", "-f", "-"},
		"argument -":         {"synth", "-"},
		"argument file":      {"synth", manifest},
		"-o - is stdout":     {"synth", "-f", manifest, "-o", "-"},
		"stdin in and out -": {"synth", "-f", "-", "-o", "-"},
	}
	for name, args := range tests {
		t.Run(name, func(t *testing.T) {
			var out strings.Builder
			cmd := newRootCommand()
			cmd.SetArgs(args)
			cmd.SetIn(bytes.NewReader(data))
			cmd.SetOut(&out)
			cmd.SetErr(io.Discard)
			if err := cmd.Execute(); err != nil {
				t.Fatal(err)
			}
			if out.String() != want {
				t.Errorf("got a different template than -f %s", manifest)
			}
		})
	}
	if _, err := execute("synth", "-f", manifest, manifest); err == nil || !strings.Contains(err.Error(), "named twice") {
		t.Errorf("a manifest given as both -f and argument: err = %v, want a usage error", err)
	}
}

func assertNoTempFiles(t *testing.T, dir string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			t.Errorf("temporary file %s left in %s", e.Name(), dir)
		}
	}
}
