package model

import (
	"go.yaml.in/yaml/v3"
)

// LogGroup is where a task's containers send their output. In a manifest
// it is false (no logging), the name of an existing log group, or a
// mapping for the group ecsgen creates.
type LogGroup struct {
	// Disabled turns logging off; set by `logGroup: false`.
	Disabled bool `yaml:"-"`
	// Existing names a log group that already exists; set by the string
	// form.
	Existing string `yaml:"-"`
	// RetentionInDays is how long the new group keeps logs; default 1, as
	// in awsx.
	RetentionInDays *int `yaml:"retentionInDays" ecsgen:"retentionInDays"`
}

// Retention returns the new group's retention with its default.
func (l *LogGroup) Retention() int {
	if l == nil {
		return rules["retentionInDays"].orInt(nil)
	}
	return rules["retentionInDays"].orInt(l.RetentionInDays)
}

func (l *LogGroup) decodeNode(d *decoder, n *yaml.Node, path string) {
	switch {
	case n.Kind == yaml.ScalarNode && (n.Tag == "!!bool" || yaml11Bool(n)):
		on, problem := boolValue(n)
		if problem != "" {
			d.errorf(n, path, "%s; false turns logging off (quote a log group named %s)", problem, n.Value)
			return
		}
		l.Disabled = !on
	case n.Kind == yaml.ScalarNode:
		l.Existing = n.Value
	case n.Kind != yaml.MappingNode:
		d.errorf(n, path, "must be false, the name of an existing log group, or a mapping such as {retentionInDays: 7}; got %s", describe(n))
	default:
		type plain LogGroup // without decodeNode, so decoding does not recurse
		d.decodeStruct(n, reflectValue((*plain)(l)), path)
	}
}

func (l *LogGroup) validate(v *Errors, path string) {
	if l.Existing != "" {
		validateLogGroupName(v, path, l.Existing)
	}
}

// logGroupNamePattern is CloudWatch Logs' rule for log group names.
var logGroupNamePattern = lazyRegexp(`^[.\-_/#A-Za-z0-9]+$`)

// maxLogGroupName is the longest log group name CloudWatch Logs accepts.
const maxLogGroupName = 512

// validateLogGroupName checks the name of an existing log group, which
// ECS would otherwise accept and the awslogs driver reject at task start.
func validateLogGroupName(v *Errors, path, name string) {
	switch {
	case len(name) > maxLogGroupName:
		v.add(path, "log group name is too long: %d characters, at most %d", len(name), maxLogGroupName)
	case !logGroupNamePattern().MatchString(name):
		v.add(path, "%q is not a log group name: use letters, digits and . - _ / # only, e.g. /ecs/shop", name)
	}
}
