package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ecsgen/ecsgen/pkg/model"
)

const importDir = "../../testdata/import"

// importedManifests lists every manifest the importers' golden tests
// wrote from real Compose projects and Copilot workspaces.
func importedManifests(t *testing.T) []string {
	t.Helper()
	var all []string
	for _, glob := range []string{"compose/*/ecsgen.golden.yaml", "copilot/*/ecsgen*.golden.yaml"} {
		m, err := filepath.Glob(filepath.Join(importDir, glob))
		if err != nil || len(m) < 10 {
			t.Fatalf("want at least 10 manifests matching %s, found %d (%v)", glob, len(m), err)
		}
		all = append(all, m...)
	}
	return all
}

// synthImported synthesizes every imported manifest into dir, as
// KIND/NAME/template[.ENV].json (compose/flask/template.json,
// copilot/stack-svc/template.prod.json), the paths the import trivy
// suppressions name, and returns the files.
func synthImported(t *testing.T, dir string) []string {
	t.Helper()
	var files []string
	for _, m := range importedManifests(t) {
		app, err := model.LoadManifest(m)
		if err != nil {
			t.Errorf("%v", err)
			continue
		}
		out, err := synth(app, "json")
		if err != nil {
			t.Errorf("%s: synth: %v", m, err)
			continue
		}
		rel, _ := filepath.Rel(importDir, m)
		env := strings.TrimSuffix(strings.TrimPrefix(filepath.Base(m), "ecsgen"), ".golden.yaml")
		f := filepath.Join(dir, filepath.Dir(rel), "template"+env+".json")
		if err := os.MkdirAll(filepath.Dir(f), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(f, out, 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	return files
}

// TestImportedManifestsPassCfnLint synthesizes every imported manifest and
// runs cfn-lint over the templates: what the importers write is a normal
// manifest, held to the bar of any other.
func TestImportedManifestsPassCfnLint(t *testing.T) {
	cfnLint(t, []string{"us-east-1"}, synthImported(t, t.TempDir()))
}

// importTrivyIgnoreFile holds the suppressions for imported templates,
// each inherent to what a Compose file or Copilot manifest asked for.
const importTrivyIgnoreFile = "testdata/import/.trivyignore.yaml"

// TestImportedManifestsPassTrivy scans the imported manifests' templates
// as TestGoldenTemplatesPassTrivy scans the goldens.
func TestImportedManifestsPassTrivy(t *testing.T) {
	dir := t.TempDir()
	synthImported(t, dir)
	trivyClean(t, dir, importTrivyIgnoreFile)
}
