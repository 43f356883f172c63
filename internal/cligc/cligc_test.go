package cligc

import (
	"math"
	"runtime/debug"
	"testing"
)

func TestTune(t *testing.T) {
	tests := []struct {
		name        string
		env         map[string]string
		wantPercent int
		wantLimit   int64
	}{
		{name: "no setting", wantPercent: gcPercent, wantLimit: memoryLimit},
		{name: "GOGC given", env: map[string]string{"GOGC": "100"}, wantPercent: 100, wantLimit: math.MaxInt64},
		{name: "GOMEMLIMIT given", env: map[string]string{"GOMEMLIMIT": "1GiB"}, wantPercent: 100, wantLimit: math.MaxInt64},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			// Go's defaults, as a process without cligc starts, and
			// back to what the test process had afterwards.
			defer debug.SetMemoryLimit(debug.SetMemoryLimit(math.MaxInt64))
			defer debug.SetGCPercent(debug.SetGCPercent(100))
			tune(func(k string) string { return tc.env[k] })
			gotPercent := debug.SetGCPercent(100)
			gotLimit := debug.SetMemoryLimit(math.MaxInt64)
			if gotPercent != tc.wantPercent || gotLimit != tc.wantLimit {
				t.Errorf("GOGC %d, memory limit %d; want %d and %d", gotPercent, gotLimit, tc.wantPercent, tc.wantLimit)
			}
		})
	}
}
