package model

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestParseManifestForms covers YAML forms that must decode to the same
// model as the plain block style the examples use.
func TestParseManifestForms(t *testing.T) {
	plain := `
name: shop
listeners:
  web: {port: 80}
services:
  web:
    desiredCount: 2
    taskDefinition:
      containers:
        web:
          image: nginx
          memory: 128
          portMappings: [{listener: web}]
`
	tests := map[string]string{
		"flow style": `{name: shop, listeners: {web: {port: 80}}, services: {web: {desiredCount: 2,
  taskDefinition: {containers: {web: {image: nginx, memory: 128, portMappings: [{listener: web}]}}}}}}`,
		"explicit null fields":    plain + "    launchType:\n",
		"leading document marker": "---\n" + plain,
		"explicit sign":           strings.Replace(plain, "desiredCount: 2", "desiredCount: +2", 1),
	}
	want, err := ParseManifest("plain.yaml", []byte(plain))
	if err != nil {
		t.Fatal(err)
	}
	for name, doc := range tests {
		t.Run(name, func(t *testing.T) {
			got, err := ParseManifest(name+".yaml", []byte(doc))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("(-plain +%s):\n%s", name, diff)
			}
		})
	}
}

func TestParseManifestAliases(t *testing.T) {
	doc := `
name: shop
listeners:
  web: {port: 80}
services:
  web:
    taskDefinition:
      containers:
        web: &web
          image: nginx
          portMappings: [{listener: web}]
  worker:
    taskDefinition:
      containers:
        worker:
          image: nginx
`
	app, err := ParseManifest("aliases.yaml", []byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	if got := app.Services["web"].TaskDefinition.Containers["web"].Image.Name; got != "nginx" {
		t.Errorf("image = %q, want nginx", got)
	}
}

func TestImageForms(t *testing.T) {
	tests := []struct {
		yaml string
		want Image
	}{
		{`nginx`, Image{Name: "nginx"}},
		{`public.ecr.aws/nginx/nginx:1.27`, Image{Name: "public.ecr.aws/nginx/nginx:1.27"}},
		{`{path: ./app, repository: shop}`, Image{Path: "./app", Repository: "shop"}},
		{`{build: {context: ./app, dockerfile: ./app/Dockerfile-multistage, cacheFrom: {stages: [build]}}}`,
			Image{Build: &DockerBuild{Context: "./app", Dockerfile: "./app/Dockerfile-multistage", CacheFrom: &CacheFrom{Stages: []string{"build"}}}}},
		{`{build: {context: ./app, secrets: {npm-token: {file: ../secrets/npm}, pip.token: {env: PIP_TOKEN}}, ssh: [default, github=./deploy_key]}}`,
			Image{Build: &DockerBuild{Context: "./app",
				Secrets: map[string]BuildSecret{"npm-token": {File: "../secrets/npm"}, "pip.token": {Env: "PIP_TOKEN"}},
				SSH:     []string{"default", "github=./deploy_key"}}}},
	}
	for _, tt := range tests {
		doc := "name: shop\nservices:\n  web:\n    taskDefinition:\n      containers:\n        web:\n          image: " + tt.yaml + "\n"
		app, err := ParseManifest("image.yaml", []byte(doc))
		if err != nil {
			t.Errorf("%s: %v", tt.yaml, err)
			continue
		}
		if diff := cmp.Diff(tt.want, app.Services["web"].TaskDefinition.Containers["web"].Image); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.yaml, diff)
		}
	}
}
