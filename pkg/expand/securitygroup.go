package expand

// SecurityGroup is a security group with its rules. Rules that name
// another group (Peer) let traffic only between the two groups.
type SecurityGroup struct {
	Name        string
	Description string
	Network     *Network
	Ingress     []Rule
	Egress      []Rule
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

func (x *expander) newSecurityGroup(name, description string, n *Network) *SecurityGroup {
	sg := &SecurityGroup{Name: name, Description: description, Network: n}
	x.app.SecurityGroups = append(x.app.SecurityGroups, sg)
	return sg
}

// allowPort lets tcp traffic on port from one group to another, recording
// the rule on both sides so neither group allows more than this.
func allowPort(from, to *SecurityGroup, port int, why string) {
	from.Egress = append(from.Egress, Rule{Description: why, Protocol: ProtocolTCP, FromPort: port, ToPort: port, Peer: to})
	to.Ingress = append(to.Ingress, Rule{Description: why, Protocol: ProtocolTCP, FromPort: port, ToPort: port, Peer: from})
}
