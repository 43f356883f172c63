package cfn

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// LogicalID derives a logical ID from the user's names and the kind of
// resource: ("nginx", "Service") is NginxService and ("my-app", "Load",
// "Balancer") is MyAppLoadBalancer. Words split at anything that is not a
// letter or digit, and each starts upper-case; the rest of a word keeps its
// case, so "myApp" stays readable as MyApp.
//
// This is the only place logical IDs are made. CloudFormation replaces a
// resource whose logical ID changes, so changing this scheme is a breaking
// change for every deployed stack.
func LogicalID(parts ...string) string {
	var b strings.Builder
	for _, part := range parts {
		for _, word := range strings.FieldsFunc(part, func(r rune) bool {
			return !unicode.IsLetter(r) && !unicode.IsDigit(r) || r > unicode.MaxASCII
		}) {
			r, size := utf8.DecodeRuneInString(word)
			b.WriteRune(unicode.ToUpper(r))
			b.WriteString(word[size:])
		}
	}
	return b.String()
}
