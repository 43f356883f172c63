package testenv

// The deploy tests share a moto server per package and environment (for
// MOTO_ECS_SERVICE_RUNNING and the like), and reach it through the proxy
// in proxy.go. Every workaround for moto lives here, in the open, so that
// ecsgen's own code paths stay what they are against AWS.

import (
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// MotoServer is a running moto server shared by a package's tests.
type MotoServer struct {
	// URL is the server's endpoint, http://127.0.0.1:<port>.
	URL string
	cmd *exec.Cmd
	log *os.File
}

var (
	servers   = map[string]*MotoServer{}
	serversMu sync.Mutex
)

// StartMoto returns a moto server started with the given environment
// (e.g. MOTO_ECS_SERVICE_RUNNING=2), shared by every test of the package
// that asks for the same environment; Main stops them all. Tests that share
// a server use their own stack names. Without moto_server the test skips,
// and fails when CI=true, where a missing tool is a broken machine.
func StartMoto(t testing.TB, env ...string) *MotoServer {
	t.Helper()
	bin := RequireTool(t, "moto_server", "pip install 'moto[server]==5.2.1'")
	key := strings.Join(env, " ")
	serversMu.Lock()
	defer serversMu.Unlock()
	if m, ok := servers[key]; ok {
		return m
	}
	m, err := startMoto(bin, env)
	if err != nil {
		t.Fatal(err)
	}
	servers[key] = m
	return m
}

func startMoto(bin string, env []string) (*MotoServer, error) {
	port, err := loopbackPort()
	if err != nil {
		return nil, err
	}
	log, err := os.CreateTemp("", "moto-*.log")
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(bin, "-H", "127.0.0.1", "-p", strconv.Itoa(port))
	cmd.Env = append(os.Environ(), env...)
	cmd.Stdout, cmd.Stderr = log, log
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting moto_server: %w", err)
	}
	m := &MotoServer{URL: fmt.Sprintf("http://127.0.0.1:%d", port), cmd: cmd, log: log}
	// moto takes about 3 s to import its backends on an idle machine; give
	// a loaded one ten times that.
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		resp, err := http.Get(m.URL + "/moto-api/")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return m, nil
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	m.stop()
	out, _ := os.ReadFile(log.Name())
	return nil, fmt.Errorf("moto_server did not answer on %s within 30s:\n%s", m.URL, out)
}

func (m *MotoServer) stop() {
	_ = m.cmd.Process.Kill()
	_ = m.cmd.Wait()
	m.log.Close()
	os.Remove(m.log.Name())
}

// Main runs a package's tests and then stops the servers they started and
// removes the programs they built.
func Main(m *testing.M) {
	code := m.Run()
	removePrograms()
	serversMu.Lock()
	for _, s := range servers {
		s.stop()
	}
	serversMu.Unlock()
	os.Exit(code)
}

// loopbackPort is a free port, for a server started outside any one test.
func loopbackPort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// Env returns the environment that points the AWS SDK (ecsgen's and the
// AWS CLI's) at endpoint with static test credentials and no retries of its
// own beyond what a test asks for.
func Env(endpoint string) []string {
	return []string{
		"AWS_ENDPOINT_URL=" + endpoint,
		"AWS_REGION=us-east-1",
		"AWS_DEFAULT_REGION=us-east-1",
		"AWS_ACCESS_KEY_ID=testing",
		"AWS_SECRET_ACCESS_KEY=testing",
		"AWS_EC2_METADATA_DISABLED=true",
		// moto answers without checksums; without these the SDK logs a
		// warning for every S3 read.
		"AWS_REQUEST_CHECKSUM_CALCULATION=when_required",
		"AWS_RESPONSE_CHECKSUM_VALIDATION=when_required",
		// Keep the developer's own files out of the test.
		"AWS_CONFIG_FILE=/dev/null",
		"AWS_SHARED_CREDENTIALS_FILE=/dev/null",
	}
}

// SetEnv sets Env(endpoint) for the rest of the test, for code that loads
// its AWS configuration in-process.
func SetEnv(t *testing.T, endpoint string) {
	t.Helper()
	for _, kv := range Env(endpoint) {
		k, v, _ := strings.Cut(kv, "=")
		t.Setenv(k, v)
	}
	t.Setenv("AWS_PROFILE", "")
}
