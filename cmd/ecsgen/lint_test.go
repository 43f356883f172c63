package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// requireTool finds a test peer on PATH. Outside CI a missing tool skips
// the test with the command that installs it; in CI it is a failure, so a
// broken machine image cannot pass by skipping.
func requireTool(t *testing.T, name, install string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err == nil {
		return path
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s is not installed (CI=true, so this fails rather than skips): %s", name, install)
	}
	t.Skipf("%s is not installed; %s, or run scripts/test, which does", name, install)
	return ""
}

// cfnLintFinding is one element of cfn-lint's JSON output.
type cfnLintFinding struct {
	Rule struct {
		ID string `json:"Id"`
	} `json:"Rule"`
	Level    string `json:"Level"`
	Message  string `json:"Message"`
	Filename string `json:"Filename"`
	Location struct {
		Start struct {
			LineNumber int `json:"LineNumber"`
		} `json:"Start"`
	} `json:"Location"`
}

// TestGoldenTemplatesPassCfnLint runs cfn-lint, with its resource schemas
// for two regions, over every golden template: any error, warning or
// informational finding fails.
func TestGoldenTemplatesPassCfnLint(t *testing.T) {
	lint := requireTool(t, "cfn-lint", "it ships with the machine image (cfn-lint 1.51.0)")
	var files []string
	for _, dir := range goldenCases(t) {
		for _, f := range []string{"template.json", "template.yaml"} {
			files = append(files, filepath.Join(dir, f))
		}
	}
	args := append([]string{"--format", "json", "--regions", "us-east-1", "eu-west-1", "--"}, files...)
	out, err := exec.Command(lint, args...).Output()
	var findings []cfnLintFinding
	if jerr := json.Unmarshal(out, &findings); jerr != nil {
		t.Fatalf("cfn-lint did not report JSON (%v): %v\n%s", err, jerr, out)
	}
	for _, f := range findings {
		t.Errorf("%s:%d: %s %s: %s", f.Filename, f.Location.Start.LineNumber, f.Level, f.Rule.ID, f.Message)
	}
	if len(findings) == 0 && err != nil {
		t.Fatalf("cfn-lint failed without findings: %v", err)
	}
	t.Logf("cfn-lint: %d templates, %d findings", len(files), len(findings))
}
