package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Stdio is the name that means standard input for -f and standard output
// for -o, as in most Unix tools.
const Stdio = "-"

// OutputPath resolves -o (and --check): a directory gets
// <app>.template.<format>, as cdk synth names its templates.
func OutputPath(output, name, format string) string {
	if strings.HasSuffix(output, "/") || strings.HasSuffix(output, string(filepath.Separator)) {
		return filepath.Join(output, name+".template."+format)
	}
	if fi, err := os.Stat(output); err == nil && fi.IsDir() {
		return filepath.Join(output, name+".template."+format)
	}
	return output
}

// RefuseManifest fails when path is the manifest itself, under any name:
// the same path, a symlink to it or a hard link.
func RefuseManifest(path, manifest string) error {
	out, err := os.Stat(path)
	if err != nil {
		return nil // nothing there yet, so not the manifest
	}
	if in, err := os.Stat(manifest); err == nil && os.SameFile(out, in) {
		return fmt.Errorf("-o %s is the manifest %s; write the template to another file", path, manifest)
	}
	return nil
}

// WriteOutput writes data (a template, a manifest) to path without
// harming what is there: through a symlink to the link's target (replacing
// the link would cut it off from where it points), and straight into a
// device or FIFO, which cannot be renamed over.
func WriteOutput(path string, data []byte) error {
	target, err := followLinks(path)
	if err != nil {
		return err
	}
	fi, err := os.Stat(target)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		return writeAtomically(target, data)
	case err != nil:
		return err
	}
	if !fi.Mode().IsRegular() {
		return os.WriteFile(target, data, 0o644)
	}
	return writeAtomically(target, data)
}

// maxLinks bounds how many symlinks a path may pass through, as the
// kernel's ELOOP does, so a link cycle is an error instead of a hang.
const maxLinks = 40

// followLinks returns the file path finally names, following symlinks in
// its last element even when the last link dangles (the template then
// creates the file it points to).
func followLinks(path string) (string, error) {
	for range maxLinks {
		fi, err := os.Lstat(path)
		if err != nil || fi.Mode()&fs.ModeSymlink == 0 {
			return path, nil
		}
		dest, err := os.Readlink(path)
		if err != nil {
			return "", err
		}
		if !filepath.IsAbs(dest) {
			dest = filepath.Join(filepath.Dir(path), dest)
		}
		path = dest
	}
	return "", fmt.Errorf("%s: too many levels of symbolic links", path)
}
