package image

import (
	"bytes"
	"fmt"
	"io"
	"sync"
)

// logMu serialises writes to the shared output, so lines of builds
// running in parallel interleave whole, never mid-line.
var logMu sync.Mutex

// prefixWriter writes each complete line to out as "name | line", and
// remembers the last lines for an error message.
type prefixWriter struct {
	out     io.Writer
	prefix  []byte
	partial []byte
	tail    []string
}

func newPrefixWriter(out io.Writer, name string) *prefixWriter {
	if out == nil {
		out = io.Discard
	}
	return &prefixWriter{out: out, prefix: []byte(name + " | ")}
}

func (w *prefixWriter) Write(p []byte) (int, error) {
	w.partial = append(w.partial, p...)
	for {
		i := bytes.IndexByte(w.partial, '\n')
		if i < 0 {
			return len(p), nil
		}
		w.line(w.partial[:i])
		w.partial = w.partial[i+1:]
	}
}

// Flush writes a last line that had no line break.
func (w *prefixWriter) Flush() {
	if len(w.partial) > 0 {
		w.line(w.partial)
		w.partial = nil
	}
}

// Tail returns up to n of the last lines written.
func (w *prefixWriter) Tail(n int) []string {
	return w.tail[max(0, len(w.tail)-n):]
}

func (w *prefixWriter) line(l []byte) {
	l = bytes.TrimRight(l, "\r")
	w.tail = append(w.tail, string(l))
	if len(w.tail) > 4*tailLines {
		w.tail = append(w.tail[:0], w.tail[len(w.tail)-tailLines:]...)
	}
	logMu.Lock()
	defer logMu.Unlock()
	w.out.Write(append(append(append([]byte{}, w.prefix...), l...), '\n'))
}

// logf writes one line of ecsgen's own to an image's output.
func logf(src Source, format string, args ...any) {
	w := newPrefixWriter(src.Log, src.Name)
	fmt.Fprintf(w, format+"\n", args...)
}
