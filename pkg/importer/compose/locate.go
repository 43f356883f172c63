package compose

import (
	"os"

	"go.yaml.in/yaml/v3"
)

// locator finds where a Compose key was written, for the report. The
// project compose-go loads keeps no positions, so the files are parsed a
// second time as plain YAML; this reads positions only, never meaning.
type locator struct {
	dir   string
	files []string
	roots []*yaml.Node
}

func newLocator(files []string, dir string) *locator {
	l := &locator{dir: dir}
	for _, f := range files {
		var doc yaml.Node
		data, err := os.ReadFile(f)
		if err != nil || yaml.Unmarshal(data, &doc) != nil || len(doc.Content) == 0 {
			continue
		}
		l.files = append(l.files, f)
		l.roots = append(l.roots, doc.Content[0])
	}
	return l
}

// find returns the file and line of the deepest of keys found, looking in
// the last file first, as a later file overrides an earlier one. A key set
// through extends in another file is located at its service.
func (l *locator) find(keys ...string) (file string, line int) {
	best := -1
	for i := len(l.files) - 1; i >= 0; i-- {
		n, depth, at := l.roots[i], 0, l.roots[i].Line
		for _, k := range keys {
			key, value := child(n, k)
			if key == nil {
				break
			}
			n, depth, at = value, depth+1, key.Line
		}
		if depth > best {
			best, file, line = depth, l.files[i], at
		}
		if depth == len(keys) {
			break
		}
	}
	if file == "" {
		if len(l.files) == 0 {
			return "compose.yaml", 0
		}
		file = l.files[0]
	}
	return relTo(l.dir, file), line
}

// child returns the key and value nodes of key in mapping n.
func child(n *yaml.Node, key string) (*yaml.Node, *yaml.Node) {
	if n.Kind != yaml.MappingNode {
		return nil, nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i], n.Content[i+1]
		}
	}
	return nil, nil
}
