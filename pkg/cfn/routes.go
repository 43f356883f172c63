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
// (and on the subnets' route table associations, without which a route
// serves no subnet) orders creation, and deletion the other way round:
// the route goes last.

func publicRouteID(n *expand.Network) string { return LogicalID(n.Name, "PublicDefaultRoute") }

func privateRouteID(n *expand.Network, z expand.Zone) string {
	return LogicalID(n.Name, "PrivateDefaultRoute", strconv.Itoa(z.Index+1))
}

// routeTableAssociationID names what makes a subnet use its route table;
// until it exists the subnet uses the VPC's main table, which leads
// nowhere, so the subnet's route is not yet its own.
func routeTableAssociationID(n *expand.Network, kind string, z expand.Zone) string {
	return LogicalID(subnetID(n, kind, z), "RouteTableAssociation")
}

// internetRoutes are what an internet-facing load balancer in n waits for:
// the route to the internet gateway and the public subnets' associations
// with its table.
func internetRoutes(n *expand.Network) []string {
	if n.Kind != expand.ManagedVPC {
		return nil
	}
	out := []string{publicRouteID(n)}
	for _, z := range n.Zones {
		out = append(out, routeTableAssociationID(n, "Public", z))
	}
	return out
}

// taskRoutes are what tasks and instances in n's task subnets wait for:
// the NAT routes of the private subnets, or the internet gateway's route
// when they run in the public ones, and the subnets' associations.
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
	for _, z := range n.Zones {
		out = append(out, routeTableAssociationID(n, "Private", z))
	}
	return out
}
