// Package cligc, imported for its side effect by internal/cli and so by
// each of ecsgen's programs, sets the garbage collector for a process that
// lives a second, not a day.
//
// With Go's default (GOGC=100 and a 4 MiB first goal) the collector runs
// while the packages are still initialised, and again while `ecsgen build`
// gzips a binary on every core: about 30 ms of a goPackage build's own
// ~190 ms on a 2-core machine (scripts/bench-images), for memory the
// process gives back on exit anyway. Here the heap may grow to 11 times
// what is live before a collection, and never past 256 MiB while less is
// live, so a long deploy still collects, within bounds. It acts in an
// init function, not in main, because the collections it avoids start
// before main. GOGC or GOMEMLIMIT in the environment leave Go's own
// settings alone, as with any Go program.
package cligc

import (
	"os"
	"runtime/debug"
)

// Settings used unless the environment names its own.
const (
	gcPercent   = 1000
	memoryLimit = 256 << 20
)

func init() { tune(os.Getenv) }

func tune(getenv func(string) string) {
	if getenv("GOGC") != "" || getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetGCPercent(gcPercent)
	debug.SetMemoryLimit(memoryLimit)
}
