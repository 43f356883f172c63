package model

import (
	"strings"
	"unicode/utf8"
)

// tagPattern is the characters AWS allows in tag keys and values: letters,
// digits and spaces in any script, and _ . : / = + - @.
// Its Unicode classes compile to large tables, so only on first use.
var tagPattern = lazyRegexp(`^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$`)

// maxTags is how many user tags AWS lets a resource carry.
const maxTags = 50

// validateTags applies AWS's rules to one resource's tags at path.
func validateTags(v *Errors, path string, tags map[string]string) {
	if len(tags) > maxTags {
		v.add(path, "has %d tags; AWS allows at most %d per resource, so remove %d", len(tags), maxTags, len(tags)-maxTags)
	}
	for _, k := range sortedKeys(tags) {
		validateTag(v, field(path, k), k, tags[k])
	}
}

// validateTag applies AWS's tag rules, which CloudFormation would otherwise
// report only at deploy time. AWS counts lengths in characters, not bytes.
func validateTag(v *Errors, path, key, value string) {
	switch keyLen, valueLen := utf8.RuneCountInString(key), utf8.RuneCountInString(value); {
	case keyLen == 0 || keyLen > 128:
		v.add(path, "tag keys must be 1 to 128 characters, got %d", keyLen)
	case strings.HasPrefix(strings.ToLower(key), "aws:"):
		v.add(path, "tag keys starting with aws: are reserved by AWS")
	case !tagPattern().MatchString(key):
		v.add(path, "tag keys may hold only letters, digits, spaces and _ . : / = + - @")
	case valueLen > 256:
		v.add(path, "tag values must be at most 256 characters, got %d", valueLen)
	case !tagPattern().MatchString(value):
		v.add(path, "tag values may hold only letters, digits, spaces and _ . : / = + - @")
	}
}
