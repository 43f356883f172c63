// Package compose imports a Docker Compose project into an ecsgen app.
//
// The project is read by the Compose specification's own loader
// (compose-go), so profiles, extends, .env interpolation and several files
// merged in order mean here what they mean to `docker compose`. Each
// Compose service becomes an ECS service with one container; published
// ports become listeners. What has no ecsgen equivalent goes into the
// result's report, with the file and line it came from.
package compose

import (
	"context"
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"strings"

	"github.com/compose-spec/compose-go/v2/cli"
	"github.com/compose-spec/compose-go/v2/types"
	"github.com/ecsgen/ecsgen/pkg/importer"
	"github.com/ecsgen/ecsgen/pkg/model"
)

// Options say which project to read and how.
type Options struct {
	// Files are the Compose files, merged in order as `docker compose -f`
	// merges them; none: compose.yaml (and its override file) in WorkDir,
	// or the files COMPOSE_FILE in Env names.
	Files []string
	// WorkDir is the project directory, where .env is read; default: the
	// directory of the first file, else the current directory.
	WorkDir string
	// Profiles are the active profiles (docker compose --profile).
	Profiles []string
	// Env is the environment variables interpolation sees besides .env,
	// as KEY=VALUE (the CLI passes its own environment).
	Env []string
	// OutputDir is the directory the manifest will be written to; build
	// contexts are written relative to it. Default: the project directory.
	OutputDir string
}

// Import reads the project and converts it. An error means the project
// could not be read at all; everything that could be read but not
// expressed is in the result's report.
func Import(ctx context.Context, o Options) (*importer.Result, error) {
	project, warned, err := collectWarnings(func() (*types.Project, error) { return load(ctx, o) })
	if err != nil {
		return nil, err
	}
	out := o.OutputDir
	if out == "" {
		out = project.WorkingDir
	}
	c := &converter{
		project: project,
		at:      newLocator(project.ComposeFiles, project.WorkingDir),
		outDir:  out,
		app:     &model.App{Name: importer.AppName(project.Name)},
		res:     &importer.Result{},
	}
	c.res.App = c.app
	c.res.Source = source(project)
	for _, msg := range warned {
		file, text := warning(msg, project.WorkingDir)
		if file == "" {
			file, _ = c.at.find()
		}
		c.res.Report.Add(file, 0, "", "Compose: %s", text)
	}
	c.convert()
	c.fixInvalid()
	return c.res, nil
}

func load(ctx context.Context, o Options) (*types.Project, error) {
	wd := o.WorkDir
	if wd == "" && len(o.Files) > 0 {
		wd = filepath.Dir(o.Files[0])
	}
	opts, err := cli.NewProjectOptions(o.Files,
		cli.WithWorkingDirectory(wd),
		cli.WithEnv(o.Env),
		cli.WithEnvFiles(),
		cli.WithDotEnv,
		cli.WithConfigFileEnv,
		cli.WithDefaultConfigPath,
		cli.WithProfiles(o.Profiles),
	)
	if err != nil {
		return nil, err
	}
	p, err := opts.LoadProject(ctx)
	if err != nil {
		return nil, fmt.Errorf("reading the Compose project: %w", err)
	}
	return p, nil
}

func source(p *types.Project) string {
	files := make([]string, len(p.ComposeFiles))
	for i, f := range p.ComposeFiles {
		files[i] = relTo(p.WorkingDir, f)
	}
	return fmt.Sprintf("Compose project %s (%s)", p.Name, strings.Join(files, ", "))
}

// converter carries what converting one project needs.
type converter struct {
	project  *types.Project
	at       *locator
	outDir   string
	app      *model.App
	res      *importer.Result
	services importer.Names
	lbs      importer.Names
	// names maps Compose service names to the ecsgen names given them.
	names map[string]string
	// folded are the one-shot Compose services folded into the tasks of
	// the services that wait for them (depends.go); converted holds every
	// service converted, by Compose name.
	folded    map[string]bool
	converted map[string]*svc
	// logDays is the log retention x-aws-logs_retention asks for, rounded
	// up to a period CloudWatch offers (logDaysWas); 0 when not given.
	logDays, logDaysWas int
}

func (c *converter) convert() {
	c.topLevel()
	c.names = map[string]string{}
	for _, name := range slices.Sorted(func(yield func(string) bool) {
		for n := range c.project.Services {
			if !yield(n) {
				return
			}
		}
	}) {
		c.names[name] = c.services.Name(name)
	}
	c.planFolds()
	c.converted = map[string]*svc{}
	for _, name := range sortedKeys(c.names) {
		c.service(c.project.Services[name], c.names[name])
	}
	done := map[string]bool{}
	for _, name := range sortedKeys(c.names) {
		if !c.folded[name] {
			c.fold(name, done)
			c.resize(c.converted[name])
		}
	}
	if n := len(c.app.Services); n > 1 {
		file, line := c.at.find("services")
		c.res.Report.Add(file, line, "services", "ecsgen runs each of the %d services as its own ECS service, and the importer does not join them to Service Connect: as imported, services cannot reach each other by their Compose names; give each service that others call serviceConnect: {port: NAME} naming one of its portMappings (give the mapping a name), and each caller serviceConnect: {}; both need awsvpc networking (Fargate's); or give them each other's addresses through environment (a listener's endpoint, or a managed service such as RDS or ElastiCache for databases)", n)
	}
}

// report adds an item located at the Compose path given as keys.
func (c *converter) report(keys []string, format string, args ...any) {
	file, line := c.at.find(keys...)
	c.res.Report.Add(file, line, strings.Join(keys, "."), format, args...)
}

func relTo(dir, path string) string {
	if rel, err := filepath.Rel(dir, path); err == nil && !strings.HasPrefix(rel, "..") {
		return rel
	}
	return path
}

func sortedKeys[V any](m map[string]V) []string { return slices.Sorted(maps.Keys(m)) }
