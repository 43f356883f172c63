package main

import (
	"github.com/ecsgen/ecsgen/internal/testenv"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/ecsgen/ecsgen/pkg/model"
)

// maxFuzzTemplates bounds the cfn-lint run below to a few seconds.
const maxFuzzTemplates = 300

// TestFuzzedTemplatesPassCfnLint takes the inputs the fuzzer found
// interesting (kept in Go's build cache by every fuzz run, the short one
// in scripts/test included), synthesizes those that parse, and lints the
// templates: FuzzSynth proves no input crashes synth, this proves what
// odd inputs produce is still a template CloudFormation accepts.
func TestFuzzedTemplatesPassCfnLint(t *testing.T) {
	lint := testenv.RequireTool(t, "cfn-lint", "it ships with the machine image (cfn-lint 1.51.0)")
	cache, err := exec.Command("go", "env", "GOCACHE").Output()
	if err != nil {
		t.Fatal(err)
	}
	corpus := filepath.Join(strings.TrimSpace(string(cache)), "fuzz", "github.com/ecsgen/ecsgen/cmd/ecsgen/FuzzSynth")
	entries, _ := os.ReadDir(corpus)
	dir := t.TempDir()
	var files []string
	for _, e := range entries {
		if len(files) == maxFuzzTemplates {
			break
		}
		data, err := readFuzzInput(filepath.Join(corpus, e.Name()))
		if err != nil {
			t.Fatalf("%s: %v", e.Name(), err)
		}
		app, err := model.ParseManifest("fuzz.yaml", data)
		if err != nil {
			continue
		}
		out, err := synth(app, "json")
		if err != nil {
			continue // FuzzSynth holds synth errors to their promises
		}
		f := filepath.Join(dir, e.Name()+".json")
		if err := os.WriteFile(f, out, 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	if len(files) == 0 {
		t.Skipf("no fuzzed input under %s synthesizes yet; run scripts/fuzz", corpus)
	}
	args := append([]string{"--format", "parseable", "--regions", "us-east-1", "--"}, files...)
	if out, err := exec.Command(lint, args...).CombinedOutput(); err != nil {
		t.Errorf("cfn-lint found problems in templates synthesized from fuzzed manifests (%v):\n%s", err, out)
	}
	t.Logf("cfn-lint: %d templates from fuzzed manifests", len(files))
}

// readFuzzInput decodes a file of Go's fuzz corpus format, whose value is
// one line: []byte("...") with Go string escapes.
func readFuzzInput(path string) ([]byte, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	_, value, _ := strings.Cut(string(data), "\n")
	value = strings.TrimSpace(value)
	literal, ok := strings.CutPrefix(value, "[]byte(")
	if !ok || !strings.HasSuffix(literal, ")") {
		return nil, os.ErrInvalid
	}
	s, err := strconv.Unquote(strings.TrimSuffix(literal, ")"))
	return []byte(s), err
}
