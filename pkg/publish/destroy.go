package publish

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudformation"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	logstypes "github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs/types"
	"github.com/aws/aws-sdk-go-v2/service/ecr"
	ecrtypes "github.com/aws/aws-sdk-go-v2/service/ecr/types"
	"github.com/ecsgen/ecsgen/pkg/cfn"
	"github.com/ecsgen/ecsgen/pkg/publish/awsclient"
)

// Repositories is the part of the ECR API that destroy uses to remove the
// repositories deploy pushed to, which live outside the stack, and to find
// their build caches.
type Repositories interface {
	DescribeRepositories(context.Context, *ecr.DescribeRepositoriesInput, ...func(*ecr.Options)) (*ecr.DescribeRepositoriesOutput, error)
	DeleteRepository(context.Context, *ecr.DeleteRepositoryInput, ...func(*ecr.Options)) (*ecr.DeleteRepositoryOutput, error)
}

// LogGroups is the part of CloudWatch Logs that destroy uses to remove the
// log groups the stack keeps when it is deleted.
type LogGroups interface {
	DeleteLogGroup(context.Context, *cloudwatchlogs.DeleteLogGroupInput, ...func(*cloudwatchlogs.Options)) (*cloudwatchlogs.DeleteLogGroupOutput, error)
}

// DestroyOptions say which stack to delete.
type DestroyOptions struct {
	Stack string
	// DeleteData also deletes what outlives the stack on purpose: its log
	// groups (DeletionPolicy Retain) and the ECR repositories of the app's
	// images and of their build caches.
	DeleteData bool
	// Confirm is asked before anything is deleted; nil goes ahead.
	Confirm      func(question string) (bool, error)
	Progress     Progress
	PollInterval time.Duration
	Clock        Clock
}

// retained is what outlives the stack: its log groups and its access-log
// bucket, which the template keeps, and the repositories deploy pushed to,
// build caches included. Without DeleteData the caches are named without
// asking ECR whether they exist (maybeCaches), so that a plain destroy
// needs no ECR permission; with it they are looked up, to be deleted.
type retained struct {
	logGroups, buckets, repositories, maybeCaches []string
}

func (k retained) String() string {
	var parts []string
	if len(k.logGroups) > 0 {
		parts = append(parts, "the log groups "+strings.Join(k.logGroups, ", "))
	}
	if len(k.buckets) > 0 {
		parts = append(parts, "the S3 buckets "+strings.Join(k.buckets, ", ")+" with their logs")
	}
	if len(k.repositories) > 0 {
		parts = append(parts, "the ECR repositories "+strings.Join(k.repositories, ", ")+" with their images")
	}
	if len(k.maybeCaches) > 0 {
		parts = append(parts, "the build cache repositories "+strings.Join(k.maybeCaches, ", ")+", where one exists")
	}
	return strings.Join(parts, " and ")
}

// Destroy deletes the stack and waits until it is gone; with DeleteData it
// then deletes the stack's log groups and the app's repositories.
func Destroy(ctx context.Context, c *Clients, t *cfn.Template, o DestroyOptions) error {
	d := newDeployer(c, t, DeployOptions{Stack: o.Stack, Progress: o.Progress, Clock: o.Clock, PollInterval: o.PollInterval})
	defer d.progress.Close()
	s, err := describeStack(ctx, c.CloudFormation, o.Stack)
	if err != nil {
		return err
	}
	var kept retained
	for _, im := range t.Inputs().Images {
		kept.repositories = append(kept.repositories, im.Repository)
	}
	if o.DeleteData {
		caches, err := buildCaches(ctx, c.Repositories, t.Inputs().Images)
		if err != nil {
			return err
		}
		kept.repositories = append(kept.repositories, caches...)
	} else {
		kept.maybeCaches = maybeBuildCaches(t.Inputs().Images)
	}
	if s == nil && (!o.DeleteData || len(kept.repositories) == 0) {
		d.progress.Note(fmt.Sprintf("Stack %s does not exist in %s: nothing to destroy.", o.Stack, c.Region))
		return nil
	}
	if s != nil && inProgress(s.StackStatus) {
		return busyError(s)
	}
	if s != nil {
		// Read before the stack goes: afterwards nothing names them.
		if kept.logGroups, kept.buckets, err = d.stackData(ctx); err != nil {
			return err
		}
	}
	question := fmt.Sprintf("Delete stack %s in %s and every resource in it?", o.Stack, c.Region)
	if o.DeleteData && kept.String() != "" {
		question = fmt.Sprintf("Delete stack %s in %s, every resource in it, and %s?", o.Stack, c.Region, kept)
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
			return fmt.Errorf("deleting stack %s: %w", o.Stack, awsclient.Explain(err))
		}
		if err := d.waitDeleted(ctx, aws.ToString(s.StackId)); err != nil {
			return err
		}
		d.progress.Note(fmt.Sprintf("Stack %s is deleted.", o.Stack))
	}
	if kept.String() == "" {
		return nil
	}
	if !o.DeleteData {
		d.progress.Note(fmt.Sprintf("Kept %s; destroy --delete-data removes them.", kept))
		return nil
	}
	return d.deleteData(ctx, kept)
}

// stackData returns the names of the stack's log groups and S3 buckets:
// ecsgen's templates retain both when the stack is deleted.
func (d *deployer) stackData(ctx context.Context) (logGroups, buckets []string, err error) {
	resources, err := stackResources(ctx, d.c.CloudFormation, d.stack)
	if err != nil {
		return nil, nil, fmt.Errorf("listing the resources of stack %s: %w", d.stack, awsclient.Explain(err))
	}
	for _, r := range resources {
		name := aws.ToString(r.PhysicalResourceId)
		if name == "" {
			continue
		}
		switch aws.ToString(r.ResourceType) {
		case "AWS::Logs::LogGroup":
			logGroups = append(logGroups, name)
		case "AWS::S3::Bucket":
			buckets = append(buckets, name)
		}
	}
	return logGroups, buckets, nil
}

// deleteData deletes what the stack left behind; what is gone already is
// no error, so that a second destroy finishes the work of one interrupted.
func (d *deployer) deleteData(ctx context.Context, k retained) error {
	for _, g := range k.logGroups {
		_, err := d.c.LogGroups.DeleteLogGroup(ctx, &cloudwatchlogs.DeleteLogGroupInput{LogGroupName: aws.String(g)})
		var nf *logstypes.ResourceNotFoundException
		if err != nil && !errors.As(err, &nf) {
			return fmt.Errorf("deleting log group %s: %w", g, awsclient.Explain(err))
		}
		d.progress.Note(fmt.Sprintf("Log group %s is deleted.", g))
	}
	for _, b := range k.buckets {
		if err := deleteBucket(ctx, d.c.S3, b); err != nil {
			return fmt.Errorf("deleting S3 bucket %s: %w", b, awsclient.Explain(err))
		}
		d.progress.Note(fmt.Sprintf("S3 bucket %s is deleted.", b))
	}
	for _, r := range k.repositories {
		_, err := d.c.Repositories.DeleteRepository(ctx, &ecr.DeleteRepositoryInput{RepositoryName: aws.String(r), Force: true})
		var nf *ecrtypes.RepositoryNotFoundException
		if err != nil && !errors.As(err, &nf) {
			return fmt.Errorf("deleting ECR repository %s: %w", r, awsclient.Explain(err))
		}
		d.progress.Note(fmt.Sprintf("ECR repository %s is deleted.", r))
	}
	return nil
}
