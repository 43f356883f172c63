package publish

import (
	"context"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudformation"
	"github.com/aws/aws-sdk-go-v2/service/cloudformation/types"
)

// eventStream reads a stack's events and hands on each new one once, oldest
// first. "New" is decided by event ID, not by time, so a skewed local
// clock neither hides nor repeats events.
type eventStream struct {
	cf    CloudFormation
	stack string
	seen  map[string]bool
	// failures keeps the reasons of failed resources, first first: the
	// first is usually the cause, the rest its consequences.
	failures []string
}

// newEventStream marks the events already there as seen, so that only this
// operation's events are shown.
func newEventStream(ctx context.Context, cf CloudFormation, stack string) *eventStream {
	s := &eventStream{cf: cf, stack: stack, seen: map[string]bool{}}
	if evs, err := s.page(ctx); err == nil {
		for _, e := range evs {
			s.seen[aws.ToString(e.EventId)] = true
		}
	}
	return s
}

func (s *eventStream) page(ctx context.Context) ([]types.StackEvent, error) {
	out, err := s.cf.DescribeStackEvents(ctx, &cloudformation.DescribeStackEventsInput{StackName: aws.String(s.stack)})
	if err != nil {
		return nil, err
	}
	return out.StackEvents, nil
}

// poll returns the events that appeared since the last poll, oldest first.
// One page (the newest 100 or so) is enough at a poll every few seconds.
func (s *eventStream) poll(ctx context.Context) ([]ResourceEvent, error) {
	evs, err := s.page(ctx)
	if err != nil {
		return nil, err
	}
	var fresh []ResourceEvent
	for _, e := range slices.Backward(evs) {
		id := aws.ToString(e.EventId)
		if s.seen[id] {
			continue
		}
		s.seen[id] = true
		re := ResourceEvent{
			Time:      aws.ToTime(e.Timestamp),
			LogicalID: aws.ToString(e.LogicalResourceId),
			Type:      aws.ToString(e.ResourceType),
			Status:    string(e.ResourceStatus),
			Reason:    aws.ToString(e.ResourceStatusReason),
		}
		if strings.HasSuffix(re.Status, "_FAILED") && re.Reason != "" && !strings.Contains(re.Reason, "cancelled") {
			s.failures = append(s.failures, re.LogicalID+": "+re.Reason)
		}
		fresh = append(fresh, re)
	}
	return fresh, nil
}

// firstFailure returns the reason of the earliest failed resource among
// the stack's latest events, or "".
func (d *deployer) firstFailure(ctx context.Context) string {
	s := &eventStream{cf: d.c.CloudFormation, stack: d.stack, seen: map[string]bool{}}
	if _, err := s.poll(ctx); err != nil || len(s.failures) == 0 {
		return ""
	}
	return s.failures[0]
}
