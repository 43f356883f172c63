package image

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"time"
)

// command is an external program a build runs.
type command struct {
	dir  string
	env  []string // added to ecsgen's own environment
	args []string
	// scratch is added to the environment too, but left out of the line
	// to rerun: it names files of the build's work directory, gone by
	// then, and the command runs without them.
	scratch []string
	// rerunNote, if set, follows the line to rerun: what the rerun needs
	// that the line cannot carry.
	rerunNote string
}

// String is the command as a shell line, to copy and run alone.
func (c command) String() string {
	var b strings.Builder
	if c.dir != "" {
		b.WriteString("cd " + shellQuote(c.dir) + " && ")
	}
	for _, e := range c.env {
		b.WriteString(shellQuote(e) + " ")
	}
	for i, a := range c.args {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(shellQuote(a))
	}
	return b.String()
}

// tailLines is how much of a failed build's output its error repeats:
// enough for a compiler error or a failing RUN step, while the whole
// output was already printed above, interleaved with parallel builds.
const tailLines = 15

// stopGrace is how long a cancelled command has to stop after its
// interrupt, before it is killed and its output no longer waited for.
const stopGrace = 5 * time.Second

// run runs c with its output prefixed by the image's name; a failure
// repeats the last lines and the command to rerun it alone. Cancelling ctx
// interrupts c, as Ctrl-C in a terminal does (buildah and podman then
// clean up after themselves), and returns ctx's error.
func run(ctx context.Context, src Source, c command) error {
	out := newPrefixWriter(src.Log, src.Name)
	cmd := exec.CommandContext(ctx, c.args[0], c.args[1:]...)
	cmd.Dir = c.dir
	cmd.Env = append(append(os.Environ(), c.env...), c.scratch...)
	cmd.Stdout, cmd.Stderr = out, out
	cmd.Cancel = func() error {
		// Windows has no interrupt to send a process: kill it there.
		if err := cmd.Process.Signal(os.Interrupt); err != nil {
			return cmd.Process.Kill()
		}
		return nil
	}
	cmd.WaitDelay = stopGrace
	err := cmd.Run()
	out.Flush()
	if err == nil {
		return nil
	}
	if ctx.Err() != nil {
		return ctx.Err()
	}
	var tail strings.Builder
	for _, l := range out.Tail(tailLines) {
		tail.WriteString("\n    " + l)
	}
	rerun := c.String()
	if c.rerunNote != "" {
		rerun += "\n  " + c.rerunNote
	}
	return fmt.Errorf("%s: %s failed (%v); its last lines:%s\n  rerun it alone with:\n    %s", src.Name, c.args[0], err, tail.String(), rerun)
}

func shellQuote(s string) string {
	if s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_./:=@,+%", r))
	}) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
