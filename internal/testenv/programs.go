package testenv

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
)

// Version is the version the tests' builds of ecsgen's programs carry,
// set by -ldflags as a release build sets it.
const Version = "v9.9.9-test"

var programs struct {
	once sync.Once
	dir  string // holds ecsgen and its companions
	root string // the module's root, where examples/ is
	err  error
}

// Ecsgen builds ecsgen and its companion programs (everything under cmd/)
// into one directory, as `go install ./cmd/...` installs them, once per
// test binary, and returns the path of ecsgen there. Tests run that ecsgen
// as a user does, so its hand-over of commands to the companions is
// exercised in every test of a command.
func Ecsgen(t testing.TB) string {
	t.Helper()
	programs.once.Do(func() {
		out, err := exec.Command("go", "env", "GOMOD").Output()
		if err != nil {
			programs.err = err
			return
		}
		programs.root = filepath.Dir(strings.TrimSpace(string(out)))
		if programs.dir, programs.err = os.MkdirTemp("", "ecsgen-bin-"); programs.err != nil {
			return
		}
		build := exec.Command("go", "build", "-ldflags", "-X main.version="+Version, "-o", programs.dir+string(filepath.Separator), "./cmd/...")
		build.Dir = programs.root
		if out, err := build.CombinedOutput(); err != nil {
			programs.err = errors.New(string(out))
		}
	})
	if programs.err != nil {
		t.Fatalf("building ecsgen's programs: %v", programs.err)
	}
	return filepath.Join(programs.dir, "ecsgen")
}

// removePrograms removes what Ecsgen built, after the package's tests.
func removePrograms() {
	if programs.dir != "" {
		os.RemoveAll(programs.dir)
	}
}

// Command is ecsgen with args, to be run in the module's root (where
// the examples are) with env as its whole environment.
func Command(t testing.TB, env []string, args ...string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(Ecsgen(t), args...)
	cmd.Dir = programs.root
	cmd.Env = env
	return cmd
}

// CleanEnv is an environment of PATH, a HOME of the test's own and extra:
// nothing of the developer's AWS or registry configuration leaks in.
func CleanEnv(t testing.TB, extra ...string) []string {
	t.Helper()
	return append([]string{"PATH=" + os.Getenv("PATH"), "HOME=" + t.TempDir()}, extra...)
}

// Result is one run of ecsgen.
type Result struct {
	Code           int
	Stdout, Stderr string
}

// Run runs ecsgen (see Command) and returns what it printed and its exit
// code.
func Run(t testing.TB, env []string, args ...string) Result {
	t.Helper()
	cmd := Command(t, env, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	code := ExitCode(t, cmd.Run())
	return Result{Code: code, Stdout: stdout.String(), Stderr: stderr.String()}
}

// ExitCode is the exit code of a finished process; a death by signal is a
// failure of the test, since ecsgen handles the signals it is sent.
func ExitCode(t testing.TB, err error) int {
	t.Helper()
	var exit *exec.ExitError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &exit):
		if ws, ok := exit.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			t.Fatalf("killed by %v instead of exiting", ws.Signal())
		}
		return exit.ExitCode()
	}
	t.Fatal(err)
	return 0
}
