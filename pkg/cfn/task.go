package cfn

import (
	"github.com/awslabs/goformation/v7/cloudformation"
	"github.com/ecsgen/ecsgen/pkg/expand"
)

// addTask renders a task run on demand: its definition, and as outputs
// everything `ecsgen run` needs to start it where it belongs.
func addTask(t *Template, task *expand.Task) {
	owner := "tasks." + task.Name
	def := addTaskDefinition(t, task.Definition, owner)
	// Nothing in the stack runs the task, but `ecsgen run` may as soon as
	// the definition exists; by then the task's route out must too.
	def.AWSCloudFormationDependsOn = taskRoutes(task.Cluster.Network)
	t.recordTaskRun(task)
	t.addOutput(LogicalID(task.Name, "TaskDefinitionArn"), owner, cloudformation.Output{
		Value: cloudformation.Ref(taskDefinitionID(task.Definition)), Description: new("ARN of task definition " + task.Name),
	})
	t.addOutput(LogicalID(task.Name, "TaskCluster"), owner, cloudformation.Output{
		Value: clusterRef(task.Cluster), Description: new("Cluster task " + task.Name + " runs in"),
	})
	if n := task.Network; n != nil {
		c := awsvpcConfiguration(n)
		t.addOutput(LogicalID(task.Name, "TaskSubnets"), owner, cloudformation.Output{
			Value: cloudformation.Join(",", c.Subnets), Description: new("Subnets for task " + task.Name + ", comma-separated"),
		})
		t.addOutput(LogicalID(task.Name, "TaskSecurityGroups"), owner, cloudformation.Output{
			Value: cloudformation.Join(",", c.SecurityGroups), Description: new("Security groups for task " + task.Name + ", comma-separated"),
		})
		t.addOutput(LogicalID(task.Name, "TaskAssignPublicIp"), owner, cloudformation.Output{
			Value: *c.AssignPublicIp, Description: new("AssignPublicIp setting for task " + task.Name),
		})
	}
}
