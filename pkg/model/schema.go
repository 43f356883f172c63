package model

//go:generate go run github.com/ecsgen/ecsgen/internal/cmd/schemagen -o schema_comments.go

import (
	"encoding/json"
	"fmt"
	"maps"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/invopop/jsonschema"
)

// SchemaID is the $id of the manifest's JSON Schema.
const SchemaID = "https://ecsgen.dev/schema/ecsgen.schema.json"

// JSONSchema returns the JSON Schema (draft 2020-12) of a manifest,
// reflected from App and the types under it, the same types ParseManifest
// decodes into, so the schema cannot drift from the decoder. Descriptions
// are the fields' doc comments (compiled in by go generate, see
// schema_comments.go); enums, bounds and defaults come from the
// JSONSchemaExtend methods in this file. The bytes are the same on every
// run, so the schema can be committed and diffed.
//
// The schema is for editors, which use it for completion and inline
// errors; it cannot say everything Validate does (references between
// listeners and portMappings, Fargate sizes), so a manifest it accepts may
// still be rejected by synth.
func JSONSchema() (out []byte, err error) {
	defer func() {
		if p := recover(); p != nil {
			e, ok := p.(schemaError)
			if !ok {
				panic(p)
			}
			err = e
		}
	}()
	if err := checkUnions(reflect.TypeFor[App]()); err != nil {
		return nil, err
	}
	r := schemaReflector()
	r.ExpandedStruct = true // App's fields at the top, where editors look first
	s := r.Reflect(&App{})
	s.ID = SchemaID
	s.Title = "ecsgen manifest"
	hoistDefinitions(s)
	extendInlined(reflect.TypeFor[App](), s)
	schemaRules(reflect.TypeFor[App](), s)
	acceptWhatTheDecoderAccepts(s)
	out, err = json.MarshalIndent(s, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("encoding the manifest schema: %w", err)
	}
	return append(out, '\n'), nil
}

// schemaError is a mistake in this file's rules, such as a property that
// the model no longer has; it is raised as a panic from inside the
// reflector and returned by JSONSchema.
type schemaError string

func (e schemaError) Error() string { return string(e) }

// schemaReflector reflects manifest field names (yaml tags) and requires
// nothing by default: every field is optional unless a JSONSchemaExtend
// method says validation requires it. additionalProperties is false on
// every struct, so a misspelled field is an error in the editor too.
func schemaReflector() *jsonschema.Reflector {
	return &jsonschema.Reflector{
		FieldNameTag:               "yaml",
		RequiredFromJSONSchemaTags: true,
		Anonymous:                  true,
		LookupComment:              schemaDescription,
	}
}

// schemaShadows maps the method-less copies of union types, from which
// a union's mapping branch is reflected, back to the types whose comments
// they share.
var schemaShadows = map[reflect.Type]reflect.Type{
	reflect.TypeFor[imageMapping]():      reflect.TypeFor[Image](),
	reflect.TypeFor[logGroupMapping]():   reflect.TypeFor[LogGroup](),
	reflect.TypeFor[taskRoleMapping]():   reflect.TypeFor[TaskRole](),
	reflect.TypeFor[accessLogsMapping](): reflect.TypeFor[AccessLogs](),
}

// schemaDescription is the description of type t, or of its Go field when field is
// set: the doc comment, with the Go field name that starts it replaced by
// the manifest's name, and hard line breaks joined so editors can wrap it.
func schemaDescription(t reflect.Type, field string) string {
	if orig, ok := schemaShadows[t]; ok {
		t = orig
	}
	if t.Name() == "" {
		return "" // a map or slice type; its field has the comment
	}
	key := t.PkgPath() + "." + t.Name()
	if field != "" {
		key += "." + field
	}
	c := schemaComments[key]
	if field == "" || t.Kind() != reflect.Struct {
		return unwrap(c)
	}
	if f, ok := t.FieldByName(field); ok {
		if name, _, _ := strings.Cut(f.Tag.Get("yaml"), ","); name != "" {
			if rest, ok := strings.CutPrefix(c, field+" "); ok {
				c = name + " " + rest
			}
		}
	}
	return unwrap(c)
}

// unwrap joins a comment's hard-wrapped lines, keeping paragraphs.
func unwrap(c string) string {
	paras := strings.Split(c, "\n\n")
	for i, p := range paras {
		paras[i] = strings.Join(strings.Fields(p), " ")
	}
	return strings.Join(paras, "\n\n")
}

// Union types: a manifest gives these as a scalar or as a mapping (their
// decodeNode decides by the node's shape), so their schema is a oneOf of
// the scalar forms and the mapping, which is reflected from the struct's
// fields like any other type. Each needs a method-less copy to reflect:
// reflecting the type itself would call its JSONSchema again.

type (
	imageMapping      Image
	logGroupMapping   LogGroup
	taskRoleMapping   TaskRole
	accessLogsMapping AccessLogs
)

// JSONSchema makes an image a registry reference or a build mapping,
// whose go build env takes variable names other than ecsgen's own.
func (Image) JSONSchema() *jsonschema.Schema {
	s := schemaUnion(reflect.TypeFor[Image](), reflect.TypeFor[imageMapping](),
		&jsonschema.Schema{Type: "string", MinLength: schemaPtr(uint64(1)), Description: "A reference to an image in any registry: nginx, public.ecr.aws/docker/library/nginx:1, an ECR URI."})
	names := &jsonschema.Schema{Pattern: envNameExpr, Not: &jsonschema.Schema{}}
	for _, name := range sortedKeys(ecsgenGoEnv) {
		names.Not.Enum = append(names.Not.Enum, name)
	}
	schemaProp(s.AnyOf[len(s.AnyOf)-1], "env").PropertyNames = names
	return s
}

// JSONSchema makes a log group false, an existing group's name, or a
// mapping for the group ecsgen creates.
func (LogGroup) JSONSchema() *jsonschema.Schema {
	return schemaUnion(reflect.TypeFor[LogGroup](), reflect.TypeFor[logGroupMapping](),
		&jsonschema.Schema{Type: "boolean", Description: "false turns logging off."},
		&jsonschema.Schema{Type: "string", MinLength: schemaPtr(uint64(1)), MaxLength: schemaPtr(uint64(512)), Description: "The name of a log group that already exists."})
}

// JSONSchema makes a task role an existing role's ARN or the statements
// of a role ecsgen creates.
func (TaskRole) JSONSchema() *jsonschema.Schema {
	arn := &jsonschema.Schema{Type: "string", Description: "The ARN of an existing role."}
	schemaRule(arn, rules["iamRoleArn"])
	return schemaUnion(reflect.TypeFor[TaskRole](), reflect.TypeFor[taskRoleMapping](), arn)
}

// JSONSchema makes access logs true, false, or a mapping naming the
// bucket and prefix.
func (AccessLogs) JSONSchema() *jsonschema.Schema {
	return schemaUnion(reflect.TypeFor[AccessLogs](), reflect.TypeFor[accessLogsMapping](),
		&jsonschema.Schema{Type: "boolean", Description: "true writes the logs to a bucket ecsgen creates; false writes none."})
}

// schemaUnion is the schema of t: one of the scalar forms, or the mapping
// reflected from shadow, t's method-less copy.
func schemaUnion(t, shadow reflect.Type, scalars ...*jsonschema.Schema) *jsonschema.Schema {
	r := schemaReflector()
	r.ExpandedStruct = true
	mapping := r.ReflectFromType(shadow)
	mapping.Version = ""
	mapping.Description = "" // the union's own, below
	return &jsonschema.Schema{
		Description: schemaDescription(t, ""),
		// anyOf, not oneOf: a text branch also takes numbers and
		// booleans, as the decoder does (see acceptWhatTheDecoderAccepts).
		AnyOf: append(scalars, mapping),
	}
}

// checkUnions refuses to reflect a union type without a JSONSchema method:
// the reflector would describe only its mapping form and reject the
// scalar forms every manifest uses.
func checkUnions(root reflect.Type) error {
	custom := reflect.TypeFor[interface{ JSONSchema() *jsonschema.Schema }]()
	for _, t := range schemaTypes(root) {
		if reflect.PointerTo(t).Implements(nodeDecoderType) && !t.Implements(custom) {
			return fmt.Errorf("model.%s decodes from more than one YAML shape (it has decodeNode) but has no JSONSchema method; add one in pkg/model/schema.go like Image's", t.Name())
		}
	}
	return nil
}

// schemaTypes lists the struct types of this package that a manifest
// reaches from root through its fields, in a fixed order.
func schemaTypes(root reflect.Type) []reflect.Type {
	var out []reflect.Type
	seen := map[reflect.Type]bool{}
	var visit func(reflect.Type)
	visit = func(t reflect.Type) {
		for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Map {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct || t.PkgPath() != root.PkgPath() || seen[t] {
			return
		}
		seen[t] = true
		out = append(out, t)
		for i := range t.NumField() {
			f := t.Field(i)
			if name, _, _ := strings.Cut(f.Tag.Get("yaml"), ","); f.IsExported() && name != "-" {
				visit(f.Type)
			}
		}
	}
	visit(root)
	return out
}

// hoistDefinitions moves the $defs that union mappings bring from their
// own reflection up to root's, where "#/$defs/..." references resolve. A
// type reflected twice gives the same schema both times, so the first is
// kept.
func hoistDefinitions(root *jsonschema.Schema) {
	defs := root.Definitions
	root.Definitions = nil
	var walk func(*jsonschema.Schema)
	walk = func(s *jsonschema.Schema) {
		if s == nil {
			return
		}
		nested := s.Definitions
		s.Definitions = nil
		for _, name := range slices.Sorted(maps.Keys(nested)) {
			if _, ok := defs[name]; !ok {
				defs[name] = nested[name]
				walk(nested[name])
			}
		}
		if s.Properties != nil {
			for p := s.Properties.Oldest(); p != nil; p = p.Next() {
				walk(p.Value)
			}
		}
		for _, sub := range slices.Concat(s.OneOf, s.AnyOf, s.AllOf) {
			walk(sub)
		}
		walk(s.Items)
		walk(s.AdditionalProperties)
	}
	walk(root)
	for _, name := range slices.Sorted(maps.Keys(defs)) {
		walk(defs[name])
	}
	root.Definitions = defs
}

// extendInlined applies the JSONSchemaExtend rules of structs embedded
// with `yaml:",inline"` to the schema of the struct embedding them: the
// reflector merges their fields into it but calls only the embedder's own
// method.
func extendInlined(root reflect.Type, s *jsonschema.Schema) {
	extender := reflect.TypeFor[interface{ JSONSchemaExtend(*jsonschema.Schema) }]()
	for _, t := range schemaTypes(root) {
		target := s.Definitions[t.Name()]
		if t == root {
			target = s
		}
		if target == nil || target.Properties == nil {
			continue // a union's mapping; none inline anything yet
		}
		for i := range t.NumField() {
			f := t.Field(i)
			if _, opts, _ := strings.Cut(f.Tag.Get("yaml"), ","); opts == "inline" && f.Type.Implements(extender) {
				reflect.Zero(f.Type).Interface().(interface{ JSONSchemaExtend(*jsonschema.Schema) }).JSONSchemaExtend(target)
			}
		}
	}
}

// acceptWhatTheDecoderAccepts widens the reflected types to what the
// decoder takes, so that the schema accepts every manifest synth does: a
// field or map entry with nothing after it is unset (`main:` declares a
// VPC with all defaults), and a text field takes any scalar as written
// (`PORT: 8080` in environment, `command: [sleep, 10]`). Enums, patterns
// and ranges still apply.
func acceptWhatTheDecoderAccepts(root *jsonschema.Schema) {
	var object func(s *jsonschema.Schema)
	var value func(s *jsonschema.Schema, nullable bool)
	object = func(s *jsonschema.Schema) {
		if s.Properties != nil {
			for p := s.Properties.Oldest(); p != nil; p = p.Next() {
				value(p.Value, true)
			}
		}
		for _, branch := range s.AnyOf {
			if branch.Properties != nil {
				object(branch)
			} else {
				value(branch, false)
			}
		}
	}
	value = func(s *jsonschema.Schema, nullable bool) {
		if s.Ref != "" {
			if nullable {
				s.AnyOf = []*jsonschema.Schema{{Ref: s.Ref}, {Type: "null"}}
				s.Ref = ""
			}
			return
		}
		types := []string{s.Type}
		switch s.Type {
		case "":
			return
		case "string":
			types = append(types, "number", "boolean")
		case "object":
			if s.AdditionalProperties != nil {
				value(s.AdditionalProperties, true)
			}
		case "array":
			value(s.Items, false)
		}
		if nullable {
			types = append(types, "null")
			if s.Enum != nil {
				s.Enum = append(s.Enum, nil)
			}
		}
		if s.Extras == nil {
			s.Extras = map[string]any{}
		}
		s.Type, s.Extras["type"] = "", types
	}
	object(root)
	for _, name := range slices.Sorted(maps.Keys(root.Definitions)) {
		object(root.Definitions[name])
	}
}

// schemaRules states the rules of rules.go in the schema of every struct
// reached from root whose fields name one.
func schemaRules(root reflect.Type, s *jsonschema.Schema) {
	for _, t := range schemaTypes(root) {
		target := s.Definitions[t.Name()]
		if t == root {
			target = s
		}
		if target != nil && target.Properties == nil { // a union: its mapping
			for _, b := range target.AnyOf {
				if b.Properties != nil {
					target = b
				}
			}
		}
		if target == nil || target.Properties == nil {
			panic(schemaError(fmt.Sprintf("model.%s has no object schema to state its rules in", t.Name())))
		}
		for name, f := range structFields(t).byName {
			if r := ruleOf(t.FieldByIndex(f)); r != nil {
				schemaRule(schemaProp(target, name), r)
			}
		}
	}
}

// schemaRule states r in p, the schema of a field, or of its items when
// the field is a list and r is about single values.
func schemaRule(p *jsonschema.Schema, r *rule) {
	if r.maxItems > 0 {
		p.MaxItems = schemaPtr(uint64(r.maxItems))
	}
	p.Default = r.def
	if p.Type == "array" {
		p = p.Items
	}
	for _, v := range r.enum {
		p.Enum = append(p.Enum, v)
	}
	for _, v := range r.values {
		p.Enum = append(p.Enum, v)
	}
	if r.min != nil {
		p.Minimum = json.Number(strconv.Itoa(*r.min))
	}
	if r.max != nil {
		p.Maximum = json.Number(strconv.Itoa(*r.max))
	}
	switch {
	case r.idPrefix != "":
		p.Pattern = "^" + regexp.QuoteMeta(r.idPrefix) + "([0-9a-f]{8}|[0-9a-f]{17})$"
	case r.arn != "":
		p.Pattern = "^arn:[^:]*:" + r.arn + ":[^:]*:[^:]*:"
	case r.pattern != "":
		p.Pattern = r.pattern
	}
}

// The rules below are what Validate checks and neither the field types
// nor rules.go can say: required fields and the names of map keys. Each
// names the manifest field it constrains; a field the model no longer
// has makes JSONSchema fail rather than quietly drop the rule.

// JSONSchemaExtend requires a name and a service or task, and constrains
// names.
func (App) JSONSchemaExtend(s *jsonschema.Schema) {
	s.Required = append(s.Required, "name")
	s.AnyOf = []*jsonschema.Schema{{Required: []string{"services"}}, {Required: []string{"tasks"}}}
	name := schemaProp(s, "name")
	name.Pattern = appNamePattern().String()
	name.MaxLength = schemaPtr(uint64(64)) // as App.validate
	for _, m := range []string{"clusters", "vpcs", "listeners", "services", "tasks"} {
		schemaProp(s, m).PropertyNames = schemaName()
	}
	schemaProp(s, "outputs").PropertyNames = &jsonschema.Schema{Pattern: outputNamePattern().String(), MaxLength: schemaPtr(uint64(255))}
}

// JSONSchemaExtend requires a placement strategy's type.
func (PlacementStrategy) JSONSchemaExtend(s *jsonschema.Schema) {
	s.Required = append(s.Required, "type")
}

// JSONSchemaExtend requires a placement constraint's type.
func (PlacementConstraint) JSONSchemaExtend(s *jsonschema.Schema) {
	s.Required = append(s.Required, "type")
}

// JSONSchemaExtend requires a dependency's container and condition.
func (ContainerDependency) JSONSchemaExtend(s *jsonschema.Schema) {
	s.Required = append(s.Required, "containerName", "condition")
}

// JSONSchemaExtend requires a health check's command.
func (HealthCheck) JSONSchemaExtend(s *jsonschema.Schema) {
	s.Required = append(s.Required, "command")
}

// JSONSchemaExtend requires a listener's port.
func (Listener) JSONSchemaExtend(s *jsonschema.Schema) {
	s.Required = append(s.Required, "port")
}

// JSONSchemaExtend requires a service's task definition.
func (Service) JSONSchemaExtend(s *jsonschema.Schema) {
	s.Required = append(s.Required, "taskDefinition")
}

// JSONSchemaExtend constrains container names.
func (TaskDefinition) JSONSchemaExtend(s *jsonschema.Schema) {
	schemaProp(s, "containers").PropertyNames = schemaName()
}

// JSONSchemaExtend requires an autoscaling's maximum.
func (Autoscaling) JSONSchemaExtend(s *jsonschema.Schema) {
	s.Required = append(s.Required, "maxCapacity")
}

// JSONSchemaExtend requires a statement's actions and resources.
func (PolicyStatement) JSONSchemaExtend(s *jsonschema.Schema) {
	s.Required = append(s.Required, "actions", "resources")
}

// JSONSchemaExtend requires a strategy item's provider.
func (CapacityProviderStrategyItem) JSONSchemaExtend(s *jsonschema.Schema) {
	s.Required = append(s.Required, "capacityProvider")
}

// JSONSchemaExtend requires an HTTP trigger's path.
func (HttpTrigger) JSONSchemaExtend(s *jsonschema.Schema) {
	s.Required = append(s.Required, "path")
}

// JSONSchemaExtend requires an image.
func (Container) JSONSchemaExtend(s *jsonschema.Schema) {
	s.Required = append(s.Required, "image")
}

// JSONSchemaExtend constrains the ids of a build's secrets.
func (DockerBuild) JSONSchemaExtend(s *jsonschema.Schema) {
	schemaProp(s, "secrets").PropertyNames = &jsonschema.Schema{Pattern: buildIDPattern().String()}
}

// JSONSchemaExtend requires one source of a build secret, file or env.
func (BuildSecret) JSONSchemaExtend(s *jsonschema.Schema) {
	s.OneOf = []*jsonschema.Schema{{Required: []string{"file"}}, {Required: []string{"env"}}}
}

// schemaProp is the schema of the manifest field name in the struct schema s.
func schemaProp(s *jsonschema.Schema, name string) *jsonschema.Schema {
	if s.Properties != nil {
		if p, ok := s.Properties.Get(name); ok {
			return p
		}
	}
	panic(schemaError(fmt.Sprintf("pkg/model/schema.go has a rule for field %q, which the model no longer has; update the rule", name)))
}

// schemaName is the rule for the names of listeners, services and
// containers, as validateName checks it.
func schemaName() *jsonschema.Schema {
	return &jsonschema.Schema{Pattern: namePattern().String(), MaxLength: schemaPtr(uint64(maxNameLength))}
}

func schemaPtr[T any](v T) *T { return &v }
