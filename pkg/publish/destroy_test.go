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
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/smithy-go"
	"github.com/ecsgen/ecsgen/pkg/publish"
)

// TestDestroyKeepsDataUnlessAsked: destroy deletes the stack; its log
// groups (DeletionPolicy Retain) and the ECR repositories of built images
// and of their build caches stay, and are named, unless DeleteData.
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
	cache := repo + "/build-cache"
	repoExists := func(repo string) bool {
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
			for _, r := range []string{repo, cache} {
				if _, err := repos.CreateRepository(ctx, &ecr.CreateRepositoryInput{RepositoryName: aws.String(r)}); err != nil {
					t.Fatal(err)
				}
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
		if repoExists(repo) == deleteData || repoExists(cache) == deleteData || logGroupExists(group) == deleteData {
			t.Errorf("destroy (delete data %v): repository %s exists: %v, %s: %v, log group %s exists: %v\n%s",
				deleteData, repo, repoExists(repo), cache, repoExists(cache), group, logGroupExists(group), out.String())
		}
		if want := "Kept the log groups " + group + " and the ECR repositories " + repo + " with their images and the build cache repositories " + cache + ", where one exists; destroy --delete-data removes them."; !deleteData && !strings.Contains(out.String(), want) {
			t.Errorf("destroy does not say what it kept, %q:\n%s", want, out.String())
		}
	}
	if _, err := publish.Outputs(ctx, c, "destroyed"); err == nil || !strings.Contains(err.Error(), "does not exist") {
		t.Errorf("outputs after destroy: %v", err)
	}
}

// describeDenied is ECR to a role without ecr:DescribeRepositories.
type describeDenied struct{ publish.Repositories }

func (describeDenied) DescribeRepositories(context.Context, *ecr.DescribeRepositoriesInput, ...func(*ecr.Options)) (*ecr.DescribeRepositoriesOutput, error) {
	return nil, &smithy.GenericAPIError{Code: "AccessDeniedException", Message: "not authorized to perform: ecr:DescribeRepositories"}
}

// TestDestroyAsksECROnlyToDeleteData: a plain destroy, of a stack there
// or not, needs no ECR permission: it names the build caches it keeps
// without looking them up. Only --delete-data, which deletes them, looks.
func TestDestroyAsksECROnlyToDeleteData(t *testing.T) {
	c, _ := setup(t, steadyEnv...)
	c.Repositories = describeDenied{c.Repositories}
	tpl := synth(t, "target-group-port") // builds one image, with a Dockerfile
	cache := tpl.Inputs().Images[0].Repository + "/build-cache"
	for _, tc := range []struct {
		name       string
		stack      bool
		deleteData bool
		wantOut    []string
		wantError  string
	}{
		{name: "a stack", stack: true, wantOut: []string{"Stack denied is deleted.", "the build cache repositories " + cache + ", where one exists; destroy --delete-data removes them."}},
		{name: "no stack", wantOut: []string{"Stack denied does not exist"}},
		{name: "delete data", stack: true, deleteData: true, wantError: "looking for ECR repository " + cache + ": AccessDeniedException"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.stack {
				deployed(t, c, "denied")
			}
			var out bytes.Buffer
			err := publish.Destroy(context.Background(), c, tpl, publish.DestroyOptions{Stack: "denied", DeleteData: tc.deleteData, Progress: publish.NewPlainProgress(&out, false)})
			if tc.wantError != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantError) {
					t.Fatalf("error %v, want one with %q\n%s", err, tc.wantError, out.String())
				}
				return
			}
			if err != nil {
				t.Fatalf("destroy: %v\n%s", err, out.String())
			}
			for _, want := range tc.wantOut {
				if !strings.Contains(out.String(), want) {
					t.Errorf("destroy does not say %q:\n%s", want, out.String())
				}
			}
		})
	}
}

// stackLogGroup returns the name of the stack's one log group.
func stackLogGroup(t *testing.T, c *publish.Clients, stack string) string {
	t.Helper()
	return stackResource(t, c, stack, "AWS::Logs::LogGroup")
}

// stackResource returns the physical ID of the stack's one resource of a
// type.
func stackResource(t *testing.T, c *publish.Clients, stack, resourceType string) string {
	t.Helper()
	out, err := c.CloudFormation.ListStackResources(context.Background(), &cloudformation.ListStackResourcesInput{StackName: aws.String(stack)})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, r := range out.StackResourceSummaries {
		if aws.ToString(r.ResourceType) == resourceType {
			ids = append(ids, aws.ToString(r.PhysicalResourceId))
		}
	}
	if len(ids) != 1 {
		t.Fatalf("stack %s has %s %v, want one", stack, resourceType, ids)
	}
	return ids[0]
}

// TestDestroyDeletesTheAccessLogBucketOnlyIfAsked: the access-log bucket
// (DeletionPolicy Retain) outlives the stack and is named; with DeleteData
// it is emptied, every version and delete marker of its logs, and deleted.
func TestDestroyDeletesTheAccessLogBucketOnlyIfAsked(t *testing.T) {
	c, _ := setup(t, steadyEnv...)
	ctx := context.Background()
	cfg, err := config.LoadDefaultConfig(ctx)
	if err != nil {
		t.Fatal(err)
	}
	buckets := s3.NewFromConfig(cfg, func(o *s3.Options) { o.UsePathStyle = true })
	// The web half of examples/access-logs: moto takes no TLS listener.
	tpl := synthManifest(t, `name: logged
listeners:
  web: {port: 80, accessLogs: true}
services:
  web:
    desiredCount: 2
    taskDefinition:
      containers:
        nginx: {image: nginx, portMappings: [{listener: web}]}
`)
	for _, deleteData := range []bool{false, true} {
		var out bytes.Buffer
		if _, err := publish.Deploy(ctx, c, tpl, options("logged", &out)); err != nil {
			t.Fatalf("deploy: %v\n%s", err, out.String())
		}
		bucket := stackResource(t, c, "logged", "AWS::S3::Bucket")
		// Two versions of a log, and a log deleted (a delete marker in a
		// versioned bucket): what ELB's writes and a lifecycle rule leave.
		for _, key := range []string{"web/AWSLogs/a.gz", "web/AWSLogs/a.gz", "web/AWSLogs/b.gz"} {
			if _, err := buckets.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(bucket), Key: aws.String(key), Body: strings.NewReader(key)}); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := buckets.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String(bucket), Key: aws.String("web/AWSLogs/b.gz")}); err != nil {
			t.Fatal(err)
		}
		out.Reset()
		if err := publish.Destroy(ctx, c, tpl, publish.DestroyOptions{Stack: "logged", DeleteData: deleteData, Progress: publish.NewPlainProgress(&out, false)}); err != nil {
			t.Fatalf("destroy (delete data %v): %v\n%s", deleteData, err, out.String())
		}
		_, err := buckets.HeadBucket(ctx, &s3.HeadBucketInput{Bucket: aws.String(bucket)})
		if exists := err == nil; exists == deleteData {
			t.Errorf("destroy (delete data %v): bucket %s exists: %v (%v)\n%s", deleteData, bucket, exists, err, out.String())
		}
		said := "the S3 buckets " + bucket + " with their logs; destroy --delete-data removes them."
		if deleteData {
			said = "S3 bucket " + bucket + " is deleted."
		}
		if !strings.Contains(out.String(), said) {
			t.Errorf("destroy (delete data %v) does not say %q:\n%s", deleteData, said, out.String())
		}
	}
}
