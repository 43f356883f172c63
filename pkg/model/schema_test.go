package model

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/ecsgen/ecsgen/internal/golden"
	"github.com/ecsgen/ecsgen/internal/schemagen"
	"github.com/google/go-cmp/cmp"
	"github.com/invopop/jsonschema"
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

// TestSchemaAcceptsValidManifests: every manifest synth accepts in the
// examples and golden tests must pass the schema, or editors would mark
// working manifests as wrong.
func TestSchemaAcceptsValidManifests(t *testing.T) {
	sch := compileSchema(t)
	var manifests []string
	for _, pattern := range []string{"../../examples/*/ecsgen.yaml", "../../testdata/golden/*/ecsgen.yaml"} {
		m, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		manifests = append(manifests, m...)
	}
	if len(manifests) == 0 {
		t.Fatal("no manifests found under examples/ or testdata/golden/")
	}
	for _, m := range manifests {
		t.Run(strings.TrimPrefix(m, "../../"), func(t *testing.T) {
			if err := sch.Validate(loadYAML(t, m)); err != nil {
				t.Errorf("the schema rejects a valid manifest:\n%v", err)
			}
		})
	}
}

// TestSchemaAcceptsEveryForm covers the forms the examples may not use,
// above all each shape of a union type. Each manifest must also pass
// ParseManifest, so the table cannot drift into testing the schema alone.
func TestSchemaAcceptsEveryForm(t *testing.T) {
	sch := compileSchema(t)
	const head = "name: shop\nservices:\n  web:\n    taskDefinition:\n"
	tests := map[string]string{
		"image reference":  head + "      containers: {web: {image: public.ecr.aws/nginx/nginx:1}}",
		"image path":       head + "      containers: {web: {image: {path: ./app, repository: shop}}}",
		"image build":      head + "      containers: {web: {image: {build: {context: ./app, args: {V: '1'}, cacheFrom: {stages: [deps]}}}}}",
		"single container": head + "      container: {image: nginx, essential: true, environment: {A: b}}",
		"log group off":    head + "      logGroup: false\n      containers: {web: {image: nginx}}",
		"log group name":   head + "      logGroup: /ecs/shop\n      containers: {web: {image: nginx}}",
		"log group new":    head + "      logGroup: {retentionInDays: 7}\n      containers: {web: {image: nginx}}",
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
	var root jsonschema.Schema
	if err := json.Unmarshal(mustSchema(t), &root); err != nil {
		t.Fatal(err)
	}
	for _, typ := range schemaTypes(reflect.TypeFor[App]()) {
		s := root.Definitions[typ.Name()]
		if typ == reflect.TypeFor[App]() {
			s = &root
		}
		if s != nil && s.Properties == nil { // a union: its mapping branch
			for _, b := range s.OneOf {
				if b.Properties != nil {
					s = b
				}
			}
		}
		if s == nil || s.Properties == nil {
			t.Errorf("model.%s has no object schema in $defs", typ.Name())
			continue
		}
		var got []string
		for name := range s.Properties.KeysFromOldest() {
			got = append(got, name)
		}
		slices.Sort(got)
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

// yamlValue decodes a manifest to plain values, then passes them through
// JSON so numbers and maps have the types the validator expects.
func yamlValue(t *testing.T, path string, data []byte) any {
	t.Helper()
	var v any
	if err := yaml.Unmarshal(data, &v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	b, err := json.Marshal(jsonKeys(v))
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	doc, err := validator.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// jsonKeys turns YAML mappings with non-string keys into JSON objects.
func jsonKeys(v any) any {
	switch v := v.(type) {
	case map[string]any:
		for k, e := range v {
			v[k] = jsonKeys(e)
		}
		return v
	case map[any]any:
		m := make(map[string]any, len(v))
		for k, e := range v {
			m[fmt.Sprint(k)] = jsonKeys(e)
		}
		return m
	case []any:
		for i, e := range v {
			v[i] = jsonKeys(e)
		}
	}
	return v
}
