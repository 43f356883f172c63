package publish_test

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/cloudformation"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	"github.com/aws/aws-sdk-go-v2/service/ecr"
	ecrtypes "github.com/aws/aws-sdk-go-v2/service/ecr/types"
	"github.com/ecsgen/ecsgen/pkg/publish"
)

// TestDestroyKeepsDataUnlessAsked: destroy deletes the stack; its log
// groups (DeletionPolicy Retain) and the ECR repositories of built images
// stay, and are named, unless DeleteData.
func TestDestroyKeepsDataUnlessAsked(t *testing.T) {
	c, _ := setup(t, steadyEnv...)
	ctx := context.Background()
	cfg, err := config.LoadDefaultConfig(ctx)
	if err != nil {
		t.Fatal(err)
	}
	repos, logs := ecr.NewFromConfig(cfg), cloudwatchlogs.NewFromConfig(cfg)
	tpl := synth(t, "target-group-port") // builds one image
	repo := tpl.Inputs().Images[0].Repository
	repoExists := func() bool {
		_, err := repos.DescribeRepositories(ctx, &ecr.DescribeRepositoriesInput{RepositoryNames: []string{repo}})
		var nf *ecrtypes.RepositoryNotFoundException
		if err != nil && !errors.As(err, &nf) {
			t.Fatal(err)
		}
		return err == nil
	}
	logGroupExists := func(name string) bool {
		out, err := logs.DescribeLogGroups(ctx, &cloudwatchlogs.DescribeLogGroupsInput{LogGroupNamePrefix: aws.String(name)})
		if err != nil {
			t.Fatal(err)
		}
		for _, g := range out.LogGroups {
			if aws.ToString(g.LogGroupName) == name {
				return true
			}
		}
		return false
	}
	for _, deleteData := range []bool{false, true} {
		if !deleteData { // the second round finds what the first kept
			if _, err := repos.CreateRepository(ctx, &ecr.CreateRepositoryInput{RepositoryName: aws.String(repo)}); err != nil {
				t.Fatal(err)
			}
		}
		deployed(t, c, "destroyed") // a stack of another app, under the name destroy is given
		group := stackLogGroup(t, c, "destroyed")
		var out bytes.Buffer
		err := publish.Destroy(ctx, c, tpl, publish.DestroyOptions{Stack: "destroyed", DeleteData: deleteData, Progress: publish.NewPlainProgress(&out, false)})
		if err != nil {
			t.Fatalf("destroy (delete data %v): %v\n%s", deleteData, err, out.String())
		}
		if !strings.Contains(out.String(), "Stack destroyed is deleted.") {
			t.Errorf("destroy (delete data %v) did not delete the stack:\n%s", deleteData, out.String())
		}
		if repoExists() == deleteData || logGroupExists(group) == deleteData {
			t.Errorf("destroy (delete data %v): repository %s exists: %v, log group %s exists: %v\n%s",
				deleteData, repo, repoExists(), group, logGroupExists(group), out.String())
		}
		if want := "Kept the log groups " + group + " and the ECR repositories " + repo + " with their images; destroy --delete-data removes them."; !deleteData && !strings.Contains(out.String(), want) {
			t.Errorf("destroy does not say what it kept, %q:\n%s", want, out.String())
		}
	}
	if _, err := publish.Outputs(ctx, c, "destroyed"); err == nil || !strings.Contains(err.Error(), "does not exist") {
		t.Errorf("outputs after destroy: %v", err)
	}
}

// stackLogGroup returns the name of the stack's one log group.
func stackLogGroup(t *testing.T, c *publish.Clients, stack string) string {
	t.Helper()
	out, err := c.CloudFormation.ListStackResources(context.Background(), &cloudformation.ListStackResourcesInput{StackName: aws.String(stack)})
	if err != nil {
		t.Fatal(err)
	}
	var groups []string
	for _, r := range out.StackResourceSummaries {
		if aws.ToString(r.ResourceType) == "AWS::Logs::LogGroup" {
			groups = append(groups, aws.ToString(r.PhysicalResourceId))
		}
	}
	if len(groups) != 1 {
		t.Fatalf("stack %s has log groups %v, want one", stack, groups)
	}
	return groups[0]
}
