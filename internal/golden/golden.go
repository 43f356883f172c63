// Package golden compares test output with files checked into testdata,
// and rewrites them when tests run with -update.
//
// Every test package of the module imports it, even those without golden
// files, so that `go test ./... -update` is accepted by all of them: the
// go tool passes the flag to every test binary, and a binary that does not
// define it fails.
package golden

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite golden files with the current output")

// Updating reports whether this run rewrites golden files.
func Updating() bool { return *update }

// Check compares got with the golden file at path, or writes got there
// under -update. Review every rewritten file as you would a code change.
func Check(t testing.TB, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("reading golden file (run go test ./... -update to create it): %v", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s differs from the output (-golden +got); if the change is intended, run go test ./... -update and review the diff:\n%s", path, diff)
	}
}

// Manifests lists every manifest the repository keeps, for tests that
// want them all (fuzz seeds, schema checks): each example, each golden
// case and each error case, under root, the repository's top directory.
// A pattern that matches nothing fails the test, so a corpus that shrank
// by accident cannot make a test prove less than it appears to.
func Manifests(tb testing.TB, root string) []string {
	tb.Helper()
	var all []string
	for _, glob := range []string{"examples/*/ecsgen.yaml", "testdata/golden/*/ecsgen.yaml", "testdata/errors/*.yaml"} {
		paths, err := filepath.Glob(filepath.Join(root, glob))
		if err != nil || len(paths) == 0 {
			tb.Fatalf("no manifests match %s under %s (err: %v)", glob, root, err)
		}
		all = append(all, paths...)
	}
	return all
}

// AddSeeds adds every manifest Manifests lists to a fuzzer's corpus.
func AddSeeds(f *testing.F, root string) {
	f.Helper()
	for _, p := range Manifests(f, root) {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatalf("reading seed %s: %v", p, err)
		}
		f.Add(data)
	}
}
