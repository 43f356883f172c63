package model

import (
	"fmt"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/agnivade/levenshtein"
	"go.yaml.in/yaml/v3"
)

// decoder fills the model's Go types from a YAML node tree. yaml.v3 can
// decode strictly on its own, but it names Go types instead of manifest
// paths and cannot say where a later semantic error is; walking the nodes
// ourselves gives every problem a path and a line, and lets decoding go on
// past the first mistake.
type decoder struct {
	errs      Errors
	positions map[string]Pos
	// nodes counts the nodes decoded; aliases can make a small manifest
	// stand for an exponentially large one ("billion laughs"), so decoding
	// stops at maxNodes.
	nodes int
}

// maxNodes bounds the decoded size of a manifest: far beyond any real app
// (CloudFormation's 500 resources hold some 50 services, a few thousand
// nodes; a thousand services decode to about 30,000), far below what
// would exhaust time or memory.
const maxNodes = 100_000

// nodeDecoder is implemented by the model's union types (an image is a
// string or a mapping, a log group is false, a name or a mapping), which
// decide from the node's shape how to read it.
type nodeDecoder interface {
	decodeNode(d *decoder, n *yaml.Node, path string)
}

var nodeDecoderType = reflect.TypeFor[nodeDecoder]()

func (d *decoder) errorf(n *yaml.Node, path, format string, args ...any) {
	d.errs.List = append(d.errs.List, FieldError{
		Path: path,
		Msg:  fmt.Sprintf(format, args...),
		Pos:  Pos{Line: n.Line, Column: n.Column},
	})
}

// decode reads n into v. A null node leaves v untouched: an empty value in
// YAML means "not set", and the validator reports it if it is required.
func (d *decoder) decode(n *yaml.Node, v reflect.Value, path string) {
	if n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	if d.nodes++; d.nodes > maxNodes {
		return // ParseManifest reports it
	}
	if problem := tagProblem(n); problem != "" {
		d.errorf(n, path, "%s", problem)
		return
	}
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return
	}
	if v.Kind() != reflect.Pointer && v.CanAddr() && v.Addr().Type().Implements(nodeDecoderType) {
		v.Addr().Interface().(nodeDecoder).decodeNode(d, n, path)
		return
	}
	switch v.Kind() {
	case reflect.Pointer:
		// Keep the new value only if it is not itself the one that failed
		// (problems inside it are its fields' own), so a bad value reads
		// as unset rather than as zero.
		elem := reflect.New(v.Type().Elem())
		if !v.IsNil() {
			elem.Elem().Set(v.Elem())
		}
		before := len(d.errs.List)
		d.decode(n, elem.Elem(), path)
		if !slices.ContainsFunc(d.errs.List[before:], func(e FieldError) bool { return e.Path == path }) {
			v.Set(elem)
		}
	case reflect.Struct:
		d.decodeStruct(n, v, path)
	case reflect.Map:
		d.decodeMap(n, v, path)
	case reflect.Slice:
		d.decodeSlice(n, v, path)
	case reflect.String:
		if n.Kind != yaml.ScalarNode {
			d.errorf(n, path, "must be a string, got %s", describe(n))
			return
		}
		v.SetString(n.Value)
	case reflect.Int:
		d.decodeInt(n, v, path)
	case reflect.Bool:
		b, problem := boolValue(n)
		if problem != "" {
			d.errorf(n, path, "%s", problem)
			return
		}
		v.SetBool(b)
	default:
		panic(fmt.Sprintf("model: field %s has unsupported kind %s", path, v.Kind()))
	}
}

func (d *decoder) decodeInt(n *yaml.Node, v reflect.Value, path string) {
	i, problem := intValue(n)
	if problem != "" {
		d.errorf(n, path, "%s", problem)
		return
	}
	v.SetInt(int64(i))
}

// entries returns the key/value pairs of a mapping node, reporting
// duplicate and non-string keys: YAML allows both, a manifest must not.
func (d *decoder) entries(n *yaml.Node, path string) [][2]*yaml.Node {
	if n.Kind != yaml.MappingNode {
		d.errorf(n, path, "must be a mapping of key: value, got %s", describe(n))
		return nil
	}
	seen := make(map[string]int, len(n.Content)/2)
	out := make([][2]*yaml.Node, 0, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode || k.Tag == "!!null" {
			d.errorf(k, path, "keys must be plain names, got %s", describe(k))
			continue
		}
		if problem := tagProblem(k); problem != "" {
			d.errorf(k, field(path, k.Value), "%s", problem)
			continue
		}
		if line, dup := seen[k.Value]; dup {
			d.errorf(k, field(path, k.Value), "duplicate key (first defined on line %d); remove one", line)
			continue
		}
		seen[k.Value] = k.Line
		out = append(out, [2]*yaml.Node{k, val})
	}
	return out
}

func (d *decoder) decodeStruct(n *yaml.Node, v reflect.Value, path string) {
	fields := structFields(v.Type())
	for _, kv := range d.entries(n, path) {
		k, val := kv[0], kv[1]
		p := field(path, k.Value)
		f, ok := fields.byName[k.Value]
		if k.Tag == "!!merge" {
			d.errorf(k, path, "YAML merge keys (<<) are not supported; write the fields out")
			continue
		}
		if !ok {
			d.errorf(k, p, "unknown field%s", suggest(k.Value, fields.names))
			continue
		}
		d.positions[p] = Pos{Line: k.Line, Column: k.Column}
		d.decode(val, v.FieldByIndex(f), p)
	}
}

func (d *decoder) decodeMap(n *yaml.Node, v reflect.Value, path string) {
	entries := d.entries(n, path)
	if v.IsNil() {
		v.Set(reflect.MakeMapWithSize(v.Type(), len(entries)))
	}
	for _, kv := range entries {
		k, val := kv[0], kv[1]
		p := field(path, k.Value)
		d.positions[p] = Pos{Line: k.Line, Column: k.Column}
		elem := reflect.New(v.Type().Elem()).Elem()
		if elem.Kind() == reflect.Pointer {
			// `name:` with nothing after it declares the thing with all
			// its defaults, as `vpcs: {main: }` does.
			elem.Set(reflect.New(elem.Type().Elem()))
		}
		d.decode(val, elem, p)
		v.SetMapIndex(reflect.ValueOf(k.Value), elem)
	}
}

func (d *decoder) decodeSlice(n *yaml.Node, v reflect.Value, path string) {
	if n.Kind != yaml.SequenceNode {
		d.errorf(n, path, "must be a list, got %s", describe(n))
		return
	}
	s := reflect.MakeSlice(v.Type(), len(n.Content), len(n.Content))
	for i, item := range n.Content {
		p := index(path, i)
		d.positions[p] = Pos{Line: item.Line, Column: item.Column}
		if isNull(item) {
			// Read as a zero value, `- ` would become an empty string or
			// an entry with every field unset, which the user never wrote.
			d.errorf(item, p, "is empty; remove the `-` or give the item a value")
			continue
		}
		d.decode(item, s.Index(i), p)
	}
	v.Set(s)
}

// isNull reports whether n, or the node an alias names, is YAML's null.
func isNull(n *yaml.Node) bool {
	if n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	return n.Kind == yaml.ScalarNode && n.Tag == "!!null"
}

// describe names what a node is, for "must be X, got Y" messages.
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	}
	switch n.Tag {
	case "!!str":
		return strconv.Quote(n.Value)
	case "!!null":
		return "nothing"
	}
	return n.Value
}

// suggest turns an unknown key into advice: the closest known field when
// it is probably a typo, else the list of fields that are allowed here.
func suggest(key string, known []string) string {
	best, bestDist := "", 3
	for _, name := range known {
		if strings.EqualFold(name, key) {
			return fmt.Sprintf("; did you mean %q? (names are case-sensitive)", name)
		}
		if dist := levenshtein.ComputeDistance(key, name); dist < bestDist {
			best, bestDist = name, dist
		}
	}
	if best != "" {
		return fmt.Sprintf("; did you mean %q?", best)
	}
	return "; expected one of: " + strings.Join(known, ", ")
}

// fieldSet is the manifest view of a struct type: its YAML names, sorted
// for stable messages, and where each lives (inline structs included).
type fieldSet struct {
	byName map[string][]int
	names  []string
}

var fieldCache sync.Map // reflect.Type -> *fieldSet

func structFields(t reflect.Type) *fieldSet {
	if fs, ok := fieldCache.Load(t); ok {
		return fs.(*fieldSet)
	}
	fs := &fieldSet{byName: map[string][]int{}}
	collectFields(t, nil, fs)
	sort.Strings(fs.names)
	fieldCache.Store(t, fs)
	return fs
}

func collectFields(t reflect.Type, prefix []int, fs *fieldSet) {
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		name, opts, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		idx := append(append([]int(nil), prefix...), i)
		if opts == "inline" {
			collectFields(f.Type, idx, fs)
			continue
		}
		if name == "-" || name == "" {
			continue
		}
		fs.byName[name] = idx
		fs.names = append(fs.names, name)
	}
}

// reflectValue is the addressable value behind a pointer, for union types
// that decode their mapping form field by field.
func reflectValue(ptr any) reflect.Value { return reflect.ValueOf(ptr).Elem() }
