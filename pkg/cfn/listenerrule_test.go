package cfn

import (
	"testing"

	elbv2 "github.com/awslabs/goformation/v7/cloudformation/elasticloadbalancingv2"
	"github.com/ecsgen/ecsgen/pkg/model"
	"github.com/google/go-cmp/cmp"
)

// TestListenerOfRulesAnswers404: with no default route, what no rule
// matches is not found, rather than forwarded anywhere.
func TestListenerOfRulesAnswers404(t *testing.T) {
	tmpl := synthManifest(t, `
name: shop
listeners:
  web: {port: 80}
services:
  api:
    taskDefinition:
      container:
        image: api
        portMappings: [{listener: web, rule: {paths: [/api/*, /v1/*], hosts: [api.example.com]}}]
`)
	l := resourceOf[elbv2.Listener](t, tmpl, "WebListener")
	if got := l.DefaultActions[0]; got.Type != "fixed-response" || got.FixedResponseConfig.StatusCode != "404" {
		t.Errorf("default action %+v, want a fixed 404", got)
	}
	r := resourceOf[elbv2.ListenerRule](t, tmpl, "WebApiListenerRule")
	got := map[string][]string{}
	for _, c := range r.Conditions {
		switch *c.Field {
		case "path-pattern":
			got[*c.Field] = c.PathPatternConfig.Values
		case "host-header":
			got[*c.Field] = c.HostHeaderConfig.Values
		}
	}
	want := map[string][]string{"path-pattern": {"/api/*", "/v1/*"}, "host-header": {"api.example.com"}}
	if diff := cmp.Diff(want, got); diff != "" || r.Priority != model.DerivedPriority("api") {
		t.Errorf("priority %d, want %d; conditions (-want +got):\n%s", r.Priority, model.DerivedPriority("api"), diff)
	}
	if _, ok := tmpl.Resources()["WebTargetGroup"]; ok {
		t.Error("a listener without a default route has a default target group")
	}
}
