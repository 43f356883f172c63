package cfn

import (
	"github.com/awslabs/goformation/v7/cloudformation"
	"github.com/awslabs/goformation/v7/cloudformation/scheduler"
	"github.com/awslabs/goformation/v7/cloudformation/stepfunctions"
	"github.com/ecsgen/ecsgen/pkg/expand"
)

func scheduleID(tr *expand.Trigger) string     { return LogicalID(tr.Name, "Schedule") }
func stateMachineID(tr *expand.Trigger) string { return LogicalID(tr.Name, "StateMachine") }

// addSchedule starts a task on an EventBridge Scheduler schedule: the
// task itself, or for a singleton the state machine that starts it.
func addSchedule(t *Template, tr *expand.Trigger, owner string) {
	task := tr.Task
	target := &scheduler.Schedule_Target{RoleArn: cloudformation.GetAtt(roleID(tr.Role), "Arn")}
	if tr.Runner != nil {
		addSingletonRunner(t, tr, owner)
		target.Arn = cloudformation.Ref(stateMachineID(tr))
	} else {
		target.Arn = clusterARN(task.Cluster)
		target.EcsParameters = &scheduler.Schedule_EcsParameters{
			TaskDefinitionArn: cloudformation.Ref(taskDefinitionID(task.Definition)),
			LaunchType:        new(task.LaunchType),
			TaskCount:         new(1.0),
		}
		if n := task.Network; n != nil {
			c := awsvpcConfiguration(n)
			target.EcsParameters.NetworkConfiguration = &scheduler.Schedule_NetworkConfiguration{
				AwsvpcConfiguration: &scheduler.Schedule_AwsVpcConfiguration{Subnets: c.Subnets, SecurityGroups: c.SecurityGroups, AssignPublicIp: c.AssignPublicIp},
			}
		}
	}
	t.addResource(scheduleID(tr), owner, &scheduler.Schedule{
		Description:        new("Runs task " + task.Name),
		ScheduleExpression: tr.Schedule,
		// Exactly on time: a window would let runs drift by its length.
		FlexibleTimeWindow: &scheduler.Schedule_FlexibleTimeWindow{Mode: "OFF"},
		State:              new("ENABLED"),
		Target:             target,
	})
}

// addSingletonRunner adds the state machine a singleton schedule starts:
// it asks ECS for running tasks of the task's family in its cluster and
// runs the task only when there are none, so a run that outlasts the
// schedule's period is never joined by a second one. A run started just
// as another starts can still slip through; a schedule starts at most one
// per period, so that takes a run started by other means.
func addSingletonRunner(t *Template, tr *expand.Trigger, owner string) {
	task := tr.Task
	addRole(t, tr.Runner, owner)
	run := sfnRunTask{
		Cluster: "${Cluster}", TaskDefinition: "${TaskDefinition}", LaunchType: task.LaunchType,
	}
	if n := task.Network; n != nil {
		run.NetworkConfiguration = &sfnNetworkConfiguration{sfnAwsvpcConfiguration{
			Subnets: []string{"${Subnets}"}, SecurityGroups: []string{"${SecurityGroups}"}, AssignPublicIp: *awsvpcConfiguration(n).AssignPublicIp,
		}}
	}
	definition := stateMachine{
		Comment: "Runs task " + task.Name + " unless it is already running",
		StartAt: "ListRunning",
		States: map[string]any{
			"ListRunning": taskState{
				Type:       "Task",
				Resource:   "arn:${AWS::Partition}:states:::aws-sdk:ecs:listTasks",
				Parameters: listTasks{Cluster: "${Cluster}", Family: "${AWS::StackName}-" + subLiteral(task.Definition.Name), DesiredStatus: "RUNNING"},
				Next:       "IfNoneRunning",
			},
			"IfNoneRunning": choiceState{
				Type:    "Choice",
				Choices: []choice{{Variable: "$.TaskArns[0]", IsPresent: true, Next: "AlreadyRunning"}},
				Default: "RunTask",
			},
			"AlreadyRunning": endState{Type: "Succeed"},
			"RunTask": taskState{
				Type:       "Task",
				Resource:   "arn:${AWS::Partition}:states:::ecs:runTask",
				Parameters: run,
				End:        true,
			},
		},
	}
	t.addResource(stateMachineID(tr), owner, &stepfunctions.StateMachine{
		RoleArn:          cloudformation.GetAtt(roleID(tr.Runner), "Arn"),
		DefinitionString: new(cloudformation.SubVars(string(mustJSON(definition)), runTaskVars(task))),
	})
}

// Amazon States Language, as much of it as the runner uses.
type (
	stateMachine struct {
		Comment string         `json:"Comment"`
		StartAt string         `json:"StartAt"`
		States  map[string]any `json:"States"`
	}
	taskState struct {
		Type       string `json:"Type"`
		Resource   string `json:"Resource"`
		Parameters any    `json:"Parameters"`
		Next       string `json:"Next,omitempty"`
		End        bool   `json:"End,omitempty"`
	}
	choiceState struct {
		Type    string   `json:"Type"`
		Choices []choice `json:"Choices"`
		Default string   `json:"Default"`
	}
	choice struct {
		Variable  string `json:"Variable"`
		IsPresent bool   `json:"IsPresent"`
		Next      string `json:"Next"`
	}
	endState struct {
		Type string `json:"Type"`
	}
	listTasks struct {
		Cluster       string `json:"Cluster"`
		Family        string `json:"Family"`
		DesiredStatus string `json:"DesiredStatus"`
	}
	// sfnRunTask is ECS's RunTask request as Step Functions' ECS
	// integration spells it.
	sfnRunTask struct {
		Cluster              string                   `json:"Cluster"`
		TaskDefinition       string                   `json:"TaskDefinition"`
		LaunchType           string                   `json:"LaunchType"`
		NetworkConfiguration *sfnNetworkConfiguration `json:"NetworkConfiguration,omitempty"`
	}
	sfnNetworkConfiguration struct {
		AwsvpcConfiguration sfnAwsvpcConfiguration `json:"AwsvpcConfiguration"`
	}
	sfnAwsvpcConfiguration struct {
		Subnets        []string `json:"Subnets"`
		SecurityGroups []string `json:"SecurityGroups"`
		AssignPublicIp string   `json:"AssignPublicIp"`
	}
)
