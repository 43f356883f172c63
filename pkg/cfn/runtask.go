package cfn

import (
	"encoding/json"

	"github.com/awslabs/goformation/v7/cloudformation"
	"github.com/ecsgen/ecsgen/pkg/expand"
)

// A trigger's RunTask request is JSON that API Gateway or Step Functions
// sends as it is, so the template writes it as an Fn::Sub of JSON: the
// request below with ${Name} placeholders, and the values that fill them.
// A list (subnets, security groups) is one placeholder in a one-element
// JSON list, filled with its items joined by "," (quote, comma, quote):
// a list parameter such as the default VPC's subnets can be joined but
// not counted.

// runTaskVars are the values of the placeholders in a RunTask request.
func runTaskVars(task *expand.Task) map[string]any {
	vars := map[string]any{
		"Cluster":        clusterARN(task.Cluster),
		"TaskDefinition": cloudformation.Ref(taskDefinitionID(task.Definition)),
	}
	if n := task.Network; n != nil {
		c := awsvpcConfiguration(n)
		vars["Subnets"] = cloudformation.Join(`","`, c.Subnets)
		vars["SecurityGroups"] = cloudformation.Join(`","`, c.SecurityGroups)
	}
	return vars
}

// ecsRunTask is ECS's own RunTask request, as API Gateway's AWS
// integration sends it.
type ecsRunTask struct {
	Cluster              string                   `json:"cluster"`
	TaskDefinition       string                   `json:"taskDefinition"`
	LaunchType           string                   `json:"launchType"`
	Count                int                      `json:"count"`
	NetworkConfiguration *ecsNetworkConfiguration `json:"networkConfiguration,omitempty"`
}

type ecsNetworkConfiguration struct {
	AwsvpcConfiguration ecsAwsvpcConfiguration `json:"awsvpcConfiguration"`
}

type ecsAwsvpcConfiguration struct {
	Subnets        []string `json:"subnets"`
	SecurityGroups []string `json:"securityGroups"`
	AssignPublicIp string   `json:"assignPublicIp"`
}

// ecsRunTaskRequest is the request that runs one copy of task, as an
// Fn::Sub.
func ecsRunTaskRequest(task *expand.Task) string {
	req := ecsRunTask{Cluster: "${Cluster}", TaskDefinition: "${TaskDefinition}", LaunchType: task.LaunchType, Count: 1}
	if n := task.Network; n != nil {
		req.NetworkConfiguration = &ecsNetworkConfiguration{ecsAwsvpcConfiguration{
			Subnets: []string{"${Subnets}"}, SecurityGroups: []string{"${SecurityGroups}"}, AssignPublicIp: *awsvpcConfiguration(n).AssignPublicIp,
		}}
	}
	return cloudformation.SubVars(string(mustJSON(req)), runTaskVars(task))
}

// mustJSON marshals a value made of strings, numbers and structs of them,
// which cannot fail.
func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic("cfn: " + err.Error())
	}
	return b
}
