package model

import (
	"fmt"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// A manifest means what a YAML 1.2 editor shows its author. yaml.v3
// resolves scalars half in YAML 1.1 (0443 is octal, 1_000 is a number)
// and leaves booleans' spelling to the caller, so the decoder reads the
// scalars of typed fields here, by the YAML 1.2 core schema, and turns
// every form on which the two versions disagree into an error that says
// what to write.

// boolValue reads a boolean field. YAML 1.2 spells booleans true, True,
// TRUE, false, False or FALSE; YAML 1.1's yes, no, on, off, y and n are
// text in YAML 1.2, so an editor and an older parser would disagree on
// them: they are an error, not a guess.
func boolValue(n *yaml.Node) (value bool, problem string) {
	if n.Kind == yaml.ScalarNode {
		switch n.Value {
		case "true", "True", "TRUE":
			return true, ""
		case "false", "False", "FALSE":
			return false, ""
		}
		if yaml11Bool(n) {
			return false, fmt.Sprintf("%s is text in YAML 1.2 (older YAML read it as a boolean); write true or false", n.Value)
		}
	}
	return false, "must be true or false, got " + describe(n)
}

// yaml11Bool reports whether n is an unquoted YAML 1.1 boolean that YAML
// 1.2 reads as text.
func yaml11Bool(n *yaml.Node) bool {
	if n.Kind != yaml.ScalarNode || n.Style&(yaml.SingleQuotedStyle|yaml.DoubleQuotedStyle) != 0 {
		return false
	}
	switch strings.ToLower(n.Value) {
	case "yes", "no", "on", "off", "y", "n":
		return true
	}
	return false
}

// decimalInt is a YAML 1.2 decimal integer without a leading zero, the
// one integer form every YAML version reads the same way.
var decimalInt = lazyRegexp(`^[-+]?(0|[1-9][0-9]*)$`)

// intValue reads a whole-number field.
func intValue(n *yaml.Node) (value int, problem string) {
	if n.Kind != yaml.ScalarNode || (n.Tag != "!!int" && n.Tag != "!!float") {
		return 0, "must be a whole number, got " + describe(n)
	}
	s := n.Value
	if !decimalInt().MatchString(s) {
		return 0, intAdvice(s)
	}
	i, err := strconv.ParseInt(s, 10, 64)
	if err != nil || int64(int(i)) != i {
		return 0, s + " is out of range"
	}
	return int(i), ""
}

// intAdvice says why a number in another form than decimalInt is refused
// and what to write instead.
func intAdvice(s string) string {
	sign, digits := "", strings.TrimLeft(s, "+-")
	if strings.HasPrefix(s, "-") {
		sign = "-"
	}
	lower := strings.ToLower(digits)
	switch {
	case strings.Trim(digits, "0123456789_") != "" && !strings.HasPrefix(lower, "0x") && !strings.HasPrefix(lower, "0o") && !strings.HasPrefix(lower, "0b"):
		return "must be a whole number, got " + s
	case strings.Contains(digits, "_"):
		return fmt.Sprintf("%s: YAML 1.2 reads digits with underscores as text; write %s%s", s, sign, strings.TrimLeft(strings.ReplaceAll(digits, "_", ""), "0"))
	case strings.HasPrefix(lower, "0x"), strings.HasPrefix(lower, "0o"), strings.HasPrefix(lower, "0b"):
		if i, err := strconv.ParseInt(s, 0, 64); err == nil {
			return fmt.Sprintf("%s: write whole numbers in decimal, here %d", s, i)
		}
		return s + ": write whole numbers in decimal"
	}
	// A leading zero: octal to YAML 1.1, decimal to YAML 1.2.
	return fmt.Sprintf("%s has a leading zero, which YAML 1.1 reads as octal and YAML 1.2 as decimal; write %s%s", s, sign, nonZero(strings.TrimLeft(digits, "0")))
}

func nonZero(digits string) string {
	if digits == "" {
		return "0"
	}
	return digits
}

// tagProblem says why a node's explicit YAML tag is refused, or "" if it
// has none or one of the core schema's. A local tag such as !Sub or !Ref
// is almost always a CloudFormation intrinsic copied from a template:
// yaml.v3 would read the value and silently drop the tag.
func tagProblem(n *yaml.Node) string {
	switch n.Tag {
	case "", "!!str", "!!int", "!!float", "!!bool", "!!null", "!!map", "!!seq":
		return ""
	case "!!timestamp", "!!merge":
		if n.Style&yaml.TaggedStyle == 0 {
			return "" // resolved from the value (a date, <<), not written
		}
	}
	if !strings.HasPrefix(n.Tag, "!!") {
		return fmt.Sprintf("the YAML tag %s is not manifest syntax: CloudFormation intrinsics (!Ref, !Sub, !GetAtt, ...) do not work here; write the value itself (an output refers to the app as ${listeners.web.endpoint.hostname})", n.Tag)
	}
	return fmt.Sprintf("the YAML tag %s is not supported; remove it and write the value as plain YAML", n.Tag)
}
