package main

import (
	"bytes"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/ecsgen/ecsgen/internal/cli"
	"github.com/ecsgen/ecsgen/internal/testenv"
)

// syncBuffer is a buffer a process writes while the test reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestCtrlCDuringDeploySaysWhatGoesOn: an interrupted deploy does not just
// die; it says what CloudFormation and ECS go on doing and how to follow.
func TestCtrlCDuringDeploySaysWhatGoesOn(t *testing.T) {
	moto := testenv.StartMoto(t, "MOTO_ECS_SERVICE_RUNNING=0") // never steady
	proxy := testenv.StartProxy(t, moto)
	cmd := testenv.Command(t, testenv.CleanEnv(t, testenv.Env(proxy.URL)...), "deploy", "-f", "examples/nginx/ecsgen.yaml", "--stack", "ctrl-c", "--yes")
	stderr := interruptWhen(t, cmd, "the deploy waiting on the service", func(stderr string) bool {
		return strings.Contains(stderr, "service NginxService: 0/2 running")
	})
	if got := testenv.ExitCode(t, cmd.Wait()); got != cli.ExitFailure {
		t.Errorf("exit code %d, want %d", got, cli.ExitFailure)
	}
	for _, want := range []string{"interrupted; stack ctrl-c is", "ECS goes on rolling out its services", "aws ecs describe-services"} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr.String())
		}
	}
}

// interruptWhen starts cmd, waits (up to a minute) until ready says so,
// and sends it SIGINT, as Ctrl-C does; it returns cmd's standard error,
// which cmd goes on writing.
func interruptWhen(t *testing.T, cmd *exec.Cmd, what string, ready func(stderr string) bool) *syncBuffer {
	t.Helper()
	var stderr syncBuffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(60 * time.Second)
	for !ready(stderr.String()) {
		if time.Now().After(deadline) {
			_ = cmd.Process.Kill()
			t.Fatalf("never saw %s:\n%s", what, stderr.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	return &stderr
}
