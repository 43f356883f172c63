package cfn

import (
	"strconv"

	"github.com/ecsgen/ecsgen/pkg/expand"
)

// In a VPC the stack creates, nothing says that a load balancer, a task or
// an instance needs the route out of its subnet: they reference the
// subnet, not the route. CloudFormation would create them side by side,
// and an internet-facing load balancer fails without its route to the
// internet gateway, a task cannot pull its image before its NAT route
// exists, an instance cannot join its cluster. DependsOn on the routes
// orders creation, and deletion the other way round: the route goes last.

func publicRouteID(n *expand.Network) string { return LogicalID(n.Name, "PublicDefaultRoute") }

func privateRouteID(n *expand.Network, z expand.Zone) string {
	return LogicalID(n.Name, "PrivateDefaultRoute", strconv.Itoa(z.Index+1))
}

// internetRoutes are what an internet-facing load balancer in n waits for.
func internetRoutes(n *expand.Network) []string {
	if n.Kind != expand.ManagedVPC {
		return nil
	}
	return []string{publicRouteID(n)}
}

// taskRoutes are what tasks and instances in n's task subnets wait for:
// the NAT routes of the private subnets, or the internet gateway's route
// when they run in the public ones.
func taskRoutes(n *expand.Network) []string {
	if n.Kind != expand.ManagedVPC {
		return nil
	}
	if !n.PrivatePlacement() {
		return internetRoutes(n)
	}
	var out []string
	for _, z := range n.Zones {
		out = append(out, privateRouteID(n, z))
	}
	return out
}
