package model

import (
	"fmt"
	"strings"
)

// fargateSize is one CPU size of Fargate with the memory sizes it allows:
// from minMemory to maxMemory in steps of stepMemory, all in MiB.
type fargateSize struct {
	cpu                              int
	minMemory, maxMemory, stepMemory int
}

// fargateSizes is the table of valid task sizes, from the ECS developer
// guide ("Task CPU and memory"), cheapest first.
var fargateSizes = []fargateSize{
	{256, 512, 2048, 1024},
	{512, 1024, 4096, 1024},
	{1024, 2048, 8192, 1024},
	{2048, 4096, 16384, 1024},
	{4096, 8192, 30720, 1024},
	{8192, 16384, 61440, 4096},
	{16384, 32768, 122880, 8192},
}

func (s fargateSize) allows(memory int) bool {
	if memory < s.minMemory || memory > s.maxMemory {
		return false
	}
	// 256 CPU allows 512 and then whole GiB, the one irregular row.
	if s.cpu == 256 {
		return memory == 512 || memory%1024 == 0
	}
	return (memory-s.minMemory)%s.stepMemory == 0
}

func (s fargateSize) memories() []int {
	var out []int
	if s.cpu == 256 {
		out = append(out, 512)
	}
	first := s.minMemory
	if s.cpu == 256 {
		first = 1024
	}
	for m := first; m <= s.maxMemory; m += s.stepMemory {
		out = append(out, m)
	}
	return out
}

// smallestFargateSize picks the cheapest valid size with at least cpu
// units and memory MiB; CPU dominates Fargate's price, so fewer CPU units
// win over less memory. Sizes beyond the table fall back to the largest.
func smallestFargateSize(cpu, memory int) (int, int) {
	for _, s := range fargateSizes {
		if s.cpu < cpu {
			continue
		}
		for _, m := range s.memories() {
			if m >= memory {
				return s.cpu, m
			}
		}
	}
	last := fargateSizes[len(fargateSizes)-1]
	return last.cpu, last.maxMemory
}

// validateFargateSize checks a task's explicit cpu and memory against the
// Fargate table, and explains the valid choices when they do not fit.
func validateFargateSize(v *Errors, path string, cpu, memory *int) {
	var row *fargateSize
	if cpu != nil {
		for i := range fargateSizes {
			if fargateSizes[i].cpu == *cpu {
				row = &fargateSizes[i]
			}
		}
		if row == nil {
			v.add(field(path, "cpu"), "%d is not a Fargate size: use one of 256, 512, 1024, 2048, 4096, 8192, 16384", *cpu)
			return
		}
	}
	if memory == nil {
		return
	}
	if row == nil {
		for i := range fargateSizes {
			if fargateSizes[i].allows(*memory) {
				return
			}
		}
		v.add(field(path, "memory"), "%d MiB is not a Fargate size: use 512, a multiple of 1024 up to 30720, of 4096 up to 61440, or of 8192 up to 122880", *memory)
		return
	}
	if !row.allows(*memory) {
		v.add(field(path, "memory"), "%d MiB does not go with cpu %d on Fargate: use %s", *memory, row.cpu, describeMemories(row.memories()))
	}
}

func describeMemories(ms []int) string {
	if len(ms) <= 4 {
		parts := make([]string, len(ms))
		for i, m := range ms {
			parts[i] = fmt.Sprint(m)
		}
		return strings.Join(parts, ", ")
	}
	return fmt.Sprintf("%d to %d in steps of %d", ms[0], ms[len(ms)-1], ms[len(ms)-1]-ms[len(ms)-2])
}
