package compose_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/ecsgen/ecsgen/pkg/importer"
	"github.com/ecsgen/ecsgen/pkg/importer/compose"
)

// importValid imports a compose.yaml of src and fails the test unless the
// import works and its app validates.
func importValid(t *testing.T, src string) *importer.Result {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "compose.yaml"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := compose.Import(context.Background(), compose.Options{WorkDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	if err := res.App.Validate(); err != nil {
		t.Fatalf("the imported app does not validate: %v", err)
	}
	return res
}
