package publish

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	logtypes "github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs/types"
	ecstypes "github.com/aws/aws-sdk-go-v2/service/ecs/types"
)

// scriptedLogs answers GetLogEvents for one stream.
type scriptedLogs struct {
	group, stream string
	lines         []string
}

func (s *scriptedLogs) GetLogEvents(_ context.Context, in *cloudwatchlogs.GetLogEventsInput, _ ...func(*cloudwatchlogs.Options)) (*cloudwatchlogs.GetLogEventsOutput, error) {
	out := &cloudwatchlogs.GetLogEventsOutput{}
	if aws.ToString(in.LogGroupName) == s.group && aws.ToString(in.LogStreamName) == s.stream {
		for _, l := range s.lines {
			out.Events = append(out.Events, logtypes.OutputLogEvent{Message: aws.String(l)})
		}
	}
	return out, nil
}

// TestLogTailFollowsTheAwslogsStreamName: the stream a failed release
// task's output is read from is the one the awslogs driver writes.
func TestLogTailFollowsTheAwslogsStreamName(t *testing.T) {
	c := ecstypes.ContainerDefinition{
		Name: aws.String("container"),
		LogConfiguration: &ecstypes.LogConfiguration{LogDriver: ecstypes.LogDriverAwslogs, Options: map[string]string{
			"awslogs-group": "shop-MigrateLogGroup-1", "awslogs-stream-prefix": "migrate",
		}},
	}
	r := TaskResult{Arn: "arn:aws:ecs:us-east-1:1:task/cluster/0123abcd"}
	r.LogGroup, r.LogStream = logStream(c, r.Arn)
	logs := &scriptedLogs{group: "shop-MigrateLogGroup-1", stream: "migrate/container/0123abcd", lines: []string{"applying 42", "error: column exists"}}
	d := &deployer{c: &Clients{Logs: logs}}
	want := ". Its last log lines:\n  applying 42\n  error: column exists"
	if got := d.logTail(context.Background(), r); got != want {
		t.Errorf("log tail %q, want %q", got, want)
	}
	if g, s := logStream(ecstypes.ContainerDefinition{Name: aws.String("c")}, r.Arn); g != "" || s != "" {
		t.Errorf("a container without awslogs has stream %q/%q", g, s)
	}
}
