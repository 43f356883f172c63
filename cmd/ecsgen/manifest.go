package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/ecsgen/ecsgen/pkg/cfn"
	"github.com/ecsgen/ecsgen/pkg/model"
	"github.com/spf13/cobra"
)

// loadTemplate reads the manifest of -f (standard input for -) and
// synthesizes its template: every command that reads a manifest comes
// through here, so each reports the same problems, with file and line.
func loadTemplate(cmd *cobra.Command, file string) (*model.Manifest, *cfn.Template, error) {
	m, err := readManifest(cmd, file)
	if err != nil {
		return nil, nil, err
	}
	t, err := cfn.SynthManifest(m)
	if err != nil {
		return nil, nil, err
	}
	return m, t, nil
}

// readManifest loads the manifest from a file, or from standard input
// for -.
func readManifest(cmd *cobra.Command, file string) (*model.Manifest, error) {
	if file == stdio {
		return model.Decode("<stdin>", cmd.InOrStdin())
	}
	f, err := os.Open(file)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("no manifest at %s; name one with -f, e.g. ecsgen %s -f examples/nginx/ecsgen.yaml", file, cmd.Name())
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return model.Decode(file, f)
}
