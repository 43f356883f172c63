package expand

import (
	"fmt"
	"net/netip"

	"github.com/ecsgen/ecsgen/pkg/model"
)

// Network is a VPC and the subnets resources in it use.
type Network struct {
	Name string
	Kind NetworkKind
	// For a managed VPC: its range, zones and NAT strategy.
	CidrBlock string
	Zones     []Zone
	Nat       string
	// FlowLog records the VPC's rejected traffic, for managed VPCs.
	FlowLog *FlowLog
	// For an existing VPC: its IDs.
	VpcID            string
	PublicSubnetIDs  []string
	PrivateSubnetIDs []string
}

// NetworkKind says where a network comes from.
type NetworkKind int

const (
	// DefaultVPC is the account's default VPC. CloudFormation cannot look
	// it up, so its IDs become template parameters that deploy fills in,
	// keeping synth offline and the template account-independent.
	DefaultVPC NetworkKind = iota
	// ManagedVPC is a VPC the stack creates.
	ManagedVPC
	// ExistingVPC is a VPC that exists already, named by ID.
	ExistingVPC
)

// Zone is one Availability Zone of a managed VPC, with its two subnets.
type Zone struct {
	// Index selects the zone from the region's list, so the template works
	// in any region without naming zones.
	Index       int
	PublicCIDR  string
	PrivateCIDR string
	// NatGateway marks a zone whose public subnet holds a NAT gateway.
	NatGateway bool
}

// FlowLog sends a VPC's flow log to CloudWatch Logs. By default it records
// rejected packets, what a security review asks for (probes, misconfigured
// groups), which cost little to keep, unlike every accepted connection.
type FlowLog struct {
	TrafficType string
	LogGroup    *LogGroup
	// Role lets the flow logs service write to the group, and only it.
	Role *Role
}

// PrivatePlacement reports whether tasks and instances go in private
// subnets without public IPs, reaching the internet through NAT. Without
// NAT they go in public subnets and need a public IP to pull images.
func (n *Network) PrivatePlacement() bool {
	switch n.Kind {
	case ManagedVPC:
		return n.Nat != model.NatNone
	case ExistingVPC:
		return len(n.PrivateSubnetIDs) > 0
	}
	return false
}

// NatZone returns the zone whose NAT gateway a zone's private subnet uses:
// its own with one gateway per zone, else the first zone's.
func (n *Network) NatZone(z Zone) Zone {
	if n.Nat == model.NatOnePerAz {
		return z
	}
	return n.Zones[0]
}

func defaultNetwork() *Network {
	return &Network{Name: "default", Kind: DefaultVPC}
}

func expandVpc(name string, m *model.Vpc) *Network {
	if e := m.Existing; e != nil {
		return &Network{Name: name, Kind: ExistingVPC, VpcID: e.VpcId,
			PublicSubnetIDs: e.PublicSubnetIds, PrivateSubnetIDs: e.PrivateSubnetIds}
	}
	cidr := m.Cidr()
	n := &Network{Name: name, Kind: ManagedVPC, CidrBlock: cidr.String(), Nat: m.Nat()}
	logs := &LogGroup{Name: name + "-flow-logs", RetentionDays: m.FlowLogs.Retention()}
	n.FlowLog = &FlowLog{
		TrafficType: m.FlowLogs.Traffic(),
		LogGroup:    logs,
		Role: &Role{
			Name:      name + "-flow-logs",
			Principal: "vpc-flow-logs.amazonaws.com",
			Statements: []Statement{{
				Actions:   []string{"logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"},
				Resources: []Resource{{LogGroup: logs}},
			}},
		},
	}
	slots := 1 << model.SubnetBits
	for i := range m.Zones() {
		z := Zone{
			Index:       i,
			PublicCIDR:  subnet(cidr, i),
			PrivateCIDR: subnet(cidr, slots/2+i),
			NatGateway:  n.Nat == model.NatOnePerAz || n.Nat == model.NatSingle && i == 0,
		}
		n.Zones = append(n.Zones, z)
	}
	return n
}

// subnet returns the i-th subnet of size /(bits+model.SubnetBits) in cidr.
func subnet(cidr netip.Prefix, i int) string {
	bits := cidr.Bits() + model.SubnetBits
	addr := cidr.Addr().As4()
	base := uint32(addr[0])<<24 | uint32(addr[1])<<16 | uint32(addr[2])<<8 | uint32(addr[3])
	base += uint32(i) << (32 - bits)
	return fmt.Sprintf("%d.%d.%d.%d/%d", byte(base>>24), byte(base>>16), byte(base>>8), byte(base), bits)
}
