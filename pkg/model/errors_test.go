package model

import (
	"fmt"
	"strings"
	"testing"
)

func TestErrorsRender(t *testing.T) {
	many := &Errors{File: "m.yaml"}
	for i := range maxShown + 5 {
		many.List = append(many.List, FieldError{Path: fmt.Sprintf("services.s%d", i), Msg: "bad", Pos: Pos{Line: i + 1}})
	}
	tests := []struct {
		name      string
		errs      *Errors
		wantLines int
		wantLast  string
	}{
		{"one per line", &Errors{File: "m.yaml", List: []FieldError{{Path: "a", Msg: "x", Pos: Pos{Line: 1}}, {Msg: "y"}}}, 2, "m.yaml: y"},
		{"line breaks in keys are escaped", &Errors{File: "m.yaml", List: []FieldError{{Path: "a\nb", Msg: "unknown field", Pos: Pos{Line: 2}}}}, 1, `m.yaml:2: a\nb: unknown field`},
		{"no file for Go programs", &Errors{List: []FieldError{{Path: "services.web.desiredCount", Msg: "must be >= 0"}}}, 1, "services.web.desiredCount: must be >= 0"},
		{"capped", many, maxShown + 1, "... and 5 more problems"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lines := strings.Split(tt.errs.Error(), "\n")
			if len(lines) != tt.wantLines {
				t.Errorf("%d lines, want %d:\n%s", len(lines), tt.wantLines, tt.errs.Error())
			}
			if got := lines[len(lines)-1]; got != tt.wantLast {
				t.Errorf("last line %q, want %q", got, tt.wantLast)
			}
		})
	}
}

// TestManifestLocatesLaterProblems: problems found after validation (by
// cfn, which sees only the app) get the manifest's file and their field's
// line; problems that already name a file pass unchanged.
func TestManifestLocatesLaterProblems(t *testing.T) {
	m, err := Decode("app.yaml", strings.NewReader("name: shop\nservices:\n  web:\n    taskDefinition:\n      containers:\n        web: {image: nginx, memory: 128}\n"))
	if err != nil {
		t.Fatal(err)
	}
	later := &Errors{List: []FieldError{{Path: "services.web.taskDefinition", Msg: "clashes"}, {Path: "the default VPC", Msg: "has no line"}}}
	want := "app.yaml:1: the default VPC: has no line\napp.yaml:4: services.web.taskDefinition: clashes"
	if got := m.Locate(later).Error(); got != want {
		t.Errorf("Locate = %q, want %q", got, want)
	}
	located := &Errors{File: "other.yaml", List: []FieldError{{Path: "x", Msg: "y"}}}
	if got := m.Locate(located); got != error(located) {
		t.Errorf("Locate changed a located error: %v", got)
	}
}
