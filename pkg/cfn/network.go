package cfn

import (
	"fmt"
	"strconv"

	"github.com/awslabs/goformation/v7/cloudformation"
	"github.com/awslabs/goformation/v7/cloudformation/ec2"
	"github.com/awslabs/goformation/v7/cloudformation/tags"
	"github.com/ecsgen/ecsgen/pkg/expand"
)

func addNetwork(t *Template, n *expand.Network) {
	switch n.Kind {
	case expand.DefaultVPC:
		addDefaultVPCParameters(t, n)
	case expand.ManagedVPC:
		addManagedVPC(t, n)
	}
}

// The default VPC cannot be looked up by CloudFormation, so a template
// that uses it takes its IDs as typed parameters. The types make the
// console offer a picker and make CloudFormation check the IDs exist.
func addDefaultVPCParameters(t *Template, n *expand.Network) {
	t.addParameter(vpcIDParam(n), "the default VPC", cloudformation.Parameter{
		Type:        "AWS::EC2::VPC::Id",
		Description: new("ID of the account's default VPC; ecsgen deploy fills it in."),
	})
	t.addParameter(subnetIDsParam(n), "the default VPC", cloudformation.Parameter{
		Type:        "List<AWS::EC2::Subnet::Id>",
		Description: new("Subnets of the default VPC, in at least two Availability Zones; ecsgen deploy fills them in."),
	})
	t.needDefaultVpc(n)
}

func vpcIDParam(n *expand.Network) string     { return LogicalID(n.Name, "VpcId") }
func subnetIDsParam(n *expand.Network) string { return LogicalID(n.Name, "VpcSubnetIds") }

func managedVPCID(n *expand.Network) string { return LogicalID(n.Name, "Vpc") }

func subnetID(n *expand.Network, kind string, z expand.Zone) string {
	return LogicalID(n.Name, kind, "Subnet", strconv.Itoa(z.Index+1))
}

// vpcID is the value of a network's VPC ID.
func vpcID(n *expand.Network) string {
	switch n.Kind {
	case expand.ManagedVPC:
		return cloudformation.Ref(managedVPCID(n))
	case expand.ExistingVPC:
		return n.VpcID
	}
	return cloudformation.Ref(vpcIDParam(n))
}

// publicSubnets are where internet-facing load balancers go.
func publicSubnets(n *expand.Network) []string {
	switch n.Kind {
	case expand.ManagedVPC:
		return zoneSubnets(n, "Public")
	case expand.ExistingVPC:
		return n.PublicSubnetIDs
	}
	return []string{cloudformation.Ref(subnetIDsParam(n))}
}

// taskSubnets are where tasks and instances go: the private subnets when
// they reach the internet through NAT, else the public ones.
func taskSubnets(n *expand.Network) []string {
	if !n.PrivatePlacement() {
		return publicSubnets(n)
	}
	if n.Kind == expand.ExistingVPC {
		return n.PrivateSubnetIDs
	}
	return zoneSubnets(n, "Private")
}

// privateSubnets are where internal load balancers go: the VPC's private
// subnets when it has some, NAT or not, since nothing there needs to reach
// the internet; else the only subnets there are.
func privateSubnets(n *expand.Network) []string {
	switch {
	case n.Kind == expand.ManagedVPC:
		return zoneSubnets(n, "Private")
	case n.Kind == expand.ExistingVPC && len(n.PrivateSubnetIDs) > 0:
		return n.PrivateSubnetIDs
	}
	return publicSubnets(n)
}

func zoneSubnets(n *expand.Network, kind string) []string {
	var out []string
	for _, z := range n.Zones {
		out = append(out, cloudformation.Ref(subnetID(n, kind, z)))
	}
	return out
}

// nameTag gives a resource a Name the console shows, scoped by stack.
func nameTag(suffix string) []tags.Tag {
	return []tags.Tag{{Key: "Name", Value: cloudformation.Sub("${AWS::StackName}/" + suffix)}}
}

// addManagedVPC lays out a VPC with a public and a private subnet in each
// zone. Public subnets route to an internet gateway and hold the load
// balancers and NAT gateways; private ones route to their NAT gateway.
// Subnets do not give instances public IPs on launch: whatever needs one
// asks for it, so nothing is exposed by accident.
func addManagedVPC(t *Template, n *expand.Network) {
	owner := "vpcs." + n.Name
	vpc := managedVPCID(n)
	t.addResource(vpc, owner, &ec2.VPC{
		CidrBlock:          new(n.CidrBlock),
		EnableDnsHostnames: new(true),
		EnableDnsSupport:   new(true),
		Tags:               nameTag(n.Name),
	})
	igw, attachment := LogicalID(n.Name, "InternetGateway"), LogicalID(n.Name, "InternetGatewayAttachment")
	t.addResource(igw, owner, &ec2.InternetGateway{Tags: nameTag(n.Name)})
	t.addResource(attachment, owner, &ec2.VPCGatewayAttachment{VpcId: cloudformation.Ref(vpc), InternetGatewayId: new(cloudformation.Ref(igw))})

	publicRoutes := LogicalID(n.Name, "PublicRouteTable")
	t.addResource(publicRoutes, owner, &ec2.RouteTable{VpcId: cloudformation.Ref(vpc), Tags: nameTag(n.Name + "/public")})
	t.addResource(publicRouteID(n), owner, &ec2.Route{
		RouteTableId:         cloudformation.Ref(publicRoutes),
		DestinationCidrBlock: new("0.0.0.0/0"),
		GatewayId:            new(cloudformation.Ref(igw)),
		// The route needs the gateway attached, which nothing else says.
		AWSCloudFormationDependsOn: []string{attachment},
	})
	for _, z := range n.Zones {
		num := strconv.Itoa(z.Index + 1)
		az := new(cloudformation.Select(z.Index, cloudformation.GetAZs("")))
		public, private := subnetID(n, "Public", z), subnetID(n, "Private", z)
		t.addResource(public, owner, &ec2.Subnet{
			VpcId: cloudformation.Ref(vpc), CidrBlock: new(z.PublicCIDR), AvailabilityZone: az,
			MapPublicIpOnLaunch: new(false), Tags: nameTag(n.Name + "/public-" + num),
		})
		t.addResource(routeTableAssociationID(n, "Public", z), owner, &ec2.SubnetRouteTableAssociation{
			SubnetId: cloudformation.Ref(public), RouteTableId: cloudformation.Ref(publicRoutes),
		})
		t.addResource(private, owner, &ec2.Subnet{
			VpcId: cloudformation.Ref(vpc), CidrBlock: new(z.PrivateCIDR), AvailabilityZone: az,
			MapPublicIpOnLaunch: new(false), Tags: nameTag(n.Name + "/private-" + num),
		})
		privateRoutes := LogicalID(n.Name, "PrivateRouteTable", num)
		t.addResource(privateRoutes, owner, &ec2.RouteTable{VpcId: cloudformation.Ref(vpc), Tags: nameTag(n.Name + "/private-" + num)})
		t.addResource(routeTableAssociationID(n, "Private", z), owner, &ec2.SubnetRouteTableAssociation{
			SubnetId: cloudformation.Ref(private), RouteTableId: cloudformation.Ref(privateRoutes),
		})
		if z.NatGateway {
			nat := natGatewayID(n, z)
			t.addResource(LogicalID(nat, "Eip"), owner, &ec2.EIP{
				Domain: new("vpc"), Tags: nameTag(n.Name + "/nat-" + num),
				AWSCloudFormationDependsOn: []string{attachment},
			})
			t.addResource(nat, owner, &ec2.NatGateway{
				SubnetId:     cloudformation.Ref(public),
				AllocationId: new(cloudformation.GetAtt(LogicalID(nat, "Eip"), "AllocationId")),
				Tags:         nameTag(n.Name + "/nat-" + num),
			})
		}
		if n.PrivatePlacement() {
			t.addResource(privateRouteID(n, z), owner, &ec2.Route{
				RouteTableId:         cloudformation.Ref(privateRoutes),
				DestinationCidrBlock: new("0.0.0.0/0"),
				NatGatewayId:         new(cloudformation.Ref(natGatewayID(n, n.NatZone(z)))),
			})
		}
	}
	if fl := n.FlowLog; fl != nil {
		t.addResource(logGroupID(fl.LogGroup), owner, logGroup(fl.LogGroup))
		addRole(t, fl.Role, owner)
		t.addResource(LogicalID(n.Name, "FlowLog"), owner, &ec2.FlowLog{
			ResourceId:               cloudformation.Ref(vpc),
			ResourceType:             "VPC",
			TrafficType:              new(fl.TrafficType),
			LogDestinationType:       new("cloud-watch-logs"),
			LogGroupName:             new(cloudformation.Ref(logGroupID(fl.LogGroup))),
			DeliverLogsPermissionArn: new(cloudformation.GetAtt(roleID(fl.Role), "Arn")),
		})
	}
	t.addOutput(LogicalID(n.Name, "VpcId"), owner, cloudformation.Output{
		Value: cloudformation.Ref(vpc), Description: new(fmt.Sprintf("ID of VPC %s", n.Name)),
	})
}

func natGatewayID(n *expand.Network, z expand.Zone) string {
	return LogicalID(n.Name, "NatGateway", strconv.Itoa(z.Index+1))
}
