//go:build !unix

package image

import "os"

// mapFile reads the file: where mapping is not done, its bytes are read
// into memory of the process's own.
func mapFile(path string) (data []byte, unmap func(), err error) {
	data, err = os.ReadFile(path)
	return data, func() {}, err
}
