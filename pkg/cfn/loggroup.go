package cfn

import (
	"github.com/awslabs/goformation/v7/cloudformation/logs"
	"github.com/awslabs/goformation/v7/cloudformation/policies"
	"github.com/ecsgen/ecsgen/pkg/expand"
)

// logGroup is a log group that outlives the stack and its own
// replacement: the logs of a deploy that failed and rolled back, or of a
// stack being deleted, are what someone reads next, so CloudFormation
// must never delete them. Retention still bounds what they cost.
func logGroup(lg *expand.LogGroup) *logs.LogGroup {
	return &logs.LogGroup{
		RetentionInDays:                      new(lg.RetentionDays),
		AWSCloudFormationDeletionPolicy:      policies.DeletionPolicy("Retain"),
		AWSCloudFormationUpdateReplacePolicy: policies.UpdateReplacePolicy("Retain"),
	}
}
