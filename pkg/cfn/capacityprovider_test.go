package cfn

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestCapacityProviderStrategy: a strategy replaces the service's launch
// type, and the cluster offers Fargate's providers: on the cluster itself,
// or in the association of a cluster with instances, since ECS keeps one
// list per cluster.
func TestCapacityProviderStrategy(t *testing.T) {
	strategy := "    capacityProviderStrategy: [{capacityProvider: FARGATE, base: 1}, {capacityProvider: FARGATE_SPOT, weight: 3}]\n"
	tests := []struct {
		name, clusters, cluster string
		clusterProviders        any
		associated              any
	}{
		{"default cluster", "", "", []any{"FARGATE", "FARGATE_SPOT"}, nil},
		{"cluster with instances", "clusters:\n  main:\n    autoScalingGroup: {templateParameters: {maxSize: 2}}\n", "    cluster: main\n",
			nil, []any{map[string]any{"Ref": "MainCapacityProvider"}, "FARGATE", "FARGATE_SPOT"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := synthResources(t, "name: shop\n"+tt.clusters+"services:\n  web:\n"+tt.cluster+strategy+
				"    taskDefinition:\n      container: {image: nginx, memory: 512}\n")
			svc := res["WebService"]["Properties"].(map[string]any)
			if lt, ok := svc["LaunchType"]; ok {
				t.Errorf("LaunchType = %v beside a capacity provider strategy, which ECS refuses", lt)
			}
			want := []any{
				map[string]any{"CapacityProvider": "FARGATE", "Weight": 1.0, "Base": 1.0},
				map[string]any{"CapacityProvider": "FARGATE_SPOT", "Weight": 3.0},
			}
			if diff := cmp.Diff(want, svc["CapacityProviderStrategy"]); diff != "" {
				t.Errorf("strategy (-want +got):\n%s", diff)
			}
			cluster := "DefaultCluster"
			if tt.cluster != "" {
				cluster = "MainCluster"
			}
			if diff := cmp.Diff(tt.clusterProviders, res[cluster]["Properties"].(map[string]any)["CapacityProviders"]); diff != "" {
				t.Errorf("cluster's providers (-want +got):\n%s", diff)
			}
			if tt.associated != nil {
				got := res["MainCapacityProviderAssociation"]["Properties"].(map[string]any)["CapacityProviders"]
				if diff := cmp.Diff(tt.associated, got); diff != "" {
					t.Errorf("associated providers (-want +got):\n%s", diff)
				}
			}
		})
	}
}
