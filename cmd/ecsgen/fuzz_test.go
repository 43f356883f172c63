package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/ecsgen/ecsgen/internal/golden"
	"github.com/ecsgen/ecsgen/pkg/cfn"
	"github.com/ecsgen/ecsgen/pkg/model"
	"github.com/google/go-cmp/cmp"
	"go.yaml.in/yaml/v3"
)

// FuzzSynth runs the whole pipeline, expand and cfn included, on every
// manifest that parses. Whatever model accepts must give a template or a
// clear error, never a panic, and a template must be the same bytes every
// time, in JSON and YAML that say the same thing. (FuzzParseManifest checks
// that two parses of one input give equal apps, so synthesizing one app
// twice covers determinism from the manifest on.)
func FuzzSynth(f *testing.F) {
	golden.AddSeeds(f, "../..")
	f.Fuzz(func(t *testing.T, data []byte) {
		app, err := model.ParseManifest("fuzz.yaml", data)
		if err != nil {
			return // FuzzParseManifest holds parse errors to their promises.
		}
		jsonOut, jsonErr := synthTwice(t, app, "json")
		// YAML once: it is rendered from the JSON just checked, and each
		// synth of a large template costs the fuzzer many executions.
		yamlOut, yamlErr := synth(app, "yaml")

		// YAML is rendered from the JSON, so the two fail together.
		if (jsonErr == nil) != (yamlErr == nil) {
			t.Fatalf("json and yaml disagree: json error %v, yaml error %v", jsonErr, yamlErr)
		}
		if jsonErr != nil {
			checkSynthError(t, jsonErr)
			checkSynthError(t, yamlErr)
			return
		}
		jsonDoc := checkJSONTemplate(t, jsonOut)
		var yamlDoc any
		if err := yaml.Unmarshal(yamlOut, &yamlDoc); err != nil {
			t.Fatalf("the YAML template does not parse as YAML: %v\n%s", err, yamlOut)
		}
		if diff := cmp.Diff(normalize(jsonDoc), normalize(yamlDoc)); diff != "" {
			t.Fatalf("the YAML template says something other than the JSON one (-json +yaml):\n%s", diff)
		}
	})
}

// synthTwice synthesizes app twice in format and fails unless both runs
// agree byte for byte: the README promises the same manifest always gives
// the same bytes, and a second run on the same *model.App would also catch
// a pipeline that changed the model it was given.
func synthTwice(t *testing.T, app *model.App, format string) ([]byte, error) {
	t.Helper()
	out, err := synth(app, format)
	out2, err2 := synth(app, format)
	if fuzzErrText(err) != fuzzErrText(err2) {
		t.Fatalf("two %s synths of one app gave different errors:\n%s", format, cmp.Diff(fuzzErrText(err), fuzzErrText(err2)))
	}
	if !bytes.Equal(out, out2) {
		t.Fatalf("two %s synths of one app gave different bytes (-first +second):\n%s", format, cmp.Diff(string(out), string(out2)))
	}
	if err == nil && len(out) == 0 {
		t.Fatalf("%s synth returned neither a template nor an error", format)
	}
	return out, err
}

// checkSynthError fails unless err reads as a clear message: not empty,
// with no blank lines (cfn joins its problems one per line), and never a
// model problem, since the manifest already validated.
func checkSynthError(t *testing.T, err error) {
	t.Helper()
	msg := err.Error()
	if strings.TrimSpace(msg) == "" {
		t.Fatalf("synth failed with an empty message (%T)", err)
	}
	for i, line := range strings.Split(msg, "\n") {
		if strings.TrimSpace(line) == "" {
			t.Errorf("line %d of the synth error is blank:\n%s", i+1, msg)
		}
	}
	// Names that become one logical ID are found only by cfn; any other
	// model problem should have failed the parse.
	var conflict *cfn.ConflictError
	var me *model.Errors
	if !errors.As(err, &conflict) && errors.As(err, &me) {
		t.Errorf("synth found model problems in a manifest that parsed: %v", err)
	}
}

// checkJSONTemplate fails unless out is a JSON CloudFormation template:
// an object with a format version and resources, each with a type.
func checkJSONTemplate(t *testing.T, out []byte) any {
	t.Helper()
	if !json.Valid(out) {
		t.Fatalf("the JSON template is not valid JSON:\n%s", out)
	}
	dec := json.NewDecoder(bytes.NewReader(out))
	dec.UseNumber()
	var doc any
	if err := dec.Decode(&doc); err != nil {
		t.Fatalf("decoding the JSON template: %v", err)
	}
	top, ok := doc.(map[string]any)
	if !ok {
		t.Fatalf("the JSON template is %T, want an object", doc)
	}
	if v, ok := top["AWSTemplateFormatVersion"].(string); !ok || v == "" {
		t.Errorf("AWSTemplateFormatVersion = %#v, want a version string", top["AWSTemplateFormatVersion"])
	}
	resources, ok := top["Resources"].(map[string]any)
	if !ok || len(resources) == 0 {
		t.Fatalf("Resources = %#v, want a non-empty object: every app has at least one service", top["Resources"])
	}
	for id, r := range resources {
		res, ok := r.(map[string]any)
		if !ok {
			t.Errorf("resource %s is %T, want an object", id, r)
			continue
		}
		if typ, _ := res["Type"].(string); !strings.HasPrefix(typ, "AWS::") {
			t.Errorf("resource %s has Type %#v, want an AWS:: type", id, res["Type"])
		}
	}
	return doc
}

// normalize makes decoded JSON and YAML comparable: JSON numbers (decoded
// as json.Number) and YAML's int, uint64 and float64 all become int64 when
// whole and in range, else float64; YAML mappings with non-string keys are
// kept as they are, so that a key the YAML encoder failed to quote shows up
// as a difference instead of being papered over.
func normalize(v any) any {
	switch v := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, e := range v {
			out[k] = normalize(e)
		}
		return out
	case map[any]any:
		out := make(map[any]any, len(v))
		for k, e := range v {
			out[k] = normalize(e)
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = normalize(e)
		}
		return out
	case json.Number:
		if i, err := v.Int64(); err == nil {
			return i
		}
		if f, err := strconv.ParseFloat(string(v), 64); err == nil {
			return normalize(f)
		}
		return string(v)
	case int:
		return int64(v)
	case uint64:
		if v <= 1<<63-1 {
			return int64(v)
		}
		return float64(v)
	case float64:
		if v == math.Trunc(v) && math.Abs(v) < 1<<63 {
			return int64(v)
		}
		return v
	}
	return v
}

func fuzzErrText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
