package cli

import "runtime/debug"

// Version is the version `ecsgen --version` prints: release's, set by
// release builds in each program's main package with
// -ldflags "-X main.version=v1.2.3", else the module version
// `go install ...@v1.2.3` records, else the commit a local build was made
// from.
func Version(release string) string {
	if release != "" {
		return release
	}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown"
	}
	if v := info.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	rev, dirty := "", false
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if rev == "" {
		return "devel"
	}
	if dirty {
		return "devel " + rev[:min(len(rev), 12)] + " (modified)"
	}
	return "devel " + rev[:min(len(rev), 12)]
}
