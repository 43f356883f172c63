// Command schemagen writes pkg/model/schema_comments.go, the doc comments
// of the manifest's types compiled into the binary for `ecsgen schema`. It
// is run by `go generate ./pkg/model`, in that directory.
package main

import (
	"flag"
	"fmt"
	"os"
	"reflect"

	"github.com/ecsgen/ecsgen/internal/schemagen"
	"github.com/ecsgen/ecsgen/pkg/model"
)

func main() {
	out := flag.String("o", "schema_comments.go", "the file to write")
	flag.Parse()
	src, err := schemagen.Generate(reflect.TypeFor[model.App](), "schemaComments")
	if err == nil {
		err = os.WriteFile(*out, src, 0o644)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "schemagen:", err)
		os.Exit(1)
	}
}
