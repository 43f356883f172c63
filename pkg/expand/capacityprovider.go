package expand

import "github.com/ecsgen/ecsgen/pkg/model"

// CapacityShare is one capacity provider's share of a service's tasks.
type CapacityShare struct {
	// Provider is FARGATE or FARGATE_SPOT.
	Provider     string
	Weight, Base int
}

// expandCapacityProviderStrategy puts a service on Fargate capacity
// providers instead of a launch type, and makes its cluster offer them.
func expandCapacityProviderStrategy(s *Service, m *model.Service) {
	if len(m.CapacityProviderStrategy) == 0 {
		return
	}
	for _, item := range m.CapacityProviderStrategy {
		share := CapacityShare{Provider: item.CapacityProvider, Weight: item.ProviderWeight()}
		if item.Base != nil {
			share.Base = *item.Base
		}
		s.CapacityProviders = append(s.CapacityProviders, share)
	}
	// ECS takes either a launch type or a strategy, never both.
	s.LaunchType = ""
	s.Cluster.FargateProviders = true
}
