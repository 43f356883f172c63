package importer

import (
	"bytes"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/ecsgen/ecsgen/pkg/model"
	"go.yaml.in/yaml/v3"
)

// Write renders the result as an ecsgen manifest: a header naming the
// source and listing what did not map, then the app, with each note above
// the field it explains. The manifest decodes back into r.App.
func Write(r Result) ([]byte, error) {
	root := encode(reflect.ValueOf(r.App), "", r.Notes)
	if root == nil {
		return nil, fmt.Errorf("the imported app is empty")
	}
	root.HeadComment = header(r)
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(root); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func header(r Result) string {
	lines := []string{
		"Written by `ecsgen import` from " + r.Source + ".",
		"Comments explain the importer's choices; review them, then run `ecsgen synth`.",
	}
	if len(r.Report) > 0 {
		lines = append(lines, "", fmt.Sprintf("Not imported (%d, also printed by ecsgen import):", len(r.Report)))
		for _, it := range r.Report {
			lines = append(lines, "- "+it.String())
		}
	}
	return comment(strings.Join(lines, "\n"))
}

// comment prefixes every line with "# ", as yaml.v3 wants comments.
// Notes and report items quote the source, which may hold bytes that are
// not UTF-8 or control characters: the emitter cannot write those.
func comment(text string) string {
	text = strings.Map(func(r rune) rune {
		if r != '\n' && (unicode.IsControl(r) || r == utf8.RuneError) {
			return '\uFFFD'
		}
		return r
	}, strings.ToValidUTF8(text, "\uFFFD"))
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight("# "+l, " ")
	}
	return strings.Join(lines, "\n")
}

var (
	imageType    = reflect.TypeFor[model.Image]()
	logGroupType = reflect.TypeFor[model.LogGroup]()
	taskRoleType = reflect.TypeFor[model.TaskRole]()
)

// encode turns a model value into a YAML node, or nil when the value is
// unset and the manifest should leave it out. A set pointer is always
// written, even to a zero value: desiredCount: 0 and essential: false
// mean something.
func encode(v reflect.Value, path string, notes map[string]string) *yaml.Node {
	return encodeValue(v, path, notes, false)
}

// encodeValue is encode; set says the value was given (it sits behind a
// pointer, or is an entry of a map or list), so a zero value is written
// rather than left out.
func encodeValue(v reflect.Value, path string, notes map[string]string, set bool) *yaml.Node {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return nil
		}
		n := encodeValue(v.Elem(), path, notes, true)
		if n == nil { // an empty struct: declared with every default
			n = &yaml.Node{Kind: yaml.MappingNode, Style: yaml.FlowStyle}
		}
		return n
	case reflect.Struct:
		switch v.Type() {
		case imageType:
			if name := v.Interface().(model.Image).Name; name != "" {
				return scalar("!!str", name)
			}
		case logGroupType:
			lg := v.Interface().(model.LogGroup)
			switch {
			case lg.Disabled:
				return scalar("!!bool", "false")
			case lg.Existing != "":
				return scalar("!!str", lg.Existing)
			}
		case taskRoleType:
			if arn := v.Interface().(model.TaskRole).Arn; arn != "" {
				return scalar("!!str", arn)
			}
		}
		return encodeStruct(v, path, notes)
	case reflect.Map:
		if v.Len() == 0 {
			return nil
		}
		n := &yaml.Node{Kind: yaml.MappingNode}
		keys := v.MapKeys()
		slices.SortFunc(keys, func(a, b reflect.Value) int { return strings.Compare(a.String(), b.String()) })
		for _, k := range keys {
			p := Field(path, k.String())
			val := encodeValue(v.MapIndex(k), p, notes, true)
			if val == nil {
				val = &yaml.Node{Kind: yaml.MappingNode, Style: yaml.FlowStyle}
			}
			n.Content = append(n.Content, key(k.String(), p, notes), val)
		}
		return n
	case reflect.Slice:
		if v.Len() == 0 {
			return nil
		}
		n := &yaml.Node{Kind: yaml.SequenceNode}
		for i := range v.Len() {
			item := encodeValue(v.Index(i), Index(path, i), notes, true)
			if item == nil {
				item = &yaml.Node{Kind: yaml.MappingNode, Style: yaml.FlowStyle}
			}
			n.Content = append(n.Content, item)
		}
		return n
	case reflect.String:
		if v.String() == "" && !set {
			return nil
		}
		return scalar("!!str", v.String())
	case reflect.Int:
		if v.Int() == 0 && !set {
			return nil
		}
		return scalar("!!int", strconv.FormatInt(v.Int(), 10))
	case reflect.Bool:
		if !v.Bool() && !set {
			return nil
		}
		return scalar("!!bool", strconv.FormatBool(v.Bool()))
	}
	panic(fmt.Sprintf("importer: no YAML form for %s at %s", v.Type(), path))
}

// encodeStruct writes a struct's set fields in declaration order, with
// inline fields (a task's taskDefinition) flattened into it.
func encodeStruct(v reflect.Value, path string, notes map[string]string) *yaml.Node {
	n := &yaml.Node{Kind: yaml.MappingNode}
	for i := range v.NumField() {
		f := v.Type().Field(i)
		name, opts, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		switch {
		case name == "-" || !f.IsExported():
			continue
		case opts == "inline":
			if inner := encodeStruct(v.Field(i), path, notes); inner != nil {
				n.Content = append(n.Content, inner.Content...)
			}
			continue
		}
		p := Field(path, name)
		if val := encode(v.Field(i), p, notes); val != nil {
			n.Content = append(n.Content, key(name, p, notes), val)
		}
	}
	if len(n.Content) == 0 {
		return nil
	}
	return n
}

func key(name, path string, notes map[string]string) *yaml.Node {
	k := scalar("!!str", name)
	if note := notes[path]; note != "" {
		k.HeadComment = comment(note)
	}
	return k
}

func scalar(tag, value string) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: value}
}
