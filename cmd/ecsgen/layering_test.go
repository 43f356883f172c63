package main

import (
	"errors"
	"go/build"
	"io/fs"
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
		"pkg/model":  {},
		"pkg/expand": {"pkg/model"},
		"pkg/cfn":    {"pkg/model", "pkg/expand"},
		// publish's subpackages sit below it: awsclient is what every AWS
		// client shares, image builds and pushes images, and publish
		// deploys, building images with image.
		"pkg/publish/awsclient": {},
		"pkg/publish/image":     {"pkg/model", "pkg/expand", "pkg/cfn", "pkg/publish/awsclient"},
		"pkg/publish":           {"pkg/model", "pkg/expand", "pkg/cfn", "pkg/publish/awsclient", "pkg/publish/image"},
		// Importers sit beside the manifest front end: they build a model
		// and write it as a manifest, and reach nothing later in the chain.
		"pkg/importer":         {"pkg/model"},
		"pkg/importer/compose": {"pkg/model", "pkg/importer"},
		"pkg/importer/copilot": {"pkg/model", "pkg/importer"},
	}
	// A package this test does not know would escape it: every package
	// under pkg/ must have its place in the chain.
	err := filepath.WalkDir(filepath.Join("..", "..", "pkg"), func(path string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return err
		}
		// What the go tool skips: test data, and names it ignores.
		if name := d.Name(); name == "testdata" || strings.HasPrefix(name, "_") || strings.HasPrefix(name, ".") {
			return fs.SkipDir
		}
		var noGo *build.NoGoError
		if _, err := build.ImportDir(path, 0); errors.As(err, &noGo) {
			return nil
		}
		pkg := filepath.ToSlash(strings.TrimPrefix(path, filepath.Join("..", "..")+string(filepath.Separator)))
		if _, ok := allowed[pkg]; !ok {
			t.Errorf("%s is not in the chain; add it to this test with the packages it may import", pkg)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
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

// TestOnlyPublishCallsAWS: the AWS SDK's clients and its configuration
// are imported by pkg/publish and the packages under it alone, so that
// every call to AWS goes through their interfaces, retries and error
// explanations. (pkg/model reads ARNs with the SDK's arn package, which
// calls nothing.)
func TestOnlyPublishCallsAWS(t *testing.T) {
	cmd := exec.Command("go", "list", "-f", "{{.ImportPath}}{{range .Imports}} {{.}}{{end}}", "./...")
	cmd.Dir = filepath.Join("..", "..")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	for line := range strings.Lines(string(out)) {
		pkg, imports, _ := strings.Cut(strings.TrimSpace(line), " ")
		own := strings.TrimPrefix(pkg, module)
		// internal/testenv plays the tests' part against moto (stopping
		// tasks as ECS would), never ecsgen's.
		if own == "pkg/publish" || strings.HasPrefix(own, "pkg/publish/") || own == "internal/testenv" {
			continue
		}
		for _, imp := range strings.Fields(imports) {
			if strings.HasPrefix(imp, "github.com/aws/aws-sdk-go-v2/service/") || imp == "github.com/aws/aws-sdk-go-v2/config" {
				t.Errorf("%s imports %s; only pkg/publish and the packages under it call AWS", own, imp)
			}
		}
	}
}

// TestProgramsLinkOnlyWhatTheyNeed keeps the programs' start-up short:
// Go initialises every package a program links before main runs, and the
// AWS SDK's services, go-containerregistry and compose-go (with its JSON
// Schema validator) take tens of milliseconds to, so ecsgen hands the
// commands that need them over to companion programs. ecsgen-build, which
// `ecsgen build --push` runs before go build can start, links of the
// services only ECR and those the credential chain calls (STS, SSO, SSO
// OIDC, sign-in), and so must the image package it builds with.
func TestProgramsLinkOnlyWhatTheyNeed(t *testing.T) {
	type library struct {
		name     string
		prefixes []string // import paths, each ending in a slash
		except   []string // import paths under them that are allowed
	}
	const service = "github.com/aws/aws-sdk-go-v2/service/"
	var (
		aws           = library{name: "the AWS SDK's services", prefixes: []string{service}}
		stackServices = library{name: "an AWS service image builds do without", prefixes: []string{service}, except: []string{
			service + "ecr/", service + "sts/", service + "sso/", service + "ssooidc/", service + "signin/", service + "internal/",
		}}
		ggcr       = library{name: "go-containerregistry", prefixes: []string{"github.com/google/go-containerregistry/"}}
		compose    = library{name: "compose-go", prefixes: []string{"github.com/compose-spec/"}}
		jsonschema = library{name: "compose-go's JSON Schema validator", prefixes: []string{"github.com/santhosh-tekuri/jsonschema/"}}
	)
	tests := map[string][]library{
		"./cmd/ecsgen":         {aws, ggcr, compose, jsonschema},
		"./cmd/ecsgen-build":   {stackServices, compose, jsonschema},
		"./pkg/publish/image":  {stackServices},
		"./cmd/ecsgen-publish": {compose, jsonschema},
	}
	for pkg, forbidden := range tests {
		cmd := exec.Command("go", "list", "-deps", pkg)
		cmd.Dir = filepath.Join("..", "..")
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("go list -deps %s: %v", pkg, err)
		}
		for dep := range strings.Lines(string(out)) {
			dep = strings.TrimSpace(dep)
			for _, lib := range forbidden {
				allowed := slices.ContainsFunc(lib.except, func(p string) bool { return strings.HasPrefix(dep+"/", p) })
				for _, prefix := range lib.prefixes {
					if strings.HasPrefix(dep+"/", prefix) && !allowed {
						t.Errorf("%s links %s, of %s; move what needs it to another package or companion program", pkg, dep, lib.name)
					}
				}
			}
		}
	}
}
