package cli

import (
	"errors"
	"fmt"
	"testing"

	"github.com/ecsgen/ecsgen/pkg/model"
)

func TestFormatError(t *testing.T) {
	one := &model.Errors{File: "app.yaml", List: []model.FieldError{{Path: "name", Msg: "is required", Pos: model.Pos{Line: 3}}}}
	two := &model.Errors{File: "app.yaml", List: []model.FieldError{{Path: "name", Msg: "is required", Pos: model.Pos{Line: 3}}, {Path: "services", Msg: "is required", Pos: model.Pos{Line: 5}}}}
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"an error", errors.New("no manifest at x.yaml"), "error: no manifest at x.yaml"},
		{"one problem", one, "error: the manifest has 1 problem:\n  app.yaml:3: name: is required"},
		{"problems", two, "error: the manifest has 2 problems:\n  app.yaml:3: name: is required\n  app.yaml:5: services: is required"},
		{"problems in context", fmt.Errorf("nothing was written:\n%w", one), "error: nothing was written; the manifest has 1 problem:\n  app.yaml:3: name: is required"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := FormatError(tt.err); got != tt.want {
				t.Errorf("FormatError:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}
