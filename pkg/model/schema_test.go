package model

import (
	"bytes"
	"encoding/json"
	"errors"
	"io/fs"
	"maps"
	"math"
	"math/big"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/ecsgen/ecsgen/internal/golden"
	"github.com/ecsgen/ecsgen/internal/schemagen"
	"github.com/google/go-cmp/cmp"
	validator "github.com/santhosh-tekuri/jsonschema/v6"
	"go.yaml.in/yaml/v3"
)

const schemaFile = "../../schema/ecsgen.schema.json"

// TestSchemaCommentsUpToDate regenerates schema_comments.go with the code
// go generate runs and compares: a doc comment edited or a field added
// without regenerating would leave the schema describing the old model.
func TestSchemaCommentsUpToDate(t *testing.T) {
	want, err := schemagen.Generate(reflect.TypeFor[App](), "schemaComments")
	if err != nil {
		t.Fatal(err)
	}
	if golden.Updating() {
		if err := os.WriteFile("schema_comments.go", want, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	got, err := os.ReadFile("schema_comments.go")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("schema_comments.go is stale; run `go generate ./pkg/model` and commit it (-fresh +committed):\n%s", diff)
	}
}

// TestSchemaGolden pins the committed schema/ecsgen.schema.json, the file
// editors point at, to what JSONSchema returns.
func TestSchemaGolden(t *testing.T) {
	golden.Check(t, schemaFile, mustSchema(t))
}

// TestSchemaIsDeterministic reflects the schema repeatedly: Go randomizes
// map order, and the committed schema must not change between runs.
func TestSchemaIsDeterministic(t *testing.T) {
	first := mustSchema(t)
	for range 10 {
		if !bytes.Equal(first, mustSchema(t)) {
			t.Fatal("two calls of JSONSchema gave different bytes")
		}
	}
}

// TestSchemaAcceptsWhatSynthAccepts: every manifest the repository keeps
// (examples, goldens, the error corpus, which are also the fuzzers' seeds)
// and every input the fuzzers saved must pass the schema whenever
// ParseManifest accepts it, or editors would mark working manifests as
// wrong.
func TestSchemaAcceptsWhatSynthAccepts(t *testing.T) {
	sch := compileSchema(t)
	inputs := map[string][]byte{}
	for _, m := range golden.Manifests(t, "../..") {
		data, err := os.ReadFile(m)
		if err != nil {
			t.Fatal(err)
		}
		inputs[strings.TrimPrefix(m, "../../")] = data
	}
	for _, dir := range []string{"testdata/fuzz/FuzzParseManifest", "../../cmd/ecsgen/testdata/fuzz/FuzzSynth"} {
		for name, data := range fuzzCorpus(t, dir) {
			inputs[name] = data
		}
	}
	accepted := 0
	for name, data := range inputs {
		if _, err := ParseManifest(name, data); err != nil {
			continue
		}
		accepted++
		t.Run(name, func(t *testing.T) {
			if err := sch.Validate(yamlValue(t, name, data)); err != nil {
				t.Errorf("the schema rejects a manifest synth accepts:\n%v", err)
			}
		})
	}
	if accepted < 20 {
		t.Errorf("only %d of %d manifests parse; the test proves little", accepted, len(inputs))
	}
}

// fuzzCorpus reads the inputs go test -fuzz saved under dir, if any: files
// of "go test fuzz v1" and one []byte("...") line.
func fuzzCorpus(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		_, value, _ := strings.Cut(string(data), "\n")
		quoted, ok := strings.CutPrefix(strings.TrimSpace(value), "[]byte(")
		s, err := strconv.Unquote(strings.TrimSuffix(quoted, ")"))
		if !ok || err != nil {
			t.Fatalf("%s/%s is not a fuzz corpus file of one []byte", dir, e.Name())
		}
		out[filepath.Join(dir, e.Name())] = []byte(s)
	}
	return out
}

// TestSchemaAcceptsEveryForm covers the forms the examples may not use,
// above all each shape of a union type. Each manifest must also pass
// ParseManifest, so the table cannot drift into testing the schema alone.
func TestSchemaAcceptsEveryForm(t *testing.T) {
	sch := compileSchema(t)
	const head = "name: shop\nservices:\n  web:\n    taskDefinition:\n"
	tests := map[string]string{
		"image reference":                head + "      containers: {web: {image: public.ecr.aws/nginx/nginx:1}}",
		"image path":                     head + "      containers: {web: {image: {path: ./app, repository: shop}}}",
		"image build":                    head + "      containers: {web: {image: {build: {context: ./app, args: {V: '1'}, cacheFrom: {stages: [deps]}}}}}",
		"single container":               head + "      container: {image: nginx, essential: true, environment: {A: b}}",
		"log group off":                  head + "      logGroup: false\n      containers: {web: {image: nginx}}",
		"log group name":                 head + "      logGroup: /ecs/shop\n      containers: {web: {image: nginx}}",
		"log group new":                  head + "      logGroup: {retentionInDays: 7}\n      containers: {web: {image: nginx}}",
		"declared with nothing after it": "name: shop\nvpcs:\n  main:\nclusters:\n  c:\n    vpc: main\nservices:\n  web:\n    cluster: c\n    taskDefinition:\n      containers: {web: {image: nginx}}",
		"empty values": head + "      networkMode:\n      logGroup:\n      containers:\n        web:\n          image: nginx\n          essential:\n          environment: {A: }\n          command:\n" +
			"    desiredCount:\n    tags: {team: }",
		"numbers in string maps":  head + "      containers: {web: {image: nginx, environment: {PORT: 8080, RATIO: 0.5, DEBUG: true, HEX: 0x10, BIG: 1_000}}}\n    tags: {cost: 42}",
		"numbers in string lists": head + "      containers: {web: {image: nginx, command: [sleep, 3600, true]}}",
		"YAML 1.2 booleans":       head + "      containers: {web: {image: nginx, essential: True}}\n    waitForSteadyState: FALSE",
		"network listener": "name: shop\nlisteners: {db: {type: network, port: 5432}}\nservices:\n  web:\n    launchType: fargate\n    desiredCount: 0\n" +
			"    taskDefinition: {containers: {web: {image: nginx, portMappings: [{listener: db, containerPort: 5432}]}}}\noutputs: {host: '${listeners.db.endpoint.hostname}'}",
	}
	for name, manifest := range tests {
		t.Run(name, func(t *testing.T) {
			if _, err := ParseManifest("ecsgen.yaml", []byte(manifest)); err != nil {
				t.Fatalf("the test manifest is invalid; fix the table:\n%v", err)
			}
			if err := sch.Validate(yamlValue(t, "ecsgen.yaml", []byte(manifest))); err != nil {
				t.Errorf("the schema rejects a valid manifest:\n%v", err)
			}
		})
	}
}

// TestSchemaRejectsInvalidManifests checks a sample of the error corpus
// that a schema can catch (the rest need cross-references, such as a
// portMapping naming a declared listener). want is part of the validator's
// message, to show the manifest fails for the reason the case is about.
func TestSchemaRejectsInvalidManifests(t *testing.T) {
	sch := compileSchema(t)
	tests := []struct {
		name string
		want string
	}{
		{"unknown-field", "'desiredCont'"},
		{"wrong-case-field", "'DesiredCount'"},
		{"unknown-top-level", "'service'"},
		{"wrong-type-int", "at '/services/web/desiredCount'"},
		{"wrong-type-list", "at '/services/web/taskDefinition/containers/web/command'"},
		{"wrong-type-mapping", "at '/services'"},
		{"memory-string", "at '/services/web/taskDefinition/containers/web/memory'"},
		{"memory-zero", "at '/services/web/taskDefinition/containers/web/memory'"},
		{"memory-fraction", "at '/services/web/taskDefinition/containers/web/memory'"},
		{"many-problems", "at '/listeners/web/type'"},
		{"port-out-of-range", "at '/listeners/web/port'"},
		{"negative-desired-count", "at '/services/web/desiredCount'"},
		{"essential-not-bool", "at '/services/web/taskDefinition/containers/web/essential'"},
		{"missing-name", "'name'"},
		{"no-services", "'services'"},
		{"missing-image", "'image'"},
		{"bad-app-name", "at '/name'"},
		{"bad-service-name", "'web.frontend'"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := sch.Validate(loadYAML(t, filepath.Join("../../testdata/errors", tt.name+".yaml")))
			if err == nil {
				t.Fatal("the schema accepts a manifest synth rejects")
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("the schema rejects the manifest, but its message does not contain %q:\n%v", tt.want, err)
			}
		})
	}
}

// TestSchemaFieldsMatchDecoder compares every struct's properties with the
// fields the decoder accepts, the two views of one model: a difference
// means the editor offers a field synth rejects, or the reverse.
func TestSchemaFieldsMatchDecoder(t *testing.T) {
	// The parts of a schema this test reads; type may be a list, which
	// invopop's Schema cannot unmarshal.
	type object struct {
		Properties  map[string]json.RawMessage `json:"properties"`
		AnyOf       []*object                  `json:"anyOf"`
		Definitions map[string]*object         `json:"$defs"`
	}
	var root object
	if err := json.Unmarshal(mustSchema(t), &root); err != nil {
		t.Fatal(err)
	}
	for _, typ := range schemaTypes(reflect.TypeFor[App]()) {
		s := root.Definitions[typ.Name()]
		if typ == reflect.TypeFor[App]() {
			s = &root
		}
		if s != nil && s.Properties == nil { // a union: its mapping branch
			for _, b := range s.AnyOf {
				if b.Properties != nil {
					s = b
				}
			}
		}
		if s == nil || s.Properties == nil {
			t.Errorf("model.%s has no object schema in $defs", typ.Name())
			continue
		}
		got := slices.Sorted(maps.Keys(s.Properties))
		if diff := cmp.Diff(structFields(typ).names, got); diff != "" {
			t.Errorf("model.%s: schema properties differ from decoded fields (-decoder +schema):\n%s", typ.Name(), diff)
		}
	}
}

// testUnion stands for a union type added without a JSONSchema method.
type testUnion struct {
	Name string `yaml:"-"`
}

func (*testUnion) decodeNode(*decoder, *yaml.Node, string) {}

// TestSchemaRefusesUnionWithoutJSONSchema: a union reflected as a plain
// struct would make the editor reject its scalar forms, so JSONSchema
// must fail instead, naming the type.
func TestSchemaRefusesUnionWithoutJSONSchema(t *testing.T) {
	type root struct {
		U *testUnion `yaml:"u"`
	}
	err := checkUnions(reflect.TypeFor[root]())
	if err == nil || !strings.Contains(err.Error(), "model.testUnion") {
		t.Errorf("checkUnions = %v, want an error naming model.testUnion", err)
	}
}

func mustSchema(t *testing.T) []byte {
	t.Helper()
	b, err := JSONSchema()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// compileSchema compiles JSONSchema with a validator independent of the
// library that generated it.
func compileSchema(t *testing.T) *validator.Schema {
	t.Helper()
	doc, err := validator.UnmarshalJSON(bytes.NewReader(mustSchema(t)))
	if err != nil {
		t.Fatal(err)
	}
	c := validator.NewCompiler()
	if err := c.AddResource(SchemaID, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(SchemaID)
	if err != nil {
		t.Fatalf("the schema does not compile: %v", err)
	}
	return sch
}

// loadYAML reads the manifest at path as the value an editor validates.
func loadYAML(t *testing.T, path string) any {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return yamlValue(t, path, data)
}

// yamlValue decodes a manifest to the values a YAML 1.2 editor validates
// (yaml.v3 resolves some scalars by YAML 1.1), in the types the validator
// expects.
func yamlValue(t *testing.T, path string, data []byte) any {
	t.Helper()
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if len(doc.Content) == 0 {
		return nil
	}
	return editorValue(doc.Content[0])
}

var (
	yaml12Int   = regexp.MustCompile(`^[-+]?([0-9]+|0x[0-9a-fA-F]+|0o[0-7]+)$`)
	yaml12Float = regexp.MustCompile(`^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`)
)

// editorValue is n as the YAML 1.2 core schema reads it.
func editorValue(n *yaml.Node) any {
	switch n.Kind {
	case yaml.AliasNode:
		return editorValue(n.Alias)
	case yaml.MappingNode:
		m := map[string]any{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			m[n.Content[i].Value] = editorValue(n.Content[i+1])
		}
		return m
	case yaml.SequenceNode:
		l := make([]any, len(n.Content))
		for i, item := range n.Content {
			l[i] = editorValue(item)
		}
		return l
	}
	if n.Style&(yaml.SingleQuotedStyle|yaml.DoubleQuotedStyle|yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
		return n.Value
	}
	switch n.Tag {
	case "!!null":
		return nil
	case "!!bool":
		return strings.EqualFold(n.Value, "true")
	case "!!int", "!!float":
		if yaml12Int.MatchString(n.Value) {
			if i, ok := new(big.Int).SetString(strings.TrimPrefix(n.Value, "+"), 0); ok {
				return json.Number(i.String())
			}
			i, _ := new(big.Int).SetString(strings.TrimLeft(strings.TrimPrefix(n.Value, "+"), "0")+"0", 10)
			return json.Number(new(big.Int).Div(i, big.NewInt(10)).String())
		}
		if f, err := strconv.ParseFloat(n.Value, 64); err == nil && yaml12Float.MatchString(n.Value) && !math.IsInf(f, 0) {
			return json.Number(strconv.FormatFloat(f, 'g', -1, 64))
		}
		if n.Tag == "!!float" {
			return math.Inf(1) // .inf and .nan are numbers JSON cannot spell
		}
	}
	return n.Value
}
