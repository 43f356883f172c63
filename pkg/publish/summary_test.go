package publish

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudformation/types"
	"github.com/google/go-cmp/cmp"
)

// TestSummaryCallsOutReplacements: moto never reports replacements, so the
// summary's reading of them is checked on CloudFormation's own shapes.
func TestSummaryCallsOutReplacements(t *testing.T) {
	change := func(id, typ string, action types.ChangeAction, repl types.Replacement, props ...string) types.Change {
		rc := &types.ResourceChange{LogicalResourceId: aws.String(id), ResourceType: aws.String(typ), Action: action, Replacement: repl}
		for _, p := range props {
			rc.Details = append(rc.Details, types.ResourceChangeDetail{Target: &types.ResourceTargetDefinition{Name: aws.String(p)}})
		}
		return types.Change{Type: types.ChangeTypeResource, ResourceChange: rc}
	}
	cs := &changeSet{stack: "shop", changes: []types.Change{
		change("WebService", "AWS::ECS::Service", types.ChangeActionModify, types.ReplacementFalse, "TaskDefinition", "DesiredCount", "TaskDefinition"),
		change("WebLoadBalancer", "AWS::ElasticLoadBalancingV2::LoadBalancer", types.ChangeActionModify, types.ReplacementTrue),
		change("WebTargetGroup", "AWS::ElasticLoadBalancingV2::TargetGroup", types.ChangeActionModify, types.ReplacementConditional),
		change("ApiService", "AWS::ECS::Service", types.ChangeActionAdd, ""),
		change("OldQueue", "AWS::SQS::Queue", types.ChangeActionRemove, ""),
	}}
	got, sum := summarize(cs)
	want := `Changes to stack shop (1 to add, 1 to change, 2 to replace, 1 to remove):
  + ApiService       AWS::ECS::Service
  - OldQueue         AWS::SQS::Queue
  ! WebLoadBalancer  AWS::ElasticLoadBalancingV2::LoadBalancer  REPLACED: a new one is created, then the current one deleted
  ~ WebService       AWS::ECS::Service                          changes TaskDefinition, DesiredCount
  ! WebTargetGroup   AWS::ElasticLoadBalancingV2::TargetGroup   may be REPLACED, depending on values known only during the update
`
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("summary (-want +got):\n%s", d)
	}
	if sum.Total() != 5 {
		t.Errorf("total %d, want 5", sum.Total())
	}
}
