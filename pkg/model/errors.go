package model

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// Pos is a place in a manifest file. The zero Pos means "not from a file",
// as for an App built by a Go program.
type Pos struct {
	Line   int
	Column int
}

// A FieldError is one problem with one field, named by its path in the
// manifest (services.web.desiredCount). The path is what both front ends
// share: the manifest front end adds the file and line, a Go program prints
// the path alone.
type FieldError struct {
	Path string
	Msg  string
	Pos  Pos
}

func (e FieldError) Error() string {
	s := e.Msg
	if e.Path != "" {
		s = e.Path + ": " + e.Msg
	}
	// A key or value from the manifest may hold line breaks; escaped, each
	// problem stays on one line.
	return lineBreaks.Replace(s)
}

var lineBreaks = strings.NewReplacer("\n", `\n`, "\r", `\r`)

// Errors is every problem found in one model, so that a user with three
// mistakes fixes them in one run instead of three.
type Errors struct {
	// File is the manifest the problems are in; empty for Go programs.
	File string
	List []FieldError
}

// maxShown is how many problems Error renders; past it, a count stands
// for the rest, as compilers do, so a broken file cannot flood a terminal.
const maxShown = 100

// Error renders one problem per line as file:line: path: message.
func (e *Errors) Error() string {
	var b strings.Builder
	for i, fe := range e.List {
		if i == maxShown {
			fmt.Fprintf(&b, "\n... and %d more problems", len(e.List)-maxShown)
			break
		}
		if i > 0 {
			b.WriteByte('\n')
		}
		if e.File != "" {
			b.WriteString(e.File)
			b.WriteByte(':')
			if fe.Pos.Line > 0 {
				b.WriteString(strconv.Itoa(fe.Pos.Line))
				b.WriteByte(':')
			}
			b.WriteByte(' ')
		}
		b.WriteString(fe.Error())
	}
	return b.String()
}

// add records a problem at path.
func (e *Errors) add(path, format string, args ...any) {
	e.List = append(e.List, FieldError{Path: path, Msg: fmt.Sprintf(format, args...)})
}

// orNil returns e when it holds problems, sorted by position then path so
// the output reads top to bottom like the file, and nil otherwise.
func (e *Errors) orNil() error {
	if len(e.List) == 0 {
		return nil
	}
	sort.SliceStable(e.List, func(i, j int) bool {
		a, b := e.List[i], e.List[j]
		if a.Pos.Line != b.Pos.Line {
			return a.Pos.Line < b.Pos.Line
		}
		return a.Path < b.Path
	})
	return e
}

// locate gives every problem the position of its field, or of the nearest
// enclosing field that has one (a missing field has no line of its own, so
// the error points at the block it should be in).
func (e *Errors) locate(positions map[string]Pos) {
	for i := range e.List {
		fe := &e.List[i]
		if fe.Pos.Line > 0 {
			continue
		}
		for p := fe.Path; ; p = parentPath(p) {
			if pos, ok := positions[p]; ok {
				fe.Pos = pos
				break
			}
			if p == "" {
				break
			}
		}
	}
}

// field and index build the paths used in errors and positions.
func field(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

func index(path string, i int) string {
	return path + "[" + strconv.Itoa(i) + "]"
}

func parentPath(p string) string {
	i := strings.LastIndexAny(p, ".[")
	if i < 0 {
		return ""
	}
	return p[:i]
}
