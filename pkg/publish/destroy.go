package publish

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudformation"
	"github.com/aws/aws-sdk-go-v2/service/ecr"
	ecrtypes "github.com/aws/aws-sdk-go-v2/service/ecr/types"
	"github.com/ecsgen/ecsgen/pkg/cfn"
)

// Repositories is the part of the ECR API that destroy uses to remove the
// repositories deploy pushed to, which live outside the stack.
type Repositories interface {
	DeleteRepository(context.Context, *ecr.DeleteRepositoryInput, ...func(*ecr.Options)) (*ecr.DeleteRepositoryOutput, error)
}

// DestroyOptions say which stack to delete.
type DestroyOptions struct {
	Stack string
	// DeleteData also deletes what outlives the stack on purpose: the ECR
	// repositories of the app's images.
	DeleteData bool
	// Confirm is asked before anything is deleted; nil goes ahead.
	Confirm      func(question string) (bool, error)
	Progress     Progress
	PollInterval time.Duration
	Clock        Clock
}

// Destroy deletes the stack and waits until it is gone.
func Destroy(ctx context.Context, c *Clients, t *cfn.Template, o DestroyOptions) error {
	d := newDeployer(c, t, DeployOptions{Stack: o.Stack, Progress: o.Progress, Clock: o.Clock, PollInterval: o.PollInterval})
	defer d.progress.Close()
	s, err := describeStack(ctx, c.CloudFormation, o.Stack)
	if err != nil {
		return err
	}
	var repos []string
	for _, im := range t.Inputs().Images {
		repos = append(repos, im.Repository)
	}
	if s == nil && (!o.DeleteData || len(repos) == 0) {
		d.progress.Note(fmt.Sprintf("Stack %s does not exist in %s: nothing to destroy.", o.Stack, c.Region))
		return nil
	}
	if s != nil && inProgress(s.StackStatus) {
		return busyError(s)
	}
	question := fmt.Sprintf("Delete stack %s in %s and every resource in it?", o.Stack, c.Region)
	if o.DeleteData && len(repos) > 0 {
		question = fmt.Sprintf("Delete stack %s in %s, every resource in it, and the ECR repositories %s with their images?", o.Stack, c.Region, strings.Join(repos, ", "))
	}
	if o.Confirm != nil {
		ok, err := o.Confirm(question)
		if err != nil {
			return err
		}
		if !ok {
			return fmt.Errorf("destroy cancelled; stack %s is unchanged", o.Stack)
		}
	}
	if s != nil {
		d.progress.Note(fmt.Sprintf("Deleting stack %s...", o.Stack))
		if _, err := c.CloudFormation.DeleteStack(ctx, &cloudformation.DeleteStackInput{StackName: s.StackId}); err != nil {
			return fmt.Errorf("deleting stack %s: %w", o.Stack, explain(err))
		}
		if err := d.waitDeleted(ctx, aws.ToString(s.StackId)); err != nil {
			return err
		}
		d.progress.Note(fmt.Sprintf("Stack %s is deleted.", o.Stack))
	}
	if len(repos) == 0 {
		return nil
	}
	if !o.DeleteData {
		d.progress.Note(fmt.Sprintf("The ECR repositories %s stay, with their images; destroy --delete-data removes them.", strings.Join(repos, ", ")))
		return nil
	}
	for _, r := range repos {
		_, err := c.Repositories.DeleteRepository(ctx, &ecr.DeleteRepositoryInput{RepositoryName: aws.String(r), Force: true})
		var nf *ecrtypes.RepositoryNotFoundException
		if err != nil && !errors.As(err, &nf) {
			return fmt.Errorf("deleting ECR repository %s: %w", r, explain(err))
		}
		d.progress.Note(fmt.Sprintf("ECR repository %s is deleted.", r))
	}
	return nil
}
