package main

import (
	"encoding/json"
	"github.com/ecsgen/ecsgen/internal/testenv"
	"os/exec"
	"path/filepath"
	"testing"
)

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
	var files []string
	for _, dir := range goldenCases(t) {
		for _, f := range []string{"template.json", "template.yaml"} {
			files = append(files, filepath.Join(dir, f))
		}
	}
	cfnLint(t, []string{"us-east-1", "eu-west-1"}, files)
}

// cfnLint runs cfn-lint, with its resource schemas for regions, over
// files, and fails the test on any error, warning or informational
// finding.
func cfnLint(t *testing.T, regions, files []string) {
	t.Helper()
	lint := testenv.RequireTool(t, "cfn-lint", "it ships with the machine image (cfn-lint 1.51.0)")
	args := append(append([]string{"--format", "json", "--regions"}, regions...), "--")
	out, err := exec.Command(lint, append(args, files...)...).Output()
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
