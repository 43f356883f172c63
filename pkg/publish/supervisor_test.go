package publish_test

import (
	"bytes"
	"context"
	"fmt"
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

var (
	rolloutState  = regexp.MustCompile(`"rolloutState": "[A-Z_]+"`)
	rolloutReason = regexp.MustCompile(`"rolloutStateReason": "[^"]*"`)
)

// rolloutFailed makes a DescribeServices answer report what the deployment
// circuit breaker reports; moto's rollouts never fail.
func rolloutFailed(b []byte) []byte {
	b = rolloutState.ReplaceAll(b, []byte(`"rolloutState": "FAILED"`))
	return rolloutReason.ReplaceAll(b, []byte(`"rolloutStateReason": "ECS deployment circuit breaker: tasks failed to start."`))
}

// TestFailedRolloutCancelsTheUpdate: when ECS reports the rollout FAILED
// while CloudFormation updates the stack, the supervisor cancels the update.
func TestFailedRolloutCancelsTheUpdate(t *testing.T) {
	c, proxy := setup(t, steadyEnv...)
	deployed(t, c, "rollout-fails")                    // hello-task; the update adds nginx's service
	proxy.Inject("DescribeStacks", 1, testenv.Fault{}) // the plan sees the stack as it is
	proxy.Inject("DescribeStacks", 1000, testenv.Fault{Rewrite: statusAs("UPDATE_IN_PROGRESS")})
	proxy.Inject("DescribeServices", 1000, testenv.Fault{Rewrite: rolloutFailed})
	// moto has no CancelUpdateStack.
	proxy.Inject("CancelUpdateStack", 1, testenv.Fault{Status: 200, Body: `<CancelUpdateStackResponse><ResponseMetadata><RequestId>x</RequestId></ResponseMetadata></CancelUpdateStackResponse>`})
	var out bytes.Buffer
	_, err := publish.Deploy(context.Background(), c, synth(t, "nginx"), options("rollout-fails", &out))
	if err == nil {
		t.Fatalf("deploy of a failed rollout succeeded:\n%s", out.String())
	}
	for _, want := range []string{"rollout FAILED: ECS deployment circuit breaker", "the update was cancelled", "rolling stack rollout-fails back"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q: %v", want, err)
		}
	}
	if n := proxy.Calls("CancelUpdateStack"); n != 1 {
		t.Errorf("CancelUpdateStack called %d times, want once", n)
	}
}

// TestProblemsShowWithinOnePoll: unhealthy targets and failing service
// events, which moto never produces, are shown as they appear.
func TestProblemsShowWithinOnePoll(t *testing.T) {
	c, proxy := setup(t, steadyEnv...)
	now := float64(time.Now().Add(time.Minute).Unix())
	proxy.Inject("DescribeServices", 1000, testenv.Fault{Rewrite: func(b []byte) []byte {
		b = bytes.Replace(b, []byte(`"loadBalancers": []`), []byte(`"loadBalancers": [{"targetGroupArn": "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/tg/1", "containerName": "nginx", "containerPort": 80}]`), 1)
		return bytes.Replace(b, []byte(`"events": []`), []byte(fmt.Sprintf(`"events": [{"id": "e1", "createdAt": %f, "message": "(service nginx) is unable to consistently start tasks successfully."}, {"id": "e2", "createdAt": %f, "message": "(service nginx) has reached a steady state."}]`, now, now)), 1)
	}})
	proxy.Inject("DescribeTargetHealth", 1000, testenv.Fault{Status: 200, Body: `<DescribeTargetHealthResponse xmlns="http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/"><DescribeTargetHealthResult><TargetHealthDescriptions><member><Target><Id>10.0.1.17</Id><Port>80</Port></Target><TargetHealth><State>unhealthy</State><Reason>Target.ResponseCodeMismatch</Reason><Description>Health checks failed with these codes: [404]</Description></TargetHealth></member></TargetHealthDescriptions></DescribeTargetHealthResult><ResponseMetadata><RequestId>x</RequestId></ResponseMetadata></DescribeTargetHealthResponse>`})
	var out bytes.Buffer
	if _, err := publish.Deploy(context.Background(), c, synth(t, "nginx"), options("problems", &out)); err != nil {
		t.Fatalf("deploy: %v\n%s", err, out.String())
	}
	for _, want := range []string{
		"FAILED service NginxService: target 10.0.1.17:80 unhealthy: Target.ResponseCodeMismatch: Health checks failed with these codes: [404]",
		"FAILED service NginxService: (service nginx) is unable to consistently start tasks successfully.",
	} {
		if strings.Count(out.String(), want) != 1 {
			t.Errorf("progress shows %q %d times, want once:\n%s", want, strings.Count(out.String(), want), out.String())
		}
	}
	if strings.Contains(out.String(), "steady state.") {
		t.Errorf("a healthy service event is shown as a problem:\n%s", out.String())
	}
}

func TestTimeoutAndInterrupt(t *testing.T) {
	c, _ := setup(t, stuckEnv...)
	var out bytes.Buffer
	o := options("too-slow", &out)
	o.Timeout = 500 * time.Millisecond
	_, err := publish.Deploy(context.Background(), c, synth(t, "nginx"), o)
	if err == nil || !strings.Contains(err.Error(), "did not finish within --timeout 500ms") {
		t.Errorf("deploy past its timeout: %v", err)
	}

	ctx, cancel := context.WithCancel(context.Background())
	o = options("interrupted", &out)
	o.Timeout = 0
	time.AfterFunc(time.Second, cancel)
	_, err = publish.Deploy(ctx, c, synth(t, "nginx"), o)
	if err == nil || !strings.Contains(err.Error(), "interrupted; stack interrupted is") || !strings.Contains(err.Error(), "ECS goes on rolling out") {
		t.Errorf("interrupted deploy: %v", err)
	}
}
