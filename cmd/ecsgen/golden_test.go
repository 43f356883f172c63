package main

import (
	"bytes"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/ecsgen/ecsgen/internal/golden"
	"github.com/ecsgen/ecsgen/pkg/cfn"
	"github.com/ecsgen/ecsgen/pkg/model"
)

const (
	goldenDir   = "../../testdata/golden"
	examplesDir = "../../examples"
	errorsDir   = "../../testdata/errors"
)

// goldenCases lists the directories under testdata/golden, each holding an
// ecsgen.yaml and the templates it must produce.
func goldenCases(t *testing.T) []string {
	t.Helper()
	manifests, err := filepath.Glob(filepath.Join(goldenDir, "*", "ecsgen.yaml"))
	if err != nil || len(manifests) == 0 {
		t.Fatalf("no golden cases under %s: %v", goldenDir, err)
	}
	dirs := make([]string, len(manifests))
	for i, m := range manifests {
		dirs[i] = filepath.Dir(m)
	}
	return dirs
}

func TestGoldenTemplates(t *testing.T) {
	for _, dir := range goldenCases(t) {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			app, err := model.LoadManifest(filepath.Join(dir, "ecsgen.yaml"))
			if err != nil {
				t.Fatal(err)
			}
			for _, format := range []string{"json", "yaml"} {
				got, err := synth(app, format)
				if err != nil {
					t.Fatal(err)
				}
				golden.Check(t, filepath.Join(dir, "template."+format), got)
			}
			tmpl, err := cfn.Synth(app)
			if err != nil {
				t.Fatal(err)
			}
			golden.Check(t, filepath.Join(dir, "logical-ids.txt"), logicalIDs(tmpl))
		})
	}
}

// logicalIDs lists a template's names one per line, each with its kind
// and type: a change that renames one, which would replace a deployed
// resource, shows in review as a one-line diff.
func logicalIDs(t *cfn.Template) []byte {
	var b bytes.Buffer
	for _, id := range slices.Sorted(maps.Keys(t.Parameters())) {
		fmt.Fprintf(&b, "Parameter %s %s\n", t.Parameters()[id].Type, id)
	}
	for _, id := range slices.Sorted(maps.Keys(t.Resources())) {
		fmt.Fprintf(&b, "Resource %s %s\n", t.Resources()[id].AWSCloudFormationType(), id)
	}
	for _, id := range slices.Sorted(maps.Keys(t.Outputs())) {
		fmt.Fprintf(&b, "Output %s\n", id)
	}
	return b.Bytes()
}

// TestSynthIsDeterministic synthesizes every golden case repeatedly from a
// fresh decode: Go randomizes map order on every range, so any output that
// leaked it would differ between runs.
func TestSynthIsDeterministic(t *testing.T) {
	for _, dir := range goldenCases(t) {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			var first []byte
			for range 10 {
				app, err := model.LoadManifest(filepath.Join(dir, "ecsgen.yaml"))
				if err != nil {
					t.Fatal(err)
				}
				got, err := synth(app, "json")
				if err != nil {
					t.Fatal(err)
				}
				if first == nil {
					first = got
				} else if !bytes.Equal(first, got) {
					t.Fatal("two synths of the same manifest gave different bytes")
				}
			}
		})
	}
}

// TestEveryExampleHasAGolden keeps examples/ and testdata/golden/ in step:
// each example's golden manifest is a link to the example itself, so the
// golden tests always cover what the README shows.
func TestEveryExampleHasAGolden(t *testing.T) {
	examples, err := filepath.Glob(filepath.Join(examplesDir, "*", "ecsgen.yaml"))
	if err != nil || len(examples) == 0 {
		t.Fatalf("no examples: %v", err)
	}
	for _, ex := range examples {
		name := filepath.Base(filepath.Dir(ex))
		link := filepath.Join(goldenDir, name, "ecsgen.yaml")
		target, err := os.Readlink(link)
		if err != nil {
			t.Errorf("example %s has no golden: link %s to %s (%v)", name, link, ex, err)
			continue
		}
		if want := filepath.Join("..", "..", "..", "examples", name, "ecsgen.yaml"); target != want {
			t.Errorf("%s links to %s, want %s", link, target, want)
		}
	}
}
