package model

import (
	"testing"

	_ "github.com/ecsgen/ecsgen/internal/golden" // accepts go test ./... -update
)

func TestSmallestFargateSize(t *testing.T) {
	tests := []struct {
		cpu, memory         int
		wantCPU, wantMemory int
	}{
		{0, 0, 256, 512},
		{0, 128, 256, 512}, // the seed's nginx
		{0, 512, 256, 512},
		{0, 513, 256, 1024},
		{0, 2048, 256, 2048},
		{0, 2049, 512, 3072},
		{0, 3000, 512, 3072},
		{300, 0, 512, 1024},
		{1024, 1024, 1024, 2048},
		{4096, 30720, 4096, 30720},
		{0, 30721, 8192, 32768},
		{16384, 122880, 16384, 122880},
		{0, 200000, 16384, 122880}, // beyond the table: the largest size
	}
	for _, tt := range tests {
		cpu, mem := smallestFargateSize(tt.cpu, tt.memory)
		if cpu != tt.wantCPU || mem != tt.wantMemory {
			t.Errorf("smallestFargateSize(%d, %d) = %d, %d; want %d, %d", tt.cpu, tt.memory, cpu, mem, tt.wantCPU, tt.wantMemory)
		}
	}
}

// TestFargateSizesAreValid checks the table against itself: every memory
// each row offers is one that row allows, and the smallest size picked for
// any demand passes validation.
func TestFargateSizesAreValid(t *testing.T) {
	for _, row := range fargateSizes {
		for _, m := range row.memories() {
			if !row.allows(m) {
				t.Errorf("cpu %d offers memory %d but does not allow it", row.cpu, m)
			}
			var v Errors
			validateFargateSize(&v, "task", &row.cpu, &m)
			if len(v.List) > 0 {
				t.Errorf("cpu %d memory %d: %v", row.cpu, m, v.List)
			}
		}
	}
	for mem := 0; mem <= 130000; mem += 500 {
		cpu, m := smallestFargateSize(0, mem)
		var v Errors
		validateFargateSize(&v, "task", &cpu, &m)
		if len(v.List) > 0 {
			t.Errorf("picked %d/%d for %d MiB, which is invalid: %v", cpu, m, mem, v.List)
		}
	}
}
