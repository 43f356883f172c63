package cfn

import (
	"os"
	"strings"
	"testing"

	"github.com/awslabs/goformation/v7/cloudformation"
	"github.com/ecsgen/ecsgen/pkg/model"
)

// synthManifest synthesizes a manifest given as text, failing the test on
// any error.
func synthManifest(t *testing.T, doc string) *Template {
	t.Helper()
	m, err := model.ParseManifest("test.yaml", []byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	tmpl, err := Synth(m)
	if err != nil {
		t.Fatal(err)
	}
	return tmpl
}

// resourceOf returns the resource id of type T in tmpl, failing the test
// if there is none or it has another type.
func resourceOf[T any](t *testing.T, tmpl *Template, id string) *T {
	t.Helper()
	var r *T
	res := tmpl.Resources()[id]
	if o, ok := res.(interface {
		Unwrap() cloudformation.Resource
	}); ok {
		res = o.Unwrap() // an overlay
	}
	r, ok := any(res).(*T)
	if !ok {
		t.Fatalf("resource %s is %T, want %T", id, tmpl.Resources()[id], r)
	}
	return r
}

// ec2Cluster is a manifest prefix: a VPC and a cluster with instances,
// for services and tasks to be appended.
const ec2Cluster = `
name: shop
vpcs:
  main: {}
clusters:
  main:
    vpc: main
    autoScalingGroup: {}
`

// TestSynthManifestLocatesCollisions: a Go program that reads a manifest
// gets the CLI's file:line for problems only the template reveals.
func TestSynthManifestLocatesCollisions(t *testing.T) {
	f, err := os.Open("../../testdata/errors/logical-id-collision-across-sections.yaml")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	m, err := model.Decode("app.yaml", f)
	if err != nil {
		t.Fatal(err)
	}
	_, err = SynthManifest(m)
	if want := "app.yaml:11: services.a-flow-logs: becomes logical ID AFlowLogsLogGroup"; err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("SynthManifest: %v, want %q", err, want)
	}
}
