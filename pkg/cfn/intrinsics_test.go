package cfn

import (
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/awslabs/goformation/v7/intrinsics"
	"github.com/ecsgen/ecsgen/pkg/expand"
	"github.com/ecsgen/ecsgen/pkg/model"
	"github.com/google/go-cmp/cmp"
)

// TestResolveIntrinsicsMatchesGoformation renders every golden app's
// intrinsics both with resolveIntrinsics and with goformation's own
// ProcessJSON, which it replaces for speed, and requires the same result.
func TestResolveIntrinsicsMatchesGoformation(t *testing.T) {
	manifests, err := filepath.Glob("../../testdata/golden/*/ecsgen.yaml")
	if err != nil || len(manifests) == 0 {
		t.Fatalf("no golden manifests: %v", err)
	}
	for _, m := range manifests {
		t.Run(filepath.Base(filepath.Dir(m)), func(t *testing.T) {
			app, err := model.LoadManifest(m)
			if err != nil {
				t.Fatal(err)
			}
			x, err := expand.Expand(app)
			if err != nil {
				t.Fatal(err)
			}
			tmpl, err := Build(x)
			if err != nil {
				t.Fatal(err)
			}
			compact, err := json.Marshal(tmpl.t)
			if err != nil {
				t.Fatal(err)
			}
			var ours any
			if err := json.Unmarshal(compact, &ours); err != nil {
				t.Fatal(err)
			}
			// Compare what each renders, read back the same way.
			resolved, err := json.Marshal(resolveIntrinsics(ours))
			if err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(resolved, &ours); err != nil {
				t.Fatal(err)
			}
			processed, err := intrinsics.ProcessJSON(compact, nil)
			if err != nil {
				t.Fatal(err)
			}
			var theirs any
			if err := json.Unmarshal(processed, &theirs); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(theirs, ours); diff != "" {
				t.Errorf("resolveIntrinsics differs from goformation's ProcessJSON (-goformation +ours):\n%s", diff)
			}
		})
	}
}

func TestDecodeIntrinsicLeavesPlainStrings(t *testing.T) {
	for _, s := range []string{"", "nginx", "AAAAAAAA", "e30=", "eyJhIjoxfQ==" /* {"a":1} */, "arn:aws:iam::aws:policy/x"} {
		if fn, ok := decodeIntrinsic(s); ok {
			t.Errorf("decodeIntrinsic(%q) = %v; want it left as a string", s, fn)
		}
	}
}
