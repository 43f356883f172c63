package publish

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudformation/types"
)

// Summary counts a change set's changes by kind.
type Summary struct {
	Add, Modify, Replace, Remove int
}

// Total is the number of resources that change.
func (s Summary) Total() int { return s.Add + s.Modify + s.Replace + s.Remove }

func (s Summary) String() string {
	return fmt.Sprintf("%d to add, %d to change, %d to replace, %d to remove", s.Add, s.Modify, s.Replace, s.Remove)
}

// summarize renders a change set for a person: one line per resource,
// sorted by logical ID, with replacements called out because they delete
// the resource that is there now.
func summarize(cs *changeSet) (string, Summary) {
	var sum Summary
	var b strings.Builder
	w := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	changes := map[string]*types.ResourceChange{}
	for _, c := range cs.changes {
		if rc := c.ResourceChange; rc != nil {
			changes[aws.ToString(rc.LogicalResourceId)] = rc
		}
	}
	for _, id := range slices.Sorted(maps.Keys(changes)) {
		rc := changes[id]
		mark, note := "~", ""
		switch {
		case rc.Action == types.ChangeActionAdd:
			mark = "+"
			sum.Add++
		case rc.Action == types.ChangeActionRemove:
			mark = "-"
			sum.Remove++
		case rc.Replacement == types.ReplacementTrue:
			mark, note = "!", "REPLACED: a new one is created, then the current one deleted"
			sum.Replace++
		case rc.Replacement == types.ReplacementConditional:
			mark, note = "!", "may be REPLACED, depending on values known only during the update"
			sum.Replace++
		default:
			sum.Modify++
			note = changedProperties(rc)
		}
		fmt.Fprintf(w, "  %s %s\t%s\t%s\n", mark, id, aws.ToString(rc.ResourceType), note)
	}
	w.Flush()
	lines := strings.Split(strings.TrimRight(b.String(), "\n"), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ") // tabwriter pads an empty last column
	}
	return fmt.Sprintf("Changes to stack %s (%s):\n%s\n", cs.stack, sum, strings.Join(lines, "\n")), sum
}

// changedProperties names the properties a modification touches, when
// CloudFormation says.
func changedProperties(rc *types.ResourceChange) string {
	var props []string
	for _, d := range rc.Details {
		if t := d.Target; t != nil && t.Name != nil && !slices.Contains(props, *t.Name) {
			props = append(props, *t.Name)
		}
	}
	if len(props) == 0 {
		return ""
	}
	return "changes " + strings.Join(props, ", ")
}

func sortedKeys[V any](m map[string]V) []string { return slices.Sorted(maps.Keys(m)) }
