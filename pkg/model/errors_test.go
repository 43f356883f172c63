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
