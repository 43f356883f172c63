package main

import "runtime/debug"

// version is set by release builds with
// -ldflags "-X main.version=v1.2.3"; otherwise it comes from what Go
// recorded in the binary.
var version string

// buildVersion is the version `ecsgen --version` prints: the release's,
// else the module version `go install ...@v1.2.3` records, else the commit
// a local build was made from.
func buildVersion() string {
	if version != "" {
		return version
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
