package cfn

import (
	"github.com/awslabs/goformation/v7/cloudformation"
	"github.com/awslabs/goformation/v7/cloudformation/ecs"
	"github.com/ecsgen/ecsgen/pkg/expand"
)

// fargateProviders are the capacity providers AWS offers every cluster
// that lists them.
var fargateProviders = []string{"FARGATE", "FARGATE_SPOT"}

// associatedProviders are the providers a cluster with instances offers:
// its own, and Fargate's when a service's strategy needs them.
func associatedProviders(c *expand.Cluster) []string {
	out := []string{cloudformation.Ref(capacityProviderID(c))}
	if c.FargateProviders {
		out = append(out, fargateProviders...)
	}
	return out
}

func capacityProviderStrategy(shares []expand.CapacityShare) []ecs.Service_CapacityProviderStrategyItem {
	var out []ecs.Service_CapacityProviderStrategyItem
	for _, s := range shares {
		item := ecs.Service_CapacityProviderStrategyItem{CapacityProvider: new(s.Provider), Weight: new(s.Weight)}
		if s.Base > 0 {
			item.Base = new(s.Base)
		}
		out = append(out, item)
	}
	return out
}
