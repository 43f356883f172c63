package cfn

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/awslabs/goformation/v7/cloudformation"
	"github.com/awslabs/goformation/v7/cloudformation/ecs"
	"github.com/awslabs/goformation/v7/cloudformation/logs"
	"github.com/google/go-cmp/cmp"
	"go.yaml.in/yaml/v3"
)

func TestFlattenListRefs(t *testing.T) {
	lists := map[string]bool{"Subnets": true}
	tests := []struct{ in, want string }{
		{`{"S":[{"Ref":"Subnets"}]}`, `{"S":{"Ref":"Subnets"}}`},
		{`{"S":[{"Ref":"Vpc"}]}`, `{"S":[{"Ref":"Vpc"}]}`}, // not a list parameter
		{`{"S":[{"Ref":"Subnets"},{"Ref":"Other"}]}`, `{"S":[{"Ref":"Subnets"},{"Ref":"Other"}]}`},
		{`{"A":{"B":[[{"Ref":"Subnets"}]]}}`, `{"A":{"B":[{"Ref":"Subnets"}]}}`},
	}
	for _, tt := range tests {
		var in any
		if err := json.Unmarshal([]byte(tt.in), &in); err != nil {
			t.Fatal(err)
		}
		got, _ := json.Marshal(flattenListRefs(in, lists))
		if string(got) != tt.want {
			t.Errorf("flattenListRefs(%s) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

// TestClaimReportsCollisions: a collision is a problem at the manifest
// path of the second owner (which model.Manifest.Locate turns into a line)
// naming the first and what they collide on, without internal prefixes.
func TestClaimReportsCollisions(t *testing.T) {
	tests := []struct {
		name  string
		build func(*Template)
		want  string
	}{
		{"resources", func(tmpl *Template) {
			tmpl.addResource(LogicalID("my-app", "Service"), "services.my-app", &ecs.Service{})
			tmpl.addResource(LogicalID("myApp", "Service"), "services.myApp", &ecs.Service{})
			tmpl.addResource("Other", "services.other", &ecs.Service{})
		}, "services.myApp: becomes logical ID MyAppService, as services.my-app does; rename one of them"},
		{"a parameter and a resource", func(tmpl *Template) {
			tmpl.addResource("WebImage", "services.web", &ecs.Service{})
			tmpl.addParameter("WebImage", "tasks.web-image", cloudformation.Parameter{Type: "String"})
		}, "tasks.web-image: becomes logical ID WebImage, as services.web does; rename one of them"},
		{"outputs", func(tmpl *Template) {
			tmpl.addResource("WebServiceName", "services.web", &ecs.Service{})
			tmpl.addOutput("WebServiceName", "services.web", cloudformation.Output{})
			tmpl.addOutput("WebServiceName", "outputs.WebServiceName", cloudformation.Output{})
		}, "outputs.WebServiceName: becomes output WebServiceName, as services.web does; rename one of them"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tmpl := newTemplate("test")
			tt.build(tmpl)
			if err := tmpl.err(); err == nil || err.Error() != tt.want {
				t.Errorf("err = %v, want %q", err, tt.want)
			}
		})
	}
}

func TestLimits(t *testing.T) {
	tmpl := newTemplate("test")
	for i := range MaxResources + 1 {
		tmpl.addResource(fmt.Sprintf("Group%d", i), "test", &logs.LogGroup{})
	}
	if _, err := tmpl.JSON(); !errors.Is(err, ErrOverLimit) || !strings.Contains(err.Error(), "limit of 500") {
		t.Errorf("JSON() error = %v, want the resource limit", err)
	}
}

// TestYAMLMatchesJSON checks that both renderings carry the same template.
func TestYAMLMatchesJSON(t *testing.T) {
	tmpl := newTemplate("test")
	tmpl.addParameter("Version", "test", cloudformation.Parameter{Type: "String", Default: "2010-09-09"})
	tmpl.addResource("Logs", "test", &logs.LogGroup{RetentionInDays: new(1), LogGroupName: new(cloudformation.Sub("${AWS::StackName}-true"))})
	j, err := tmpl.JSON()
	if err != nil {
		t.Fatal(err)
	}
	y, err := tmpl.YAML()
	if err != nil {
		t.Fatal(err)
	}
	var fromJSON, fromYAML any
	if err := json.Unmarshal(j, &fromJSON); err != nil {
		t.Fatal(err)
	}
	if err := yamlUnmarshal(y, &fromYAML); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(fromJSON, fromYAML); diff != "" {
		t.Errorf("YAML and JSON differ (-json +yaml):\n%s\n%s", diff, y)
	}
}

// yamlUnmarshal decodes YAML into the shapes encoding/json produces, so a
// YAML template can be compared with its JSON twin.
func yamlUnmarshal(data []byte, v *any) error {
	var raw any
	if err := yaml.Unmarshal(data, &raw); err != nil {
		return err
	}
	j, err := json.Marshal(raw)
	if err != nil {
		return err
	}
	return json.Unmarshal(j, v)
}
