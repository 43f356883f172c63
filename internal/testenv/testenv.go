// Package testenv starts the real peers that ecsgen's integration tests
// talk to, each on a free loopback port, and stops them when the test
// ends: moto for the AWS APIs and the Debian docker-registry for ECR's
// registry. Outside CI a missing program skips the test; with CI=true it
// fails it, so a broken machine cannot pass by skipping.
package testenv

import (
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"
)

// RequireTool returns the path of a program the test needs.
func RequireTool(t testing.TB, name, install string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err == nil {
		return path
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s is not installed (CI=true, so this fails rather than skips): %s", name, install)
	}
	t.Skipf("%s is not installed; %s, or run scripts/test, which does", name, install)
	return ""
}

// Moto starts moto_server and returns its endpoint, for AWS_ENDPOINT_URL.
func Moto(t testing.TB) string {
	t.Helper()
	bin := RequireTool(t, "moto_server", "pip install 'moto[server]==5.2.1'")
	port := freePort(t)
	start(t, exec.Command(bin, "-H", "127.0.0.1", "-p", strconv.Itoa(port)))
	url := fmt.Sprintf("http://127.0.0.1:%d", port)
	waitFor(t, url+"/moto-api/", func(code int) bool { return code == http.StatusOK })
	return url
}

// Registry credentials that docker-registry checks: what moto's
// GetAuthorizationToken hands out, base64("AWS:123456789012-auth-token").
const (
	RegistryUser     = "AWS"
	RegistryPassword = "123456789012-auth-token"
)

// Registry starts docker-registry with htpasswd authentication for
// RegistryUser and returns its URL, http://127.0.0.1:PORT.
func Registry(t testing.TB) string {
	t.Helper()
	bin := RequireTool(t, "docker-registry", "apt-get install docker-registry")
	dir := t.TempDir()
	hash, err := bcrypt.GenerateFromPassword([]byte(RegistryPassword), bcrypt.MinCost)
	if err != nil {
		t.Fatal(err)
	}
	htpasswd := filepath.Join(dir, "htpasswd")
	write(t, htpasswd, RegistryUser+":"+string(hash)+"\n")
	port := freePort(t)
	config := filepath.Join(dir, "config.yml")
	write(t, config, fmt.Sprintf(`version: 0.1
log: {level: error, accesslog: {disabled: true}}
storage:
  filesystem: {rootdirectory: %s}
http:
  addr: 127.0.0.1:%d
auth:
  htpasswd: {realm: ecsgen-test, path: %s}
`, filepath.Join(dir, "data"), port, htpasswd))
	start(t, exec.Command(bin, "serve", config))
	url := fmt.Sprintf("http://127.0.0.1:%d", port)
	waitFor(t, url+"/v2/", func(code int) bool { return code == http.StatusUnauthorized })
	return url
}

func start(t testing.TB, cmd *exec.Cmd) {
	t.Helper()
	log := filepath.Join(t.TempDir(), filepath.Base(cmd.Path)+".log")
	f, err := os.Create(log)
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stdout, cmd.Stderr = f, f
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
		f.Close()
		if t.Failed() {
			out, _ := os.ReadFile(log)
			t.Logf("%s output:\n%s", filepath.Base(cmd.Path), out)
		}
	})
}

// waitFor polls url until ready accepts its status code, for up to 30 s:
// moto takes a few seconds to import its services on a busy machine.
func waitFor(t testing.TB, url string, ready func(int) bool) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		resp, err := http.Get(url)
		if err == nil {
			resp.Body.Close()
			if ready(resp.StatusCode) {
				return
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s did not answer within 30 s (last error: %v)", url, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func freePort(t testing.TB) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

func write(t testing.TB, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}

// IsolateUserCache points the user's cache directory (XDG_CACHE_HOME),
// where ecsgen keeps built binaries, at a temporary directory for the
// test, keeping Go's own build cache where it is: a cold one would make
// every go build in the test compile the standard library again.
func IsolateUserCache(t testing.TB) {
	t.Helper()
	out, err := exec.Command("go", "env", "GOCACHE").Output()
	if err != nil {
		t.Fatalf("go env GOCACHE: %v", err)
	}
	t.Setenv("GOCACHE", strings.TrimSpace(string(out)))
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
}

// IsolateBuildah gives buildah (and podman) a storage of their own for the
// test, removed with it, so that tests leave no images behind and never
// see another's.
func IsolateBuildah(t testing.TB) {
	t.Helper()
	dir := t.TempDir()
	conf := filepath.Join(dir, "storage.conf")
	write(t, conf, fmt.Sprintf("[storage]\ndriver = \"vfs\"\ngraphroot = %q\nrunroot = %q\n", filepath.Join(dir, "graph"), filepath.Join(dir, "run")))
	t.Setenv("CONTAINERS_STORAGE_CONF", conf)
}
