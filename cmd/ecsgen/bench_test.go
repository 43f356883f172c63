package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ecsgen/ecsgen/pkg/cfn"
	"github.com/ecsgen/ecsgen/pkg/model"
)

// BenchmarkSynthNginx measures the seed's example from manifest bytes to
// template bytes: decode, validate, expand, render.
func BenchmarkSynthNginx(b *testing.B) {
	data, err := os.ReadFile(filepath.Join(examplesDir, "nginx", "ecsgen.yaml"))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		app, err := model.ParseManifest("ecsgen.yaml", data)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := synth(app, "json"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSynthServices measures how synth grows with the number of
// load-balanced services. Past about 40 services a template passes
// CloudFormation's 500-resource limit; synth still does all its work
// before saying so, which is what this measures.
func BenchmarkSynthServices(b *testing.B) {
	for _, n := range []int{10, 100, 1000} {
		data := []byte(manyServices(n))
		b.Run(fmt.Sprintf("services=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				app, err := model.ParseManifest("ecsgen.yaml", data)
				if err != nil {
					b.Fatal(err)
				}
				if _, err := synth(app, "json"); err != nil && !errors.Is(err, cfn.ErrOverLimit) {
					b.Fatal(err)
				}
			}
		})
	}
}

// manyServices is a manifest of n services, each behind its own listener.
func manyServices(n int) string {
	var b strings.Builder
	b.WriteString("name: many\nlisteners:\n")
	for i := range n {
		fmt.Fprintf(&b, "  l%d: {port: 80}\n", i)
	}
	b.WriteString("services:\n")
	for i := range n {
		fmt.Fprintf(&b, "  s%d:\n    desiredCount: 2\n    taskDefinition:\n      containers:\n        web:\n          image: nginx\n          memory: 128\n          portMappings: [{listener: l%d}]\n", i, i)
	}
	return b.String()
}
