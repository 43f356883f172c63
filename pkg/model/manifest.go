package model

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"reflect"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"
)

// MaxManifestBytes is the largest manifest ecsgen reads, far beyond any
// real app (a thousand services take some 100 KB) and small enough that
// parsing the worst YAML of this size stays within a few hundred MB.
const MaxManifestBytes = 2 << 20

// Manifest is an app as read from a manifest file, with where each of its
// fields is, so that problems found after validation (two names that
// become one logical ID in the template) can name their line too.
type Manifest struct {
	App       *App
	File      string
	positions map[string]Pos
}

// Locate gives the problems in err that have no file (those found by
// later stages of the pipeline, which see only the app) this manifest's
// file and the line of each problem's field. Other errors pass unchanged.
func (m *Manifest) Locate(err error) error {
	var e *Errors
	if !errors.As(err, &e) || e.File != "" {
		return err
	}
	located := &Errors{File: m.File, List: append([]FieldError(nil), e.List...)}
	located.locate(m.positions)
	return located.orNil()
}

// LoadManifest reads, decodes and validates the manifest at path. Every
// problem comes back at once in an *Errors that names the file, line and
// field of each.
func LoadManifest(path string) (*App, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ReadManifest(path, f)
}

// ReadManifest reads a manifest from r, named file in errors, then decodes
// and validates it, as Decode does.
func ReadManifest(file string, r io.Reader) (*App, error) {
	m, err := Decode(file, r)
	if err != nil {
		return nil, err
	}
	return m.App, nil
}

// Decode reads a manifest from r, named file in errors, then decodes and
// validates it, keeping where each field is. It reads at most
// MaxManifestBytes: a manifest larger than that (or an endless stream such
// as /dev/zero) is refused without being held in memory whole.
func Decode(file string, r io.Reader) (*Manifest, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxManifestBytes+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxManifestBytes {
		return nil, &Errors{File: file, List: []FieldError{{Msg: fmt.Sprintf("is larger than %d MiB, the most a manifest may be; is it the right file?", MaxManifestBytes>>20)}}}
	}
	return decodeManifest(file, data)
}

// ParseManifest decodes and validates a manifest; file names it in errors.
func ParseManifest(file string, data []byte) (*App, error) {
	m, err := decodeManifest(file, data)
	if err != nil {
		return nil, err
	}
	return m.App, nil
}

func decodeManifest(file string, data []byte) (*Manifest, error) {
	errs := &Errors{File: file}
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			errs.add("", "the manifest is empty; start with `name:` and a `services:` section (see the README)")
		} else {
			errs.List = append(errs.List, syntaxError(data, err))
		}
		return nil, errs
	}
	var extra yaml.Node
	switch err := dec.Decode(&extra); {
	case err == nil:
		errs.List = append(errs.List, FieldError{Msg: "holds more than one YAML document (a line of ---); keep one app per manifest", Pos: Pos{Line: extra.Line}})
		return nil, errs
	case !errors.Is(err, io.EOF):
		errs.List = append(errs.List, syntaxError(data, err))
		return nil, errs
	}
	root := doc.Content[0]
	if root.Kind == yaml.ScalarNode && root.Tag == "!!null" {
		errs.add("", "the manifest is empty; start with `name:` and a `services:` section (see the README)")
		return nil, errs
	}
	if root.Kind != yaml.MappingNode {
		errs.List = append(errs.List, FieldError{Msg: "must be a mapping with name: and services:, got " + describe(root), Pos: Pos{Line: root.Line}})
		return nil, errs
	}
	d := &decoder{positions: map[string]Pos{"": {Line: root.Line, Column: root.Column}}}
	var app App
	d.decode(root, reflect.ValueOf(&app).Elem(), "")
	if d.nodes > maxNodes {
		// The model is cut short; anything said about it would be noise.
		errs.List = []FieldError{{Msg: fmt.Sprintf("expands to more than %d values through YAML aliases; write it out without nesting aliases", maxNodes)}}
		return nil, errs
	}
	app.validate(errs)
	errs.locate(d.positions)
	errs.List = append(withoutDecoded(errs.List, d.errs.List), d.errs.List...)
	if err := errs.orNil(); err != nil {
		return nil, err
	}
	return &Manifest{App: &app, File: file, positions: d.positions}, nil
}

var syntaxPrefix = lazyRegexp(`^yaml: (line \d+: )?`)

// syntaxError turns a YAML parser error into a FieldError on the line
// that holds the mistake.
func syntaxError(data []byte, err error) FieldError {
	msg := syntaxMessage(err)
	if strings.Contains(msg, "cannot start any token") {
		msg += " (a tab? YAML indents with spaces only)"
	}
	return FieldError{Msg: "is not valid YAML: " + msg, Pos: Pos{Line: syntaxErrorLine(data, err)}}
}

// syntaxMessage is a parser error without yaml.v3's prefix and line.
func syntaxMessage(err error) string {
	return syntaxPrefix().ReplaceAllString(err.Error(), "")
}

// syntaxErrorLine finds the line a syntax error is on. yaml.v3 names the
// line where the enclosing block or flow collection starts, often far
// above the mistake, and keeps the line of the mistake itself to itself.
// The parser stops at the first error, so the file's first lines fail
// with the same message exactly when they reach the mistake: the shortest
// such prefix ends on its line, found by bisection.
func syntaxErrorLine(data []byte, err error) int {
	msg := syntaxMessage(err)
	var ends []int // ends[k] is the offset after line k+1
	for i, b := range data {
		if b == '\n' {
			ends = append(ends, i+1)
		}
	}
	if len(data) > 0 && data[len(data)-1] != '\n' {
		ends = append(ends, len(data))
	}
	k := sort.Search(len(ends), func(k int) bool {
		err := parseAll(data[:ends[k]])
		return err != nil && syntaxMessage(err) == msg
	})
	if k == len(ends) {
		return 0 // no prefix fails alike; say no line rather than a wrong one
	}
	return k + 1
}

// parseAll parses every YAML document in data and returns the first error.
func parseAll(data []byte) error {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	for {
		var n yaml.Node
		if err := dec.Decode(&n); err != nil {
			if errors.Is(err, io.EOF) {
				return nil
			}
			return err
		}
	}
}

// withoutDecoded drops validation problems about fields that already failed
// to decode: "must be >= 0" says nothing new after "must be a whole number",
// nor does "needs a containerPort" on the mapping whose containerPort it was.
func withoutDecoded(validated, decoded []FieldError) []FieldError {
	bad := make(map[string]bool, 2*len(decoded))
	for _, e := range decoded {
		bad[e.Path] = true
		if _, last, _ := strings.Cut(e.Path[len(parentPath(e.Path)):], "."); last != "" {
			bad[parentPath(e.Path)] = true // a field's, not a list item's
		}
	}
	out := validated[:0]
	for _, e := range validated {
		if !bad[e.Path] {
			out = append(out, e)
		}
	}
	return out
}
