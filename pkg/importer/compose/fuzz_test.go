package compose_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ecsgen/ecsgen/pkg/importer"
	"github.com/ecsgen/ecsgen/pkg/importer/compose"
	"github.com/ecsgen/ecsgen/pkg/model"
	"github.com/google/go-cmp/cmp"
)

// FuzzImport checks that any compose.yaml either fails to load with an
// error, or imports into a result the writer can render, whose report is
// one item per line, and whose manifest, when it validates, decodes into
// exactly the imported app.
func FuzzImport(f *testing.F) {
	for _, dir := range projects(f) {
		data, err := os.ReadFile(filepath.Join(dir, "compose.yaml"))
		if err != nil {
			continue
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "compose.yaml"), data, 0o644); err != nil {
			t.Fatal(err)
		}
		res, err := compose.Import(context.Background(), compose.Options{WorkDir: dir})
		if err != nil {
			return
		}
		checkResult(t, res)
	})
}

func checkResult(t *testing.T, res *importer.Result) {
	t.Helper()
	for _, it := range res.Report {
		if s := it.String(); strings.ContainsAny(s, "\r\n") {
			t.Fatalf("a report item spans lines: %q", s)
		}
	}
	out, err := importer.Write(*res)
	if err != nil {
		return // an app with nothing in it
	}
	back, err := model.ParseManifest("ecsgen.yaml", out)
	if err != nil {
		return // the CLI refuses to write it, with these errors
	}
	if diff := cmp.Diff(res.App, back); diff != "" {
		t.Fatalf("the written manifest decodes into another app (-imported +decoded):\n%s\n%s", diff, out)
	}
}
