// Command hello is the go-service example's web server: it answers every
// request on port 8080 with a greeting.
package main

import (
	"fmt"
	"log"
	"net/http"
)

func main() {
	http.HandleFunc("/", func(w http.ResponseWriter, _ *http.Request) {
		fmt.Fprintln(w, "Hello from a goPackage image!")
	})
	log.Fatal(http.ListenAndServe(":8080", nil))
}
