package publish

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	ecstypes "github.com/aws/aws-sdk-go-v2/service/ecs/types"
	"github.com/ecsgen/ecsgen/pkg/cfn"
	"github.com/ecsgen/ecsgen/pkg/publish/awsclient"
)

// RunOptions say which task to run and how.
type RunOptions struct {
	Stack string
	Task  string
	// Count is how many copies to start; 0 means 1.
	Count int
	// Command replaces the essential container's command.
	Command []string
	// Wait waits for the tasks to stop.
	Wait bool
	// Out receives the task ARNs and, with Wait, how each ended.
	Out io.Writer
	// PollInterval is how often stopped tasks are looked for; 0 means 2 s.
	PollInterval time.Duration
	Clock        Clock
}

// TaskResult is how a task ended.
type TaskResult struct {
	Arn string
	// ExitCode is the essential container's exit code; nil when it never
	// ran (the image could not be pulled, say).
	ExitCode   *int32
	StopReason string
	// LogGroup and LogStream hold the essential container's output when it
	// logs to CloudWatch Logs.
	LogGroup, LogStream string
}

// RunTask starts a task of the stack where the stack placed it (its
// cluster, subnets and security groups), like the seed's task.run(), and
// with Wait follows it until it stops.
func RunTask(ctx context.Context, c *Clients, t *cfn.Template, o RunOptions) ([]TaskResult, error) {
	run, ok := t.TaskRun(o.Task)
	if !ok {
		return nil, fmt.Errorf("the app has no task %q; its tasks: %s", o.Task, orNone(t.Tasks()))
	}
	outs, err := Outputs(ctx, c, o.Stack)
	if err != nil {
		return nil, err
	}
	value := func(key string) (string, error) {
		v, ok := outs[key]
		if !ok {
			return "", fmt.Errorf("stack %s has no output %s; deploy the app again (ecsgen deploy) so the stack matches the manifest", o.Stack, key)
		}
		return v, nil
	}
	def, err := value(run.DefinitionArn)
	if err != nil {
		return nil, err
	}
	cluster, err := value(run.Cluster)
	if err != nil {
		return nil, err
	}
	essential, err := essentialContainer(ctx, c.ECS, def)
	if err != nil {
		return nil, err
	}
	in := &ecs.RunTaskInput{
		Cluster: aws.String(cluster), TaskDefinition: aws.String(def),
		Count: aws.Int32(int32(max(o.Count, 1))), StartedBy: aws.String("ecsgen"),
		LaunchType: ecstypes.LaunchType(run.LaunchType),
	}
	if run.Subnets != "" {
		vpc := &ecstypes.AwsVpcConfiguration{}
		for key, into := range map[string]*[]string{run.Subnets: &vpc.Subnets, run.SecurityGroups: &vpc.SecurityGroups} {
			v, err := value(key)
			if err != nil {
				return nil, err
			}
			*into = strings.Split(v, ",")
		}
		pub, err := value(run.AssignPublicIp)
		if err != nil {
			return nil, err
		}
		vpc.AssignPublicIp = ecstypes.AssignPublicIp(pub)
		in.NetworkConfiguration = &ecstypes.NetworkConfiguration{AwsvpcConfiguration: vpc}
	}
	if len(o.Command) > 0 {
		in.Overrides = &ecstypes.TaskOverride{ContainerOverrides: []ecstypes.ContainerOverride{{Name: essential.Name, Command: o.Command}}}
	}
	started, err := c.ECS.RunTask(ctx, in)
	if err != nil {
		return nil, fmt.Errorf("starting task %s: %w", o.Task, awsclient.Explain(err))
	}
	if len(started.Failures) > 0 {
		f := started.Failures[0]
		return nil, fmt.Errorf("ECS could not start task %s: %s %s", o.Task, aws.ToString(f.Reason), aws.ToString(f.Detail))
	}
	var arns []string
	for _, task := range started.Tasks {
		arns = append(arns, aws.ToString(task.TaskArn))
		if o.Out != nil {
			fmt.Fprintln(o.Out, aws.ToString(task.TaskArn))
		}
	}
	if !o.Wait {
		return nil, nil
	}
	return waitStopped(ctx, c.ECS, cluster, arns, essential, o)
}

// essentialContainer is the container whose exit code is the task's: the
// first essential one.
func essentialContainer(ctx context.Context, api ECS, def string) (ecstypes.ContainerDefinition, error) {
	out, err := api.DescribeTaskDefinition(ctx, &ecs.DescribeTaskDefinitionInput{TaskDefinition: aws.String(def)})
	if err != nil {
		return ecstypes.ContainerDefinition{}, fmt.Errorf("reading task definition %s: %w", def, awsclient.Explain(err))
	}
	for _, c := range out.TaskDefinition.ContainerDefinitions {
		if c.Essential == nil || *c.Essential { // essential unless said otherwise
			return c, nil
		}
	}
	return ecstypes.ContainerDefinition{}, fmt.Errorf("task definition %s has no essential container", def)
}

// logStream is where the awslogs driver writes a task's container output:
// PREFIX/CONTAINER/TASK-ID in the group.
func logStream(c ecstypes.ContainerDefinition, taskArn string) (group, stream string) {
	lc := c.LogConfiguration
	if lc == nil || lc.LogDriver != ecstypes.LogDriverAwslogs || lc.Options["awslogs-stream-prefix"] == "" {
		return "", ""
	}
	return lc.Options["awslogs-group"], lc.Options["awslogs-stream-prefix"] + "/" + aws.ToString(c.Name) + "/" + shortID(taskArn)
}

// waitStopped polls the tasks until all have stopped.
func waitStopped(ctx context.Context, api ECS, cluster string, arns []string, essential ecstypes.ContainerDefinition, o RunOptions) ([]TaskResult, error) {
	clock, interval := o.Clock, o.PollInterval
	if clock == nil {
		clock = RealClock
	}
	if interval <= 0 {
		interval = 2 * time.Second
	}
	wait := interval
	for {
		out, err := api.DescribeTasks(ctx, &ecs.DescribeTasksInput{Cluster: aws.String(cluster), Tasks: arns})
		switch {
		case ctx.Err() != nil:
			return nil, fmt.Errorf("interrupted; the tasks go on running: follow them with `aws ecs describe-tasks --cluster %s --tasks %s`", cluster, strings.Join(arns, " "))
		case err != nil && isThrottle(err):
			wait = min(2*wait, maxInterval)
		case err != nil:
			return nil, fmt.Errorf("reading tasks: %w", awsclient.Explain(err))
		case allStopped(out.Tasks, len(arns)):
			var res []TaskResult
			for _, t := range out.Tasks {
				r := TaskResult{Arn: aws.ToString(t.TaskArn), StopReason: aws.ToString(t.StoppedReason)}
				r.LogGroup, r.LogStream = logStream(essential, r.Arn)
				for _, c := range t.Containers {
					if aws.ToString(c.Name) == aws.ToString(essential.Name) {
						r.ExitCode = c.ExitCode
					}
				}
				res = append(res, r)
				if o.Out != nil {
					code := "never ran"
					if r.ExitCode != nil {
						code = fmt.Sprintf("exited with code %d", *r.ExitCode)
					}
					fmt.Fprintf(o.Out, "task %s stopped: %s; container %s %s\n", shortID(r.Arn), describeStop(t), aws.ToString(essential.Name), code)
				}
			}
			return res, nil
		default:
			wait = interval
		}
		select {
		case <-ctx.Done():
		case <-clock.After(wait):
		}
	}
}

func allStopped(tasks []ecstypes.Task, n int) bool {
	if len(tasks) < n {
		return false
	}
	for _, t := range tasks {
		if aws.ToString(t.LastStatus) != "STOPPED" {
			return false
		}
	}
	return true
}

func orNone(names []string) string {
	if len(names) == 0 {
		return "none"
	}
	return strings.Join(names, ", ")
}
