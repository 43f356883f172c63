package cfn

import (
	"encoding/json"
	"testing"

	"github.com/awslabs/goformation/v7/cloudformation/ecs"
	"github.com/ecsgen/ecsgen/pkg/model"
	"github.com/google/go-cmp/cmp"
)

// TestRollableServiceMarshalsBoth: the overlay keeps every property
// goformation renders and adds ForceNewDeployment beside them.
func TestRollableServiceMarshalsBoth(t *testing.T) {
	s := rollableService{
		&ecs.Service{LaunchType: new("FARGATE"), AWSCloudFormationDependsOn: []string{"Listener"}},
		&ForceNewDeployment{EnableForceNewDeployment: true, ForceNewDeploymentNonce: "n1"},
	}
	out, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	var got any
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatal(err)
	}
	want := map[string]any{
		"Type":      "AWS::ECS::Service",
		"DependsOn": []any{"Listener"},
		"Properties": map[string]any{
			"LaunchType":         "FARGATE",
			"ForceNewDeployment": map[string]any{"EnableForceNewDeployment": true, "ForceNewDeploymentNonce": "n1"},
		},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestRollParameter: every service takes its nonce from one parameter,
// which Inputs names for deploy; an app without services has neither.
func TestRollParameter(t *testing.T) {
	tests := []struct {
		name, manifest, want string
	}{
		{"services", "name: shop\nservices:\n  a: {taskDefinition: {container: {image: nginx}}}\n  b: {taskDefinition: {container: {image: nginx}}}\n", rollParameter},
		{"tasks only", "name: shop\ntasks:\n  job: {container: {image: busybox}}\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			app, err := model.ParseManifest("ecsgen.yaml", []byte(tt.manifest))
			if err != nil {
				t.Fatal(err)
			}
			tmpl, err := Synth(app)
			if err != nil {
				t.Fatal(err)
			}
			if got := tmpl.Inputs().RollParameter; got != tt.want {
				t.Errorf("RollParameter = %q, want %q", got, tt.want)
			}
			_, declared := tmpl.Parameters()[rollParameter]
			if declared != (tt.want != "") {
				t.Errorf("parameter %s declared: %v", rollParameter, declared)
			}
			res := synthResources(t, tt.manifest)
			for _, id := range []string{"AService", "BService"} {
				if r, ok := res[id]; ok {
					want := map[string]any{"EnableForceNewDeployment": true, "ForceNewDeploymentNonce": map[string]any{"Ref": rollParameter}}
					if diff := cmp.Diff(want, r["Properties"].(map[string]any)["ForceNewDeployment"]); diff != "" {
						t.Errorf("%s (-want +got):\n%s", id, diff)
					}
				}
			}
		})
	}
}
