package model

import (
	"io"
	"strings"
	"testing"
)

// endless yields zeros forever and counts what was read of it.
type endless struct{ read int }

func (e *endless) Read(p []byte) (int, error) {
	clear(p)
	e.read += len(p)
	return len(p), nil
}

// TestReadManifestStopsAtTheCap: input beyond MaxManifestBytes is refused
// after reading just past the cap, so an endless stream cannot exhaust
// memory.
func TestReadManifestStopsAtTheCap(t *testing.T) {
	src := &endless{}
	_, err := ReadManifest("/dev/zero", src)
	if err == nil || !strings.Contains(err.Error(), "/dev/zero: is larger than 2 MiB") {
		t.Fatalf("err = %v, want the size cap", err)
	}
	if src.read > MaxManifestBytes+64<<10 {
		t.Errorf("read %d bytes of an endless stream, want about MaxManifestBytes (%d)", src.read, MaxManifestBytes)
	}
}

// TestLoadManifestReadsThroughTheCap runs the same on the device itself,
// as `ecsgen synth -f /dev/zero` does.
func TestLoadManifestReadsThroughTheCap(t *testing.T) {
	_, err := LoadManifest("/dev/zero")
	if err == nil || !strings.Contains(err.Error(), "is larger than 2 MiB") {
		t.Fatalf("err = %v, want the size cap", err)
	}
}

// TestReadManifestAtTheCap: a manifest of exactly MaxManifestBytes is
// read (and here valid), one byte more is not.
func TestReadManifestAtTheCap(t *testing.T) {
	doc := containerWith("memory: 512")
	pad := strings.Repeat("#", MaxManifestBytes-len(doc)-1) + "\n"
	if _, err := ReadManifest("ecsgen.yaml", strings.NewReader(doc+pad)); err != nil {
		t.Errorf("a manifest of exactly MaxManifestBytes: %v", err)
	}
	_, err := ReadManifest("ecsgen.yaml", io.MultiReader(strings.NewReader(doc+pad), strings.NewReader("\n")))
	if err == nil || !strings.Contains(err.Error(), "larger than") {
		t.Errorf("a manifest one byte over the cap: err = %v, want the size cap", err)
	}
}
