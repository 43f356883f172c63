//go:build unix

package image

import (
	"os"
	"syscall"
)

// mapFile maps the file into memory, read-only, until unmap is called:
// its pages come from the page cache as they are read, and none of the
// process's own memory holds them. The file must not be truncated while
// mapped (reading past its new end would kill the process): go build
// replaces its output, renaming or removing it before writing anew, and
// the mapping keeps the file it mapped.
func mapFile(path string) (data []byte, unmap func(), err error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, nil, err
	}
	if fi.Size() == 0 { // mmap refuses an empty mapping
		return nil, func() {}, nil
	}
	data, err = syscall.Mmap(int(f.Fd()), 0, int(fi.Size()), syscall.PROT_READ, syscall.MAP_SHARED)
	if err != nil {
		return nil, nil, &os.PathError{Op: "mmap", Path: path, Err: err}
	}
	// Munmap fails only for what is not a mapping.
	return data, func() { _ = syscall.Munmap(data) }, nil
}
