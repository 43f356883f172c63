//go:build unix

package cli

import (
	"os"
	"syscall"
)

// replaceProcess runs path in this process's place (execve): same process
// ID, standard streams, terminal and parent, so that signals reach the
// companion and its exit code is the shell's.
func replaceProcess(path string, args []string) error {
	return syscall.Exec(path, append([]string{path}, args...), os.Environ())
}
