package cfn

import (
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
