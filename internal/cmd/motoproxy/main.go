// Command motoproxy puts testenv's proxy (moto's fixes, no faults) in front
// of a moto server, for scripts that run the AWS CLI and ecsgen against the
// same endpoint. It prints its URL and serves until killed.
//
// Usage: motoproxy http://127.0.0.1:PORT
package main

import (
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/ecsgen/ecsgen/internal/testenv"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: motoproxy MOTO_URL")
		os.Exit(2)
	}
	p, err := testenv.NewProxy(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println(p.URL)
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	<-sig
	p.Close()
}
