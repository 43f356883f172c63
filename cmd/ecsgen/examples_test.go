package main

import (
	"bufio"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/ecsgen/ecsgen/pkg/expand"
	"github.com/ecsgen/ecsgen/pkg/model"
)

// imagePorts are the ports the registry images the examples use serve on,
// from their documentation. An example that routes a listener to another
// port would deploy a service whose health checks never pass.
var imagePorts = map[string][]int{
	"nginx":                      {80},
	"public.ecr.aws/nginx/nginx": {80},
	"hello-world":                nil, // prints and exits
	// These serve only what their command starts.
	"public.ecr.aws/docker/library/python":  nil,
	"public.ecr.aws/docker/library/busybox": nil,
}

// TestExamplesRouteToServedPorts checks that every container port a
// listener routes to in an example is a port its image serves: for a
// registry image, per imagePorts; for an image ecsgen builds, a port its
// Dockerfile EXPOSEs.
func TestExamplesRouteToServedPorts(t *testing.T) {
	manifests, err := filepath.Glob(filepath.Join(examplesDir, "*", "ecsgen.yaml"))
	if err != nil || len(manifests) == 0 {
		t.Fatalf("no examples under %s: %v", examplesDir, err)
	}
	for _, manifest := range manifests {
		t.Run(filepath.Base(filepath.Dir(manifest)), func(t *testing.T) {
			m, err := model.LoadManifest(manifest)
			if err != nil {
				t.Fatal(err)
			}
			app, err := expand.Expand(m)
			if err != nil {
				t.Fatal(err)
			}
			check := func(td *expand.TaskDefinition, targets []expand.Target) {
				for _, c := range td.Containers {
					served := servedPorts(t, filepath.Dir(manifest), c.Image)
					for _, target := range targets {
						if target.ContainerName == c.Name && !slices.Contains(served, target.ContainerPort) {
							t.Errorf("%s: listener %s routes to port %d of container %s, whose image serves %v", td.Name, target.Listener.Name, target.ContainerPort, c.Name, served)
						}
					}
				}
			}
			for _, s := range app.Services {
				check(s.Task, s.Targets)
			}
			for _, task := range app.Tasks {
				check(task.Definition, task.Targets)
			}
		})
	}
}

// servedPorts are the ports an image serves on.
func servedPorts(t *testing.T, dir string, img expand.Image) []int {
	t.Helper()
	if !img.Built {
		repo := strings.Split(img.Reference, "@")[0]
		if i := strings.LastIndex(repo, ":"); i > strings.LastIndex(repo, "/") {
			repo = repo[:i]
		}
		ports, ok := imagePorts[repo]
		if !ok {
			t.Fatalf("image %s is not in imagePorts; add the ports it serves on", img.Reference)
		}
		return ports
	}
	if img.Build.GoPackage != "" {
		return goListenPorts(t, filepath.Join(dir, img.Build.GoPackage))
	}
	context, dockerfile := img.Build.Path, "Dockerfile"
	if b := img.Build.Build; b != nil {
		context = b.Context
		if b.Dockerfile != "" {
			dockerfile = b.Dockerfile
		}
	}
	f, err := os.Open(filepath.Join(dir, context, dockerfile))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var ports []int
	lines := bufio.NewScanner(f)
	for lines.Scan() {
		fields := strings.Fields(lines.Text())
		if len(fields) == 0 || !strings.EqualFold(fields[0], "EXPOSE") {
			continue
		}
		for _, p := range fields[1:] {
			n, err := strconv.Atoi(strings.TrimSuffix(p, "/tcp"))
			if err != nil {
				t.Fatalf("%s: EXPOSE %s is not a port this test reads", f.Name(), p)
			}
			ports = append(ports, n)
		}
	}
	return ports
}

// listenAddr finds the port of a net/http ListenAndServe(":PORT", ...).
var listenAddr = regexp.MustCompile(`ListenAndServe(?:TLS)?\("[^":]*:(\d+)"`)

// goListenPorts are the ports a goPackage's main package listens on, from
// its ListenAndServe calls.
func goListenPorts(t *testing.T, pkgDir string) []int {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(pkgDir, "*.go"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no Go files in %s: %v", pkgDir, err)
	}
	var ports []int
	for _, file := range files {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range listenAddr.FindAllSubmatch(src, -1) {
			n, _ := strconv.Atoi(string(m[1]))
			ports = append(ports, n)
		}
	}
	return ports
}
