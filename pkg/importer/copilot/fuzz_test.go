package copilot_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ecsgen/ecsgen/pkg/importer"
	"github.com/ecsgen/ecsgen/pkg/importer/copilot"
	"github.com/ecsgen/ecsgen/pkg/model"
	"github.com/google/go-cmp/cmp"
)

// FuzzImport checks that any workload manifest imports into a result the
// writer can render, with a report of one item per line, and a manifest
// that, when it validates, decodes into exactly the imported app; the
// second input is the environment whose overrides apply.
func FuzzImport(f *testing.F) {
	manifests, _ := filepath.Glob(filepath.Join(corpus, "*", "copilot", "*", "manifest.yml"))
	for _, m := range manifests {
		data, err := os.ReadFile(m)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data, "")
		f.Add(data, "prod")
	}
	f.Fuzz(func(t *testing.T, data []byte, env string) {
		dir := t.TempDir()
		svc := filepath.Join(dir, "copilot", "svc")
		if err := os.MkdirAll(svc, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(svc, "manifest.yml"), data, 0o644); err != nil {
			t.Fatal(err)
		}
		res, err := copilot.Import(copilot.Options{Dir: dir, Env: env})
		if err != nil {
			t.Fatalf("a workspace with a manifest must import, with a report: %v", err)
		}
		for _, it := range res.Report {
			if s := it.String(); strings.ContainsAny(s, "\r\n") {
				t.Fatalf("a report item spans lines: %q", s)
			}
		}
		out, err := importer.Write(*res)
		if err != nil {
			return
		}
		back, err := model.ParseManifest("ecsgen.yaml", out)
		if err != nil {
			return
		}
		if diff := cmp.Diff(res.App, back); diff != "" {
			t.Fatalf("the written manifest decodes into another app (-imported +decoded):\n%s\n%s", diff, out)
		}
	})
}
