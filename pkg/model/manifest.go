package model

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"reflect"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// LoadManifest reads, decodes and validates the manifest at path. Every
// problem comes back at once in an *Errors that names the file, line and
// field of each.
func LoadManifest(path string) (*App, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return ParseManifest(path, data)
}

// ParseManifest decodes and validates a manifest; file names it in errors.
func ParseManifest(file string, data []byte) (*App, error) {
	errs := &Errors{File: file}
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			errs.add("", "the manifest is empty; start with `name:` and a `services:` section (see the README)")
		} else {
			errs.List = append(errs.List, syntaxError(err))
		}
		return nil, errs
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		errs.List = append(errs.List, FieldError{Msg: "holds more than one YAML document; keep one app per manifest", Pos: Pos{Line: extra.Line}})
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
	return &app, nil
}

var syntaxLine = lazyRegexp(`^yaml: line (\d+): (.*)$`)

// syntaxError turns a YAML parser error into a FieldError with its line.
func syntaxError(err error) FieldError {
	m := syntaxLine().FindStringSubmatch(err.Error())
	if m == nil {
		return FieldError{Msg: "is not valid YAML: " + strings.TrimPrefix(err.Error(), "yaml: ")}
	}
	line, _ := strconv.Atoi(m[1])
	msg := m[2]
	if strings.Contains(msg, "cannot start any token") {
		msg += " (a tab? YAML indents with spaces only)"
	}
	return FieldError{Msg: "is not valid YAML: " + msg, Pos: Pos{Line: line}}
}

// withoutDecoded drops validation problems about fields that already failed
// to decode: "must be >= 0" says nothing new after "must be a whole number".
func withoutDecoded(validated, decoded []FieldError) []FieldError {
	bad := make(map[string]bool, len(decoded))
	for _, e := range decoded {
		bad[e.Path] = true
	}
	out := validated[:0]
	for _, e := range validated {
		if !bad[e.Path] {
			out = append(out, e)
		}
	}
	return out
}
