package compose

import (
	"io"
	"strings"
	"sync"

	"github.com/sirupsen/logrus"
)

// compose-go warns through logrus's standard logger (a variable that is
// not set, an obsolete key). The warnings belong in the report, not
// scattered on standard error, so loading swaps the logger's output and
// hooks for a collector; the logger is global, hence the lock.
var logMu sync.Mutex

type warnings struct{ msgs []string }

func (w *warnings) Levels() []logrus.Level { return []logrus.Level{logrus.WarnLevel} }

func (w *warnings) Fire(e *logrus.Entry) error {
	w.msgs = append(w.msgs, e.Message)
	return nil
}

// collectWarnings runs load with compose-go's warnings collected.
func collectWarnings[T any](load func() (T, error)) (T, []string, error) {
	logMu.Lock()
	defer logMu.Unlock()
	l := logrus.StandardLogger()
	w := &warnings{}
	hooks := l.ReplaceHooks(logrus.LevelHooks{logrus.WarnLevel: {w}})
	out := l.Out
	l.SetOutput(io.Discard)
	defer func() {
		l.ReplaceHooks(hooks)
		l.SetOutput(out)
	}()
	v, err := load()
	return v, w.msgs, err
}

// warning splits a compose-go warning that starts with a file name into
// the file and the rest.
func warning(msg, dir string) (file, text string) {
	if f, rest, ok := strings.Cut(msg, ": "); ok && strings.HasPrefix(f, "/") {
		return relTo(dir, f), rest
	}
	return "", msg
}
