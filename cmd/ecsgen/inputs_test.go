package main

import (
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ecsgen/ecsgen/internal/golden"
	"github.com/ecsgen/ecsgen/pkg/cfn"
	"github.com/ecsgen/ecsgen/pkg/model"
	"github.com/google/go-cmp/cmp"
)

// TestGoldenInputs records, beside every golden template, what deploy must
// supply for it (cfn.Inputs), and checks that the contract covers exactly
// the template's parameters that have no default: a parameter deploy
// cannot fill would fail every deploy of that template.
func TestGoldenInputs(t *testing.T) {
	for _, dir := range goldenCases(t) {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			app, err := model.LoadManifest(filepath.Join(dir, "ecsgen.yaml"))
			if err != nil {
				t.Fatal(err)
			}
			tmpl, err := cfn.Synth(app)
			if err != nil {
				t.Fatal(err)
			}
			in := tmpl.Inputs()
			var covered []string
			for _, img := range in.Images {
				covered = append(covered, img.Parameter)
				if img.Repository == "" || strings.ToLower(img.Repository) != img.Repository {
					t.Errorf("image %s: repository %q must be set and lower-case", img.Parameter, img.Repository)
				}
			}
			for _, v := range in.DefaultVpcs {
				covered = append(covered, v.VpcIDParameter, v.SubnetIDsParameter)
			}
			var needed []string
			for name, p := range tmpl.Parameters() {
				if p.Default == nil {
					needed = append(needed, name)
				}
			}
			slices.Sort(covered)
			slices.Sort(needed)
			if diff := cmp.Diff(needed, covered); diff != "" {
				t.Errorf("parameters without a default (-) vs what Inputs covers (+):\n%s", diff)
			}
			got, err := json.MarshalIndent(in, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			golden.Check(t, filepath.Join(dir, "inputs.json"), append(got, '\n'))
		})
	}
}
