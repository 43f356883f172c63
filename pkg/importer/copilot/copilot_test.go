package copilot_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/ecsgen/ecsgen/internal/golden"
	"github.com/ecsgen/ecsgen/pkg/importer"
	"github.com/ecsgen/ecsgen/pkg/importer/copilot"
	"github.com/ecsgen/ecsgen/pkg/model"
	"github.com/google/go-cmp/cmp"
)

const corpus = "../../../testdata/import/copilot"

// workspaces lists the Copilot workspaces under testdata/import/copilot,
// built from Copilot's own end-to-end apps and manifest testdata.
func workspaces(t testing.TB) []string {
	t.Helper()
	dirs, err := filepath.Glob(filepath.Join(corpus, "*", "copilot"))
	if err != nil || len(dirs) < 10 {
		t.Fatalf("want at least 10 Copilot workspaces under %s, found %d (%v)", corpus, len(dirs), err)
	}
	for i, d := range dirs {
		dirs[i] = filepath.Dir(d)
	}
	return dirs
}

// envs are the environments whose overrides some cases also import with,
// beside importing the manifests as written.
var envs = map[string][]string{
	"stack-svc":     {"test", "staging", "prod"},
	"stack-svc-nlb": {"test", "dev", "prod"},
	"manifest-scheduled-job-fully-specified-placement": {"phonetool"},
	"e2e-import-certs": {"test"},
	"e2e-cloudfront":   {"test"},
	"env-shared-albs":  {"test"},
	"env-public-alb":   {"test"},
}

// TestImportCorpus imports each workspace and compares the manifest and
// the report with their golden files; the manifest must decode into
// exactly the app the importer built. Synth and cfn-lint check the
// manifests in cmd/ecsgen.
func TestImportCorpus(t *testing.T) {
	for _, dir := range workspaces(t) {
		for _, env := range append([]string{""}, envs[filepath.Base(dir)]...) {
			name, suffix := filepath.Base(dir), ""
			if env != "" {
				name, suffix = name+"/"+env, "."+env
			}
			t.Run(name, func(t *testing.T) {
				res, err := copilot.Import(copilot.Options{Dir: dir, Env: env})
				if err != nil {
					t.Fatal(err)
				}
				golden.Check(t, filepath.Join(dir, "report"+suffix+".golden"), []byte(res.Report.String()))
				out, err := importer.Write(*res)
				if err != nil {
					t.Fatal(err)
				}
				manifest := filepath.Join(dir, "ecsgen"+suffix+".golden.yaml")
				back, err := model.ParseManifest(filepath.Base(manifest), out)
				if err != nil {
					// The importer reported why; the golden error says what
					// ecsgen refuses.
					_ = os.Remove(manifest)
					golden.Check(t, filepath.Join(dir, "error"+suffix+".golden"), []byte(err.Error()+"\n"))
					return
				}
				golden.Check(t, manifest, out)
				if diff := cmp.Diff(res.App, back); diff != "" {
					t.Errorf("the written manifest decodes into another app (-imported +decoded):\n%s", diff)
				}
			})
		}
	}
}
