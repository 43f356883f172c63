package publish

import (
	"context"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudformation"
	"github.com/aws/aws-sdk-go-v2/service/cloudformation/types"
	"github.com/ecsgen/ecsgen/pkg/publish/awsclient"
)

// maxInterval is the longest a poll loop waits when throttled.
const maxInterval = 32 * time.Second

// execute runs the change set and follows it to the end.
func (d *deployer) execute(ctx context.Context, cs *changeSet) error {
	events := newEventStream(ctx, d.c.CloudFormation, d.stack)
	start := d.clock.Now()
	d.progress.Note(fmt.Sprintf("Deploying stack %s...", d.stack))
	if _, err := d.c.CloudFormation.ExecuteChangeSet(ctx, &cloudformation.ExecuteChangeSetInput{
		StackName: aws.String(d.stack), ChangeSetName: aws.String(cs.name),
	}); err != nil {
		return fmt.Errorf("CloudFormation could not execute the change set of stack %s: %w", d.stack, awsclient.Explain(err))
	}
	return d.follow(ctx, events, newSupervisor(d, start), start)
}

// follow polls the stack, its events and its services until the stack has
// settled and the services are steady, the rollout fails, the time budget
// runs out, or the user interrupts. It is ecsgen's own loop rather than an
// SDK waiter: those poll every 30 s or more and give up on an error they do
// not know, such as a burst of throttling.
func (d *deployer) follow(ctx context.Context, events *eventStream, sup *supervisor, start time.Time) error {
	interval := d.interval
	for {
		s, failure, err := d.pollOnce(ctx, events, sup)
		switch {
		case ctx.Err() != nil:
			return d.interrupted(ctx)
		case err != nil && isThrottle(err):
			interval = min(2*interval, maxInterval)
		case err != nil:
			return awsclient.Explain(err)
		case s == nil:
			return fmt.Errorf("stack %s disappeared while deploying: someone deleted it", d.stack)
		case failure != "":
			return d.abort(ctx, s, failure)
		case settledOK(s.StackStatus) && sup.steady():
			d.progress.Note(fmt.Sprintf("Stack %s is %s.", d.stack, s.StackStatus))
			return nil
		case !inProgress(s.StackStatus) && !settledOK(s.StackStatus):
			return d.failed(s, events)
		default:
			interval = d.interval
		}
		if d.o.Timeout > 0 && d.clock.Now().Sub(start) >= d.o.Timeout {
			return d.abort(ctx, s, fmt.Sprintf("the deploy did not finish within --timeout %s", d.o.Timeout))
		}
		if err := d.sleep(ctx, interval); err != nil {
			return d.interrupted(ctx)
		}
	}
}

// pollOnce reads the stack, shows its new events, and lets the supervisor
// look at the services.
func (d *deployer) pollOnce(ctx context.Context, events *eventStream, sup *supervisor) (*types.Stack, string, error) {
	s, err := describeStack(ctx, d.c.CloudFormation, d.stack)
	if err != nil {
		return nil, "", err
	}
	evs, err := events.poll(ctx)
	if err != nil {
		return s, "", err
	}
	for _, e := range evs {
		d.progress.Resource(e)
	}
	failure, err := sup.poll(ctx)
	return s, failure, err
}

// failed explains a stack operation that CloudFormation ended in failure.
func (d *deployer) failed(s *types.Stack, events *eventStream) error {
	why := aws.ToString(s.StackStatusReason)
	if len(events.failures) > 0 {
		why = events.failures[0]
	}
	if why != "" {
		why = ": " + why
	}
	next := ""
	switch s.StackStatus {
	case types.StackStatusRollbackComplete:
		next = "; fix the cause, then deploy with --replace-failed-stack (a stack whose first create failed cannot be updated)"
	case types.StackStatusUpdateRollbackComplete:
		next = "; the stack is back on its previous version"
	}
	return fmt.Errorf("deploy failed: stack %s is %s%s%s", d.stack, s.StackStatus, why, next)
}

// abort stops a deploy whose rollout has failed: it cancels an update (the
// stack rolls back to what it was) or deletes a stack being created, and
// says which.
func (d *deployer) abort(ctx context.Context, s *types.Stack, reason string) error {
	ctx = context.WithoutCancel(ctx)
	switch s.StackStatus {
	case types.StackStatusCreateInProgress:
		d.progress.Note(fmt.Sprintf("Deleting stack %s, which was being created: %s", d.stack, reason))
		if _, err := d.c.CloudFormation.DeleteStack(ctx, &cloudformation.DeleteStackInput{StackName: s.StackId}); err != nil {
			return fmt.Errorf("deploy failed: %s; deleting stack %s failed too: %w", reason, d.stack, awsclient.Explain(err))
		}
		return fmt.Errorf("deploy failed: %s; CloudFormation is deleting stack %s", reason, d.stack)
	case types.StackStatusUpdateInProgress:
		d.progress.Note(fmt.Sprintf("Cancelling the update of stack %s: %s", d.stack, reason))
		if _, err := d.c.CloudFormation.CancelUpdateStack(ctx, &cloudformation.CancelUpdateStackInput{StackName: s.StackId}); err != nil {
			return fmt.Errorf("deploy failed: %s; cancelling the update of stack %s failed too: %w", reason, d.stack, awsclient.Explain(err))
		}
		return fmt.Errorf("deploy failed: %s; the update was cancelled and CloudFormation is rolling stack %s back to its previous version", reason, d.stack)
	}
	if inProgress(s.StackStatus) { // already rolling back or deleting
		return fmt.Errorf("deploy failed: %s; stack %s is %s", reason, d.stack, s.StackStatus)
	}
	return fmt.Errorf("deploy failed: %s; stack %s is %s, with its services not steady", reason, d.stack, s.StackStatus)
}

// interrupted says what goes on without ecsgen after Ctrl-C, or with
// CancelOnInterrupt stops it.
func (d *deployer) interrupted(parent context.Context) error {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(parent), 10*time.Second)
	defer cancel()
	follow := fmt.Sprintf("aws cloudformation describe-stack-events --stack-name %s", d.stack)
	s, err := describeStack(ctx, d.c.CloudFormation, d.stack)
	switch {
	case err == nil && s != nil && d.o.CancelOnInterrupt && inProgress(s.StackStatus):
		return d.abort(ctx, s, "interrupted (--cancel-on-interrupt)")
	case err != nil || s == nil:
		return fmt.Errorf("interrupted; CloudFormation may still be working on stack %s: follow it with `%s`", d.stack, follow)
	case s.StackStatus == types.StackStatusCreateInProgress:
		return fmt.Errorf("interrupted; CloudFormation goes on creating stack %s without ecsgen. Follow it with `%s`, or remove it with `aws cloudformation delete-stack --stack-name %s`", d.stack, follow, d.stack)
	case inProgress(s.StackStatus):
		return fmt.Errorf("interrupted; CloudFormation goes on with stack %s (%s) without ecsgen. Follow it with `%s`, or roll the update back with `aws cloudformation cancel-update-stack --stack-name %s`", d.stack, s.StackStatus, follow, d.stack)
	}
	return fmt.Errorf("interrupted; stack %s is %s, and ECS goes on rolling out its services: follow them with `aws ecs describe-services`", d.stack, s.StackStatus)
}

// waitDeleted polls a stack being deleted, by ID, until it is gone.
func (d *deployer) waitDeleted(ctx context.Context, stackID string) error {
	events := newEventStream(ctx, d.c.CloudFormation, stackID)
	interval := d.interval
	for {
		out, err := d.c.CloudFormation.DescribeStacks(ctx, &cloudformation.DescribeStacksInput{StackName: aws.String(stackID)})
		switch {
		case err != nil && isThrottle(err):
			interval = min(2*interval, maxInterval)
		case err != nil && !isNotFound(err):
			return fmt.Errorf("waiting for stack %s to be deleted: %w", d.stack, awsclient.Explain(err))
		case err != nil || len(out.Stacks) == 0 || out.Stacks[0].StackStatus == types.StackStatusDeleteComplete:
			return nil
		case out.Stacks[0].StackStatus == types.StackStatusDeleteFailed:
			return d.failed(&out.Stacks[0], events)
		default:
			interval = d.interval
			if evs, err := events.poll(ctx); err == nil {
				for _, e := range evs {
					d.progress.Resource(e)
				}
			}
		}
		if err := d.sleep(ctx, interval); err != nil {
			return fmt.Errorf("interrupted; CloudFormation goes on deleting stack %s: follow it with `aws cloudformation describe-stack-events --stack-name %s`", d.stack, stackID)
		}
	}
}
