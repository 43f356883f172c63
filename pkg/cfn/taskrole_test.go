package cfn

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestTaskRoleStatements: a task role of statements allows and denies
// exactly what they say; ECS Exec adds exactly the SSM channel actions,
// to the task's own role or to one it creates, and never to a role given
// by ARN, which is not the stack's to change.
func TestTaskRoleStatements(t *testing.T) {
	exec := map[string]any{"Effect": "Allow", "Resource": []any{"*"}, "Action": []any{
		"ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel",
		"ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel",
	}}
	tests := []struct {
		name, taskRole string
		exec           bool
		want           []any // the role's statements; nil: no role is created
		arn            string
	}{
		{"statements", `{statements: [{actions: [s3:GetObject], resources: [arn:aws:s3:::b/k]}, {effect: Deny, actions: ["s3:*"], resources: ["*"]}]}`, false, []any{
			map[string]any{"Effect": "Allow", "Action": []any{"s3:GetObject"}, "Resource": []any{"arn:aws:s3:::b/k"}},
			map[string]any{"Effect": "Deny", "Action": []any{"s3:*"}, "Resource": []any{"*"}},
		}, ""},
		{"statements and exec", `{statements: [{actions: [s3:GetObject], resources: [arn:aws:s3:::b/k]}]}`, true, []any{
			map[string]any{"Effect": "Allow", "Action": []any{"s3:GetObject"}, "Resource": []any{"arn:aws:s3:::b/k"}},
			exec,
		}, ""},
		{"exec alone", ``, true, []any{exec}, ""},
		{"arn and exec", `arn:aws:iam::123456789012:role/app`, true, nil, "arn:aws:iam::123456789012:role/app"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			manifest := "name: shop\nservices:\n  web:\n"
			if tt.exec {
				manifest += "    enableExecuteCommand: true\n"
			}
			manifest += "    taskDefinition:\n      container: {image: nginx, memory: 512}\n"
			if tt.taskRole != "" {
				manifest += "      taskRole: " + tt.taskRole + "\n"
			}
			res := synthResources(t, manifest)
			td := res["WebTaskDefinition"]["Properties"].(map[string]any)
			role, created := res["WebTaskRole"]
			switch {
			case tt.want == nil && created:
				t.Errorf("created a task role: %v", role)
			case tt.want == nil:
				if td["TaskRoleArn"] != tt.arn {
					t.Errorf("TaskRoleArn = %v, want %s", td["TaskRoleArn"], tt.arn)
				}
			case !created:
				t.Fatal("no task role created")
			default:
				got := role["Properties"].(map[string]any)["Policies"].([]any)[0].(map[string]any)["PolicyDocument"].(map[string]any)["Statement"]
				if diff := cmp.Diff(tt.want, got); diff != "" {
					t.Errorf("statements (-want +got):\n%s", diff)
				}
				if diff := cmp.Diff(map[string]any{"Fn::GetAtt": []any{"WebTaskRole", "Arn"}}, td["TaskRoleArn"]); diff != "" {
					t.Errorf("TaskRoleArn (-want +got):\n%s", diff)
				}
			}
			if got := res["WebService"]["Properties"].(map[string]any)["EnableExecuteCommand"]; (got == true) != tt.exec {
				t.Errorf("EnableExecuteCommand = %v, want %v", got, tt.exec)
			}
		})
	}
}
