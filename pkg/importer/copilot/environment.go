package copilot

import (
	"slices"

	"go.yaml.in/yaml/v3"
)

// applyEnvironment merges the manifest's overrides for the chosen
// environment into it, as Copilot does: mappings merge key by key, any
// other value replaces the one it overrides. The overriding nodes keep
// their lines, so the report points at the override.
func (c *converter) applyEnvironment(w *workload) {
	envs := value(w.root, "environments")
	if envs == nil {
		return
	}
	var names []string
	for i := 0; i+1 < len(envs.Content); i += 2 {
		names = append(names, envs.Content[i].Value)
	}
	override := value(envs, c.env)
	switch {
	case c.env == "" && len(names) > 0:
		c.report(w, []string{"environments"}, "overrides for %v are not applied; import with --env NAME to apply one environment's", names)
	case c.env != "" && override == nil:
		c.report(w, []string{"environments"}, "has no overrides for %s (only %v); the manifest is imported as written", c.env, names)
	case override != nil && override.Kind == yaml.MappingNode:
		merge(w.root, override)
	}
	removeKey(w.root, "environments")
}

func merge(dst, src *yaml.Node) {
	for i := 0; i+1 < len(src.Content); i += 2 {
		k, v := src.Content[i], src.Content[i+1]
		if cur := value(dst, k.Value); cur != nil && cur.Kind == yaml.MappingNode && v.Kind == yaml.MappingNode {
			merge(cur, v)
			continue
		}
		removeKey(dst, k.Value)
		dst.Content = append(dst.Content, k, v)
	}
}

// value is the value of key in mapping n, or nil.
func value(n *yaml.Node, key string) *yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

func removeKey(n *yaml.Node, key string) {
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			n.Content = slices.Delete(n.Content, i, i+2)
			return
		}
	}
}
