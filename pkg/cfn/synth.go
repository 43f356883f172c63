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

// SynthManifest is Synth for an app read from a manifest: the problems
// only the template reveals (two names that become one logical ID) name
// the manifest's file and line too, as the decoder's do.
func SynthManifest(m *model.Manifest) (*Template, error) {
	t, err := Synth(m.App)
	if err != nil {
		return nil, m.Locate(err)
	}
	return t, nil
}
