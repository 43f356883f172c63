package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ecsgen/ecsgen/internal/cli"
	"github.com/ecsgen/ecsgen/internal/testenv"
)

const importDir = "testdata/import" // from the module's root, where ecsgen runs

// TestImportCommand runs both importers through ecsgen: the manifest is
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
	env := testenv.CleanEnv(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := testenv.Run(t, env, tt.args...)
			switch {
			case tt.wantErr == "" && r.Code != 0:
				t.Fatalf("ecsgen %v: exit %d\n%s", tt.args, r.Code, r.Stderr)
			case tt.wantErr != "" && (r.Code != cli.ExitFailure || !strings.Contains(r.Stderr, tt.wantErr)):
				t.Fatalf("ecsgen %v: exit %d\n%s\nwant an error containing %q", tt.args, r.Code, r.Stderr, tt.wantErr)
			}
			if !strings.Contains(r.Stderr, tt.stderr) {
				t.Errorf("standard error lacks %q:\n%s", tt.stderr, r.Stderr)
			}
			if tt.out != "" {
				if r := testenv.Run(t, env, "synth", "-f", tt.out); r.Code != 0 {
					t.Errorf("the written manifest does not synthesize: %s", r.Stderr)
				}
			}
		})
	}
	if _, err := os.Stat(filepath.Join(dir, "none.yaml")); err == nil {
		t.Error("a manifest that does not validate was written")
	}
}
