package cfn

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/awslabs/goformation/v7/cloudformation"
	"github.com/ecsgen/ecsgen/pkg/model"
	"go.yaml.in/yaml/v3"
)

// Template is a CloudFormation template being built. It remembers what
// produced each logical ID so that two user names that map to one ID are
// reported by name instead of one silently replacing the other.
type Template struct {
	t      *document
	owners map[claimed]string
	errs   []model.FieldError
	inputs Inputs
	// taskRuns: how `ecsgen run` starts each task, by name.
	taskRuns map[string]TaskRun
}

// document is the template as CloudFormation reads it. goformation's own
// Template type would do, but its Resources can unmarshal any of the 1,300
// resource types, which links all of them into the binary: five times the
// size, and a millisecond more start-up for every synth.
type document struct {
	AWSTemplateFormatVersion string                              `json:"AWSTemplateFormatVersion"`
	Description              string                              `json:"Description,omitempty"`
	Metadata                 *Metadata                           `json:"Metadata,omitempty"`
	Parameters               map[string]cloudformation.Parameter `json:"Parameters,omitempty"`
	Conditions               map[string]string                   `json:"Conditions,omitempty"`
	Resources                map[string]cloudformation.Resource  `json:"Resources"`
	Outputs                  map[string]cloudformation.Output    `json:"Outputs,omitempty"`
}

// Metadata is what ecsgen records in the template for its own commands:
// deploy reads it back from the template it deploys.
type Metadata struct {
	Ecsgen EcsgenMetadata `json:"ecsgen"`
}

// EcsgenMetadata is ecsgen's part of the template's Metadata.
type EcsgenMetadata struct {
	// WaitForSteadyState lists the logical IDs of the services deploy
	// waits for, like `aws ecs wait services-stable`.
	WaitForSteadyState []string `json:"waitForSteadyState,omitempty"`
}

// waitForSteadyState records that deploy waits for the service id.
func (t *Template) waitForSteadyState(id string) {
	if t.t.Metadata == nil {
		t.t.Metadata = &Metadata{}
	}
	t.t.Metadata.Ecsgen.WaitForSteadyState = append(t.t.Metadata.Ecsgen.WaitForSteadyState, id)
}

// Metadata returns what ecsgen recorded in the template, or nil.
func (t *Template) Metadata() *Metadata { return t.t.Metadata }

func newTemplate(description string) *Template {
	return &Template{
		t: &document{
			AWSTemplateFormatVersion: "2010-09-09",
			Description:              description,
			Parameters:               map[string]cloudformation.Parameter{},
			Resources:                map[string]cloudformation.Resource{},
			Outputs:                  map[string]cloudformation.Output{},
		},
		owners: map[claimed]string{},
	}
}

// claimed is a name in one of the template's sections: resources and
// parameters share one namespace (a Ref names either), outputs have their
// own.
type claimed struct {
	section string
	id      string
}

// claim reserves id in a section for owner, the manifest location (such
// as services.web) of what produced it, so that a collision names both
// places the user can rename.
func (t *Template) claim(section, id, owner string) bool {
	key := claimed{section, id}
	if prev, ok := t.owners[key]; ok {
		t.errs = append(t.errs, model.FieldError{Path: owner, Msg: fmt.Sprintf("becomes %s %s, as %s does; rename one of them", section, id, prev)})
		return false
	}
	t.owners[key] = owner
	return true
}

func (t *Template) addResource(id, owner string, r cloudformation.Resource) {
	if t.claim("logical ID", id, owner) {
		t.t.Resources[id] = r
	}
}

func (t *Template) addParameter(id, owner string, p cloudformation.Parameter) {
	if t.claim("logical ID", id, owner) {
		t.t.Parameters[id] = p
	}
}

// shareParameter declares a parameter several owners use alike, once.
func (t *Template) shareParameter(id string, p cloudformation.Parameter) {
	if _, ok := t.t.Parameters[id]; !ok {
		t.t.Parameters[id] = p
	}
}

// addCondition declares a condition that several resources may share,
// once; its value is a condition function such as cloudformation.Equals.
func (t *Template) addCondition(id, value string) {
	if t.t.Conditions == nil {
		t.t.Conditions = map[string]string{}
	}
	t.t.Conditions[id] = value
}

func (t *Template) addOutput(id, owner string, o cloudformation.Output) {
	if t.claim("output", id, owner) {
		t.t.Outputs[id] = o
	}
}

// ConflictError is two or more of the user's names that become one name
// in the template, which validation cannot see: it knows the names, not
// the logical IDs they make. Each problem is at the manifest path of the
// later owner; model.Manifest.Locate adds the file and lines.
type ConflictError struct {
	Problems *model.Errors
}

func (e *ConflictError) Error() string { return e.Problems.Error() }
func (e *ConflictError) Unwrap() error { return e.Problems }

// err reports every naming conflict met while building.
func (t *Template) err() error {
	if len(t.errs) == 0 {
		return nil
	}
	sort.Slice(t.errs, func(i, j int) bool { return t.errs[i].Error() < t.errs[j].Error() })
	return &ConflictError{Problems: &model.Errors{List: t.errs}}
}

// Resources returns the template's resources by logical ID, for tests and
// for publish, which needs to know what the stack holds.
func (t *Template) Resources() map[string]cloudformation.Resource { return t.t.Resources }

// Parameters returns the template's parameters by name.
func (t *Template) Parameters() map[string]cloudformation.Parameter { return t.t.Parameters }

// Outputs returns the template's outputs by name.
func (t *Template) Outputs() map[string]cloudformation.Output { return t.t.Outputs }

// JSON renders the template as indented JSON with sorted keys, so the same
// app always gives the same bytes.
func (t *Template) JSON() ([]byte, error) {
	compact, err := json.Marshal(t.t)
	if err != nil {
		return nil, fmt.Errorf("rendering template: %w", err)
	}
	var doc any
	dec := json.NewDecoder(bytes.NewReader(compact))
	dec.UseNumber()
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("rendering template: %w", err)
	}
	doc = flattenListRefs(resolveIntrinsics(doc), t.listParameters())
	var out bytes.Buffer
	enc := json.NewEncoder(&out)
	// Without HTML escaping: List<...> stays readable in committed templates.
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return nil, fmt.Errorf("rendering template: %w", err)
	}
	if err := checkLimits(out.Bytes(), t.t); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// YAML renders the template as block-style YAML with the same key order
// as JSON: the JSON is parsed as YAML (a superset), keeping order, and
// re-emitted without JSON's brackets and quotes.
func (t *Template) YAML() ([]byte, error) {
	j, err := t.JSON()
	if err != nil {
		return nil, err
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(j, &doc); err != nil {
		return nil, fmt.Errorf("rendering template as YAML: %w", err)
	}
	blockStyle(&doc)
	var out bytes.Buffer
	enc := yaml.NewEncoder(&out)
	enc.SetIndent(2)
	if err := enc.Encode(&doc); err != nil {
		return nil, fmt.Errorf("rendering template as YAML: %w", err)
	}
	return out.Bytes(), nil
}

// blockStyle clears JSON's flow and quoting styles; the encoder then quotes
// only strings that would otherwise read as another type in YAML 1.2, and
// blockStyle quotes those a YAML 1.1 reader would take for another type.
func blockStyle(n *yaml.Node) {
	n.Style = 0
	if n.Kind == yaml.ScalarNode && n.Tag == "!!str" && yaml11Implicit.MatchString(n.Value) {
		n.Style = yaml.DoubleQuotedStyle
	}
	for _, c := range n.Content {
		blockStyle(c)
	}
}

// listParameters names the parameters whose values are lists.
func (t *Template) listParameters() map[string]bool {
	out := map[string]bool{}
	for name, p := range t.t.Parameters {
		if strings.HasPrefix(p.Type, "List<") || p.Type == "CommaDelimitedList" {
			out[name] = true
		}
	}
	return out
}

// flattenListRefs turns [{"Ref": P}] into {"Ref": P} where P is a list
// parameter. goformation types list properties as []string, so a Ref to a
// list parameter can only be written as a one-element list; CloudFormation
// needs the Ref itself, and a list of lists is never meant.
func flattenListRefs(v any, lists map[string]bool) any {
	switch v := v.(type) {
	case map[string]any:
		for k, e := range v {
			v[k] = flattenListRefs(e, lists)
		}
	case []any:
		if len(v) == 1 {
			if m, ok := v[0].(map[string]any); ok && len(m) == 1 {
				if name, ok := m["Ref"].(string); ok && lists[name] {
					return m
				}
			}
		}
		for i, e := range v {
			v[i] = flattenListRefs(e, lists)
		}
	}
	return v
}
