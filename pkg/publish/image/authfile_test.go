package image

import (
	"encoding/base64"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestWriteAuthFile checks the auth file a build with a registry cache
// gets: the cache's login, keyed by the cache repository so that no login
// of the user's for its registry or a namespace of it wins, then the
// user's own logins from the files buildah and podman would have read, in
// their order, so that a private FROM image still pulls; readable by its
// owner alone.
func TestWriteAuthFile(t *testing.T) {
	const host, repo = "127.0.0.1:5000", "127.0.0.1:5000/shop/web/build-cache"
	cache := BuildCache{Repository: repo, Username: "AWS", Password: "token"}
	login := func(userPass string) map[string]any {
		return map[string]any{"auth": base64.StdEncoding.EncodeToString([]byte(userPass))}
	}
	// Where each of the user's files is, under the test's home.
	const (
		runtime = "run/containers/auth.json"
		config  = "config/containers/auth.json"
		docker  = ".docker/config.json"
		legacy  = ".dockercfg"
		env     = "elsewhere/auth.json"
	)
	for _, tc := range []struct {
		name      string
		files     map[string]string
		authFile  bool // REGISTRY_AUTH_FILE names env
		want      map[string]any
		wantError string
	}{
		{
			name: "no logins of the user's",
			want: map[string]any{"auths": map[string]any{repo: login("AWS:token"), host: login("AWS:token")}},
		},
		{
			name: "every file, the first of a registry wins",
			files: map[string]string{
				runtime: `{"auths": {"registry.example.com": {"auth": "` + base64.StdEncoding.EncodeToString([]byte("runtime:1")) + `"}}}`,
				config:  `{"auths": {"registry.example.com": {"auth": "x"}, "quay.io/team": {"auth": "` + base64.StdEncoding.EncodeToString([]byte("config:2")) + `"}}}`,
				docker: `{"auths": {"https://index.docker.io/v1/": {"auth": "` + base64.StdEncoding.EncodeToString([]byte("docker:3")) + `"}},
				          "credHelpers": {"999999999999.dkr.ecr.eu-west-1.amazonaws.com": "ecr-login", "quay.io/team": "x"}, "credsStore": "desktop"}`,
				legacy: `{"ghcr.io": {"auth": "` + base64.StdEncoding.EncodeToString([]byte("legacy:4")) + `", "email": "a@b.c"}}`,
			},
			want: map[string]any{
				"auths": map[string]any{
					repo:                          login("AWS:token"),
					host:                          login("AWS:token"),
					"registry.example.com":        login("runtime:1"),
					"quay.io/team":                login("config:2"),
					"https://index.docker.io/v1/": login("docker:3"),
					"ghcr.io":                     map[string]any{"auth": base64.StdEncoding.EncodeToString([]byte("legacy:4")), "email": "a@b.c"},
				},
				"credHelpers": map[string]any{"999999999999.dkr.ecr.eu-west-1.amazonaws.com": "ecr-login"},
			},
		},
		{
			name: "the user's login for the cache's registry stays, for FROM images",
			files: map[string]string{
				runtime: `{"auths": {"127.0.0.1:5000": {"auth": "` + base64.StdEncoding.EncodeToString([]byte("user:host")) + `"}}}`,
			},
			want: map[string]any{"auths": map[string]any{repo: login("AWS:token"), host: login("user:host")}},
		},
		{
			// A helper for the host would be asked before any login, the
			// cache's included.
			name: "the user's helper for the cache's registry goes",
			files: map[string]string{
				runtime: `{"credHelpers": {"127.0.0.1:5000": "ecr-login"}}`,
			},
			want: map[string]any{"auths": map[string]any{repo: login("AWS:token"), host: login("AWS:token")}},
		},
		{
			// buildah and podman take the most specific key: one for the
			// host would lose to HOST/shop for HOST/shop/web/build-cache.
			name: "the user's login for a namespace of the cache's registry",
			files: map[string]string{
				docker: `{"auths": {"127.0.0.1:5000/shop": {"auth": "` + base64.StdEncoding.EncodeToString([]byte("user:ns")) + `"}}}`,
			},
			want: map[string]any{"auths": map[string]any{repo: login("AWS:token"), host: login("AWS:token"), "127.0.0.1:5000/shop": login("user:ns")}},
		},
		{
			name: "the user's login for the cache repository itself",
			files: map[string]string{
				runtime: `{"auths": {"127.0.0.1:5000/shop/web/build-cache": {"auth": "c3RhbGU6dG9rZW4="}}}`,
			},
			want: map[string]any{"auths": map[string]any{repo: login("AWS:token"), host: login("AWS:token")}},
		},
		{
			name: "a helper comes before a login in the same file",
			files: map[string]string{
				docker: `{"auths": {"ghcr.io": {"auth": "x"}}, "credHelpers": {"ghcr.io": "gh"}}`,
			},
			want: map[string]any{"auths": map[string]any{repo: login("AWS:token"), host: login("AWS:token")}, "credHelpers": map[string]any{"ghcr.io": "gh"}},
		},
		{
			name:     "REGISTRY_AUTH_FILE alone",
			authFile: true,
			files: map[string]string{
				env:     `{"auths": {"ghcr.io": {"auth": "` + base64.StdEncoding.EncodeToString([]byte("env:5")) + `"}}}`,
				runtime: `{"auths": {"registry.example.com": {"auth": "x"}}}`,
			},
			want: map[string]any{"auths": map[string]any{repo: login("AWS:token"), host: login("AWS:token"), "ghcr.io": login("env:5")}},
		},
		{
			name:      "a file that is not JSON",
			files:     map[string]string{docker: `{"auths": `},
			wantError: filepath.FromSlash(docker) + ": unexpected end of JSON input; fix or remove the file",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			home := t.TempDir()
			t.Setenv("HOME", home)
			t.Setenv("XDG_RUNTIME_DIR", filepath.Join(home, "run"))
			t.Setenv("XDG_CONFIG_HOME", filepath.Join(home, "config"))
			t.Setenv("DOCKER_CONFIG", "")
			t.Setenv("REGISTRY_AUTH_FILE", "")
			if tc.authFile {
				t.Setenv("REGISTRY_AUTH_FILE", filepath.Join(home, env))
			}
			for name, content := range tc.files {
				p := filepath.Join(home, name)
				if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			path := filepath.Join(t.TempDir(), "auth.json")
			err := writeAuthFile(path, cache)
			if tc.wantError != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantError) {
					t.Fatalf("error %v, want one with %q", err, tc.wantError)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			fi, err := os.Stat(path)
			if err != nil {
				t.Fatal(err)
			}
			if fi.Mode().Perm() != 0o600 {
				t.Errorf("auth file mode %v, want -rw-------", fi.Mode().Perm())
			}
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			var got map[string]any
			if err := json.Unmarshal(data, &got); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("auth file (-want +got):\n%s", diff)
			}
		})
	}
}
