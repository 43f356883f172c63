package cfn

import (
	"encoding/json"
	"regexp"
	"testing"

	"github.com/google/go-cmp/cmp"
)

const triggered = `
name: shop
tasks:
  report:
    triggers:
      - schedule: rate(1 hour)
      - schedule: cron(0 9 ? * MON-FRI *)
      - schedule: rate(1 day)
        singleton: true
      - http: {path: /reports/run}
    taskRole:
      statements:
        - actions: [s3:PutObject]
          resources: [arn:aws:s3:::reports/latest.csv]
    container: {image: busybox, memory: 128}
`

// placeholder is a ${Name} of an Fn::Sub.
var placeholder = regexp.MustCompile(`\$\{[^}]+\}`)

// subJSON returns an Fn::Sub's string with every variable filled by a
// sample value, as CloudFormation would fill it with a real one.
func subJSON(t *testing.T, sub any) map[string]any {
	t.Helper()
	parts := sub.(map[string]any)["Fn::Sub"].([]any)
	var v map[string]any
	if err := json.Unmarshal([]byte(placeholder.ReplaceAllString(parts[0].(string), "x")), &v); err != nil {
		t.Fatalf("not JSON once substituted: %v\n%s", err, parts[0])
	}
	return v
}

// TestTriggerRequestsAreJSON: the RunTask request API Gateway sends and
// the state machine of a singleton schedule are JSON once CloudFormation
// fills them in, and run exactly this task. moto cannot create Scheduler,
// Step Functions or API Gateway methods through CloudFormation, so this
// checks the template.
func TestTriggerRequestsAreJSON(t *testing.T) {
	res := synthResources(t, triggered)
	method := res["Report4Method"]["Properties"].(map[string]any)
	integration := method["Integration"].(map[string]any)
	req := subJSON(t, integration["RequestTemplates"].(map[string]any)["application/json"])
	if req["count"] != 1.0 || req["taskDefinition"] != "x" || req["launchType"] != "FARGATE" {
		t.Errorf("RunTask request = %v", req)
	}
	if integration["PassthroughBehavior"] != "NEVER" {
		t.Errorf("PassthroughBehavior = %v; a caller's own body must never reach ECS", integration["PassthroughBehavior"])
	}
	machine := subJSON(t, res["Report3StateMachine"]["Properties"].(map[string]any)["DefinitionString"])
	states := machine["States"].(map[string]any)
	if machine["StartAt"] != "ListRunning" || states["RunTask"] == nil || states["AlreadyRunning"] == nil {
		t.Errorf("state machine = %v", machine)
	}
}

// TestTriggerRolesAreExact: each role that starts the task may run
// exactly its task definition, in its cluster, and pass exactly its two
// roles.
func TestTriggerRolesAreExact(t *testing.T) {
	res := synthResources(t, triggered)
	runAndPass := []any{
		map[string]any{
			"Action": []any{"ecs:RunTask"}, "Effect": "Allow",
			"Resource":  []any{map[string]any{"Ref": "ReportTaskDefinition"}},
			"Condition": map[string]any{"ArnEquals": map[string]any{"ecs:cluster": map[string]any{"Fn::GetAtt": []any{"DefaultCluster", "Arn"}}}},
		},
		map[string]any{
			"Action": []any{"iam:PassRole"}, "Effect": "Allow",
			"Resource": []any{
				map[string]any{"Fn::GetAtt": []any{"ReportExecutionRole", "Arn"}},
				map[string]any{"Fn::GetAtt": []any{"ReportTaskRole", "Arn"}},
			},
		},
	}
	listTasks := map[string]any{
		"Action": []any{"ecs:ListTasks"}, "Effect": "Allow", "Resource": []any{"*"},
		"Condition": map[string]any{"ArnEquals": map[string]any{"ecs:cluster": map[string]any{"Fn::GetAtt": []any{"DefaultCluster", "Arn"}}}},
	}
	startMachine := []any{map[string]any{
		"Action": []any{"states:StartExecution"}, "Effect": "Allow", "Resource": []any{map[string]any{"Ref": "Report3StateMachine"}},
	}}
	tests := []struct {
		role, principal string
		want            []any
	}{
		{"ReportSchedulerRole", "scheduler.amazonaws.com", runAndPass},
		{"ReportApiRole", "apigateway.amazonaws.com", runAndPass},
		{"Report3RunnerRole", "states.amazonaws.com", append(append([]any{}, runAndPass...), listTasks)},
		{"Report3SchedulerRole", "scheduler.amazonaws.com", startMachine},
	}
	for _, tt := range tests {
		t.Run(tt.role, func(t *testing.T) {
			props := res[tt.role]["Properties"].(map[string]any)
			trust := props["AssumeRolePolicyDocument"].(map[string]any)["Statement"].([]any)[0].(map[string]any)
			if got := trust["Principal"].(map[string]any)["Service"].([]any)[0]; got != tt.principal {
				t.Errorf("assumed by %v, want %s", got, tt.principal)
			}
			got := props["Policies"].([]any)[0].(map[string]any)["PolicyDocument"].(map[string]any)["Statement"]
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("statements (-want +got):\n%s", diff)
			}
		})
	}
	if _, ok := res["Report1Schedule"]; !ok {
		t.Error("no schedule for the first trigger")
	}
}
