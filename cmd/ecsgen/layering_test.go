package main

import (
	"go/build"
	"os/exec"
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

// TestProgramsLinkOnlyWhatTheyNeed keeps synth fast: Go initialises every
// package a program links before main runs, and the AWS SDK's services,
// go-containerregistry and compose-go (with its JSON Schema validator)
// take tens of milliseconds to, so ecsgen hands the commands that need them
// over to companion programs. ecsgen-publish, which `ecsgen build --push`
// runs, does without compose-go as well.
func TestProgramsLinkOnlyWhatTheyNeed(t *testing.T) {
	type library struct{ prefix, name string }
	var (
		aws        = library{"github.com/aws/aws-sdk-go-v2/service/", "the AWS SDK's services"}
		ggcr       = library{"github.com/google/go-containerregistry/", "go-containerregistry"}
		compose    = library{"github.com/compose-spec/", "compose-go"}
		jsonschema = library{"github.com/santhosh-tekuri/jsonschema/", "compose-go's JSON Schema validator"}
	)
	tests := map[string][]library{
		"./cmd/ecsgen":         {aws, ggcr, compose, jsonschema},
		"./cmd/ecsgen-publish": {compose, jsonschema},
	}
	for program, forbidden := range tests {
		cmd := exec.Command("go", "list", "-deps", program)
		cmd.Dir = filepath.Join("..", "..")
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("go list -deps %s: %v", program, err)
		}
		for dep := range strings.Lines(string(out)) {
			for _, lib := range forbidden {
				if strings.HasPrefix(dep, lib.prefix) {
					t.Errorf("%s links %s, of %s; hand the command that needs it over to a companion program", program, strings.TrimSpace(dep), lib.name)
				}
			}
		}
	}
}
