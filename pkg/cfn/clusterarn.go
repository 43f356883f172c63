package cfn

import (
	"strings"

	"github.com/awslabs/goformation/v7/cloudformation"
	"github.com/ecsgen/ecsgen/pkg/expand"
)

// clusterName is a cluster's name, where ARNs will not do (Application
// Auto Scaling's resource IDs): the stack's cluster's Ref, or the name
// part of an existing cluster's name or ARN.
func clusterName(c *expand.Cluster) string {
	if c.Existing == "" {
		return cloudformation.Ref(clusterID(c))
	}
	_, name, _ := strings.Cut(c.Existing, ":cluster/")
	if name == "" {
		return c.Existing
	}
	return name
}

// clusterARN is a cluster's ARN, where names will not do (a schedule's
// target, API Gateway's RunTask request).
func clusterARN(c *expand.Cluster) string {
	switch {
	case c.Existing == "":
		return cloudformation.GetAtt(clusterID(c), "Arn")
	case strings.HasPrefix(c.Existing, "arn:"):
		return c.Existing
	}
	return cloudformation.Sub("arn:${AWS::Partition}:ecs:${AWS::Region}:${AWS::AccountId}:cluster/" + subLiteral(c.Existing))
}
