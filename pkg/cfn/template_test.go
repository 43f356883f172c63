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

func TestClaimReportsCollisions(t *testing.T) {
	tmpl := newTemplate("test")
	tmpl.addResource(LogicalID("my-app", "Service"), "service my-app", &ecs.Service{})
	tmpl.addResource(LogicalID("myApp", "Service"), "service myApp", &ecs.Service{})
	tmpl.addResource("Other", "service other", &ecs.Service{})
	err := tmpl.err()
	want := "service my-app and service myApp both become logical ID MyAppService; rename one of them"
	if err == nil || err.Error() != want {
		t.Errorf("err = %v, want %q", err, want)
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
