package model

import (
	"regexp"
	"sync"
)

// lazyRegexp compiles expr on first use rather than at start-up, which
// every synth pays for: for the patterns only some manifests need.
func lazyRegexp(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}
