package cfn

import (
	"github.com/awslabs/goformation/v7/cloudformation"
	"github.com/awslabs/goformation/v7/cloudformation/ecs"
	"github.com/ecsgen/ecsgen/pkg/expand"
)

func clusterID(c *expand.Cluster) string { return LogicalID(c.Name, "Cluster") }

func addCluster(t *Template, c *expand.Cluster) {
	cluster := &ecs.Cluster{}
	if c.ContainerInsights {
		cluster.ClusterSettings = []ecs.Cluster_ClusterSettings{{Name: new("containerInsights"), Value: new("enabled")}}
	}
	id := clusterID(c)
	t.addResource(id, "cluster "+c.Name, cluster)
	t.addOutput(LogicalID(c.Name, "ClusterName"), "cluster "+c.Name, cloudformation.Output{
		Value:       cloudformation.Ref(id),
		Description: new("Name of ECS cluster " + c.Name),
	})
}
