package publish

import (
	"context"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudformation"
	"github.com/aws/aws-sdk-go-v2/service/cloudformation/types"
	"github.com/ecsgen/ecsgen/pkg/publish/awsclient"
)

// describeStack returns the stack, or nil when there is none by that name.
func describeStack(ctx context.Context, cf CloudFormation, name string) (*types.Stack, error) {
	out, err := cf.DescribeStacks(ctx, &cloudformation.DescribeStacksInput{StackName: aws.String(name)})
	if err != nil {
		if isNotFound(err) {
			return nil, nil
		}
		return nil, awsclient.Explain(err)
	}
	if len(out.Stacks) == 0 {
		return nil, nil
	}
	s := out.Stacks[0]
	if s.StackStatus == types.StackStatusDeleteComplete {
		return nil, nil
	}
	return &s, nil
}

// inProgress reports whether CloudFormation is still working on the stack.
// REVIEW_IN_PROGRESS is not work: it is a stack that only holds change sets.
func inProgress(s types.StackStatus) bool {
	return strings.HasSuffix(string(s), "_IN_PROGRESS") && s != types.StackStatusReviewInProgress
}

// settledOK reports whether an operation ended with the stack as asked.
func settledOK(s types.StackStatus) bool {
	switch s {
	case types.StackStatusCreateComplete, types.StackStatusUpdateComplete, types.StackStatusImportComplete:
		return true
	}
	return false
}

// busyError says that another operation holds the stack; nothing was done.
func busyError(s *types.Stack) error {
	name := aws.ToString(s.StackName)
	return fmt.Errorf("stack %s is %s: another operation is running on it, and ecsgen changed nothing. "+
		"Wait for it to finish (follow it with `aws cloudformation describe-stack-events --stack-name %s`) and run ecsgen again",
		name, s.StackStatus, name)
}

// rollbackCompleteError explains a stack whose first create failed: it
// cannot be updated, only deleted and created again.
func rollbackCompleteError(s *types.Stack, reason string) error {
	why := ""
	if reason != "" {
		why = " The first failure was: " + reason + "."
	}
	return fmt.Errorf("stack %s is ROLLBACK_COMPLETE: its first create failed and CloudFormation rolled it back, so it holds no resources and cannot be updated.%s "+
		"Fix the cause, then run deploy again with --replace-failed-stack to delete the empty stack and create it anew",
		aws.ToString(s.StackName), why)
}

// stackOutputs returns the stack's outputs by key.
func stackOutputs(s *types.Stack) map[string]string {
	out := map[string]string{}
	for _, o := range s.Outputs {
		out[aws.ToString(o.OutputKey)] = aws.ToString(o.OutputValue)
	}
	return out
}

// Outputs returns the outputs of a deployed stack by key.
func Outputs(ctx context.Context, c *Clients, stack string) (map[string]string, error) {
	s, err := describeStack(ctx, c.CloudFormation, stack)
	if err != nil {
		return nil, err
	}
	if s == nil {
		return nil, fmt.Errorf("stack %s does not exist in %s; deploy it first (ecsgen deploy)", stack, c.Region)
	}
	return stackOutputs(s), nil
}
