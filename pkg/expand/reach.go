package expand

import (
	"fmt"
	"strings"

	"github.com/ecsgen/ecsgen/pkg/model"
)

// defaultVPCRange is the range AWS gives every default VPC.
const defaultVPCRange = "172.31.0.0/16"

// privateRanges are RFC 1918's, where an existing VPC's range lies when
// ecsgen cannot know it.
var privateRanges = []string{"10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"}

// sources are the ranges a load balancer admits clients from.
type sources struct {
	cidrs []string
	// who names the clients in rule descriptions; summary in the group's.
	who, summary string
}

// allowedSources are the user's allowedSourceIps; else, for an internal
// load balancer, its VPC's range (or the private ranges, for an existing
// VPC whose range the template cannot see); else the whole internet.
func allowedSources(m *model.Listener, n *Network) sources {
	switch {
	case len(m.AllowedSourceIps) > 0:
		return sources{m.AllowedSourceIps, "Allowed clients", strings.Join(m.AllowedSourceIps, ", ")}
	case m.IsExternal():
		return sources{[]string{anywhereIPv4}, "Internet clients", "the internet"}
	case n.Kind == ManagedVPC:
		return sources{[]string{n.CidrBlock}, "VPC clients", "its VPC"}
	case n.Kind == DefaultVPC:
		return sources{[]string{defaultVPCRange}, "VPC clients", "its VPC"}
	}
	return sources{privateRanges, "Private network clients", "private networks"}
}

// admit adds one ingress rule per range to g for port.
func (s sources) admit(g *SecurityGroup, port int, what string) {
	for _, cidr := range s.cidrs {
		desc := fmt.Sprintf("%s to %s", s.who, what)
		if len(s.cidrs) > 1 {
			desc = fmt.Sprintf("%s in %s to %s", s.who, cidr, what)
		}
		g.Ingress = append(g.Ingress, Rule{Description: desc, Protocol: ProtocolTCP, FromPort: port, ToPort: port, CIDR: cidr})
	}
}
