package model

import "strings"

// tagPattern is the characters AWS allows in tag keys and values: letters,
// digits and spaces in any script, and _ . : / = + - @.
// Its Unicode classes compile to large tables, so only on first use.
var tagPattern = lazyRegexp(`^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$`)

// validateTag applies AWS's tag rules, which CloudFormation would otherwise
// report only at deploy time.
func validateTag(v *Errors, path, key, value string) {
	switch {
	case key == "" || len(key) > 128:
		v.add(path, "tag keys must be 1 to 128 characters")
	case strings.HasPrefix(strings.ToLower(key), "aws:"):
		v.add(path, "tag keys starting with aws: are reserved by AWS")
	case !tagPattern().MatchString(key):
		v.add(path, "tag keys may hold only letters, digits, spaces and _ . : / = + - @")
	case len(value) > 256:
		v.add(path, "tag values must be at most 256 characters, got %d", len(value))
	case !tagPattern().MatchString(value):
		v.add(path, "tag values may hold only letters, digits, spaces and _ . : / = + - @")
	}
}
