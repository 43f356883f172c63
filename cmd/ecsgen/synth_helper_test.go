package main

import (
	"github.com/ecsgen/ecsgen/pkg/cfn"
	"github.com/ecsgen/ecsgen/pkg/model"
)

// synth runs the pipeline from a validated model to template bytes, for
// tests that start from an app rather than a manifest.
func synth(app *model.App, format string) ([]byte, error) {
	t, err := cfn.Synth(app)
	if err != nil {
		return nil, err
	}
	return render(t, format)
}
