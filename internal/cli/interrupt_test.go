package cli

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/renameio/v2"
)

// TestInterruptRemovesTheTemporaryFile is what a signal does mid-write:
// the temporary file beside the template goes, and no write can finish.
func TestInterruptRemovesTheTemporaryFile(t *testing.T) {
	dir := t.TempDir()
	f, err := renameio.NewPendingFile(filepath.Join(dir, "t.json"), renameio.WithTempDir(dir))
	if err != nil {
		t.Fatal(err)
	}
	pending.file = f
	removePending()
	defer func() { pending.file = nil; pending.Unlock() }()
	if pending.TryLock() {
		t.Error("the lock was released: a write could still finish before the exit")
	}
	if entries, err := os.ReadDir(dir); err != nil || len(entries) > 0 {
		t.Errorf("%d files left in %s (%v), want none", len(entries), dir, err)
	}
}
