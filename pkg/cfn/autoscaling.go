package cfn

import (
	"github.com/awslabs/goformation/v7/cloudformation"
	"github.com/awslabs/goformation/v7/cloudformation/applicationautoscaling"
	"github.com/ecsgen/ecsgen/pkg/expand"
)

func scalableTargetID(s *expand.Service) string { return LogicalID(s.Name, "ScalableTarget") }

// addAutoscaling registers a service's count with Application Auto
// Scaling and adds one target-tracking policy per target. The service
// itself carries no DesiredCount (see expand.expandAutoscaling), so a
// deploy changes neither the count nor the range unless these do.
func addAutoscaling(t *Template, s *expand.Service, owner string) {
	a := s.Autoscaling
	target := scalableTargetID(s)
	t.addResource(target, owner, &applicationautoscaling.ScalableTarget{
		MinCapacity: a.MinCapacity,
		MaxCapacity: a.MaxCapacity,
		// service/<cluster>/<service>; the service's Name attribute also
		// makes the target wait for the service. No RoleARN: Application
		// Auto Scaling uses its service-linked role for ECS.
		ResourceId:        cloudformation.Join("/", []string{"service", clusterName(s.Cluster), cloudformation.GetAtt(serviceID(s), "Name")}),
		ScalableDimension: "ecs:service:DesiredCount",
		ServiceNamespace:  "ecs",
	})
	for _, st := range a.Targets {
		metric := &applicationautoscaling.ScalingPolicy_PredefinedMetricSpecification{PredefinedMetricType: st.Metric}
		if r := st.Target; r != nil {
			// app/<lb>/<id>/targetgroup/<tg>/<id>: which target group's
			// requests to count.
			metric.ResourceLabel = new(cloudformation.Join("/", []string{
				cloudformation.GetAtt(loadBalancerID(r.Listener.LoadBalancer), "LoadBalancerFullName"),
				cloudformation.GetAtt(targetGroupID(r.TargetGroup), "TargetGroupFullName"),
			}))
		}
		t.addResource(LogicalID(s.Name, st.Name, "ScalingPolicy"), owner, &applicationautoscaling.ScalingPolicy{
			PolicyName:      st.Name,
			PolicyType:      "TargetTrackingScaling",
			ScalingTargetId: new(cloudformation.Ref(target)),
			TargetTrackingScalingPolicyConfiguration: &applicationautoscaling.ScalingPolicy_TargetTrackingScalingPolicyConfiguration{
				PredefinedMetricSpecification: metric,
				TargetValue:                   float64(st.Value),
				ScaleInCooldown:               a.ScaleInCooldown,
				ScaleOutCooldown:              a.ScaleOutCooldown,
			},
		})
	}
}
