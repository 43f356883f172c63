package model_test

import (
	"bytes"
	"errors"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/ecsgen/ecsgen/internal/golden"
	"github.com/ecsgen/ecsgen/pkg/model"
	"github.com/google/go-cmp/cmp"
)

// fuzzFile is the file name the fuzzer's manifests are parsed under; every
// rendered problem must name it.
const fuzzFile = "fuzz.yaml"

// FuzzParseManifest checks that any bytes either decode to an app that
// validates, or give an *model.Errors the CLI can print as promised: one
// problem per line, each naming the file, and the line when it is about a
// field.
func FuzzParseManifest(f *testing.F) {
	golden.AddSeeds(f, "../..")
	f.Fuzz(func(t *testing.T, data []byte) {
		app, err := model.ParseManifest(fuzzFile, data)
		if err != nil {
			if app != nil {
				t.Fatalf("ParseManifest returned both an app and an error: %v", err)
			}
			checkErrors(t, data, err)
		} else {
			if app == nil {
				t.Fatal("ParseManifest returned neither an app nor an error")
			}
			// Decoding validates; a Go program calling Validate on the
			// same app must not find what the manifest front end missed.
			if verr := app.Validate(); verr != nil {
				t.Fatalf("ParseManifest accepted the manifest but Validate rejects the app:\n%v", verr)
			}
		}

		// Same input, same result: the error text is what the golden
		// files pin, and an app that differs between runs would make
		// synth non-deterministic.
		app2, err2 := model.ParseManifest(fuzzFile, data)
		if fuzzErrText(err) != fuzzErrText(err2) {
			t.Fatalf("two parses of the same input gave different errors:\n%s", cmp.Diff(fuzzErrText(err), fuzzErrText(err2)))
		}
		if !reflect.DeepEqual(app, app2) {
			t.Fatalf("two parses of the same input gave different apps (-first +second):\n%s", cmp.Diff(app, app2))
		}
	})
}

// checkErrors holds err to what ParseManifest promises: an *model.Errors
// for this file, with at least one problem, each with a message, sorted to
// read top to bottom, rendered one per line as file:line: path: message.
func checkErrors(t *testing.T, data []byte, err error) {
	t.Helper()
	var errs *model.Errors
	if !errors.As(err, &errs) {
		t.Fatalf("error is %T, want *model.Errors: %v", err, err)
	}
	if errs.File != fuzzFile {
		t.Errorf("Errors.File = %q, want %q", errs.File, fuzzFile)
	}
	if len(errs.List) == 0 {
		t.Fatal("ParseManifest returned an *model.Errors with no problems in it")
	}
	maxLine := lineCount(data)
	prevLine := 0
	for i, fe := range errs.List {
		if strings.TrimSpace(fe.Msg) == "" {
			t.Errorf("problem %d (path %q) has an empty message", i, fe.Path)
		}
		if fe.Pos.Line < 0 || fe.Pos.Column < 0 {
			t.Errorf("problem %d (%v) has a negative position %+v", i, fe, fe.Pos)
		}
		// A problem with a field always has a line: the decoder records
		// one for every key, and a missing field is placed at its
		// nearest enclosing one.
		if fe.Path != "" && fe.Pos.Line == 0 {
			t.Errorf("problem %d (%v) names a field but has no line", i, fe)
		}
		if fe.Pos.Line > maxLine {
			t.Errorf("problem %d (%v) is on line %d, past the end of the input (at most line %d)", i, fe, fe.Pos.Line, maxLine)
		}
		if fe.Pos.Line < prevLine {
			t.Errorf("problem %d (%v) on line %d comes after one on line %d; problems must read top to bottom", i, fe, fe.Pos.Line, prevLine)
		}
		prevLine = fe.Pos.Line
	}

	// The CLI prints Error() indented under a count of problems, so it
	// must hold exactly one problem per line, each starting with the file
	// (and its line, when it has one).
	lines := strings.Split(errs.Error(), "\n")
	if len(lines) != len(errs.List) {
		t.Fatalf("Error() has %d lines for %d problems; each problem must be one line:\n%s", len(lines), len(errs.List), errs.Error())
	}
	for i, fe := range errs.List {
		prefix := fuzzFile + ": "
		if fe.Pos.Line > 0 {
			prefix = fuzzFile + ":" + strconv.Itoa(fe.Pos.Line) + ": "
		}
		if !strings.HasPrefix(lines[i], prefix) {
			t.Errorf("line %d of Error() is %q, want it to start with %q", i+1, lines[i], prefix)
		}
	}
}

// lineCount is an upper bound on the line a problem can be reported on.
// YAML breaks lines at \n, at \r alone, and at NEL, LS and PS; and yaml.v3
// puts the implicit null of an empty document on the line after its `---`,
// even when the input ends there ("---" alone is reported on line 2), so
// one line past the last is allowed.
func lineCount(data []byte) int {
	n := 2
	for _, br := range [][]byte{[]byte("\n"), []byte("\r"), []byte("\u0085"), []byte("\u2028"), []byte("\u2029")} {
		n += bytes.Count(data, br)
	}
	return n
}

func fuzzErrText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
