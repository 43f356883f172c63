package cfn

import (
	"github.com/ecsgen/ecsgen/pkg/expand"
	"github.com/ecsgen/ecsgen/pkg/model"
)

// Synth runs the whole pipeline from a model to a template: validate,
// expand, build. It is the entry point for the CLI and for Go programs
// alike, so both get the same checks and the same template.
func Synth(app *model.App) (*Template, error) {
	x, err := expand.Expand(app)
	if err != nil {
		return nil, err
	}
	return Build(x)
}
