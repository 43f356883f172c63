package main

import (
	"encoding/json"
	"fmt"
	"github.com/ecsgen/ecsgen/internal/testenv"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ecsgen/ecsgen/pkg/model"
	"github.com/google/go-cmp/cmp"
)

// yaml11Strings are strings a YAML 1.1 reader resolves to another type
// when they are written plain: bools, ints and floats in YAML 1.1 forms,
// nulls, timestamps, and the merge and value keys it cannot load. Each
// must stay a string in the YAML template.
var yaml11Strings = []string{
	"yes", "No", "ON", "off", "y", "N", "true", "False",
	"null", "Null", "~", "",
	"1_000", "0o17", "0x1F", "0b101", "0777", "08", "-0", "+12",
	"1:20", "190:20:30", "-1:20", "190:20:30.15",
	".inf", "-.Inf", ".NaN", "1.", "1_0.5", ".5", "1e5", "6.8523015e+5", "1.2.3",
	"2001-12-14", "2001-1-2 3:04:05", "2001-12-14t21:59:43.10-05:00", "2001-12-14 21:59:43.10 Z",
	"=", "<<",
}

// TestYAMLMeansWhatJSONMeans reads every YAML template with PyYAML, the
// YAML 1.1 reader cfn-lint loads templates with, and compares it with the
// JSON of the same template: the goldens, and a template whose environment
// holds every string of yaml11Strings.
func TestYAMLMeansWhatJSONMeans(t *testing.T) {
	python := testenv.RequireTool(t, "python3", "install Python 3 with PyYAML (pip install pyyaml; cfn-lint depends on it)")
	if out, err := exec.Command(python, "-c", "import yaml").CombinedOutput(); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("PyYAML is not installed: %v\n%s", err, out)
		}
		t.Skipf("PyYAML is not installed (pip install pyyaml): %s", out)
	}
	type pair struct{ name, json, yaml string }
	var pairs []pair
	for _, dir := range goldenCases(t) {
		j, err := os.ReadFile(filepath.Join(dir, "template.json"))
		if err != nil {
			t.Fatal(err)
		}
		y, err := os.ReadFile(filepath.Join(dir, "template.yaml"))
		if err != nil {
			t.Fatal(err)
		}
		pairs = append(pairs, pair{filepath.Base(dir), string(j), string(y)})
	}
	j, y := synthBoth(t, yaml11Manifest())
	pairs = append(pairs, pair{"yaml11-strings", j, y})

	for _, p := range pairs {
		t.Run(p.name, func(t *testing.T) {
			var want any
			if err := json.Unmarshal([]byte(p.json), &want); err != nil {
				t.Fatal(err)
			}
			got := readYAML11(t, python, p.yaml)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("a YAML 1.1 reader reads the YAML template differently from the JSON (-json +yaml):\n%s", diff)
			}
		})
	}
}

// yaml11Manifest is an app whose container environment holds every string
// of yaml11Strings, which synth copies into the template as they are.
func yaml11Manifest() string {
	var b strings.Builder
	b.WriteString("name: quoting\nservices:\n  web:\n    taskDefinition:\n      containers:\n        web:\n          image: nginx\n          environment:\n")
	for i, s := range yaml11Strings {
		fmt.Fprintf(&b, "            V%02d: %q\n", i, s)
	}
	return b.String()
}

func synthBoth(t *testing.T, manifest string) (jsonOut, yamlOut string) {
	t.Helper()
	app, err := model.ParseManifest("quoting.yaml", []byte(manifest))
	if err != nil {
		t.Fatal(err)
	}
	j, err := synth(app, "json")
	if err != nil {
		t.Fatal(err)
	}
	y, err := synth(app, "yaml")
	if err != nil {
		t.Fatal(err)
	}
	return string(j), string(y)
}

// readYAML11 loads YAML with PyYAML's SafeLoader and hands it back as
// JSON; a value JSON cannot hold (a date, a timestamp) comes back tagged
// with its Python type, so it differs from the JSON string it should be.
func readYAML11(t *testing.T, python, doc string) any {
	t.Helper()
	const script = `
import json, sys, yaml
data = yaml.load(sys.stdin, Loader=yaml.SafeLoader)
json.dump(data, sys.stdout, default=lambda o: {"python " + type(o).__name__: str(o)})
`
	cmd := exec.Command(python, "-c", script)
	cmd.Stdin = strings.NewReader(doc)
	out, err := cmd.Output()
	if err != nil {
		var stderr string
		if ee, ok := err.(*exec.ExitError); ok {
			stderr = string(ee.Stderr)
		}
		t.Fatalf("PyYAML cannot load the template: %v\n%s", err, stderr)
	}
	var v any
	if err := json.Unmarshal(out, &v); err != nil {
		t.Fatal(err)
	}
	return v
}
