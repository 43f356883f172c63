package main

import (
	"testing"

	"github.com/ecsgen/ecsgen/internal/testenv"
)

// TestMain stops the moto servers the deploy tests start and removes the
// programs they build.
func TestMain(m *testing.M) { testenv.Main(m) }
