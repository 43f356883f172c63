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
	moto := testenv.StartMoto(t, motoEnv)
	proxy := testenv.StartProxy(t, moto)
	// Slow the polls a little, so that the view is drawn more than once.
	proxy.Inject("DescribeServices", 2, testenv.Fault{Delay: 300 * time.Millisecond})
	if crash {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		t.Cleanup(cancel)
		go proxy.StopTasksOfNewDeployment(t, ctx, stack+"-NginxService", 3, "Essential container in task exited")
	}
	term := startTerminal(t, testenv.Env(proxy.URL), "deploy", "-f", "examples/nginx/ecsgen.yaml", "--stack", stack, "--yes")
	screen := term.waitFor(t, "exit status")
	t.Logf("screen:\n%s", screen)
	return screen
}

// TestConfirmationInTerminal answers destroy's question at a real
// terminal: no keeps the stack, yes deletes it.
func TestConfirmationInTerminal(t *testing.T) {
	moto := testenv.StartMoto(t)
	env := testenv.Env(moto.URL)
	app := []string{"-f", "examples/hello-task/ecsgen.yaml", "--stack", "tty-confirm"}
	if r := testenv.Run(t, testenv.CleanEnv(t, env...), append([]string{"deploy", "--yes"}, app...)...); r.Code != 0 {
		t.Fatalf("deploy: exit %d\n%s", r.Code, r.Stderr)
	}
	for _, tt := range []struct{ answer, want string }{
		{"n", "error: destroy cancelled; stack tty-confirm is unchanged"},
		{"", "error: destroy cancelled; stack tty-confirm is unchanged"},
		{"y", "Stack tty-confirm is deleted."},
	} {
		term := startTerminal(t, env, append([]string{"destroy"}, app...)...)
		term.waitFor(t, "Delete stack tty-confirm in us-east-1 and every resource in it? [y/N]")
		term.send(t, tt.answer)
		if screen := term.waitFor(t, "exit status"); !strings.Contains(screen, tt.want) {
			t.Errorf("answering %q: the screen lacks %q:\n%s", tt.answer, tt.want, screen)
		}
	}
}

// terminal is ecsgen running in tmux (100x30), as a person runs it.
type terminal struct {
	tmux, socket string
}

// startTerminal runs ecsgen with args in a new tmux server, with env added
// to the environment and NO_COLOR set; the command line then prints its
// exit status.
func startTerminal(t *testing.T, env []string, args ...string) *terminal {
	t.Helper()
	term := &terminal{
		tmux:   testenv.RequireTool(t, "tmux", "apt-get install tmux"),
		socket: fmt.Sprintf("ecsgen-test-%d", time.Now().UnixNano()),
	}
	t.Cleanup(func() { _ = exec.Command(term.tmux, "-L", term.socket, "kill-server").Run() })
	// -u CI: the tmux server inherits the test's environment, and CI=true
	// (set when the suite runs in CI) turns the live view off; the person
	// at this terminal has no CI variable.
	script := fmt.Sprintf("cd ../.. && env -u CI %s NO_COLOR=1 %s %s; echo \"exit status $?\"; sleep 60",
		strings.Join(env, " "), testenv.Ecsgen(t), strings.Join(args, " "))
	if out, err := exec.Command(term.tmux, "-L", term.socket, "new-session", "-d", "-s", "ecsgen", "-x", "100", "-y", "30", script).CombinedOutput(); err != nil {
		t.Fatalf("tmux: %v\n%s", err, out)
	}
	return term
}

// waitFor returns the screen once it shows want, or after a minute.
func (term *terminal) waitFor(t *testing.T, want string) string {
	t.Helper()
	var screen string
	for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		out, err := exec.Command(term.tmux, "-L", term.socket, "capture-pane", "-p", "-t", "ecsgen").Output()
		if err != nil {
			t.Fatalf("capture-pane: %v", err)
		}
		if screen = string(out); strings.Contains(screen, want) {
			return screen
		}
	}
	t.Fatalf("the screen never showed %q:\n%s", want, screen)
	return ""
}

// send types keys and Enter, as a person answers a question.
func (term *terminal) send(t *testing.T, keys string) {
	t.Helper()
	args := []string{"-L", term.socket, "send-keys", "-t", "ecsgen"}
	if keys != "" {
		args = append(args, "-l", keys)
		if out, err := exec.Command(term.tmux, args...).CombinedOutput(); err != nil {
			t.Fatalf("send-keys: %v\n%s", err, out)
		}
		args = args[:len(args)-2]
	}
	if out, err := exec.Command(term.tmux, append(args, "Enter")...).CombinedOutput(); err != nil {
		t.Fatalf("send-keys: %v\n%s", err, out)
	}
}
