package publish

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudformation"
	"github.com/aws/aws-sdk-go-v2/service/cloudformation/types"
	"github.com/aws/smithy-go"
	"github.com/ecsgen/ecsgen/pkg/cfn"
	"github.com/ecsgen/ecsgen/pkg/model"
	"github.com/google/go-cmp/cmp"
)

// fakeClock advances only when a poll loop waits, and records how long.
type fakeClock struct {
	now   time.Time
	waits []time.Duration
}

func (c *fakeClock) Now() time.Time { return c.now }
func (c *fakeClock) After(d time.Duration) <-chan time.Time {
	c.waits = append(c.waits, d)
	c.now = c.now.Add(d)
	ch := make(chan time.Time, 1)
	ch <- c.now
	return ch
}

// answer is one scripted DescribeStacks answer: an error, or the stack in
// a status.
type answer struct {
	err    error
	status types.StackStatus
}

// scriptedStacks answers DescribeStacks from a script, one answer per call;
// the last answer repeats.
type scriptedStacks struct {
	CloudFormation // calls outside the script panic
	answers        []answer
	cancelled      int
}

func (s *scriptedStacks) DescribeStacks(context.Context, *cloudformation.DescribeStacksInput, ...func(*cloudformation.Options)) (*cloudformation.DescribeStacksOutput, error) {
	a := s.answers[0]
	if len(s.answers) > 1 {
		s.answers = s.answers[1:]
	}
	if a.err != nil {
		return nil, a.err
	}
	return &cloudformation.DescribeStacksOutput{Stacks: []types.Stack{{StackName: aws.String("s"), StackId: aws.String("id"), StackStatus: a.status}}}, nil
}

func (s *scriptedStacks) DescribeStackEvents(context.Context, *cloudformation.DescribeStackEventsInput, ...func(*cloudformation.Options)) (*cloudformation.DescribeStackEventsOutput, error) {
	return &cloudformation.DescribeStackEventsOutput{}, nil
}

func (s *scriptedStacks) CancelUpdateStack(context.Context, *cloudformation.CancelUpdateStackInput, ...func(*cloudformation.Options)) (*cloudformation.CancelUpdateStackOutput, error) {
	s.cancelled++
	return &cloudformation.CancelUpdateStackOutput{}, nil
}

var throttled = &smithy.GenericAPIError{Code: "Throttling", Message: "Rate exceeded"}

// TestPollingWaitsLongerWhenThrottled: throttling that outlasts the
// client's retries stretches the poll interval (doubling, at most 32 s) and
// never fails the wait; the first good answer restores the interval. A
// time budget cancels the update.
func TestPollingWaitsLongerWhenThrottled(t *testing.T) {
	var (
		busy     = answer{status: types.StackStatusUpdateInProgress}
		done     = answer{status: types.StackStatusUpdateComplete}
		throttle = answer{err: throttled}
		s        = time.Second
	)
	tests := []struct {
		name       string
		answers    []answer
		timeout    time.Duration
		wantWaits  []time.Duration
		wantErr    string
		wantCancel int
	}{
		{
			name:      "throttled, then done",
			answers:   []answer{busy, throttle, throttle, throttle, throttle, throttle, throttle, busy, done},
			wantWaits: []time.Duration{2 * s, 4 * s, 8 * s, 16 * s, 32 * s, 32 * s, 32 * s, 2 * s},
		},
		{
			name:    "other errors end the wait",
			answers: []answer{{err: errors.New("boom")}},
			wantErr: "boom",
		},
		{
			name:       "time budget",
			answers:    []answer{busy},
			timeout:    5 * s,
			wantWaits:  []time.Duration{2 * s, 2 * s, 2 * s},
			wantErr:    "did not finish within --timeout 5s; the update was cancelled",
			wantCancel: 1,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clock := &fakeClock{now: time.Unix(0, 0)}
			cf := &scriptedStacks{answers: tt.answers}
			d := newDeployer(&Clients{CloudFormation: cf}, helloTask(t), DeployOptions{Stack: "s", Clock: clock, Timeout: tt.timeout})
			err := d.follow(context.Background(), &eventStream{cf: cf, stack: "s", seen: map[string]bool{}}, newSupervisor(d, clock.now), clock.now)
			if tt.wantErr == "" && err != nil || tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)) {
				t.Fatalf("follow: %v, want error %q", err, tt.wantErr)
			}
			if diff := cmp.Diff(tt.wantWaits, clock.waits); diff != "" {
				t.Errorf("waits (-want +got):\n%s", diff)
			}
			if cf.cancelled != tt.wantCancel {
				t.Errorf("CancelUpdateStack called %d times, want %d", cf.cancelled, tt.wantCancel)
			}
		})
	}
}

// helloTask is a template without services, so that follow waits on the
// stack alone.
func helloTask(t *testing.T) *cfn.Template {
	t.Helper()
	app, err := model.LoadManifest("../../examples/hello-task/ecsgen.yaml")
	if err != nil {
		t.Fatal(err)
	}
	tpl, err := cfn.Synth(app)
	if err != nil {
		t.Fatal(err)
	}
	return tpl
}

// TestInterruptLeavesOrCancels: Ctrl-C leaves an update to CloudFormation
// and says how to follow it, or with CancelOnInterrupt cancels it.
func TestInterruptLeavesOrCancels(t *testing.T) {
	for _, cancelIt := range []bool{false, true} {
		cf := &scriptedStacks{answers: []answer{{status: types.StackStatusUpdateInProgress}}}
		clock := &fakeClock{now: time.Unix(0, 0)}
		d := newDeployer(&Clients{CloudFormation: cf}, helloTask(t), DeployOptions{Stack: "s", Clock: clock, CancelOnInterrupt: cancelIt})
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		err := d.follow(ctx, &eventStream{cf: cf, stack: "s", seen: map[string]bool{}}, newSupervisor(d, clock.now), clock.now)
		want, calls := "goes on with stack s (UPDATE_IN_PROGRESS) without ecsgen", 0
		if cancelIt {
			want, calls = "interrupted (--cancel-on-interrupt); the update was cancelled", 1
		}
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("cancel on interrupt %v: %v, want %q", cancelIt, err, want)
		}
		if cf.cancelled != calls {
			t.Errorf("cancel on interrupt %v: CancelUpdateStack called %d times, want %d", cancelIt, cf.cancelled, calls)
		}
	}
}
