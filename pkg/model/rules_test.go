package model

import (
	"reflect"
	"testing"
)

// TestRulesAreBound: every rule in rules.go governs some manifest field,
// every field's ecsgen tag names a rule, and each default has the type of
// the fields it is the default of, so or, orInt and orBool cannot panic.
func TestRulesAreBound(t *testing.T) {
	used := map[string]bool{}
	for _, typ := range schemaTypes(reflect.TypeFor[App]()) {
		for name, idx := range structFields(typ).byName {
			f := typ.FieldByIndex(idx)
			tag := f.Tag.Get("ecsgen")
			if tag == "" {
				continue
			}
			r, ok := rules[tag]
			if !ok {
				t.Errorf("model.%s.%s: ecsgen:%q names no rule", typ.Name(), name, tag)
				continue
			}
			used[tag] = true
			ft := f.Type
			for ft.Kind() == reflect.Pointer || ft.Kind() == reflect.Slice {
				ft = ft.Elem()
			}
			if r.def != nil && reflect.TypeOf(r.def).Kind() != ft.Kind() {
				t.Errorf("rule %s: default %v is a %T, but model.%s.%s is a %s", tag, r.def, r.def, typ.Name(), name, ft)
			}
		}
	}
	for name := range rules {
		if !used[name] {
			t.Errorf("rule %s governs no field; bind it with an ecsgen tag or remove it", name)
		}
	}
}
