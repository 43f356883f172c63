package publish

import (
	"context"
	"fmt"
	"io"
	"maps"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudformation"
	"github.com/aws/aws-sdk-go-v2/service/cloudformation/types"
	"github.com/ecsgen/ecsgen/pkg/cfn"
	"github.com/ecsgen/ecsgen/pkg/publish/awsclient"
)

// DeployOptions say where and how to deploy a template.
type DeployOptions struct {
	// Stack is the stack's name.
	Stack string
	// Parameters are the user's values for template parameters; they win
	// over the values deploy finds itself.
	Parameters map[string]string
	// Images builds and pushes the app's images; only needed when the app
	// builds any.
	Images ImagePublisher
	// Confirm is asked, with the change summary, before anything changes;
	// nil goes ahead.
	Confirm func(summary string) (bool, error)
	// ReplaceFailedStack deletes a stack left ROLLBACK_COMPLETE by a
	// failed first create, and creates it anew.
	ReplaceFailedStack bool
	// MaxFailedTasks is how many stopped tasks of a new deployment make
	// the rollout a failure; 0 means 3.
	MaxFailedTasks int
	// CancelOnInterrupt makes Ctrl-C cancel the update (or delete a stack
	// being created) instead of leaving CloudFormation to finish it.
	CancelOnInterrupt bool
	// Timeout bounds the whole wait; 0 means none.
	Timeout time.Duration
	// PollInterval is how often the stack and services are read; 0 means
	// 2 s. Throttling stretches it, up to 32 s.
	PollInterval time.Duration
	// Progress shows the deploy; nil shows nothing.
	Progress Progress
	// Out receives the change summary and the outputs.
	Out io.Writer
	// Clock is the time; nil is the wall clock.
	Clock Clock
	// Roll starts new tasks in every service, even when nothing else
	// changed, so that they read their secrets' current values.
	Roll bool
}

// Result is what a deploy did.
type Result struct {
	// Changed is false when the stack was already up to date.
	Changed bool
	// Summary counts the changes.
	Summary Summary
	// Outputs are the stack's outputs after the deploy.
	Outputs map[string]string
}

// deployer holds one deploy's state.
type deployer struct {
	c        *Clients
	t        *cfn.Template
	o        DeployOptions
	stack    string
	clock    Clock
	interval time.Duration
	progress Progress
	out      io.Writer
}

func newDeployer(c *Clients, t *cfn.Template, o DeployOptions) *deployer {
	d := &deployer{c: c, t: t, o: o, stack: o.Stack, clock: o.Clock, interval: o.PollInterval, progress: o.Progress, out: o.Out}
	if d.clock == nil {
		d.clock = RealClock
	}
	if d.interval <= 0 {
		d.interval = 2 * time.Second
	}
	if d.progress == nil {
		d.progress = NewPlainProgress(io.Discard, false)
	}
	if d.out == nil {
		d.out = io.Discard
	}
	if d.o.MaxFailedTasks <= 0 {
		d.o.MaxFailedTasks = 3
	}
	return d
}

// plan is what deploy and diff share: the stack as it is, and the change
// set that brings it to the template.
type plan struct {
	current *types.Stack
	params  map[string]string
	// keep are the parameters that keep the stack's value (UsePreviousValue).
	keep []string
	src  templateSource
	cs   *changeSet // nil: no changes
}

// Deploy brings the stack to the template: it resolves the parameters,
// creates a change set, shows it, executes it, follows it to the end with
// the supervisor watching the services, and returns the outputs.
func Deploy(ctx context.Context, c *Clients, t *cfn.Template, o DeployOptions) (*Result, error) {
	d := newDeployer(c, t, o)
	defer d.progress.Close()
	p, err := d.plan(ctx, true)
	if err != nil {
		return nil, err
	}
	if p.cs == nil {
		d.progress.Note(fmt.Sprintf("Stack %s is up to date: no changes.", d.stack))
		outs := map[string]string{}
		if p.current != nil {
			outs = stackOutputs(p.current)
		}
		printOutputs(d.out, outs)
		return &Result{Outputs: outs}, nil
	}
	text, sum := summarize(p.cs)
	fmt.Fprint(d.out, text)
	if o.Confirm != nil {
		ok, err := o.Confirm(text)
		if err != nil || !ok {
			d.discard(context.WithoutCancel(ctx), p.cs)
			if err != nil {
				return nil, err
			}
			return nil, fmt.Errorf("deploy cancelled; stack %s is unchanged", d.stack)
		}
	}
	if err := d.apply(ctx, p); err != nil {
		return nil, err
	}
	s, err := describeStack(ctx, c.CloudFormation, d.stack)
	if err != nil {
		return nil, err
	}
	outs := stackOutputs(s)
	printOutputs(d.out, outs)
	return &Result{Changed: true, Summary: sum, Outputs: outs}, nil
}

// Diff computes the change set a deploy would execute, prints its summary
// and deletes it. It reports whether anything would change.
func Diff(ctx context.Context, c *Clients, t *cfn.Template, o DeployOptions) (bool, error) {
	d := newDeployer(c, t, o)
	defer d.progress.Close()
	p, err := d.plan(ctx, false)
	if err != nil {
		return false, err
	}
	if p.cs == nil {
		fmt.Fprintf(d.out, "Stack %s is up to date: no changes.\n", d.stack)
		return false, nil
	}
	text, _ := summarize(p.cs)
	fmt.Fprint(d.out, text)
	d.discard(context.WithoutCancel(ctx), p.cs)
	return true, nil
}

func (d *deployer) plan(ctx context.Context, deploying bool) (*plan, error) {
	body, err := d.t.JSON()
	if err != nil {
		return nil, err
	}
	p := &plan{}
	if p.current, err = describeStack(ctx, d.c.CloudFormation, d.stack); err != nil {
		return nil, err
	}
	typ := types.ChangeSetTypeUpdate
	if s := p.current; s != nil {
		switch {
		case inProgress(s.StackStatus):
			return nil, busyError(s)
		case s.StackStatus == types.StackStatusRollbackComplete && (!deploying || !d.o.ReplaceFailedStack):
			return nil, rollbackCompleteError(s, d.firstFailure(ctx))
		case s.StackStatus == types.StackStatusRollbackComplete:
			if err := d.deleteFailed(ctx, s); err != nil {
				return nil, err
			}
			p.current = nil
		case s.StackStatus == types.StackStatusReviewInProgress:
			// A stack that only ever held change sets: create it.
			p.current = nil
		case s.StackStatus == types.StackStatusRollbackFailed || s.StackStatus == types.StackStatusDeleteFailed ||
			s.StackStatus == types.StackStatusUpdateRollbackFailed:
			return nil, fmt.Errorf("stack %s is %s and needs a person: see its events (aws cloudformation describe-stack-events --stack-name %s), "+
				"then continue the rollback or delete it", d.stack, s.StackStatus, d.stack)
		}
	}
	if p.current == nil {
		typ = types.ChangeSetTypeCreate
	}
	if p.params, err = resolveParameters(ctx, d.c, d.t, d.o.Images, d.o.Parameters); err != nil {
		return nil, err
	}
	if p.keep, err = d.rollNonce(p.current, p.params); err != nil {
		return nil, err
	}
	if p.current != nil && settledOK(p.current.StackStatus) {
		same, err := d.deployed(ctx, p.current, body, p.params, p.keep)
		if err != nil {
			return nil, err
		}
		if same {
			return p, nil
		}
	}
	if p.src, err = d.templateSource(ctx, body); err != nil {
		return nil, err
	}
	d.progress.Note(fmt.Sprintf("Computing the changes to stack %s in %s...", d.stack, d.c.Region))
	p.cs, err = d.createChangeSet(ctx, typ, p.src, p.params, p.keep)
	return p, err
}

// deployed reports whether the stack already runs this very template with
// these parameter values, so that a deploy with nothing to do skips the
// change set: two calls instead of five and a few seconds.
func (d *deployer) deployed(ctx context.Context, s *types.Stack, body []byte, params map[string]string, keep []string) (bool, error) {
	current := map[string]string{}
	for _, p := range s.Parameters {
		current[aws.ToString(p.ParameterKey)] = aws.ToString(p.ParameterValue)
	}
	// The stack lists every parameter, those left to their defaults too.
	want := maps.Clone(params)
	for name, p := range d.t.Parameters() {
		if _, ok := want[name]; !ok && p.Default != nil {
			want[name] = fmt.Sprint(p.Default)
		}
	}
	for _, name := range keep {
		want[name] = current[name]
	}
	// A NoEcho value comes back as ****, never equal: the change set decides.
	if !maps.Equal(current, want) {
		return false, nil
	}
	out, err := d.c.CloudFormation.GetTemplate(ctx, &cloudformation.GetTemplateInput{
		StackName: aws.String(d.stack), TemplateStage: types.TemplateStageOriginal,
	})
	if err != nil {
		return false, fmt.Errorf("reading the template of stack %s: %w", d.stack, awsclient.Explain(err))
	}
	return aws.ToString(out.TemplateBody) == string(body), nil
}

// deleteFailed deletes a ROLLBACK_COMPLETE stack and waits until it is gone.
func (d *deployer) deleteFailed(ctx context.Context, s *types.Stack) error {
	d.progress.Note(fmt.Sprintf("Deleting stack %s, left ROLLBACK_COMPLETE by a failed create (--replace-failed-stack)...", d.stack))
	if _, err := d.c.CloudFormation.DeleteStack(ctx, &cloudformation.DeleteStackInput{StackName: s.StackId}); err != nil {
		return fmt.Errorf("deleting stack %s: %w", d.stack, awsclient.Explain(err))
	}
	return d.waitDeleted(ctx, aws.ToString(s.StackId))
}

func (d *deployer) sleep(ctx context.Context, dur time.Duration) error {
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-d.clock.After(dur):
		return nil
	}
}

func printOutputs(w io.Writer, outs map[string]string) {
	if len(outs) == 0 {
		return
	}
	fmt.Fprintln(w, "Outputs:")
	for _, k := range sortedKeys(outs) {
		fmt.Fprintf(w, "  %s: %s\n", k, outs[k])
	}
}
