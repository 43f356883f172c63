package cfn

import "regexp"

// yaml11Implicit matches the plain scalars a YAML 1.1 reader resolves to
// something other than a string: the types of the YAML 1.1 type repository
// (yaml.org/type), which PyYAML implements and cfn-lint and CloudFormation
// tooling read templates with. yaml.v3 quotes only what YAML 1.2 resolves,
// so "yes", "1_000", "1:20", "2001-1-2 3:04:05" and "=" would change type
// or fail to load. Matching more than a reader resolves only adds quotes.
var yaml11Implicit = regexp.MustCompile(`^(?:` + // the whole scalar
	`(?i:y|yes|n|no|true|false|on|off)` + // bool
	`|(?i:~|null)?` + // null, and the empty scalar
	`|[-+]?0b[01_]+|[-+]?0o?[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+` + // int
	`|[-+]?(?:[0-9][0-9_]*)?\.[0-9._]*(?:[eE][-+]?[0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?i:inf)|\.(?i:nan)` + // float
	`|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)?` + // timestamp
	`|<<|=` + // merge and value keys
	`)$`)
