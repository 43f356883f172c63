package compose_test

import (
	"testing"

	"github.com/ecsgen/ecsgen/pkg/model"
	"github.com/google/go-cmp/cmp"
)

// TestBuildSecrets checks that a Compose build's secrets and SSH forwards
// become the manifest's build.secrets and build.ssh, and that a secret
// ecsgen cannot hand a builder (an external one) is reported rather than
// dropped, and one from a variable is reported as read from ecsgen's own
// environment, not Compose's .env.
func TestBuildSecrets(t *testing.T) {
	tests := []struct {
		name       string
		compose    string
		want       *model.DockerBuild
		wantReport string
	}{
		{
			name: "file and environment secrets, agent and key",
			compose: `services:
  web:
    build:
      context: ./app
      secrets: [npm, {source: pip, target: pip.token}]
      ssh: [default, github=./keys/deploy]
secrets:
  npm: {file: ./secrets/npm-token}
  pip: {environment: PIP_TOKEN}
`,
			want: &model.DockerBuild{
				Context: "./app",
				Secrets: map[string]model.BuildSecret{"npm": {File: "./secrets/npm-token"}, "pip.token": {Env: "PIP_TOKEN"}},
				SSH:     []string{"default", "github=./keys/deploy"},
			},
			wantReport: "compose.yaml:5: services.web.build.secrets: secret pip: Compose reads $PIP_TOKEN from the project's environment, .env included; ecsgen build reads it from its own environment only, so export it (or source .env) before ecsgen build\n",
		},
		{
			name: "external secret",
			compose: `services:
  web:
    build:
      context: ./app
      secrets: [vault]
secrets:
  vault: {external: true}
`,
			want:       &model.DockerBuild{Context: "./app"},
			wantReport: "compose.yaml:5: services.web.build.secrets: secret vault: a build secret is a file or an environment variable where ecsgen builds; give it under build.secrets.vault as `{file: PATH}` or `{env: NAME}`\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := importValid(t, tt.compose)
			if diff := cmp.Diff(tt.want, res.App.Services["web"].TaskDefinition.Containers["web"].Image.Build); diff != "" {
				t.Errorf("build (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.wantReport, res.Report.String()); diff != "" {
				t.Errorf("report (-want +got):\n%s", diff)
			}
		})
	}
}
