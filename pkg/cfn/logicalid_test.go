package cfn

import (
	"testing"

	_ "github.com/ecsgen/ecsgen/internal/golden" // accepts go test ./... -update
)

// TestLogicalID pins the naming scheme: a change here renames, and so
// replaces, resources in every deployed stack.
func TestLogicalID(t *testing.T) {
	tests := []struct {
		parts []string
		want  string
	}{
		{[]string{"nginx", "Service"}, "NginxService"},
		{[]string{"my-app", "LoadBalancer"}, "MyAppLoadBalancer"},
		{[]string{"my_app", "Load", "Balancer"}, "MyAppLoadBalancer"},
		{[]string{"myApp", "Cluster"}, "MyAppCluster"},
		{[]string{"web2", "api", "Image"}, "Web2ApiImage"},
		{[]string{"nginx-load-balancer", "EgressTo", "nginx-service", "80"}, "NginxLoadBalancerEgressToNginxService80"},
		{[]string{"default", "VpcSubnetIds"}, "DefaultVpcSubnetIds"},
		{[]string{"ünïcode", "X"}, "NCodeX"},
	}
	for _, tt := range tests {
		if got := LogicalID(tt.parts...); got != tt.want {
			t.Errorf("LogicalID(%q) = %q, want %q", tt.parts, got, tt.want)
		}
	}
}
