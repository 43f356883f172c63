package model

import "slices"

// Bounds returns the smallest and largest whole number the rule named
// rule (as in rules.go, e.g. "healthCheckInterval") allows, nil where
// there is no bound. Importers of other tools' formats use it to bring
// foreign values into range without restating the rule.
func Bounds(rule string) (lo, hi *int) {
	r := rules[rule]
	if r == nil {
		return nil, nil
	}
	return r.min, r.max
}

// Values returns the only whole numbers the named rule allows, in
// ascending order (e.g. "retentionInDays"), or nil when it lists none.
func Values(rule string) []int {
	if r := rules[rule]; r != nil {
		return slices.Clone(r.values)
	}
	return nil
}

// Matches reports whether s is text the named rule's pattern allows (e.g.
// "scheduleExpression"); a rule without a pattern allows any text.
// Importers use it to pass foreign values through only when ecsgen
// takes them as they are.
func Matches(rule, s string) bool {
	r := rules[rule]
	if r == nil || r.pattern == "" {
		return true
	}
	return r.regexp().MatchString(s)
}
