package main

import (
	"context"
	"fmt"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/ecsgen/ecsgen/internal/testenv"
)

// TestLiveViewInTerminal runs deploy in a real terminal (tmux, 100x30) and
// reads the screen as a person would see it: the summary, the block of
// resources and services redrawn in place, no stray escape codes; and for a
// rollout whose tasks crash, each stopped task and the reason it failed.
func TestLiveViewInTerminal(t *testing.T) {
	tests := []struct {
		name, stack string
		env         string
		crash       bool
		want        []string
	}{
		{
			name: "success", stack: "tty-nginx", env: "MOTO_ECS_SERVICE_RUNNING=2",
			want: []string{
				"Changes to stack tty-nginx (12 to add",
				"Resources\n",
				"  tty-nginx     AWS::CloudFormation::Stack",
				"Services\n",
				"  NginxService  2/2 running, 0 pending, 0 failed (COMPLETED)",
				"Stack tty-nginx is UPDATE_COMPLETE.",
				"url: tty-nginx-",
				"exit status 0",
			},
		},
		{
			name: "crashing tasks", stack: "tty-crash", env: "MOTO_ECS_SERVICE_RUNNING=0", crash: true,
			want: []string{
				"FAILED service NginxService: task ",
				"stopped: Essential container in task exited",
				"  NginxService  0/2 running, 2 pending, 0 failed (IN_PROGRESS)",
				"error: deploy failed: service NginxService: 3 tasks of its new deployment stopped",
				"exit status 2",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			screen := deployInTerminal(t, tt.env, tt.stack, tt.crash)
			for _, want := range tt.want {
				if !strings.Contains(screen, want) {
					t.Errorf("screen lacks %q", want)
				}
			}
			if strings.Count(screen, "Resources\n") != 1 || strings.Count(screen, "Services\n") != 1 {
				t.Errorf("the live block was drawn more than once on the screen instead of in place")
			}
			if strings.ContainsAny(screen, "\x1b") {
				t.Errorf("escape codes on the screen: %q", screen)
			}
		})
	}
}

// deployInTerminal runs ecsgen deploy of the nginx example in tmux against
// moto and returns the screen once it has exited.
func deployInTerminal(t *testing.T, motoEnv, stack string, crash bool) string {
	t.Helper()
	tmux := testenv.RequireTool(t, "tmux", "apt-get install tmux")
	moto := testenv.StartMoto(t, motoEnv)
	proxy := testenv.StartProxy(t, moto)
	// Slow the polls a little, so that the view is drawn more than once.
	proxy.Inject("DescribeServices", 2, testenv.Fault{Delay: 300 * time.Millisecond})
	if crash {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		t.Cleanup(cancel)
		go proxy.StopTasksOfNewDeployment(t, ctx, stack+"-NginxService", 3, "Essential container in task exited")
	}
	socket := fmt.Sprintf("ecsgen-test-%d", time.Now().UnixNano())
	t.Cleanup(func() { _ = exec.Command(tmux, "-L", socket, "kill-server").Run() })
	env := append(testenv.Env(proxy.URL), "NO_COLOR=1")
	// -u CI: the tmux server inherits the test's environment, and CI=true
	// (set when the suite runs in CI) turns the live view off; the person
	// at this terminal has no CI variable.
	script := fmt.Sprintf("cd ../.. && env -u CI %s %s deploy -f examples/nginx/ecsgen.yaml --stack %s --yes; echo \"exit status $?\"; sleep 60",
		strings.Join(env, " "), testenv.Ecsgen(t), stack)
	if out, err := exec.Command(tmux, "-L", socket, "new-session", "-d", "-s", "deploy", "-x", "100", "-y", "30", script).CombinedOutput(); err != nil {
		t.Fatalf("tmux: %v\n%s", err, out)
	}
	var screen string
	for deadline := time.Now().Add(60 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		out, err := exec.Command(tmux, "-L", socket, "capture-pane", "-p", "-t", "deploy").Output()
		if err != nil {
			t.Fatalf("capture-pane: %v", err)
		}
		screen = string(out)
		if strings.Contains(screen, "exit status") {
			break
		}
	}
	t.Logf("screen:\n%s", screen)
	return screen
}
