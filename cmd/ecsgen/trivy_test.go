package main

import (
	"encoding/json"
	"github.com/ecsgen/ecsgen/internal/testenv"
	"os"
	"os/exec"
	"path"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// trivyIgnoreFile is the project's suppression file, at the repository
// root; its paths are relative to the scanned goldenDir.
const trivyIgnoreFile = ".trivyignore.yaml"

type trivySuppression struct {
	ID        string   `yaml:"id"`
	Statement string   `yaml:"statement"`
	Paths     []string `yaml:"paths"`
}

// finding is one trivy misconfiguration in one scanned file.
type finding struct {
	target, id, title, resource string
}

// runTrivy scans the golden templates with trivy's CloudFormation checks,
// offline, with or without the project's suppressions.
func runTrivy(t *testing.T, trivy string, suppress bool) []finding {
	t.Helper()
	ignore := trivyIgnoreFile
	if !suppress {
		ignore = os.DevNull
	}
	cmd := exec.Command(trivy, "config", "--skip-check-update", "--quiet", "--format", "json",
		"--ignorefile", ignore, "testdata/golden")
	cmd.Dir = "../.."
	cmd.Env = append(os.Environ(), "TRIVY_CACHE_DIR="+t.TempDir())
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("trivy: %v\n%s", err, out)
	}
	var report struct {
		Results []struct {
			Target            string
			Misconfigurations []struct {
				ID, Title     string
				CauseMetadata struct{ Resource string }
			}
		}
	}
	if err := json.Unmarshal(out, &report); err != nil {
		t.Fatalf("trivy did not report JSON: %v\n%s", err, out)
	}
	var findings []finding
	for _, r := range report.Results {
		if !strings.HasSuffix(r.Target, "template.json") && !strings.HasSuffix(r.Target, "template.yaml") {
			continue
		}
		for _, m := range r.Misconfigurations {
			findings = append(findings, finding{r.Target, m.ID, m.Title, m.CauseMetadata.Resource})
		}
	}
	return findings
}

// TestGoldenTemplatesPassTrivy holds every golden template to zero trivy
// findings beyond the reasoned suppressions in .trivyignore.yaml, and
// fails on a suppression that no longer suppresses anything, so the file
// stays as narrow as the templates allow.
func TestGoldenTemplatesPassTrivy(t *testing.T) {
	trivy := testenv.RequireTool(t, "trivy", "scripts/test builds trivy v0.74.0 into ~/.cache/ecsgen/tools once")
	for _, f := range runTrivy(t, trivy, true) {
		t.Errorf("%s: %s %s (%s); fix the template's default, or if it is inherent to what the manifest asks, suppress it in %s with a statement",
			f.target, f.id, f.title, f.resource, trivyIgnoreFile)
	}

	data, err := os.ReadFile("../../" + trivyIgnoreFile)
	if err != nil {
		t.Fatal(err)
	}
	var file struct {
		Misconfigurations []trivySuppression `yaml:"misconfigurations"`
	}
	if err := yaml.Unmarshal(data, &file); err != nil {
		t.Fatal(err)
	}
	raw := runTrivy(t, trivy, false)
	for _, s := range file.Misconfigurations {
		if strings.TrimSpace(s.Statement) == "" {
			t.Errorf("suppression %s has no statement giving its reason", s.ID)
		}
		for _, p := range s.Paths {
			used := false
			for _, f := range raw {
				if ok, _ := path.Match(p, f.target); ok && f.id == s.ID {
					used = true
				}
			}
			if !used {
				t.Errorf("suppression %s for %s suppresses nothing; remove that path", s.ID, p)
			}
		}
	}
}
