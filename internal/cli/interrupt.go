package cli

import (
	"context"
	"os"
	"os/signal"
	"path/filepath"
	"sync"
	"syscall"

	"github.com/google/renameio/v2"
	"github.com/spf13/cobra"
)

// pending is the temporary file of the template being written, if any. A
// signal that arrives while it exists removes it before the process exits,
// so an interrupted synth never leaves a stray `.name123` file beside the
// template. The lock makes "create or rename" and "clean up and exit"
// exclusive: a signal either finds the temporary file or a finished write.
var pending struct {
	sync.Mutex
	file *renameio.PendingFile
}

// ExitOnSignal makes SIGINT and SIGTERM remove the pending temporary file
// and exit with the shell's code for the signal (128+n), even while the
// command is blocked reading a manifest from a pipe.
func ExitOnSignal() {
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, os.Interrupt, syscall.SIGTERM)
	go func() {
		sig := <-signals
		removePending()
		os.Exit(128 + int(sig.(syscall.Signal)))
	}()
}

// Interruptible is a context that Ctrl-C (or SIGTERM) cancels, so that
// the commands that wait on AWS can say what goes on without ecsgen. It
// takes the signals over from ExitOnSignal, whose exit at once suits
// synth's file writes but would leave a deploy without a word about the
// stack CloudFormation is changing.
func Interruptible(cmd *cobra.Command) (context.Context, context.CancelFunc) {
	signal.Reset(os.Interrupt, syscall.SIGTERM)
	return signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
}

// removePending removes the temporary file of a write in progress and
// keeps the lock, so that no write starts or ends before the exit.
func removePending() {
	pending.Lock()
	if pending.file != nil {
		pending.file.Cleanup()
	}
}

// writeAtomically writes data to path through a temporary file in the
// same directory, renamed over path once complete: a failed or interrupted
// write never leaves half a template. An existing file keeps its mode.
func writeAtomically(path string, data []byte) error {
	pending.Lock()
	f, err := renameio.NewPendingFile(path, renameio.WithTempDir(filepath.Dir(path)), renameio.WithPermissions(0o644), renameio.WithExistingPermissions())
	pending.file = f
	pending.Unlock()
	if err != nil {
		return err
	}
	defer func() {
		pending.Lock()
		pending.file.Cleanup() // after a successful replace, a no-op
		pending.file = nil
		pending.Unlock()
	}()
	if _, err := f.Write(data); err != nil {
		return err
	}
	pending.Lock()
	defer pending.Unlock()
	return f.CloseAtomicallyReplace()
}
