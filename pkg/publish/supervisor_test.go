package publish_test

import (
	"bytes"
	"context"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/ecsgen/ecsgen/internal/testenv"
	"github.com/ecsgen/ecsgen/pkg/publish"
)

// stuckEnv leaves every service at 0 running tasks, as when its tasks keep
// crashing: without the supervisor a deploy would wait for hours.
var stuckEnv = []string{"MOTO_ECS_SERVICE_RUNNING=0"}

const crash = "Essential container in task exited"

func TestStoppedTasksFailTheDeployFast(t *testing.T) {
	tests := []struct {
		name string
		// status makes moto's stack look like CloudFormation still waits
		// on the services, as it does on AWS, or not at all.
		status string
		// then is what ecsgen must do to the stack, and say.
		then, says string
	}{
		{"stack settled", "", "", "with its services not steady"},
		{"stack being created", "CREATE_IN_PROGRESS", "DeleteStack", "CloudFormation is deleting stack"},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, proxy := setup(t, stuckEnv...)
			stack := []string{"crashing", "crashing-create"}[i]
			if tt.status != "" {
				proxy.Inject("DescribeStacks", 1000, testenv.Fault{Rewrite: statusAs(tt.status)})
			}
			if tt.then == "DeleteStack" {
				// moto cannot delete this stack (its ECS resources have no
				// delete); that it was asked is what counts.
				proxy.Inject("DeleteStack", 1, testenv.Fault{Status: 200, Body: `<DeleteStackResponse><ResponseMetadata><RequestId>x</RequestId></ResponseMetadata></DeleteStackResponse>`})
			}
			ctx, cancel := context.WithTimeout(context.Background(), 45*time.Second)
			defer cancel()
			go proxy.StopTasksOfNewDeployment(t, ctx, stack+"-NginxService", 3, crash)
			var out bytes.Buffer
			o := options(stack, &out)
			o.Timeout = 40 * time.Second
			began := time.Now()
			_, err := publish.Deploy(ctx, c, synth(t, "nginx"), o)
			if err == nil {
				t.Fatalf("deploy of crashing tasks succeeded:\n%s", out.String())
			}
			t.Logf("failed after %v: %v", time.Since(began), err)
			for _, want := range []string{"3 tasks of its new deployment stopped", crash, tt.says} {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error lacks %q: %v", want, err)
				}
			}
			if got := strings.Count(out.String(), "FAILED service NginxService: task "); got != 3 {
				t.Errorf("progress shows %d stopped tasks, want 3:\n%s", got, out.String())
			}
			if tt.then != "" && proxy.Calls(tt.then) != 1 {
				t.Errorf("ecsgen called %s %d times, want once", tt.then, proxy.Calls(tt.then))
			}
		})
	}
}

var stackStatus = regexp.MustCompile(`<StackStatus>[A-Z_]+</StackStatus>`)

// statusAs rewrites a DescribeStacks answer's stack status.
func statusAs(status string) func([]byte) []byte {
	return func(b []byte) []byte {
		return stackStatus.ReplaceAll(b, []byte("<StackStatus>"+status+"</StackStatus>"))
	}
}
