package publish_test

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudformation"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	"github.com/ecsgen/ecsgen/internal/testenv"
	"github.com/ecsgen/ecsgen/pkg/cfn"
	"github.com/ecsgen/ecsgen/pkg/publish"
)

// releaseApp is a service and a release task, both on image nginx:version.
func releaseApp(t *testing.T, version string) *cfn.Template {
	t.Helper()
	manifest := `name: shop
listeners:
  web:
    port: 80
services:
  web:
    desiredCount: 2
    taskDefinition:
      containers:
        web:
          image: nginx:` + version + `
          memory: 128
          portMappings:
            - listener: web
tasks:
  migrate:
    release: true
    container:
      image: nginx:` + version + `
      memory: 128
`
	return synthManifest(t, manifest)
}

// serviceTaskDefinition is the task definition the stack's web service runs.
func serviceTaskDefinition(t *testing.T, c *publish.Clients, stack string) string {
	t.Helper()
	ctx := context.Background()
	res, err := c.CloudFormation.ListStackResources(ctx, &cloudformation.ListStackResourcesInput{StackName: aws.String(stack)})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range res.StackResourceSummaries {
		if aws.ToString(r.LogicalResourceId) == "WebService" {
			arn := aws.ToString(r.PhysicalResourceId)
			cluster := strings.Split(arn, "/")[1]
			out, err := c.ECS.DescribeServices(ctx, &ecs.DescribeServicesInput{Cluster: aws.String(cluster), Services: []string{arn}})
			if err != nil || len(out.Services) != 1 {
				t.Fatalf("describing the web service: %v", err)
			}
			return aws.ToString(out.Services[0].TaskDefinition)
		}
	}
	t.Fatal("no web service in the stack")
	return ""
}

// TestReleaseTaskRunsBeforeTheServicesRoll: the release task runs with the
// new task definition; when it fails, the deploy stops with its exit code
// and the service keeps its task definition; when it succeeds, the service
// rolls.
func TestReleaseTaskRunsBeforeTheServicesRoll(t *testing.T) {
	c, proxy := setup(t, steadyEnv...)
	ctx := context.Background()
	var out bytes.Buffer
	if _, err := publish.Deploy(ctx, c, releaseApp(t, "1"), options("release", &out)); err != nil {
		t.Fatalf("first deploy: %v\n%s", err, out.String())
	}
	if !strings.Contains(out.String(), "Release task migrate exited 0.") {
		t.Errorf("the first deploy did not run the release task:\n%s", out.String())
	}
	v1 := serviceTaskDefinition(t, c, "release")

	// moto's containers always exit 0.
	proxy.Inject("DescribeTasks", 1000, testenv.Fault{Rewrite: func(b []byte) []byte {
		return bytes.ReplaceAll(b, []byte(`"exitCode":0`), []byte(`"exitCode":3`))
	}})
	out.Reset()
	_, err := publish.Deploy(ctx, c, releaseApp(t, "2"), options("release", &out))
	var re *publish.ReleaseError
	if !errors.As(err, &re) || re.ExitCode != 3 || re.Task != "migrate" {
		t.Fatalf("deploy with a failing release task: %v, want a ReleaseError with code 3\n%s", err, out.String())
	}
	if !strings.Contains(err.Error(), "release task migrate exited with code 3") || !strings.Contains(err.Error(), "keep their current version") {
		t.Errorf("error: %v", err)
	}
	if got := serviceTaskDefinition(t, c, "release"); got != v1 {
		t.Errorf("after a failed release the service runs %s, want still %s", got, v1)
	}

	proxy.Clear("DescribeTasks")
	out.Reset()
	if _, err := publish.Deploy(ctx, c, releaseApp(t, "2"), options("release", &out)); err != nil {
		t.Fatalf("deploy with a passing release task: %v\n%s", err, out.String())
	}
	if got := serviceTaskDefinition(t, c, "release"); got == v1 {
		t.Errorf("after a good release the service still runs %s", got)
	}
	for _, want := range []string{"Running release task migrate", "Release task migrate exited 0.", "rolling the services"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
}
