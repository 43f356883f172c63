package model

// CapacityProviderStrategyItem gives one capacity provider a share of a
// service's tasks, as ECS's capacityProviderStrategy does.
type CapacityProviderStrategyItem struct {
	// CapacityProvider is FARGATE or FARGATE_SPOT (spare capacity at a
	// discount, which AWS may reclaim with two minutes' warning).
	CapacityProvider string `yaml:"capacityProvider" ecsgen:"fargateCapacityProvider"`
	// Weight is this provider's share of the tasks beyond the bases,
	// 0-1000; default 1.
	Weight *int `yaml:"weight" ecsgen:"capacityWeight"`
	// Base is how many tasks run on this provider before weights apply,
	// 0-100000; only one provider may have a base.
	Base *int `yaml:"base" ecsgen:"capacityBase"`
}

// ProviderWeight returns the weight with its default.
func (c CapacityProviderStrategyItem) ProviderWeight() int {
	return rules["capacityWeight"].orInt(c.Weight)
}

// validateCapacityProviderStrategy checks a service's strategy by ECS's
// rules: it replaces the launch type, names each provider once, puts a
// base on one provider at most, and gives some provider a weight.
func (s *Service) validateCapacityProviderStrategy(v *Errors, path string) {
	if len(s.CapacityProviderStrategy) == 0 {
		return
	}
	p := field(path, "capacityProviderStrategy")
	if s.LaunchType != "" {
		// ECS refuses a service with both; the strategy runs on Fargate.
		v.add(field(path, "launchType"), "cannot be set with capacityProviderStrategy, which decides where tasks run (on Fargate); remove launchType")
	}
	seen := map[string]bool{}
	bases, weighted := 0, false
	for i, item := range s.CapacityProviderStrategy {
		ip := index(p, i)
		switch {
		case item.CapacityProvider == "":
			v.add(field(ip, "capacityProvider"), "is required: %s", oneOf(rules["fargateCapacityProvider"].enum))
		case seen[item.CapacityProvider]:
			v.add(field(ip, "capacityProvider"), "%s is listed twice; give each provider once", item.CapacityProvider)
		}
		seen[item.CapacityProvider] = true
		if item.Base != nil && *item.Base > 0 {
			bases++
			if bases == 2 {
				v.add(field(ip, "base"), "only one capacity provider may have a base; remove this one")
			}
		}
		weighted = weighted || item.ProviderWeight() > 0
	}
	if !weighted {
		v.add(p, "gives every provider weight 0, so ECS could place no tasks beyond the base; give one a weight")
	}
}
