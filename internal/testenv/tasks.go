package testenv

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	"github.com/aws/aws-sdk-go-v2/service/ecs/types"
)

// ecsClient calls ECS through the proxy, which makes moto's task answers
// readable by the Go SDK.
func (p *Proxy) ecsClient() *ecs.Client {
	return ecs.New(ecs.Options{
		Region:       "us-east-1",
		BaseEndpoint: aws.String(p.URL),
		Credentials:  credentials.NewStaticCredentialsProvider("testing", "testing", ""),
	})
}

// StopTasksOfNewDeployment waits for the service whose ARN contains
// service to get a deployment, then makes n of that deployment's tasks stop
// with reason, as ECS does when containers crash. moto never launches a
// service's tasks itself, so they are started and stopped here (RunTask
// with the deployment as startedBy, then StopTask).
func (p *Proxy) StopTasksOfNewDeployment(t testing.TB, ctx context.Context, service string, n int, reason string) {
	t.Helper()
	api := p.ecsClient()
	var svc types.Service
	for svc.ServiceArn == nil {
		// A cancelled ctx means the test is over (its deploy ended before
		// the service appeared, and the test says why): nothing to report
		// from this goroutine, which may outlive the test.
		if ctx.Err() != nil {
			return
		}
		clusters, err := api.ListClusters(ctx, &ecs.ListClustersInput{})
		if err != nil {
			if ctx.Err() == nil {
				t.Error(err)
			}
			return
		}
	search:
		for _, cl := range clusters.ClusterArns {
			list, err := api.ListServices(ctx, &ecs.ListServicesInput{Cluster: aws.String(cl)})
			if err != nil {
				continue
			}
			for _, arn := range list.ServiceArns {
				if strings.Contains(arn, service) {
					out, err := api.DescribeServices(ctx, &ecs.DescribeServicesInput{Cluster: aws.String(cl), Services: []string{arn}})
					if err == nil && len(out.Services) == 1 && len(out.Services[0].Deployments) > 0 {
						svc = out.Services[0]
						break search
					}
				}
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	dep := aws.ToString(svc.Deployments[0].Id)
	for range n {
		run, err := api.RunTask(ctx, &ecs.RunTaskInput{
			Cluster: svc.ClusterArn, TaskDefinition: svc.TaskDefinition, StartedBy: aws.String(dep),
			LaunchType: types.LaunchTypeFargate,
			NetworkConfiguration: &types.NetworkConfiguration{AwsvpcConfiguration: &types.AwsVpcConfiguration{
				Subnets: []string{"subnet-any"}, SecurityGroups: []string{"sg-any"},
			}},
		})
		if ctx.Err() != nil {
			return
		}
		if err != nil || len(run.Tasks) != 1 {
			t.Errorf("starting a task of %s: %v", service, err)
			return
		}
		if _, err := api.StopTask(ctx, &ecs.StopTaskInput{Cluster: svc.ClusterArn, Task: run.Tasks[0].TaskArn, Reason: aws.String(reason)}); err != nil && ctx.Err() == nil {
			t.Errorf("stopping a task of %s: %v", service, err)
			return
		}
	}
}
