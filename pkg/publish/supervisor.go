package publish

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	ecstypes "github.com/aws/aws-sdk-go-v2/service/ecs/types"
	elb "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2"
)

// supervisor watches the ECS services of a deploy while CloudFormation
// waits on them, so that a rollout that cannot succeed is reported within
// one poll, with its reasons, instead of after the circuit breaker (minutes)
// or CloudFormation's stabilization timeout (hours). Its rules follow AWS
// Copilot's: tasks of the primary deployment that stopped after the deploy
// began, service events that report failures, unhealthy targets.
type supervisor struct {
	c        *Clients
	stack    string
	start    time.Time
	max      int
	progress Progress
	pending  []string // logical IDs whose services CloudFormation has not made yet
	services []*watched
}

// watched is one service. Messages name it by logical ID, which follows the
// manifest's name; the physical name has CloudFormation's random suffix.
type watched struct {
	logicalID, cluster, arn string
	deployment              string
	failed                  int
	stopped                 map[string]bool
	events                  map[string]bool
	targets                 map[string]bool
	steady                  bool
}

func newSupervisor(d *deployer, start time.Time) *supervisor {
	s := &supervisor{c: d.c, stack: d.stack, start: start, max: d.o.MaxFailedTasks, progress: d.progress}
	if m := d.t.Metadata(); m != nil {
		s.pending = append(s.pending, m.Ecsgen.WaitForSteadyState...)
	}
	return s
}

// steady reports whether every service has finished its rollout.
func (s *supervisor) steady() bool {
	if len(s.pending) > 0 {
		return false
	}
	for _, w := range s.services {
		if !w.steady {
			return false
		}
	}
	return true
}

// poll reads every service once. It returns why the rollout has failed, or
// "" while it may still succeed.
func (s *supervisor) poll(ctx context.Context) (string, error) {
	if err := s.findServices(ctx); err != nil {
		return "", err
	}
	for _, w := range s.services {
		if why, err := s.pollService(ctx, w); why != "" || err != nil {
			return why, err
		}
	}
	return "", nil
}

// findServices learns the ARNs of the services CloudFormation has made.
func (s *supervisor) findServices(ctx context.Context) error {
	if len(s.pending) == 0 {
		return nil
	}
	resources, err := stackResources(ctx, s.c.CloudFormation, s.stack)
	if err != nil {
		return err
	}
	physical := physicalIDs(resources)
	var still []string
	for _, id := range s.pending {
		arn := physical[id]
		if arn == "" {
			still = append(still, id)
			continue
		}
		s.services = append(s.services, &watched{
			logicalID: id, cluster: serviceCluster(arn), arn: arn,
			stopped: map[string]bool{}, events: map[string]bool{}, targets: map[string]bool{},
		})
	}
	s.pending = still
	return nil
}

func (s *supervisor) pollService(ctx context.Context, w *watched) (string, error) {
	out, err := s.c.ECS.DescribeServices(ctx, &ecs.DescribeServicesInput{Cluster: aws.String(w.cluster), Services: []string{w.arn}})
	if err != nil {
		return "", err
	}
	if len(out.Services) == 0 {
		return "", nil
	}
	svc := out.Services[0]
	s.serviceEvents(w, svc)
	var primary *ecstypes.Deployment
	for i, dep := range svc.Deployments {
		if aws.ToString(dep.Status) == "PRIMARY" {
			primary = &svc.Deployments[i]
		}
	}
	if primary == nil {
		return "", nil
	}
	w.deployment = aws.ToString(primary.Id)
	s.progress.Rollout(Rollout{
		Service: w.logicalID, Desired: primary.DesiredCount, Running: primary.RunningCount,
		Pending: primary.PendingCount, Failed: primary.FailedTasks, State: string(primary.RolloutState),
	})
	switch primary.RolloutState {
	case ecstypes.DeploymentRolloutStateFailed:
		return fmt.Sprintf("service %s: ECS reports its rollout FAILED: %s", w.logicalID, aws.ToString(primary.RolloutStateReason)), nil
	case ecstypes.DeploymentRolloutStateCompleted:
		w.steady = primary.RunningCount == primary.DesiredCount
	default:
		// Services without the deployment circuit breaker report no
		// rolloutState: steady is one deployment, all of it running.
		w.steady = primary.RolloutState == "" && len(svc.Deployments) == 1 && primary.RunningCount == primary.DesiredCount
	}
	if why, err := s.stoppedTasks(ctx, w); why != "" || err != nil {
		return why, err
	}
	return "", s.targetHealth(ctx, w, svc)
}

// failingEvent are words of service events that report trouble (Copilot's
// list).
var failingEvent = []string{"fail", "unhealthy", "error", "throttle", "unable", "missing", "alarm detected", "rolling back"}

func (s *supervisor) serviceEvents(w *watched, svc ecstypes.Service) {
	for _, e := range svc.Events { // newest first; a handful per poll
		id := aws.ToString(e.Id)
		if w.events[id] || aws.ToTime(e.CreatedAt).Before(s.start) {
			continue
		}
		w.events[id] = true
		msg := aws.ToString(e.Message)
		lower := strings.ToLower(msg)
		for _, word := range failingEvent {
			if strings.Contains(lower, word) {
				s.progress.Problem(fmt.Sprintf("service %s: %s", w.logicalID, msg))
				break
			}
		}
	}
}

// stoppedTasks reports each task of the deployment that stopped since the
// deploy began, and fails the rollout when too many have.
func (s *supervisor) stoppedTasks(ctx context.Context, w *watched) (string, error) {
	list, err := s.c.ECS.ListTasks(ctx, &ecs.ListTasksInput{
		Cluster: aws.String(w.cluster), StartedBy: aws.String(w.deployment), DesiredStatus: ecstypes.DesiredStatusStopped,
	})
	if err != nil {
		return "", err
	}
	var fresh []string
	for _, arn := range list.TaskArns {
		if !w.stopped[arn] {
			fresh = append(fresh, arn)
		}
	}
	if len(fresh) == 0 {
		return "", nil
	}
	tasks, err := s.c.ECS.DescribeTasks(ctx, &ecs.DescribeTasksInput{Cluster: aws.String(w.cluster), Tasks: fresh})
	if err != nil {
		return "", err
	}
	var last string
	for _, t := range tasks.Tasks {
		w.stopped[aws.ToString(t.TaskArn)] = true
		reason := aws.ToString(t.StoppedReason)
		if t.StoppedAt != nil && t.StoppedAt.Before(s.start) || strings.HasPrefix(reason, "Scaling activity initiated by") {
			continue
		}
		last = fmt.Sprintf("task %s stopped: %s", shortID(aws.ToString(t.TaskArn)), describeStop(t))
		s.progress.Problem(fmt.Sprintf("service %s: %s", w.logicalID, last))
		w.failed++
	}
	if last != "" && w.failed >= s.max {
		return fmt.Sprintf("service %s: %d tasks of its new deployment stopped (--max-failed-tasks %d); the last %s", w.logicalID, w.failed, s.max, last), nil
	}
	return "", nil
}

// describeStop says why a task stopped: its reason, and each container that
// exited with a code or a reason.
func describeStop(t ecstypes.Task) string {
	parts := []string{aws.ToString(t.StoppedReason)}
	if parts[0] == "" {
		parts[0] = "no reason given"
	}
	for _, c := range t.Containers {
		var bits []string
		if c.ExitCode != nil && *c.ExitCode != 0 {
			bits = append(bits, fmt.Sprintf("exit code %d", *c.ExitCode))
		}
		if r := aws.ToString(c.Reason); r != "" {
			bits = append(bits, r)
		}
		if len(bits) > 0 {
			parts = append(parts, "container "+aws.ToString(c.Name)+": "+strings.Join(bits, ", "))
		}
	}
	return strings.Join(parts, "; ")
}

// targetHealth reports each unhealthy target of the service's target
// groups once per reason.
func (s *supervisor) targetHealth(ctx context.Context, w *watched, svc ecstypes.Service) error {
	for _, lb := range svc.LoadBalancers {
		tg := aws.ToString(lb.TargetGroupArn)
		if tg == "" {
			continue
		}
		out, err := s.c.ELB.DescribeTargetHealth(ctx, &elb.DescribeTargetHealthInput{TargetGroupArn: aws.String(tg)})
		if err != nil {
			return err
		}
		for _, th := range out.TargetHealthDescriptions {
			h := th.TargetHealth
			if h == nil || h.State != "unhealthy" {
				continue
			}
			target := aws.ToString(th.Target.Id)
			if th.Target.Port != nil {
				target += fmt.Sprintf(":%d", *th.Target.Port)
			}
			key := target + " " + string(h.Reason)
			if w.targets[key] {
				continue
			}
			w.targets[key] = true
			s.progress.Problem(fmt.Sprintf("service %s: target %s unhealthy: %s: %s", w.logicalID, target, h.Reason, aws.ToString(h.Description)))
		}
	}
	return nil
}

// shortID is the last part of an ARN, as the console shows tasks.
func shortID(arn string) string { return arn[strings.LastIndex(arn, "/")+1:] }
