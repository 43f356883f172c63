package main

import (
	"go/build"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

const module = "github.com/ecsgen/ecsgen/"

// TestImportsFollowThePipeline holds the packages to the data flow
// model -> expand -> cfn -> publish: each may import only packages before
// it in that chain, so no stage depends on one that consumes it.
func TestImportsFollowThePipeline(t *testing.T) {
	allowed := map[string][]string{
		"pkg/model":   {},
		"pkg/expand":  {"pkg/model"},
		"pkg/cfn":     {"pkg/model", "pkg/expand"},
		"pkg/publish": {"pkg/model", "pkg/expand", "pkg/cfn"},
		// Importers sit beside the manifest front end: they build a model
		// and write it as a manifest, and reach nothing later in the chain.
		"pkg/importer":         {"pkg/model"},
		"pkg/importer/compose": {"pkg/model", "pkg/importer"},
		"pkg/importer/copilot": {"pkg/model", "pkg/importer"},
	}
	for pkg, may := range allowed {
		p, err := build.ImportDir(filepath.Join("..", "..", pkg), 0)
		if err != nil {
			t.Fatalf("%s: %v", pkg, err)
		}
		for _, imp := range p.Imports {
			own, ok := strings.CutPrefix(imp, module)
			if !ok || strings.HasPrefix(own, "internal/") {
				continue
			}
			if !slices.Contains(may, own) {
				t.Errorf("%s imports %s; it may import only %v", pkg, own, may)
			}
		}
	}
}
