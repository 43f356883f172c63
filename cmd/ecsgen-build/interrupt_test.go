package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ecsgen/ecsgen/internal/cli"
	"github.com/ecsgen/ecsgen/internal/testenv"
)

// TestCtrlCDuringBuildLeavesNothing interrupts `ecsgen build` while go
// build compiles a goPackage image, and wants the temporary directory as
// it was: no image work directory, and no work directory of go build's.
func TestCtrlCDuringBuildLeavesNothing(t *testing.T) {
	gocache, err := exec.Command("go", "env", "GOCACHE").Output()
	if err != nil {
		t.Fatal(err)
	}
	dir, tmp := t.TempDir(), t.TempDir()
	testenv.WriteFiles(t, dir, map[string]string{
		"ecsgen.yaml":     "name: shop\nservices:\n  web:\n    taskDefinition:\n      containers:\n        web:\n          image: {goPackage: ./cmd/web, baseImage: " + testenv.BaseInRegistry(t) + "}\n",
		"go.mod":          "module example.com/shop\n\ngo 1.26\n",
		"cmd/web/main.go": slowToCompile(time.Now().UnixNano()),
	})
	env := testenv.CleanEnv(t, "XDG_CACHE_HOME="+t.TempDir(), "GOCACHE="+strings.TrimSpace(string(gocache)), "TMPDIR="+tmp)
	cmd := testenv.Command(t, env, "build", "-f", filepath.Join(dir, "ecsgen.yaml"))
	// go build's work directory, wherever go build puts it.
	stderr := testenv.InterruptWhen(t, cmd, "go build start", func(string) bool {
		found, _ := filepath.Glob(filepath.Join(tmp, "go-build*"))
		inside, _ := filepath.Glob(filepath.Join(tmp, "*", "go-build*"))
		return len(found)+len(inside) > 0
	})
	if got := testenv.ExitCode(t, cmd.Wait()); got != cli.ExitFailure {
		t.Errorf("exit code %d, want %d; stderr:\n%s", got, cli.ExitFailure, stderr.String())
	}
	if want := "building images: stopped, interrupt signal received"; !strings.Contains(stderr.String(), want) {
		t.Errorf("stderr lacks %q:\n%s", want, stderr.String())
	}
	left, err := os.ReadDir(tmp)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range left {
		t.Errorf("left behind in the temporary directory: %s", e.Name())
	}
}

// slowToCompile is a main package that takes the compiler a second or
// two, time enough to interrupt it; nonce makes it new to the build cache.
func slowToCompile(nonce int64) string {
	var b strings.Builder
	fmt.Fprintf(&b, "package main\n\nimport \"fmt\"\n\nvar table = map[string]int{\n")
	for i := range 30000 {
		fmt.Fprintf(&b, "\t\"k%d-%d\": %d,\n", nonce, i, i)
	}
	b.WriteString("}\n\nfunc main() { fmt.Println(len(table)) }\n")
	return b.String()
}
