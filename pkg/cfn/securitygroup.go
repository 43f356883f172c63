package cfn

import (
	"fmt"

	"github.com/awslabs/goformation/v7/cloudformation"
	"github.com/awslabs/goformation/v7/cloudformation/ec2"
	"github.com/ecsgen/ecsgen/pkg/expand"
)

func securityGroupID(sg *expand.SecurityGroup) string { return LogicalID(sg.Name, "SecurityGroup") }

// groupID is the value of a security group's ID.
func groupID(sg *expand.SecurityGroup) string {
	if sg.ExternalID != "" {
		return sg.ExternalID
	}
	return cloudformation.GetAtt(securityGroupID(sg), "GroupId")
}

// noEgress is the rule CloudFormation needs to remove a new group's
// default allow-all egress: a group with no egress rules gets one, so a
// rule that matches nothing (ICMP type 252 to 255.255.255.255) stands in.
var noEgress = ec2.SecurityGroup_Egress{
	IpProtocol:  "icmp",
	FromPort:    new(252),
	ToPort:      new(86),
	CidrIp:      new("255.255.255.255/32"),
	Description: new("Disallow all traffic"),
}

// addSecurityGroup renders a group with its CIDR rules inline. Rules
// between two groups become resources of their own: inline, two groups
// that admit each other would depend on each other, which CloudFormation
// cannot create. A group outside the stack gets only rule resources, which
// go away with the stack.
func addSecurityGroup(t *Template, sg *expand.SecurityGroup) {
	id := securityGroupID(sg)
	owner := sg.Owner
	g := &ec2.SecurityGroup{GroupDescription: sg.Description}
	if sg.ExternalID == "" {
		g.VpcId = new(vpcID(sg.Network))
	}
	for _, r := range sg.Ingress {
		if r.Peer != nil || sg.ExternalID != "" {
			rule := &ec2.SecurityGroupIngress{
				GroupId:     new(groupID(sg)),
				IpProtocol:  r.Protocol,
				FromPort:    ports(r).from,
				ToPort:      ports(r).to,
				Description: new(r.Description),
			}
			if r.Peer != nil {
				rule.SourceSecurityGroupId = new(groupID(r.Peer))
			} else {
				rule.CidrIp = new(r.CIDR)
			}
			t.addResource(ruleID(sg, "IngressFrom", r), owner, rule)
			continue
		}
		g.SecurityGroupIngress = append(g.SecurityGroupIngress, ec2.SecurityGroup_Ingress{
			IpProtocol: r.Protocol, CidrIp: new(r.CIDR),
			FromPort: ports(r).from, ToPort: ports(r).to, Description: new(r.Description),
		})
	}
	for _, r := range sg.Egress {
		if r.Peer != nil || sg.ExternalID != "" {
			rule := &ec2.SecurityGroupEgress{
				GroupId:     groupID(sg),
				IpProtocol:  r.Protocol,
				FromPort:    ports(r).from,
				ToPort:      ports(r).to,
				Description: new(r.Description),
			}
			if r.Peer != nil {
				rule.DestinationSecurityGroupId = new(groupID(r.Peer))
			} else {
				rule.CidrIp = new(r.CIDR)
			}
			t.addResource(ruleID(sg, "EgressTo", r), owner, rule)
			continue
		}
		g.SecurityGroupEgress = append(g.SecurityGroupEgress, ec2.SecurityGroup_Egress{
			IpProtocol: r.Protocol, CidrIp: new(r.CIDR),
			FromPort: ports(r).from, ToPort: ports(r).to, Description: new(r.Description),
		})
	}
	if sg.ExternalID != "" {
		return
	}
	if len(g.SecurityGroupEgress) == 0 {
		g.SecurityGroupEgress = []ec2.SecurityGroup_Egress{noEgress}
	}
	t.addResource(id, owner, g)
	if sg.Output {
		t.addOutput(LogicalID(sg.Name, "SecurityGroupId"), owner, cloudformation.Output{
			Value:       groupID(sg),
			Description: new("ID of security group " + sg.Name + ", for databases and file systems to admit"),
		})
	}
}

// ruleID names a rule resource by both ends and the port, so rules stay
// stable when others are added.
func ruleID(sg *expand.SecurityGroup, direction string, r expand.Rule) string {
	other := r.CIDR
	if r.Peer != nil {
		other = r.Peer.Name
	}
	return LogicalID(sg.Name, direction, other, fmt.Sprint(r.FromPort))
}

type portRange struct{ from, to *int }

// ports leaves the range out for all-protocol rules, which have none.
func ports(r expand.Rule) portRange {
	if r.Protocol == expand.ProtocolAll {
		return portRange{}
	}
	return portRange{new(r.FromPort), new(r.ToPort)}
}
