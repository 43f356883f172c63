package main

import (
	"strings"
	"testing"

	"github.com/ecsgen/ecsgen/internal/cli"
	"github.com/ecsgen/ecsgen/internal/testenv"
)

// TestCtrlCDuringDeploySaysWhatGoesOn: an interrupted deploy does not just
// die; it says what CloudFormation and ECS go on doing and how to follow.
func TestCtrlCDuringDeploySaysWhatGoesOn(t *testing.T) {
	moto := testenv.StartMoto(t, "MOTO_ECS_SERVICE_RUNNING=0") // never steady
	proxy := testenv.StartProxy(t, moto)
	cmd := testenv.Command(t, testenv.CleanEnv(t, testenv.Env(proxy.URL)...), "deploy", "-f", "examples/nginx/ecsgen.yaml", "--stack", "ctrl-c", "--yes")
	stderr := testenv.InterruptWhen(t, cmd, "the deploy waiting on the service", func(stderr string) bool {
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
