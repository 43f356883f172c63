package copilot

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/ecsgen/ecsgen/pkg/importer"
	"github.com/ecsgen/ecsgen/pkg/model"
	"go.yaml.in/yaml/v3"
)

// count turns count into desiredCount, or into autoscaling when it has a
// range and a target ecsgen scales on, and its Fargate Spot settings into
// a capacity provider strategy.
func (c *converter) count(w *workload, s *model.Service) {
	n := w.m.Count
	svc := importer.Field("services", w.name)
	switch n.Kind {
	case yaml.ScalarNode:
		if v, err := strconv.Atoi(n.Value); err == nil {
			s.DesiredCount = &v
		}
		return
	case yaml.MappingNode:
	default:
		return
	}
	var cc countConfig
	if err := n.Decode(&cc); err != nil {
		c.report(w, []string{"count"}, "does not read (%s); the service keeps one task", strings.TrimPrefix(err.Error(), "yaml: "))
		return
	}
	if cc.Spot != nil {
		s.DesiredCount = cc.Spot
		s.CapacityProviderStrategy = []model.CapacityProviderStrategyItem{{CapacityProvider: "FARGATE_SPOT"}}
		c.res.Note(importer.Field(svc, "capacityProviderStrategy"), "Copilot's count.spot: every task on Fargate Spot")
	}
	if cc.Range.Kind == 0 {
		return
	}
	lo, hi, spotFrom, ok := countRangeOf(&cc.Range)
	if !ok {
		c.report(w, []string{"count", "range"}, "%q is not a range such as 1-10 or {min: 1, max: 10}; the service keeps one task", scalarText(&cc.Range))
		return
	}
	if spotFrom != nil {
		c.spotFrom(w, s, *spotFrom)
	}
	a := &model.Autoscaling{MinCapacity: &lo, MaxCapacity: hi}
	var in, out []int
	for _, t := range []struct {
		key    string
		n      *yaml.Node
		target **int
	}{
		{"cpu_percentage", &cc.CPUPercentage, &a.CpuUtilization},
		{"memory_percentage", &cc.MemoryPercentage, &a.MemoryUtilization},
		{"requests", &cc.Requests, &a.RequestsPerTarget},
	} {
		if t.n.Kind == 0 {
			continue
		}
		if t.key == "requests" && !w.routed {
			c.report(w, []string{"count", t.key}, "counts requests at an application load balancer, and this service has none (http); it is left out")
			continue
		}
		st, ok := scalingTargetOf(t.n)
		if !ok {
			c.report(w, []string{"count", t.key}, "does not read as a number or {value, cooldown}; it is left out")
			continue
		}
		*t.target = st.Value
		in = appendCooldown(in, st.Cooldown.In, cc.Cooldown.In)
		out = appendCooldown(out, st.Cooldown.Out, cc.Cooldown.Out)
	}
	if a.CpuUtilization == nil && a.MemoryUtilization == nil && a.RequestsPerTarget == nil {
		if s.DesiredCount == nil {
			s.DesiredCount = &lo
		}
		c.res.Note(importer.Field(svc, "desiredCount"), fmt.Sprintf("the low end of Copilot's count.range (%s), which scales on no target ecsgen has", scalarText(&cc.Range)))
		c.report(w, []string{"count", "range"}, "has no target ecsgen scales on (cpu_percentage, memory_percentage, requests): the service keeps desiredCount %d; add one of them to scale", *s.DesiredCount)
		return
	}
	a.ScaleInCooldown = c.cooldown(w, "in", in)
	a.ScaleOutCooldown = c.cooldown(w, "out", out)
	s.DesiredCount = nil
	s.Autoscaling = a
	c.res.Note(importer.Field(svc, "autoscaling"), "Copilot's count: the range and its targets; the service starts at minCapacity")
}

// countRangeOf reads count.range: "1-10" or {min, max, spot_from}.
func countRangeOf(n *yaml.Node) (lo, hi int, spotFrom *int, ok bool) {
	if n.Kind == yaml.ScalarNode {
		from, to, found := strings.Cut(n.Value, "-")
		l, err1 := strconv.Atoi(strings.TrimSpace(from))
		h, err2 := strconv.Atoi(strings.TrimSpace(to))
		return l, h, nil, found && err1 == nil && err2 == nil
	}
	var r countRange
	if err := n.Decode(&r); err != nil || r.Min == nil || r.Max == nil {
		return 0, 0, nil, false
	}
	return *r.Min, *r.Max, r.SpotFrom, true
}

// scalingTargetOf reads a count metric: a number or {value, cooldown}.
func scalingTargetOf(n *yaml.Node) (scalingTarget, bool) {
	var st scalingTarget
	if n.Kind == yaml.ScalarNode {
		v, err := strconv.Atoi(n.Value)
		st.Value = &v
		return st, err == nil
	}
	err := n.Decode(&st)
	return st, err == nil && st.Value != nil
}

// appendCooldown adds a metric's cooldown, or count.cooldown's, in
// seconds; Copilot's default (none given) adds nothing.
func appendCooldown(seen []int, own, shared string) []int {
	d := own
	if d == "" {
		d = shared
	}
	dur, err := time.ParseDuration(d)
	if d == "" || err != nil {
		return seen
	}
	return append(seen, int(dur.Round(time.Second).Seconds()))
}

// cooldown is one service-wide cooldown: ecsgen gives every target the
// same, so differing ones keep the longest.
func (c *converter) cooldown(w *workload, dir string, seen []int) *int {
	if len(seen) == 0 {
		return nil
	}
	longest := slices.Max(seen)
	if slices.Min(seen) != longest {
		c.report(w, []string{"count"}, "the targets scale %s after different cooldowns; ecsgen has one per service, and keeps the longest, %d s", dir, longest)
	}
	return clamp(longest, "cooldown")
}

// spotFrom puts the tasks from the spot_from-th on Fargate Spot, as
// Copilot does: the ones before it are FARGATE's base.
func (c *converter) spotFrom(w *workload, s *model.Service, from int) {
	if len(s.CapacityProviderStrategy) > 0 {
		c.report(w, []string{"count", "range", "spot_from"}, "count.spot already puts every task on Fargate Spot; spot_from is left out")
		return
	}
	spot := model.CapacityProviderStrategyItem{CapacityProvider: "FARGATE_SPOT"}
	if from <= 1 {
		s.CapacityProviderStrategy = []model.CapacityProviderStrategyItem{spot}
	} else {
		s.CapacityProviderStrategy = []model.CapacityProviderStrategyItem{{CapacityProvider: "FARGATE", Base: new(from - 1), Weight: new(0)}, spot}
	}
	c.res.Note(importer.Field(importer.Field("services", w.name), "capacityProviderStrategy"), fmt.Sprintf("Copilot's spot_from %d: the first %d tasks on Fargate, the rest on Fargate Spot", from, max(from-1, 0)))
}

func scalarText(n *yaml.Node) string {
	if n.Kind == yaml.ScalarNode {
		return n.Value
	}
	lo, hi := value(n, "min"), value(n, "max")
	if lo != nil && hi != nil {
		return lo.Value + "-" + hi.Value
	}
	return "a range"
}
