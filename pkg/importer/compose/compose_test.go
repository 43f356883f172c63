package compose_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/ecsgen/ecsgen/internal/golden"
	"github.com/ecsgen/ecsgen/pkg/importer"
	"github.com/ecsgen/ecsgen/pkg/importer/compose"
	"github.com/ecsgen/ecsgen/pkg/model"
	"github.com/google/go-cmp/cmp"
)

const corpus = "../../../testdata/import/compose"

// projects lists the Compose projects under testdata/import/compose, public
// sample apps kept with their licence.
func projects(t testing.TB) []string {
	t.Helper()
	dirs, err := filepath.Glob(filepath.Join(corpus, "*", "LICENSE"))
	if err != nil || len(dirs) < 20 {
		t.Fatalf("want at least 20 Compose projects under %s, found %d (%v)", corpus, len(dirs), err)
	}
	for i, d := range dirs {
		dirs[i] = filepath.Dir(d)
	}
	return dirs
}

// TestImportCorpus imports each project and compares the manifest and the
// report with their golden files. The manifest must decode into exactly
// the app the importer built; synth and cfn-lint check it in cmd/ecsgen.
func TestImportCorpus(t *testing.T) {
	// Compose expands ~ in bind mounts to the home directory, which the
	// report names: the same everywhere, so the goldens are.
	t.Setenv("HOME", "/home/user")
	for _, dir := range projects(t) {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			res, err := compose.Import(context.Background(), compose.Options{WorkDir: dir})
			if err != nil {
				golden.Check(t, filepath.Join(dir, "report.golden"), []byte("error: "+err.Error()+"\n"))
				return
			}
			out, err := importer.Write(*res)
			if err != nil {
				t.Fatal(err)
			}
			golden.Check(t, filepath.Join(dir, "report.golden"), []byte(res.Report.String()))
			back, err := model.ParseManifest("ecsgen.golden.yaml", out)
			if err != nil {
				t.Fatalf("the written manifest does not validate: %v", err)
			}
			golden.Check(t, filepath.Join(dir, "ecsgen.golden.yaml"), out)
			if diff := cmp.Diff(res.App, back); diff != "" {
				t.Errorf("the written manifest decodes into another app (-imported +decoded):\n%s", diff)
			}
		})
	}
}
