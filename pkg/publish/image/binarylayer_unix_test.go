//go:build unix

package image

import (
	"syscall"
	"testing"

	"github.com/google/go-containerregistry/pkg/v1/types"
)

// BenchmarkBinaryLayer makes the layer of a binary the size of a small Go
// service's (6 MB): most of a goPackage build's own time. It reports the
// page faults of each layer too: fresh memory, which on a virtual machine
// costs as much as compressing.
func BenchmarkBinaryLayer(b *testing.B) {
	bin := executable(b, 6<<20)
	b.SetBytes(6 << 20)
	faults := minorFaults(b)
	for b.Loop() {
		if _, err := newBinaryLayer(bin, types.DockerLayer); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(minorFaults(b)-faults)/float64(b.N), "faults/op")
}

func minorFaults(b *testing.B) int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return ru.Minflt
}
