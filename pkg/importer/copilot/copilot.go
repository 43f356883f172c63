// Package copilot imports the workloads of an AWS Copilot workspace into
// an ecsgen app.
//
// Each copilot/<name>/manifest.yml becomes a service (Load Balanced Web
// Service, Backend Service, Worker Service) or a task (Scheduled Job); its
// overrides for one environment are applied first when asked, as `copilot
// deploy --env` does. The manifests are read with this package's own
// types for Copilot's documented format; what they hold that ecsgen has
// no equivalent of goes into the result's report with file and line.
package copilot

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/ecsgen/ecsgen/pkg/importer"
	"github.com/ecsgen/ecsgen/pkg/model"
	"go.yaml.in/yaml/v3"
)

// Options say which workspace to read and how.
type Options struct {
	// Dir is the workspace: the directory that holds copilot/.
	Dir string
	// Env is the Copilot environment whose overrides to apply; none: the
	// manifests as written.
	Env string
	// OutputDir is where the manifest will be written; build paths are
	// written relative to it. Default: Dir.
	OutputDir string
}

// Import reads every workload manifest of the workspace. An error means
// nothing could be read; a workload that could not be converted is in the
// report.
func Import(o Options) (*importer.Result, error) {
	dir, err := filepath.Abs(o.Dir)
	if err != nil {
		return nil, err
	}
	files, err := filepath.Glob(filepath.Join(dir, "copilot", "*", "manifest.yml"))
	if err != nil {
		return nil, err
	}
	files = slices.DeleteFunc(files, func(f string) bool { return filepath.Base(filepath.Dir(f)) == "environments" })
	if len(files) == 0 {
		return nil, fmt.Errorf("no Copilot workload manifests in %s (looked for copilot/<name>/manifest.yml)", dir)
	}
	out := o.OutputDir
	if out == "" {
		out = dir
	}
	c := &converter{dir: dir, outDir: out, env: o.Env, app: &model.App{Name: importer.AppName(appName(dir))}}
	c.res = &importer.Result{App: c.app, Source: "Copilot workspace " + filepath.Base(dir)}
	if o.Env != "" {
		c.res.Source += ", environment " + o.Env
	}
	if o.Env != "" {
		c.readEnvironment()
	} else {
		c.unreadEnvironments()
	}
	for _, f := range files {
		c.workload(f)
	}
	c.finishShared()
	c.environmentVPC()
	return c.res, nil
}

// appName is the application named in copilot/.workspace, else the
// workspace directory's name.
func appName(dir string) string {
	var ws struct {
		Application string `yaml:"application"`
	}
	if data, err := os.ReadFile(filepath.Join(dir, "copilot", ".workspace")); err == nil && yaml.Unmarshal(data, &ws) == nil && ws.Application != "" {
		return ws.Application
	}
	return filepath.Base(dir)
}

type converter struct {
	dir, outDir, env string
	app              *model.App
	res              *importer.Result
	services, lbs    importer.Names
	// sharedListeners are the environment's load balancers, by Copilot's
	// name: public and private.
	sharedListeners map[string]*sharedListener
	// envFile and envManifest are the chosen environment's manifest, if
	// the workspace has one.
	envFile     *workload
	envManifest *envManifest
}

// workload is one manifest being converted.
type workload struct {
	file      string // relative to the workspace, for the report
	root      *yaml.Node
	m         manifest
	name      string
	tdPath    string
	td        *model.TaskDefinition
	container *model.Container
	// routed is whether http gave the main container an application
	// listener, which requests-based autoscaling counts at.
	routed bool
}

func (c *converter) workload(path string) {
	w := &workload{file: relTo(c.dir, path)}
	data, err := os.ReadFile(path)
	if err != nil {
		c.res.Report.Add(w.file, 0, "", "cannot be read: %v", err)
		return
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil || len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		c.res.Report.Add(w.file, 0, "", "is not a Copilot manifest (a YAML mapping): %v", err)
		return
	}
	w.root = doc.Content[0]
	c.applyEnvironment(w)
	if err := w.root.Decode(&w.m); err != nil {
		c.res.Report.Add(w.file, 0, "", "does not read as a Copilot manifest, so it is not imported: %s", strings.TrimPrefix(err.Error(), "yaml: "))
		return
	}
	c.convert(w)
}

// report adds an item at the Copilot path keys of the workload.
func (c *converter) report(w *workload, keys []string, format string, args ...any) {
	c.res.Report.Add(w.file, lineOf(w.root, keys...), strings.Join(keys, "."), format, args...)
}

func relTo(dir, path string) string {
	if rel, err := filepath.Rel(dir, path); err == nil && !strings.HasPrefix(rel, "..") {
		return filepath.ToSlash(rel)
	}
	return path
}

// lineOf is the line of the deepest of keys found under n.
func lineOf(n *yaml.Node, keys ...string) int {
	line := n.Line
	for _, k := range keys {
		if n.Kind != yaml.MappingNode {
			break
		}
		found := false
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == k {
				line, n, found = n.Content[i].Line, n.Content[i+1], true
				break
			}
		}
		if !found {
			break
		}
	}
	return line
}
