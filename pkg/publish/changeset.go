package publish

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudformation"
	"github.com/aws/aws-sdk-go-v2/service/cloudformation/types"
	"github.com/ecsgen/ecsgen/pkg/publish/awsclient"
)

// changeSet is a change set CloudFormation has computed.
type changeSet struct {
	stack   string
	name    string
	typ     types.ChangeSetType
	changes []types.Change
}

// noChanges reports whether CloudFormation's answer means "nothing to do".
// It says so in two ways: a change set that FAILED because it "didn't
// contain changes", or a ValidationError "No updates are to be performed"
// from CreateChangeSet itself. Both mean the same to the user.
func noChanges(reason string) bool {
	return strings.Contains(reason, "didn't contain changes") || strings.Contains(reason, "No updates are to be performed")
}

// templateSource is a template as CreateChangeSet takes it: inline, or by
// the URL of a copy in S3.
type templateSource struct {
	body string
	url  string
}

// createChangeSet asks CloudFormation for a change set and waits until it
// is computed. It returns nil when there is nothing to change, after
// deleting the empty change set (AWS keeps a limited number per stack).
func (d *deployer) createChangeSet(ctx context.Context, typ types.ChangeSetType, src templateSource, params map[string]string, keep []string) (*changeSet, error) {
	// The time says when; the random part keeps two deploys in one second
	// (a script, a retry) from meeting.
	cs := &changeSet{stack: d.stack, typ: typ, name: fmt.Sprintf("ecsgen-%s-%04x", d.clock.Now().UTC().Format("20060102-150405"), rand.IntN(1<<16))}
	in := &cloudformation.CreateChangeSetInput{
		StackName:     aws.String(d.stack),
		ChangeSetName: aws.String(cs.name),
		ChangeSetType: typ,
		Capabilities:  []types.Capability{types.CapabilityCapabilityIam, types.CapabilityCapabilityNamedIam},
		Parameters:    cfnParameters(params, keep),
		Description:   aws.String("ecsgen deploy"),
	}
	if src.url != "" {
		in.TemplateURL = aws.String(src.url)
	} else {
		in.TemplateBody = aws.String(src.body)
	}
	if _, err := d.c.CloudFormation.CreateChangeSet(ctx, in); err != nil {
		if noChanges(apiMessage(err)) {
			return nil, nil
		}
		return nil, fmt.Errorf("creating a change set for stack %s: %w", d.stack, awsclient.Explain(err))
	}
	for {
		out, err := d.c.CloudFormation.DescribeChangeSet(ctx, &cloudformation.DescribeChangeSetInput{
			StackName: aws.String(d.stack), ChangeSetName: aws.String(cs.name),
		})
		switch {
		case err != nil && !isThrottle(err):
			return nil, fmt.Errorf("reading change set %s: %w", cs.name, awsclient.Explain(err))
		case err == nil && out.Status == types.ChangeSetStatusCreateComplete:
			cs.changes = append(cs.changes, out.Changes...)
			for next := out.NextToken; next != nil; {
				page, err := d.c.CloudFormation.DescribeChangeSet(ctx, &cloudformation.DescribeChangeSetInput{
					StackName: aws.String(d.stack), ChangeSetName: aws.String(cs.name), NextToken: next,
				})
				if err != nil {
					return nil, fmt.Errorf("reading change set %s: %w", cs.name, awsclient.Explain(err))
				}
				cs.changes = append(cs.changes, page.Changes...)
				next = page.NextToken
			}
			return cs, nil
		case err == nil && out.Status == types.ChangeSetStatusFailed:
			reason := aws.ToString(out.StatusReason)
			d.discard(ctx, cs)
			if noChanges(reason) {
				return nil, nil
			}
			return nil, fmt.Errorf("CloudFormation rejected the change set for stack %s: %s", d.stack, reason)
		}
		if err := d.sleep(ctx, d.changeSetPoll(err)); err != nil {
			d.discard(context.WithoutCancel(ctx), cs)
			return nil, err
		}
	}
}

// changeSetPoll is how long to wait before asking about a change set again:
// CloudFormation computes most within seconds; throttling means slow down.
func (d *deployer) changeSetPoll(err error) time.Duration {
	if err != nil {
		return 4 * d.interval
	}
	return d.interval / 2
}

// discard deletes a change set that will not be executed, and the empty
// stack that a CREATE change set made to hold it.
func (d *deployer) discard(ctx context.Context, cs *changeSet) {
	_, _ = d.c.CloudFormation.DeleteChangeSet(ctx, &cloudformation.DeleteChangeSetInput{
		StackName: aws.String(cs.stack), ChangeSetName: aws.String(cs.name),
	})
	if cs.typ != types.ChangeSetTypeCreate {
		return
	}
	if s, err := describeStack(ctx, d.c.CloudFormation, cs.stack); err == nil && s != nil && s.StackStatus == types.StackStatusReviewInProgress {
		_, _ = d.c.CloudFormation.DeleteStack(ctx, &cloudformation.DeleteStackInput{StackName: s.StackId})
	}
}

// cfnParameters are the values, and the names in keep with the value the
// stack has now.
func cfnParameters(values map[string]string, keep []string) []types.Parameter {
	var out []types.Parameter
	for _, k := range sortedKeys(values) {
		out = append(out, types.Parameter{ParameterKey: aws.String(k), ParameterValue: aws.String(values[k])})
	}
	for _, k := range keep {
		out = append(out, types.Parameter{ParameterKey: aws.String(k), UsePreviousValue: aws.Bool(true)})
	}
	return out
}
