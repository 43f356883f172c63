package cfn

import (
	"github.com/awslabs/goformation/v7/cloudformation"
	"github.com/ecsgen/ecsgen/pkg/expand"
)

// The default VPC cannot be looked up by CloudFormation, so a template
// that uses it takes its IDs as typed parameters. The types make the
// console offer a picker and make CloudFormation check the IDs exist.
func addNetwork(t *Template, n *expand.Network) {
	if !n.Default {
		return
	}
	t.addParameter(vpcIDParam(n), "the default VPC", cloudformation.Parameter{
		Type:        "AWS::EC2::VPC::Id",
		Description: new("ID of the account's default VPC; ecsgen deploy fills it in."),
	})
	t.addParameter(subnetIDsParam(n), "the default VPC", cloudformation.Parameter{
		Type:        "List<AWS::EC2::Subnet::Id>",
		Description: new("Subnets of the default VPC, in at least two Availability Zones; ecsgen deploy fills them in."),
	})
}

func vpcIDParam(n *expand.Network) string     { return LogicalID(n.Name, "VpcId") }
func subnetIDsParam(n *expand.Network) string { return LogicalID(n.Name, "VpcSubnetIds") }

// vpcID is the value of a network's VPC ID.
func vpcID(n *expand.Network) string { return cloudformation.Ref(vpcIDParam(n)) }

// subnets is the list of subnets that load balancers and tasks in a
// network use.
func subnets(n *expand.Network) []string {
	return []string{cloudformation.Ref(subnetIDsParam(n))}
}
