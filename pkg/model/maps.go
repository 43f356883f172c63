package model

import (
	"maps"
	"slices"
)

// sortedKeys gives map keys in a fixed order, so that validation messages
// and everything derived from the model are deterministic.
func sortedKeys[V any](m map[string]V) []string {
	return slices.Sorted(maps.Keys(m))
}
