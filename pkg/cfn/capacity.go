package cfn

import (
	"github.com/awslabs/goformation/v7/cloudformation"
	"github.com/awslabs/goformation/v7/cloudformation/policies"
	"github.com/ecsgen/ecsgen/pkg/expand"
)

// capacityProviderName names a cluster's capacity provider explicitly.
// Left to CloudFormation, the name starts with the stack's name, and ECS
// rejects names starting with "aws", "ecs" or "fargate" in any case: an
// app called ecs-shop could never deploy. The fixed prefix rules that out
// for every stack name; the stack's name keeps it unique in the account
// and region, and the cluster's within the stack. At most 3+128+1+32
// characters, well within ECS's 255.
func capacityProviderName(c *expand.Cluster) string {
	return cloudformation.Sub("cp-${AWS::StackName}-" + c.Name)
}

// instanceUpdatePolicy makes template changes reach running instances and
// keeps the template from fighting the capacity provider over the group's
// size.
//
// A new AMI (the SSM parameter resolves to a newer image on update) or
// instance type makes a new launch template version; without an update
// policy CloudFormation would only point the group at it, and the old
// instances would run on until something replaced them. A rolling update
// replaces them one at a time, and ECS's managed draining moves each
// one's tasks off before it terminates, so the service keeps its
// capacity. Replacing the whole group instead (AutoScalingReplacingUpdate)
// would also replace the capacity provider that names it. At least
// minSize instances stay in service, as long as maxSize leaves room for
// the replacement.
//
// Managed scaling owns the group's desired capacity. CloudFormation would
// set a template's DesiredCapacity again on every update of the group,
// shrinking or growing it under ECS; so desiredCapacity is written only
// when the user gives it (a starting size), and
// IgnoreUnmodifiedGroupSizeProperties applies sizes only when the template
// changes them.
func instanceUpdatePolicy(cp *expand.Capacity) *policies.UpdatePolicy {
	return &policies.UpdatePolicy{
		AutoScalingRollingUpdate: &policies.AutoScalingRollingUpdate{
			MaxBatchSize:          1,
			MinInstancesInService: float64(min(cp.MinSize, cp.MaxSize-1)),
		},
		AutoScalingScheduledAction: &policies.AutoScalingScheduledAction{IgnoreUnmodifiedGroupSizeProperties: true},
	}
}
