package importer_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/ecsgen/ecsgen/internal/golden"
	"github.com/ecsgen/ecsgen/pkg/importer"
	"github.com/ecsgen/ecsgen/pkg/model"
	"github.com/google/go-cmp/cmp"
)

// TestWriteRoundTrips writes every manifest the repository keeps that
// decodes, and decodes what it wrote: the writer must say exactly what the
// app holds, for every field the manifests use.
func TestWriteRoundTrips(t *testing.T) {
	n := 0
	for _, path := range golden.Manifests(t, "../..") {
		app, err := model.LoadManifest(path)
		if err != nil {
			continue // an error case
		}
		n++
		t.Run(filepath.Base(filepath.Dir(path)), func(t *testing.T) {
			out, err := importer.Write(importer.Result{App: app, Source: "a test"})
			if err != nil {
				t.Fatal(err)
			}
			back, err := model.ParseManifest("written.yaml", out)
			if err != nil {
				t.Fatalf("the written manifest does not decode: %v\n%s", err, out)
			}
			if diff := cmp.Diff(app, back); diff != "" {
				t.Errorf("decoding the written manifest gives another app (-want +got):\n%s\n%s", diff, out)
			}
		})
	}
	if n < 10 {
		t.Fatalf("only %d manifests decoded; the round trip proves little", n)
	}
}

func TestWriteComments(t *testing.T) {
	app := &model.App{
		Name: "shop",
		Services: map[string]*model.Service{"web": {TaskDefinition: &model.TaskDefinition{
			Cpu:       new(512),
			Container: &model.Container{Image: model.Image{Name: "nginx"}, Environment: map[string]string{"ZIP": "0042", "ON": "true", "EMPTY": ""}},
		}}},
	}
	r := importer.Result{App: app, Source: "compose.yaml"}
	r.Note("services.web.taskDefinition.cpu", "rounded up from 300 to a Fargate size")
	r.Report.Add("compose.yaml", 7, "services.web.privileged", "ECS on Fargate runs no privileged containers; drop it")
	out, err := importer.Write(r)
	if err != nil {
		t.Fatal(err)
	}
	want := `# Written by ` + "`ecsgen import`" + ` from compose.yaml.
# Comments explain the importer's choices; review them, then run ` + "`ecsgen synth`" + `.
#
# Not imported (1, also printed by ecsgen import):
# - compose.yaml:7: services.web.privileged: ECS on Fargate runs no privileged containers; drop it
name: shop
services:
  web:
    taskDefinition:
      # rounded up from 300 to a Fargate size
      cpu: 512
      container:
        image: nginx
        environment:
          EMPTY: ""
          ON: "true"
          ZIP: "0042"
`
	if diff := cmp.Diff(want, string(out)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if back, err := model.ParseManifest("w.yaml", out); err != nil || !strings.Contains(back.Services["web"].TaskDefinition.Container.Environment["ZIP"], "0042") {
		t.Fatalf("round trip: %v", err)
	}
}
