package cfn

import (
	"encoding/json"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/ecsgen/ecsgen/pkg/model"
	"github.com/google/go-cmp/cmp"
)

// synthResources synthesizes a manifest and returns its resources as the
// template spells them.
func synthResources(t *testing.T, manifest string) map[string]map[string]any {
	t.Helper()
	app, err := model.ParseManifest("ecsgen.yaml", []byte(manifest))
	if err != nil {
		t.Fatal(err)
	}
	tmpl, err := Synth(app)
	if err != nil {
		t.Fatal(err)
	}
	out, err := tmpl.JSON()
	if err != nil {
		t.Fatal(err)
	}
	var doc struct{ Resources map[string]map[string]any }
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatal(err)
	}
	return doc.Resources
}

// changedResources lists the logical IDs whose definitions differ
// between two templates, or that only one has.
func changedResources(before, after map[string]map[string]any) []string {
	var out []string
	for _, id := range slices.Sorted(maps.Keys(after)) {
		if !cmp.Equal(before[id], after[id]) {
			out = append(out, id)
		}
	}
	for id := range before {
		if _, ok := after[id]; !ok {
			out = append(out, id)
		}
	}
	return out
}

const autoscaled = `
name: shop
listeners:
  web: {port: 80}
services:
  web:
    autoscaling: {minCapacity: 2, maxCapacity: 10, cpuUtilization: 50}
    taskDefinition:
      container:
        image: nginx:1.26
        memory: 512
        portMappings: [{listener: web}]
`

// TestAutoscaledRedeployKeepsRunningCount proves from the templates that
// a redeploy leaves the running count of an autoscaled service alone.
// CloudFormation passes DesiredCount to UpdateService whenever the
// template has it, resetting a service scaled out to 8 back to the
// template's number; without it, UpdateService leaves the count as it is.
// So: the service has no DesiredCount, a new image changes only the task
// definition, and the scalable target, which holds the count's range,
// changes only when the range does. moto cannot create Application Auto
// Scaling resources through CloudFormation (see test-peers.md), so this
// checks the template rather than a deployed stack.
func TestAutoscaledRedeployKeepsRunningCount(t *testing.T) {
	before := synthResources(t, autoscaled)
	tests := []struct {
		name, change string
		want         []string
	}{
		{"new image", strings.Replace(autoscaled, "nginx:1.26", "nginx:1.27", 1), []string{"WebTaskDefinition"}},
		{"new target", strings.Replace(autoscaled, "cpuUtilization: 50", "cpuUtilization: 70", 1), []string{"WebCpuScalingPolicy"}},
		{"new range", strings.Replace(autoscaled, "maxCapacity: 10", "maxCapacity: 20", 1), []string{"WebScalableTarget"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			after := synthResources(t, tt.change)
			for name, res := range map[string]map[string]map[string]any{"before": before, "after": after} {
				props := res["WebService"]["Properties"].(map[string]any)
				if n, ok := props["DesiredCount"]; ok {
					t.Errorf("%s: the autoscaled service has DesiredCount %v; every deploy would reset the running count to it", name, n)
				}
			}
			if diff := cmp.Diff(tt.want, changedResources(before, after)); diff != "" {
				t.Errorf("changed resources (-want +got):\n%s", diff)
			}
		})
	}
}

// TestServiceWithoutAutoscalingKeepsDesiredCount: a service that is not
// autoscaled has its count in the template, so deploy sets it.
func TestServiceWithoutAutoscalingKeepsDesiredCount(t *testing.T) {
	manifest := strings.Replace(autoscaled, "    autoscaling: {minCapacity: 2, maxCapacity: 10, cpuUtilization: 50}\n", "    desiredCount: 3\n", 1)
	res := synthResources(t, manifest)
	if got := res["WebService"]["Properties"].(map[string]any)["DesiredCount"]; got != 3.0 {
		t.Errorf("DesiredCount = %v, want 3", got)
	}
	if _, ok := res["WebScalableTarget"]; ok {
		t.Error("a service without autoscaling has a scalable target")
	}
}

// TestRequestScalingCountsTheServicesOwnTargetGroup: a service routed by
// a rule of a shared listener counts the requests of its rule's target
// group, not the listener's default one (another service's, or none).
func TestRequestScalingCountsTheServicesOwnTargetGroup(t *testing.T) {
	res := synthResources(t, `
name: shop
listeners:
  public: {port: 80}
services:
  web:
    taskDefinition:
      container:
        image: nginx
        portMappings: [{listener: public}]
  api:
    autoscaling: {maxCapacity: 4, requestsPerTarget: 100}
    taskDefinition:
      container:
        image: nginx
        portMappings: [{listener: public, rule: {paths: [/api/*]}}]
`)
	var policy map[string]any
	for _, r := range res {
		if r["Type"] == "AWS::ApplicationAutoScaling::ScalingPolicy" {
			policy = r
		}
	}
	if policy == nil {
		t.Fatal("no scaling policy")
	}
	label, _ := json.Marshal(policy["Properties"].(map[string]any)["TargetTrackingScalingPolicyConfiguration"].(map[string]any)["PredefinedMetricSpecification"].(map[string]any)["ResourceLabel"])
	var groups []string
	for id, r := range res {
		if r["Type"] == "AWS::ElasticLoadBalancingV2::TargetGroup" {
			groups = append(groups, id)
		}
	}
	slices.Sort(groups)
	var counted []string
	for _, id := range groups {
		if strings.Contains(string(label), `"`+id+`"`) {
			counted = append(counted, id)
		}
	}
	if len(counted) != 1 || !strings.Contains(counted[0], "Api") {
		t.Errorf("the requests policy counts target groups %v of %v; want api's own (label %s)", counted, groups, label)
	}
}
