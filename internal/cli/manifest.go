package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/ecsgen/ecsgen/pkg/cfn"
	"github.com/ecsgen/ecsgen/pkg/model"
	"github.com/spf13/cobra"
)

// LoadTemplate reads the manifest of -f (standard input for -) and
// synthesizes its template: every command that reads a manifest comes
// through here, so each reports the same problems, with file and line.
func LoadTemplate(cmd *cobra.Command, file string) (*model.Manifest, *cfn.Template, error) {
	m, err := ReadManifest(cmd, file)
	if err != nil {
		return nil, nil, err
	}
	t, err := cfn.SynthManifest(m)
	if err != nil {
		return nil, nil, err
	}
	return m, t, nil
}

// ReadManifest loads the manifest from a file, or from standard input
// for -.
func ReadManifest(cmd *cobra.Command, file string) (*model.Manifest, error) {
	if file == Stdio {
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
