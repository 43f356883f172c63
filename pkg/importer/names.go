package importer

import (
	"strings"
	"unicode"
)

// maxName and maxAppName are model's limits on the names of services,
// listeners, containers and volumes, and on the app's name.
const (
	maxName    = 32
	maxAppName = 64
)

// AppName turns a foreign project name into an app name: letters, digits
// and hyphens, starting with a letter, at most 64 characters.
func AppName(s string) string {
	return clean(s, maxAppName, func(r rune) bool { return r == '-' })
}

// Names hands out ecsgen names for foreign ones, unique within one section
// of the manifest. Model rejects names that differ only in case or in '-'
// and '_' (they would name the same CloudFormation resources), so
// uniqueness is judged on that folded form.
type Names struct {
	taken map[string]bool
}

// Name returns an ecsgen name for s: letters, digits, '-' and '_',
// starting with a letter, at most 32 characters, and not yet handed out by
// this Names (a clash gets -2, -3, ...).
func (n *Names) Name(s string) string {
	if n.taken == nil {
		n.taken = map[string]bool{}
	}
	base := clean(s, maxName, func(r rune) bool { return r == '-' || r == '_' })
	name := base
	for i := 2; n.taken[fold(name)]; i++ {
		suffix := "-" + itoa(i)
		name = strings.TrimRight(base[:min(len(base), maxName-len(suffix))], "-_") + suffix
	}
	n.taken[fold(name)] = true
	return name
}

// clean keeps ASCII letters and digits and the punctuation keep allows,
// turns anything else into '-', and makes the name start with a letter.
func clean(s string, limit int, keep func(rune) bool) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)), keep(r):
			b.WriteRune(r)
		default:
			b.WriteByte('-')
		}
	}
	name := strings.Trim(b.String(), "-_")
	if name == "" || !isASCIILetter(name[0]) {
		name = "x" + name
	}
	if len(name) > limit {
		name = strings.TrimRight(name[:limit], "-_")
	}
	return name
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func fold(name string) string {
	return strings.ToLower(strings.NewReplacer("-", "", "_", "").Replace(name))
}
