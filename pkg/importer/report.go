package importer

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Item is one thing the importer could not carry over: where it is in the
// source and what the user can do instead.
type Item struct {
	File  string
	Line  int // 0 when the source has no line for it
	Field string
	Msg   string
}

// String renders the item as file:line: field: message, on one line.
func (it Item) String() string {
	var b strings.Builder
	b.WriteString(it.File)
	if it.Line > 0 {
		b.WriteString(":" + itoa(it.Line))
	}
	if it.Field != "" {
		b.WriteString(": " + it.Field)
	}
	b.WriteString(": " + it.Msg)
	return lineBreaks.Replace(b.String())
}

var lineBreaks = strings.NewReplacer("\n", `\n`, "\r", `\r`)

// Report is every item that did not map, in the order the importer found
// them.
type Report []Item

// Add appends an item, unless the report has it already: one source
// field (an environment's, say) may reach several services, and the user
// needs to read of it once.
func (r *Report) Add(file string, line int, field, format string, args ...any) {
	it := Item{File: file, Line: line, Field: field, Msg: fmt.Sprintf(format, args...)}
	if !slices.Contains(*r, it) {
		*r = append(*r, it)
	}
}

// String renders the report one item per line, each line ending in a
// line break; the empty report is the empty string.
func (r Report) String() string {
	var b strings.Builder
	for _, it := range r {
		b.WriteString(it.String())
		b.WriteByte('\n')
	}
	return b.String()
}

func itoa(i int) string { return strconv.Itoa(i) }
