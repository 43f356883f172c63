package cfn

import (
	"github.com/awslabs/goformation/v7/cloudformation"
	elbv2 "github.com/awslabs/goformation/v7/cloudformation/elasticloadbalancingv2"
	"github.com/ecsgen/ecsgen/pkg/expand"
)

// listenerRuleID names a rule by its listener and the service or task it
// routes to, as its target group is named, so both stay stable when other
// rules come and go.
func listenerRuleID(r *expand.ListenerRule) string { return LogicalID(r.Name, "ListenerRule") }

// addListenerRule forwards the requests matching all of a rule's
// conditions (any of the values of each) to the rule's target group.
func addListenerRule(t *Template, r *expand.ListenerRule, owner string) {
	addTargetGroup(t, r.TargetGroup, owner)
	rule := &elbv2.ListenerRule{
		ListenerArn: new(cloudformation.Ref(listenerID(r.Listener))),
		Priority:    r.Priority,
		Actions:     []elbv2.ListenerRule_Action{{Type: "forward", TargetGroupArn: new(cloudformation.Ref(targetGroupID(r.TargetGroup)))}},
	}
	if len(r.Paths) > 0 {
		rule.Conditions = append(rule.Conditions, elbv2.ListenerRule_RuleCondition{
			Field: new("path-pattern"), PathPatternConfig: &elbv2.ListenerRule_PathPatternConfig{Values: r.Paths},
		})
	}
	if len(r.Hosts) > 0 {
		rule.Conditions = append(rule.Conditions, elbv2.ListenerRule_RuleCondition{
			Field: new("host-header"), HostHeaderConfig: &elbv2.ListenerRule_HostHeaderConfig{Values: r.Hosts},
		})
	}
	t.addResource(listenerRuleID(r), owner, rule)
}
