package compose_test

import (
	"testing"

	"github.com/ecsgen/ecsgen/pkg/model"
	"github.com/google/go-cmp/cmp"
)

// TestDependsOn checks where each Compose service ends up: a one-shot
// step every waiting service waits for to complete becomes a
// non-essential container of each of their tasks (with its own one-shot
// steps), and anything else stays a service of its own.
func TestDependsOn(t *testing.T) {
	tests := []struct {
		name    string
		compose string
		// want lists each service's containers and what each waits for.
		want map[string]map[string][]model.ContainerDependency
	}{
		{
			name: "migration folded into both services that wait for it",
			compose: `services:
  web: {image: web, depends_on: {migrate: {condition: service_completed_successfully}}}
  worker: {image: worker, depends_on: {migrate: {condition: service_completed_successfully}}}
  migrate: {image: web, command: migrate, depends_on: {seed: {condition: service_completed_successfully}}}
  seed: {image: seed}
`,
			want: map[string]map[string][]model.ContainerDependency{
				"web":    {"web": {{ContainerName: "migrate", Condition: "SUCCESS"}}, "migrate": {{ContainerName: "seed", Condition: "SUCCESS"}}, "seed": nil},
				"worker": {"worker": {{ContainerName: "migrate", Condition: "SUCCESS"}}, "migrate": {{ContainerName: "seed", Condition: "SUCCESS"}}, "seed": nil},
			},
		},
		{
			name: "a step another service waits to start stays a service",
			compose: `services:
  web: {image: web, depends_on: {init: {condition: service_completed_successfully}}}
  watcher: {image: w, depends_on: [init]}
  init: {image: init}
`,
			want: map[string]map[string][]model.ContainerDependency{
				"web": {"web": nil}, "watcher": {"watcher": nil}, "init": {"init": nil},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := importValid(t, tt.compose)
			got := map[string]map[string][]model.ContainerDependency{}
			for name, s := range res.App.Services {
				got[name] = map[string][]model.ContainerDependency{}
				for cname, ct := range s.TaskDefinition.Containers {
					got[name][cname] = ct.DependsOn
					if essential := cname == name; ct.IsEssential() != essential {
						t.Errorf("services.%s: container %s essential = %v, want %v", name, cname, ct.IsEssential(), essential)
					}
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("services and their containers' dependsOn (-want +got):\n%s", diff)
			}
		})
	}
}
