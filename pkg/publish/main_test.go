package publish_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/ecsgen/ecsgen/internal/testenv"
	"github.com/ecsgen/ecsgen/pkg/cfn"
	"github.com/ecsgen/ecsgen/pkg/model"
	"github.com/ecsgen/ecsgen/pkg/publish"
	"github.com/ecsgen/ecsgen/pkg/publish/awsclient"
)

func TestMain(m *testing.M) { testenv.Main(m) }

// steadyEnv makes moto report two running tasks for every service, so that
// the nginx example (desiredCount 2) reaches steady state.
var steadyEnv = []string{"MOTO_ECS_SERVICE_RUNNING=2"}

// noBackoff retries at once: the faults are injected, the waiting is not
// what is tested.
type noBackoff struct{}

func (noBackoff) BackoffDelay(int, error) (time.Duration, error) { return 0, nil }

// setup starts (or reuses) moto with env, puts a fault proxy in front of it
// and returns clients that call through the proxy.
func setup(t *testing.T, env ...string) (*publish.Clients, *testenv.Proxy) {
	t.Helper()
	moto := testenv.StartMoto(t, env...)
	proxy := testenv.StartProxy(t, moto)
	testenv.SetEnv(t, proxy.URL)
	c, err := publish.LoadClients(context.Background(), awsclient.Options{Backoff: noBackoff{}})
	if err != nil {
		t.Fatal(err)
	}
	return c, proxy
}

// synth synthesizes one of the examples.
func synth(t *testing.T, example string) *cfn.Template {
	t.Helper()
	return synthFile(t, "../../examples/"+example+"/ecsgen.yaml")
}

// synthManifest synthesizes a manifest given as text.
func synthManifest(t *testing.T, manifest string) *cfn.Template {
	t.Helper()
	path := filepath.Join(t.TempDir(), "ecsgen.yaml")
	if err := os.WriteFile(path, []byte(manifest), 0o644); err != nil {
		t.Fatal(err)
	}
	return synthFile(t, path)
}

func synthFile(t *testing.T, path string) *cfn.Template {
	t.Helper()
	app, err := model.LoadManifest(path)
	if err != nil {
		t.Fatal(err)
	}
	tpl, err := cfn.Synth(app)
	if err != nil {
		t.Fatal(err)
	}
	return tpl
}

// options are deploy options for tests: a short poll, output kept.
func options(stack string, out *bytes.Buffer) publish.DeployOptions {
	return publish.DeployOptions{
		Stack:        stack,
		PollInterval: 50 * time.Millisecond,
		Timeout:      time.Minute,
		Out:          out,
		Progress:     publish.NewPlainProgress(out, false),
	}
}
