package model

import (
	"slices"
	"strings"
)

// ListenerRule sends the requests of an application listener that match
// its conditions to its port mapping, through a target group of its own,
// as CDK's addTargets({conditions, priority}) and Copilot's http.path and
// http.alias do. A request matches when its path matches one of paths (if
// given) and its host one of hosts (if given).
type ListenerRule struct {
	// Paths are path patterns, case-sensitive, with * and ? wildcards,
	// e.g. /api/*.
	Paths []string `yaml:"paths" ecsgen:"rulePaths"`
	// Hosts are host names, case-insensitive, with * and ? wildcards, e.g.
	// api.example.com.
	Hosts []string `yaml:"hosts" ecsgen:"ruleHosts"`
	// Priority orders the listener's rules, lowest first, 1-50000; default:
	// derived from the service's (or task's) name, see DerivedPriority.
	Priority *int `yaml:"priority" ecsgen:"rulePriority"`
}

// ALB's quotas on one rule: the paths and hosts it may match, and the
// wildcards (* and ?) in them all.
const (
	maxConditionValues = 5
	maxRuleWildcards   = 5
)

// maxRulesPerListener is ALB's quota of rules per listener, besides the
// default one.
const maxRulesPerListener = 100

// DerivedPriority is the priority of a rule that gives none, derived from
// the name of the service or task it routes to and nothing else, so that
// adding, removing or renaming one rule never renumbers another (which
// CloudFormation would do one rule update at a time, with clashes between
// them). The name, lower-cased without - and _, is read as a number in
// base 37 from its first three characters: the first (a letter) counts
// 0-25, the next two count 0 when absent, 1-10 for digits and 11-36 for
// letters. Rules are therefore tried in the alphabetical order of their
// owners' names, from 1 (a) to 35594 (zzz); names that share their first
// three characters collide and need an explicit priority.
func DerivedPriority(name string) int {
	key := strings.ToLower(strings.NewReplacer("-", "", "_", "").Replace(name))
	n := 0
	if key != "" && key[0] >= 'a' && key[0] <= 'z' { // always, for a valid name
		n = int(key[0] - 'a')
	}
	for i := 1; i < 3; i++ {
		n *= 37
		switch {
		case i >= len(key):
		case key[i] >= '0' && key[i] <= '9':
			n += 1 + int(key[i]-'0')
		case key[i] >= 'a' && key[i] <= 'z':
			n += 11 + int(key[i]-'a')
		}
	}
	return n + 1
}

// PriorityFor returns the rule's priority: the given one, else the one
// derived from owner's name.
func (r *ListenerRule) PriorityFor(owner string) int {
	if r.Priority != nil {
		return *r.Priority
	}
	return DerivedPriority(owner)
}

func (r *ListenerRule) validate(v *Errors, path string) {
	if len(r.Paths) == 0 && len(r.Hosts) == 0 {
		v.add(path, "needs paths or hosts (or both): the requests it sends here, e.g. `paths: [/api/*]`")
	}
	if n := len(r.Paths) + len(r.Hosts); n > maxConditionValues && len(r.Paths) <= maxConditionValues && len(r.Hosts) <= maxConditionValues {
		v.add(path, "has %d paths and hosts; an ALB rule matches at most %d values in all", n, maxConditionValues)
	}
	wildcards := 0
	for _, s := range append(slices.Clone(r.Paths), r.Hosts...) {
		wildcards += strings.Count(s, "*") + strings.Count(s, "?")
	}
	if wildcards > maxRuleWildcards {
		v.add(path, "has %d wildcards (* and ?) in its paths and hosts; an ALB rule allows at most %d", wildcards, maxRuleWildcards)
	}
	validateUnique(v, field(path, "paths"), r.Paths, func(s string) string { return s })
	validateUnique(v, field(path, "hosts"), r.Hosts, strings.ToLower)
}

// validateUnique reports a value listed twice, as key sees values.
func validateUnique(v *Errors, path string, values []string, key func(string) string) {
	for i, s := range values {
		if j := slices.IndexFunc(values[:i], func(t string) bool { return key(t) == key(s) }); j >= 0 {
			v.add(index(path, i), "%q is listed twice (also at [%d])", s, j)
		}
	}
}

// covers reports whether every request b matches also matches a: each of
// b's values is covered by one of a's, and a condition a leaves out matches
// everything. It is conservative: it sees only prefixes ending in *.
func (a *ListenerRule) covers(b *ListenerRule) bool {
	return coversAll(a.Paths, b.Paths, func(s string) string { return s }) &&
		coversAll(a.Hosts, b.Hosts, strings.ToLower)
}

func coversAll(a, b []string, key func(string) string) bool {
	if len(a) == 0 {
		return true
	}
	if len(b) == 0 {
		b = []string{"*"} // b matches every value
	}
	for _, t := range b {
		if !slices.ContainsFunc(a, func(s string) bool { return patternCovers(key(s), key(t)) }) {
			return false
		}
	}
	return true
}

// patternCovers reports whether pattern a matches all that pattern b does:
// they are equal, or a is a literal prefix followed by one trailing *.
func patternCovers(a, b string) bool {
	if a == b || a == "*" || a == "/*" && (b == "*" || strings.HasPrefix(b, "/")) {
		return true
	}
	prefix, ok := strings.CutSuffix(a, "*")
	return ok && !strings.ContainsAny(prefix, "*?") && strings.HasPrefix(b, prefix)
}
