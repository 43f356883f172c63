package main

import (
	"testing"

	"github.com/ecsgen/ecsgen/internal/testenv"
)

// TestMain removes the programs the tests build.
func TestMain(m *testing.M) { testenv.Main(m) }
