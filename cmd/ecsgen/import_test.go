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

// TestImportCommand runs both importers through the CLI: the manifest is
// written where -o says and synthesizes; the report goes to standard
// error; an existing file is kept unless --force; a workspace ecsgen
// cannot express writes nothing.
func TestImportCommand(t *testing.T) {
	dir := t.TempDir()
	composeOut := filepath.Join(dir, "compose", "ecsgen.yaml")
	copilotOut := filepath.Join(dir, "copilot.yaml")
	tests := []struct {
		name    string
		args    []string
		out     string
		wantErr string
		stderr  string
	}{
		{"compose", []string{"import", "compose", "-f", importDir + "/compose/flask-redis/compose.yaml", "-o", composeOut}, composeOut, "", "services.web.depends_on.redis"},
		{"compose again", []string{"import", "compose", "-f", importDir + "/compose/flask-redis/compose.yaml", "-o", composeOut}, "", composeOut + " exists; give another -o, or --force to replace it", ""},
		{"compose forced", []string{"import", "compose", "-f", importDir + "/compose/flask-redis/compose.yaml", "-o", composeOut, "--force"}, composeOut, "", "wrote " + composeOut},
		{"copilot", []string{"import", "copilot", importDir + "/copilot/stack-svc", "--env", "prod", "-o", copilotOut}, copilotOut, "", "http.additional_rules"},
		{"copilot nothing to express", []string{"import", "copilot", importDir + "/copilot/stack-rdws", "-o", filepath.Join(dir, "none.yaml")}, "", "nothing was written", "App Runner"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr strings.Builder
			cmd := newRootCommand()
			cmd.SetArgs(tt.args)
			cmd.SetOut(&stdout)
			cmd.SetErr(&stderr)
			err := cmd.Execute()
			switch {
			case tt.wantErr == "" && err != nil:
				t.Fatalf("ecsgen %v: %v", tt.args, err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Fatalf("ecsgen %v: got error %v, want one containing %q", tt.args, err, tt.wantErr)
			}
			if !strings.Contains(stderr.String(), tt.stderr) {
				t.Errorf("standard error lacks %q:\n%s", tt.stderr, stderr.String())
			}
			if tt.out != "" {
				if _, err := execute("synth", "-f", tt.out); err != nil {
					t.Errorf("the written manifest does not synthesize: %v", err)
				}
			}
		})
	}
	if _, err := os.Stat(filepath.Join(dir, "none.yaml")); err == nil {
		t.Error("a manifest that does not validate was written")
	}
}
