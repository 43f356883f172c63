package expand

import "strings"

// SecurityGroup is a security group with its rules. Rules that name
// another group (Peer) let traffic only between the two groups.
type SecurityGroup struct {
	Name string
	// Owner is the manifest location the group is made for (listeners.web,
	// services.web, clusters.main) or, for a group the user gave, where
	// it was first given; errors about the group name it.
	Owner       string
	Description string
	Network     *Network
	// ExternalID is set for a group that exists outside the stack; the
	// stack adds rules to it but does not create it.
	ExternalID string
	Ingress    []Rule
	Egress     []Rule
	// Output publishes the group's ID as a stack output, so that what
	// lives outside the stack (a database, a file system) can admit the
	// tasks or instances it guards.
	Output bool
}

// Rule is one security group rule: traffic on a protocol and port range
// from (ingress) or to (egress) either a CIDR or a peer group.
type Rule struct {
	Description string
	// Protocol is tcp, udp, or -1 for all.
	Protocol string
	FromPort int
	ToPort   int
	CIDR     string
	Peer     *SecurityGroup
}

// Protocols in rules.
const (
	ProtocolTCP = "tcp"
	ProtocolUDP = "udp"
	ProtocolAll = "-1"
)

// anywhereIPv4 is the CIDR of the whole IPv4 internet.
const anywhereIPv4 = "0.0.0.0/0"

// Ephemeral ports ECS gives bridge-mode containers with no fixed host
// port; a load balancer reaches such tasks anywhere in this range.
const (
	ephemeralFrom = 32768
	ephemeralTo   = 65535
)

func (x *expander) newSecurityGroup(name, owner, description string, n *Network) *SecurityGroup {
	sg := &SecurityGroup{Name: name, Owner: owner, Description: description, Network: n}
	x.app.SecurityGroups = append(x.app.SecurityGroups, sg)
	return sg
}

// externalSecurityGroup refers to a group by ID, once per ID.
func (x *expander) externalSecurityGroup(id, owner string) *SecurityGroup {
	if sg, ok := x.external[id]; ok {
		return sg
	}
	sg := &SecurityGroup{Name: id, Owner: owner, ExternalID: id}
	x.external[id] = sg
	x.app.SecurityGroups = append(x.app.SecurityGroups, sg)
	return sg
}

func allEgress(why string) Rule {
	return Rule{Description: "All outbound traffic: " + why, Protocol: ProtocolAll, CIDR: anywhereIPv4}
}

// allowPorts lets tcp traffic on a port range from one group to another,
// recording the rule on both sides so neither group allows more than this.
// Two routes of one load balancer to the same group and ports (bridge tasks
// on shared instances) need the rule once, which then says it serves both.
func allowPorts(from, to *SecurityGroup, fromPort, toPort int, why string) {
	for i, r := range from.Egress {
		if r.Peer == to && r.FromPort == fromPort && r.ToPort == toPort {
			from.Egress[i].Description = mergeDescriptions(r.Description, why)
			for j, in := range to.Ingress {
				if in.Peer == from && in.FromPort == fromPort && in.ToPort == toPort {
					to.Ingress[j].Description = mergeDescriptions(in.Description, why)
				}
			}
			return
		}
	}
	from.Egress = append(from.Egress, Rule{Description: why, Protocol: ProtocolTCP, FromPort: fromPort, ToPort: toPort, Peer: to})
	to.Ingress = append(to.Ingress, Rule{Description: why, Protocol: ProtocolTCP, FromPort: fromPort, ToPort: toPort, Peer: from})
}

// maxRuleDescription is EC2's limit on a security group rule's description.
const maxRuleDescription = 255

// mergeDescriptions adds why to a shared rule's description, or says there
// are more reasons once EC2's limit leaves no room to list them.
func mergeDescriptions(desc, why string) string {
	const more = "; and others"
	if merged := desc + "; " + why; len(merged) <= maxRuleDescription {
		return merged
	}
	return strings.TrimSuffix(desc, more) + more
}
