package importer

import (
	"strings"

	"github.com/ecsgen/ecsgen/pkg/model"
)

// Result is what an importer made of its input.
type Result struct {
	// App is the imported application.
	App *model.App
	// Source names what the app was imported from, for the manifest's
	// header, e.g. "Compose project shop (compose.yaml)".
	Source string
	// Notes explain choices the importer made, by the manifest path of
	// the field they are about (services.web.taskDefinition.cpu); the
	// writer puts each above its field.
	Notes map[string]string
	// Report lists what did not map.
	Report Report
}

// Note records why the importer chose a field's value. A second note on
// the same field is added as a new line.
func (r *Result) Note(path, text string) {
	if r.Notes == nil {
		r.Notes = map[string]string{}
	}
	if prev := r.Notes[path]; prev != "" {
		text = prev + "\n" + text
	}
	r.Notes[path] = text
}

// CopyNotes gives the field at path to, and everything under it, the
// notes of the field at from and everything under it: a value the
// importer moved or copied keeps its explanations.
func (r *Result) CopyNotes(from, to string) {
	for path, text := range r.Notes {
		if rest, ok := strings.CutPrefix(path, from); ok && (rest == "" || rest[0] == '.' || rest[0] == '[') {
			r.Notes[to+rest] = text
		}
	}
}

// Field and Index build manifest paths in the form model's errors use.
func Field(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

// Index is the path of item i of the list at path.
func Index(path string, i int) string {
	return path + "[" + itoa(i) + "]"
}
