package cfn

import (
	"github.com/awslabs/goformation/v7/cloudformation"
	"github.com/awslabs/goformation/v7/cloudformation/ecs"
	"github.com/awslabs/goformation/v7/cloudformation/servicediscovery"
	"github.com/ecsgen/ecsgen/pkg/expand"
)

const namespaceID = "ServiceConnectNamespace"

// addNamespace creates the app's Cloud Map HTTP namespace. Its name is
// the stack's, which no other stack in the account and region has.
func addNamespace(t *Template, n *expand.Namespace) {
	t.addResource(namespaceID, "services", &servicediscovery.HttpNamespace{
		Name:        cloudformation.Ref("AWS::StackName"),
		Description: new("Service Connect namespace of ecsgen application " + n.Name),
	})
}

// serviceConnectConfiguration puts a service in the namespace: as a
// client, and when it serves, under its discovery name, so callers reach
// http://<discoveryName>:<port>.
func serviceConnectConfiguration(c *expand.ServiceConnect) *ecs.Service_ServiceConnectConfiguration {
	out := &ecs.Service_ServiceConnectConfiguration{Enabled: true, Namespace: new(cloudformation.GetAtt(namespaceID, "Arn"))}
	if s := c.Server; s != nil {
		out.Services = []ecs.Service_ServiceConnectService{{
			PortName:      s.PortName,
			DiscoveryName: new(s.DiscoveryName),
			ClientAliases: []ecs.Service_ServiceConnectClientAlias{{DnsName: new(s.DiscoveryName), Port: s.Port}},
		}}
	}
	return out
}
