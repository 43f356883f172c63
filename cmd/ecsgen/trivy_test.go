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

// trivyIgnoreFile is the golden templates' suppression file, at the
// repository root; its paths are relative to testdata/golden.
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

// runTrivy scans the templates under dir (relative to the repository
// root, or absolute) with trivy's CloudFormation checks, offline, with the
// suppressions in ignoreFile, or with none if it is empty.
func runTrivy(t *testing.T, trivy, dir, ignoreFile string) []finding {
	t.Helper()
	ignore := os.DevNull
	if ignoreFile != "" {
		ignore = ignoreFile
	}
	cmd := exec.Command(trivy, "config", "--skip-check-update", "--quiet", "--format", "json",
		"--ignorefile", ignore, dir)
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
		if !strings.HasPrefix(path.Base(r.Target), "template.") {
			continue
		}
		for _, m := range r.Misconfigurations {
			findings = append(findings, finding{r.Target, m.ID, m.Title, m.CauseMetadata.Resource})
		}
	}
	return findings
}

// TestGoldenTemplatesPassTrivy holds every golden template to zero trivy
// findings beyond the reasoned suppressions in .trivyignore.yaml.
func TestGoldenTemplatesPassTrivy(t *testing.T) {
	trivyClean(t, "testdata/golden", trivyIgnoreFile)
}

// trivyClean scans the templates under dir and fails on any finding not
// suppressed in ignoreFile (relative to the repository root, its paths
// relative to dir), on a suppression without a statement, and on one that
// no longer suppresses anything, so the file stays as narrow as the
// templates allow.
func trivyClean(t *testing.T, dir, ignoreFile string) {
	t.Helper()
	trivy := testenv.RequireTool(t, "trivy", "scripts/test builds trivy v0.74.0 into ~/.cache/ecsgen/tools once")
	for _, f := range runTrivy(t, trivy, dir, ignoreFile) {
		t.Errorf("%s: %s %s (%s); fix the template's default, or if it is inherent to what the manifest asks, suppress it in %s with a statement",
			f.target, f.id, f.title, f.resource, ignoreFile)
	}

	data, err := os.ReadFile("../../" + ignoreFile)
	if err != nil {
		t.Fatal(err)
	}
	var file struct {
		Misconfigurations []trivySuppression `yaml:"misconfigurations"`
	}
	if err := yaml.Unmarshal(data, &file); err != nil {
		t.Fatal(err)
	}
	raw := runTrivy(t, trivy, dir, "")
	for _, s := range file.Misconfigurations {
		if strings.TrimSpace(s.Statement) == "" {
			t.Errorf("%s: suppression %s has no statement giving its reason", ignoreFile, s.ID)
		}
		for _, p := range s.Paths {
			used := false
			for _, f := range raw {
				if ok, _ := path.Match(p, f.target); ok && f.id == s.ID {
					used = true
				}
			}
			if !used {
				t.Errorf("%s: suppression %s for %s suppresses nothing; remove that path", ignoreFile, s.ID, p)
			}
		}
	}
}
