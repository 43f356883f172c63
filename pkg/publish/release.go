package publish

import (
	"context"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudformation/types"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	"github.com/ecsgen/ecsgen/pkg/publish/awsclient"
)

// Logs is the part of CloudWatch Logs that shows the last lines of a
// failed release task.
type Logs interface {
	GetLogEvents(context.Context, *cloudwatchlogs.GetLogEventsInput, ...func(*cloudwatchlogs.Options)) (*cloudwatchlogs.GetLogEventsOutput, error)
}

// ReleaseError is a release task that did not exit 0; the deploy stopped
// before the services rolled.
type ReleaseError struct {
	Task string
	// ExitCode is the essential container's, or 0 when it never ran.
	ExitCode int
	msg      string
}

func (e *ReleaseError) Error() string { return e.msg }

// apply executes the plan's change set. With release tasks an update goes
// in two steps, since images are parameters and services follow their task
// definitions: first everything but the services (the task definitions get
// the new images), then, once every release task has exited 0, the
// services. On the first deploy there is no version to keep, and release
// tasks run once the stack exists.
func (d *deployer) apply(ctx context.Context, p *plan) error {
	release := d.t.ReleaseTasks()
	if len(release) == 0 {
		return d.execute(ctx, p.cs)
	}
	if p.current == nil {
		if err := d.execute(ctx, p.cs); err != nil {
			return err
		}
		return d.runRelease(ctx, release)
	}
	d.discard(ctx, p.cs)
	pins, err := d.currentTaskDefinitions(ctx)
	if err != nil {
		return err
	}
	body, err := d.t.JSONWithServicesOn(pins)
	if err != nil {
		return err
	}
	src, err := d.templateSource(ctx, body)
	if err != nil {
		return err
	}
	d.progress.Note("Updating all but the services, so that release tasks run with the new task definitions...")
	first, err := d.createChangeSet(ctx, types.ChangeSetTypeUpdate, src, p.params, p.keep)
	if err != nil {
		return err
	}
	if first != nil {
		if err := d.execute(ctx, first); err != nil {
			return err
		}
	}
	if err := d.runRelease(ctx, release); err != nil {
		return err
	}
	d.progress.Note("Release tasks succeeded; rolling the services...")
	second, err := d.createChangeSet(ctx, types.ChangeSetTypeUpdate, p.src, p.params, p.keep)
	if err != nil || second == nil {
		return err
	}
	return d.execute(ctx, second)
}

// currentTaskDefinitions returns, by logical ID, the task definition each
// of the stack's services runs now.
func (d *deployer) currentTaskDefinitions(ctx context.Context) (map[string]string, error) {
	resources, err := stackResources(ctx, d.c.CloudFormation, d.stack)
	if err != nil {
		return nil, fmt.Errorf("listing the resources of stack %s: %w", d.stack, awsclient.Explain(err))
	}
	physical := physicalIDs(resources)
	pins := map[string]string{}
	for _, id := range d.t.ServiceIDs() {
		arn := physical[id]
		if arn == "" {
			continue // a new service: it has no current version to keep
		}
		out, err := d.c.ECS.DescribeServices(ctx, &ecs.DescribeServicesInput{Cluster: aws.String(serviceCluster(arn)), Services: []string{arn}})
		if err != nil {
			return nil, fmt.Errorf("reading service %s: %w", id, awsclient.Explain(err))
		}
		if len(out.Services) == 1 && out.Services[0].TaskDefinition != nil {
			pins[id] = *out.Services[0].TaskDefinition
		}
	}
	return pins, nil
}

// runRelease runs each release task and waits for it; the first that does
// not exit 0 stops the deploy with its exit code, stop reason and last log
// lines.
func (d *deployer) runRelease(ctx context.Context, tasks []string) error {
	for _, name := range tasks {
		d.progress.Note(fmt.Sprintf("Running release task %s...", name))
		res, err := RunTask(ctx, d.c, d.t, RunOptions{Stack: d.stack, Task: name, Wait: true, PollInterval: d.interval, Clock: d.clock})
		if err != nil {
			return fmt.Errorf("release task %s: %w", name, err)
		}
		for _, r := range res {
			if r.ExitCode != nil && *r.ExitCode == 0 {
				continue
			}
			e := &ReleaseError{Task: name}
			outcome := "never ran its container"
			if r.ExitCode != nil {
				e.ExitCode = int(*r.ExitCode)
				outcome = fmt.Sprintf("exited with code %d", e.ExitCode)
			}
			e.msg = fmt.Sprintf("release task %s %s (%s); the deploy stopped before the services rolled, and they keep their current version%s",
				name, outcome, r.StopReason, d.logTail(ctx, r))
			return e
		}
		d.progress.Note(fmt.Sprintf("Release task %s exited 0.", name))
	}
	return nil
}

// logTail returns the last lines a task's essential container logged, for
// an error message; "" when they cannot be read.
func (d *deployer) logTail(ctx context.Context, r TaskResult) string {
	if r.LogGroup == "" || d.c.Logs == nil {
		return ""
	}
	out, err := d.c.Logs.GetLogEvents(ctx, &cloudwatchlogs.GetLogEventsInput{
		LogGroupName: aws.String(r.LogGroup), LogStreamName: aws.String(r.LogStream), Limit: aws.Int32(20), StartFromHead: aws.Bool(false),
	})
	if err != nil || len(out.Events) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString(". Its last log lines:")
	for _, e := range out.Events {
		b.WriteString("\n  " + aws.ToString(e.Message))
	}
	return b.String()
}

// serviceCluster is the cluster in a service ARN,
// arn:aws:ecs:REGION:ACCOUNT:service/CLUSTER/NAME; the old short form,
// service/NAME, lives in the default cluster.
func serviceCluster(arn string) string {
	_, res, _ := strings.Cut(arn, ":service/")
	cluster, _, ok := strings.Cut(res, "/")
	if !ok {
		return "default"
	}
	return cluster
}
