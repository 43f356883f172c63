package cfn

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"strings"
)

// resolveIntrinsics turns goformation's intrinsic functions back into the
// objects CloudFormation reads. goformation's typed fields are strings, so
// cloudformation.Ref and its kin return the function as base64-encoded
// JSON; its own intrinsics.ProcessJSON decodes them, but only with an
// extra unmarshal and marshal of the whole template, which was a fifth of
// the time of a synth. TestResolveIntrinsicsMatchesGoformation holds this
// to ProcessJSON's output on every golden.
func resolveIntrinsics(v any) any {
	switch v := v.(type) {
	case map[string]any:
		for k, e := range v {
			v[k] = resolveIntrinsics(e)
		}
	case []any:
		for i, e := range v {
			v[i] = resolveIntrinsics(e)
		}
	case string:
		if fn, ok := decodeIntrinsic(v); ok {
			return resolveIntrinsics(fn)
		}
	}
	return v
}

// decodeIntrinsic reads a goformation-encoded intrinsic: base64 of a JSON
// object with one key, Ref or an Fn:: function.
func decodeIntrinsic(s string) (map[string]any, bool) {
	if len(s) < 8 || len(s)%4 != 0 {
		return nil, false
	}
	raw, err := base64.StdEncoding.DecodeString(s)
	if err != nil || len(raw) == 0 || raw[0] != '{' {
		return nil, false
	}
	var fn map[string]any
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if dec.Decode(&fn) != nil || len(fn) != 1 {
		return nil, false
	}
	for name := range fn {
		if name != "Ref" && !strings.HasPrefix(name, "Fn::") {
			return nil, false
		}
	}
	return fn, true
}
