package main

import (
	"fmt"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/ecsgen/ecsgen/internal/testenv"
)

// TestLiveViewInTerminal runs deploy in a real terminal (tmux, 100x30) and
// reads the screen as a person would see it: the summary, the block of
// resources and services redrawn in place, no stray escape codes.
func TestLiveViewInTerminal(t *testing.T) {
	tmux := testenv.Tool(t, "tmux")
	moto := testenv.StartMoto(t, "MOTO_ECS_SERVICE_RUNNING=2")
	proxy := testenv.StartProxy(t, moto)
	// Slow the polls a little, so that the view is drawn more than once.
	proxy.Inject("DescribeServices", 2, testenv.Fault{Delay: 300 * time.Millisecond})
	socket := fmt.Sprintf("ecsgen-test-%d", time.Now().UnixNano())
	session := "deploy"
	t.Cleanup(func() { _ = exec.Command(tmux, "-L", socket, "kill-server").Run() })

	env := append(testenv.Env(proxy.URL), "NO_COLOR=1")
	script := fmt.Sprintf("cd ../.. && env %s %s deploy -f examples/nginx/ecsgen.yaml --stack tty-nginx --yes; echo \"exit status $?\"; sleep 60",
		strings.Join(env, " "), binary(t))
	if out, err := exec.Command(tmux, "-L", socket, "new-session", "-d", "-s", session, "-x", "100", "-y", "30", script).CombinedOutput(); err != nil {
		t.Fatalf("tmux: %v\n%s", err, out)
	}
	var screen string
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		out, err := exec.Command(tmux, "-L", socket, "capture-pane", "-p", "-t", session).Output()
		if err != nil {
			t.Fatalf("capture-pane: %v", err)
		}
		screen = string(out)
		if strings.Contains(screen, "exit status") {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Logf("screen:\n%s", screen)
	for _, want := range []string{
		"Changes to stack tty-nginx (12 to add",
		"Resources\n",
		"  tty-nginx     AWS::CloudFormation::Stack",
		"Services\n",
		"  NginxService  2/2 running, 0 pending, 0 failed (COMPLETED)",
		"Stack tty-nginx is UPDATE_COMPLETE.",
		"url: tty-nginx-",
		"exit status 0",
	} {
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
}
