package model

import (
	"net/netip"
	"strings"
)

// NAT gateway strategies.
const (
	NatNone     = "none"
	NatSingle   = "single"
	NatOnePerAz = "onePerAz"
)

// SubnetBits is how much smaller than its VPC each subnet ecsgen creates
// is: a /16 VPC gets /20 subnets. The VPC is cut into 1<<SubnetBits slots;
// public subnets take the first, private ones those from the middle, so
// adding a zone later keeps every existing subnet's range, and with it the
// subnet.
const SubnetBits = 4

// Range bounds of a VPC ecsgen creates: AWS allows /16 at most, and a
// load balancer needs subnets of /27 or larger (8 free addresses, after
// the 5 AWS reserves in every subnet).
const (
	largestVpcBits     = 16
	smallestSubnetBits = 27
	smallestVpcBits    = smallestSubnetBits - SubnetBits
)

// Vpc is a VPC, like awsx's ec2.Vpc: one ecsgen creates with public and
// private subnets in each Availability Zone, or an existing one.
type Vpc struct {
	// CidrBlock is the VPC's IPv4 range, /16 to /23 (its subnets are 4
	// bits smaller, and a load balancer needs a /27 or larger); default
	// 10.0.0.0/16.
	CidrBlock string `yaml:"cidrBlock" ecsgen:"vpcCidr"`
	// NumberOfAvailabilityZones is how many zones get subnets, 2 to 6;
	// default 2.
	NumberOfAvailabilityZones *int `yaml:"numberOfAvailabilityZones" ecsgen:"zones"`
	// NatGateways lets tasks in private subnets reach the internet.
	NatGateways *NatGateways `yaml:"natGateways"`
	// FlowLogs chooses what the VPC's flow log records and keeps; every
	// VPC ecsgen creates has one.
	FlowLogs *FlowLogs `yaml:"flowLogs"`
	// Existing uses a VPC that already exists instead of creating one.
	Existing *ExistingVpc `yaml:"existing"`
}

// NatGateways chooses how many NAT gateways a VPC gets.
type NatGateways struct {
	// Strategy is none (tasks get public IPs in public subnets instead),
	// single (one gateway, cheaper, one zone's outage cuts egress), or
	// onePerAz (the default, as in awsx and CDK).
	Strategy string `yaml:"strategy" ecsgen:"natStrategy"`
}

// FlowLogs is the flow log of a VPC ecsgen creates, sent to CloudWatch
// Logs.
type FlowLogs struct {
	// TrafficType is REJECT (the default: rejected packets, what a security
	// review asks for, at little cost), ACCEPT, or ALL (every connection,
	// as Copilot's flow_logs records).
	TrafficType string `yaml:"trafficType" ecsgen:"flowLogTraffic"`
	// RetentionInDays is how long the log group keeps the records; default
	// 14, as Copilot's.
	RetentionInDays *int `yaml:"retentionInDays" ecsgen:"flowLogRetention"`
}

// Traffic returns the traffic type with its default.
func (f *FlowLogs) Traffic() string {
	if f == nil {
		return rules["flowLogTraffic"].or("")
	}
	return rules["flowLogTraffic"].or(f.TrafficType)
}

// Retention returns the retention with its default.
func (f *FlowLogs) Retention() int {
	if f == nil {
		return rules["flowLogRetention"].orInt(nil)
	}
	return rules["flowLogRetention"].orInt(f.RetentionInDays)
}

// ExistingVpc names an existing VPC and its subnets.
type ExistingVpc struct {
	VpcId string `yaml:"vpcId" ecsgen:"vpcId"`
	// PublicSubnetIds hold the load balancers, in at least two zones.
	PublicSubnetIds []string `yaml:"publicSubnetIds" ecsgen:"subnetId"`
	// PrivateSubnetIds hold the tasks and instances, which then get no
	// public IP; without them, tasks run in the public subnets with one.
	PrivateSubnetIds []string `yaml:"privateSubnetIds" ecsgen:"subnetId"`
}

// Cidr returns the VPC's range with its default.
func (n *Vpc) Cidr() netip.Prefix {
	if p, err := netip.ParsePrefix(n.CidrBlock); err == nil {
		return p.Masked()
	}
	return netip.MustParsePrefix(rules["vpcCidr"].def.(string))
}

// Zones returns the number of Availability Zones with its default.
func (n *Vpc) Zones() int { return rules["zones"].orInt(n.NumberOfAvailabilityZones) }

// Nat returns the NAT strategy with its default.
func (n *Vpc) Nat() string {
	if n.NatGateways != nil {
		return rules["natStrategy"].or(n.NatGateways.Strategy)
	}
	return rules["natStrategy"].or("")
}

func (n *Vpc) validate(v *Errors, path string) {
	if e := n.Existing; e != nil {
		if n.CidrBlock != "" || n.NumberOfAvailabilityZones != nil || n.NatGateways != nil || n.FlowLogs != nil {
			v.add(field(path, "existing"), "an existing VPC takes only vpcId and subnet IDs; remove cidrBlock, numberOfAvailabilityZones, natGateways and flowLogs (ecsgen does not change an existing VPC: turn on its flow logs where it is managed)")
		}
		p := field(path, "existing")
		if e.VpcId == "" {
			v.add(field(p, "vpcId"), "is required, e.g. `vpcId: vpc-0123456789abcdef0`")
		}
		if len(e.PublicSubnetIds) < 2 {
			v.add(field(p, "publicSubnetIds"), "needs at least two subnets in different Availability Zones: load balancers require them")
		}
		validateDistinctIDs(v, field(p, "publicSubnetIds"), e.PublicSubnetIds)
		validateDistinctIDs(v, field(p, "privateSubnetIds"), e.PrivateSubnetIds)
		return
	}
	if n.CidrBlock != "" {
		prefix, err := netip.ParsePrefix(n.CidrBlock)
		switch {
		case err != nil || !prefix.Addr().Is4():
			v.add(field(path, "cidrBlock"), "%q is not an IPv4 CIDR such as 10.0.0.0/16", n.CidrBlock)
		case prefix.Bits() < largestVpcBits:
			v.add(field(path, "cidrBlock"), "must be a /%d to /%d range (AWS allows /%d at most), got /%d", largestVpcBits, smallestVpcBits, largestVpcBits, prefix.Bits())
		case prefix.Bits() > smallestVpcBits:
			v.add(field(path, "cidrBlock"), "is too small: a /%d gives /%d subnets, and a load balancer needs /%d or larger; use a /%d to /%d range", prefix.Bits(), prefix.Bits()+SubnetBits, smallestSubnetBits, largestVpcBits, smallestVpcBits)
		case prefix.Masked() != prefix:
			v.add(field(path, "cidrBlock"), "%s has host bits set; did you mean %s?", n.CidrBlock, prefix.Masked())
		}
	}
}

// idKinds names what each ID prefix identifies, for messages.
var idKinds = map[string]string{"sg-": "security group", "vpc-": "VPC", "subnet-": "subnet", "fs-": "EFS file system"}

// validateID checks the shape of an AWS resource ID such as sg-0abc.
//
// AWS IDs of these kinds are 8 hexadecimal digits (the older form) or 17
// (the current one); CloudFormation rejects any other length, so a typo
// that drops a digit fails at synth instead of at deploy.
func validateID(v *Errors, path, id, prefix string) {
	rest, ok := strings.CutPrefix(id, prefix)
	if !ok || (len(rest) != 8 && len(rest) != 17) || strings.ContainsFunc(rest, func(r rune) bool {
		return !(r >= '0' && r <= '9' || r >= 'a' && r <= 'f')
	}) {
		v.add(path, "%q is not a valid %s ID: %s and 8 or 17 hexadecimal digits, such as %s0123456789abcdef0", id, idKinds[prefix], prefix, prefix)
	}
}

// validateDistinctIDs rejects an ID listed twice, which AWS refuses
// ("duplicate subnet") rather than ignores.
func validateDistinctIDs(v *Errors, path string, ids []string) {
	first := map[string]int{}
	for i, id := range ids {
		if j, dup := first[id]; dup {
			v.add(index(path, i), "%s is listed twice (also at [%d]); remove one", id, j)
			continue
		}
		first[id] = i
	}
}
