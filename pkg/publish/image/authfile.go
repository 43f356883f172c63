package image

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// authFile is the containers-auth.json(5) format that buildah and podman
// read (Docker's config.json is read the same way): a login per registry,
// or per repository, and the credential helpers of some registries.
type authFile struct {
	Auths       map[string]json.RawMessage `json:"auths"`
	CredHelpers map[string]string          `json:"credHelpers,omitempty"`
}

// authEntry is one login: base64 of user:password.
type authEntry struct {
	Auth string `json:"auth"`
}

// writeAuthFile writes, mode 0600, the auth file a build with a registry
// cache gives buildah or podman (as REGISTRY_AUTH_FILE): the login to the
// cache, then every entry of the user's own auth files. The tools read that
// file alone, so without the user's entries a FROM image from a private
// registry would no longer pull.
//
// The cache's login is keyed by the cache repository itself: the tools use
// the most specific key that matches, so a user's login for a namespace of
// the same registry (HOST/shop) would beat one keyed by the host for
// HOST/shop/web/build-cache, and no key is more specific than the
// repository. The host's key stays the user's, for their FROM images, and
// takes the cache's login only where the user has none, so that a FROM
// image in the same registry pulls as it did with the host's key. A
// helper for the host goes: the tools ask a file's helper for a registry
// before any of its logins, so it would answer for the cache too.
func writeAuthFile(path string, cache BuildCache) error {
	login, err := json.Marshal(authEntry{Auth: base64.StdEncoding.EncodeToString([]byte(cache.Username + ":" + cache.Password))})
	if err != nil {
		return err
	}
	merged := authFile{Auths: map[string]json.RawMessage{cache.Repository: login}, CredHelpers: map[string]string{}}
	for _, src := range userAuthFiles() {
		if err := mergeAuthFile(&merged, src); err != nil {
			return err
		}
	}
	delete(merged.CredHelpers, cache.host())
	if _, ok := merged.Auths[cache.host()]; !ok {
		merged.Auths[cache.host()] = login
	}
	data, err := json.MarshalIndent(merged, "", "  ")
	if err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	return errors.Join(err, f.Close())
}

// userAuthSource is an auth file buildah and podman would read.
type userAuthSource struct {
	path string
	// legacy is ~/.dockercfg's format: the entries at the top level.
	legacy bool
}

// userAuthFiles lists the auth files that buildah and podman read when no
// --authfile is given, in their order of precedence (containers-auth.json(5)
// and containers/image's getAuthFilePaths): $REGISTRY_AUTH_FILE alone if it
// is set (it is their --authfile's default); else the primary file,
// $XDG_RUNTIME_DIR/containers/auth.json (/run/containers/UID/auth.json
// without XDG_RUNTIME_DIR), then $XDG_CONFIG_HOME/containers/auth.json
// (~/.config), $DOCKER_CONFIG/config.json (~/.docker), ~/.dockercfg.
func userAuthFiles() []userAuthSource {
	if f := os.Getenv("REGISTRY_AUTH_FILE"); f != "" {
		return []userAuthSource{{path: f}}
	}
	home, _ := os.UserHomeDir()
	runtimeDir := os.Getenv("XDG_RUNTIME_DIR")
	primary := filepath.Join(runtimeDir, "containers", "auth.json")
	if runtimeDir == "" {
		primary = fmt.Sprintf("/run/containers/%d/auth.json", os.Getuid())
	}
	configHome := os.Getenv("XDG_CONFIG_HOME")
	if configHome == "" {
		configHome = filepath.Join(home, ".config")
	}
	dockerConfig := os.Getenv("DOCKER_CONFIG")
	if dockerConfig == "" {
		dockerConfig = filepath.Join(home, ".docker")
	}
	return []userAuthSource{
		{path: primary},
		{path: filepath.Join(configHome, "containers", "auth.json")},
		{path: filepath.Join(dockerConfig, "config.json")},
		{path: filepath.Join(home, ".dockercfg"), legacy: true},
	}
}

// mergeAuthFile adds the entries of src for the keys merged lacks, logins
// and helpers alike: an earlier file's entry for a registry is the one the
// tools would use. A missing file adds nothing; an unreadable one is an
// error, as it is to the tools.
func mergeAuthFile(merged *authFile, src userAuthSource) error {
	data, err := os.ReadFile(src.path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("reading your registry logins: %w", err)
	}
	var f authFile
	if src.legacy {
		err = json.Unmarshal(data, &f.Auths)
	} else {
		err = json.Unmarshal(data, &f)
	}
	if err != nil {
		return fmt.Errorf("reading your registry logins in %s: %w; fix or remove the file", src.path, err)
	}
	// Helpers first: within a file, a registry's helper is used before
	// its login.
	for k, v := range f.CredHelpers {
		if !merged.has(k) {
			merged.CredHelpers[k] = v
		}
	}
	for k, v := range f.Auths {
		if !merged.has(k) {
			merged.Auths[k] = v
		}
	}
	return nil
}

// has reports whether the file logs in to key, by a login or a helper.
func (f authFile) has(key string) bool {
	_, login := f.Auths[key]
	_, helper := f.CredHelpers[key]
	return login || helper
}
