package cfn_test

import (
	"strings"
	"testing"

	"github.com/ecsgen/ecsgen/pkg/cfn"
	"github.com/ecsgen/ecsgen/pkg/model"
	"github.com/google/go-cmp/cmp"
)

// TestTaskRunNamesRealOutputs holds TaskRun to the template: every output
// key it gives must be one the template declares.
func TestTaskRunNamesRealOutputs(t *testing.T) {
	tests := []struct {
		example string
		want    map[string]cfn.TaskRun
	}{
		{"hello-task", map[string]cfn.TaskRun{"hello-world": {
			DefinitionArn: "HelloWorldTaskDefinitionArn", Cluster: "HelloWorldTaskCluster",
			Subnets: "HelloWorldTaskSubnets", SecurityGroups: "HelloWorldTaskSecurityGroups",
			AssignPublicIp: "HelloWorldTaskAssignPublicIp", LaunchType: "FARGATE",
		}}},
		{"nginx", map[string]cfn.TaskRun{}},
	}
	for _, tt := range tests {
		t.Run(tt.example, func(t *testing.T) {
			app, err := model.LoadManifest("../../examples/" + tt.example + "/ecsgen.yaml")
			if err != nil {
				t.Fatal(err)
			}
			tpl, err := cfn.Synth(app)
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]cfn.TaskRun{}
			for _, name := range tpl.Tasks() {
				r, _ := tpl.TaskRun(name)
				got[name] = r
				for _, key := range []string{r.DefinitionArn, r.Cluster, r.Subnets, r.SecurityGroups, r.AssignPublicIp} {
					if _, ok := tpl.Outputs()[key]; !ok {
						t.Errorf("task %s: output %q is not in the template", name, key)
					}
				}
			}
			if d := cmp.Diff(tt.want, got); d != "" {
				t.Errorf("TaskRun (-want +got):\n%s", d)
			}
			if _, ok := tpl.TaskRun("nope"); ok {
				t.Error("TaskRun of an unknown task is ok")
			}
		})
	}
}

func TestJSONWithServicesOnKeepsServicesOnly(t *testing.T) {
	app, err := model.LoadManifest("../../examples/nginx/ecsgen.yaml")
	if err != nil {
		t.Fatal(err)
	}
	tpl, err := cfn.Synth(app)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff([]string{"NginxService"}, tpl.ServiceIDs()); d != "" {
		t.Errorf("ServiceIDs (-want +got):\n%s", d)
	}
	before, _ := tpl.JSON()
	pinned, err := tpl.JSONWithServicesOn(map[string]string{"NginxService": "arn:aws:ecs:us-east-1:1:task-definition/old:1"})
	if err != nil {
		t.Fatal(err)
	}
	after, _ := tpl.JSON()
	if string(before) != string(after) {
		t.Error("JSONWithServicesOn changed the template itself")
	}
	want := strings.Replace(string(before), `"TaskDefinition": {
          "Ref": "NginxTaskDefinition"
        }`, `"TaskDefinition": "arn:aws:ecs:us-east-1:1:task-definition/old:1"`, 1)
	if d := cmp.Diff(want, string(pinned)); d != "" || want == string(before) {
		t.Errorf("pinned template (-want +got):\n%s", d)
	}
}
