package expand

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

const sharedListener = `
name: shop
listeners:
  web: {port: 80}
services:
  web:
    taskDefinition:
      container:
        image: nginx
        portMappings: [{listener: web}]
  api:
    taskDefinition:
      container:
        image: api
        portMappings:
          - listener: web
            rule: {paths: [/api/*]}
            targetGroup: {port: 9000, healthCheck: {path: /health, timeout: 3}, deregistrationDelay: 5}
  admin:
    taskDefinition:
      container:
        image: admin
        portMappings:
          - listener: web
            rule: {hosts: [admin.example.com], priority: 7}
`

// TestRulesShareOneLoadBalancer: each routed port gets its own target
// group on the one load balancer, whose group sends to each target's group
// on that target's port and nowhere else.
func TestRulesShareOneLoadBalancer(t *testing.T) {
	app := mustParse(t, sharedListener)
	if len(app.LoadBalancers) != 1 {
		t.Fatalf("%d load balancers, want 1", len(app.LoadBalancers))
	}
	l := app.LoadBalancers[0].Listeners[0]
	type route struct {
		Rule     string
		Priority int
		Port     int
		Path     string
		Timeout  int
		Delay    int
	}
	got := []route{{l.TargetGroup.Name, 0, l.TargetGroup.Port, l.TargetGroup.HealthCheck.Path, l.TargetGroup.HealthCheck.TimeoutSeconds, l.TargetGroup.DeregistrationDelaySeconds}}
	for _, r := range l.Rules {
		tg := r.TargetGroup
		got = append(got, route{r.Name, r.Priority, tg.Port, tg.HealthCheck.Path, tg.HealthCheck.TimeoutSeconds, tg.DeregistrationDelaySeconds})
	}
	want := []route{
		{"web", 0, 80, "/", 5, 60},
		{"web-admin", 7, 80, "/", 5, 60},
		{"web-api", 982, 9000, "/health", 3, 5},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("routes (-want +got):\n%s", diff)
	}
	var egress []string
	for _, r := range app.LoadBalancers[0].SecurityGroup.Egress {
		egress = append(egress, fmt.Sprintf("%s:%d-%d", r.Peer.Name, r.FromPort, r.ToPort))
	}
	if diff := cmp.Diff([]string{"admin-service:80-80", "api-service:9000-9000", "web-service:80-80"}, egress); diff != "" {
		t.Errorf("load balancer egress (-want +got):\n%s", diff)
	}
}

func TestListenerWithOnlyRulesHasNoDefaultTargetGroup(t *testing.T) {
	app := mustParse(t, `
name: shop
listeners:
  web: {port: 80}
services:
  api:
    taskDefinition:
      container:
        image: api
        portMappings: [{listener: web, rule: {paths: [/api/*]}}]
`)
	if l := app.LoadBalancers[0].Listeners[0]; l.TargetGroup != nil || len(l.Rules) != 1 {
		t.Errorf("default target group %v and %d rules; want none and 1", l.TargetGroup, len(l.Rules))
	}
}

func TestLoadBalancerSources(t *testing.T) {
	tests := []struct {
		name, listener, vpc string
		public              bool
		want                []string
	}{
		{"external", "{port: 80}", "", true, []string{"0.0.0.0/0"}},
		{"external, restricted", "{port: 80, allowedSourceIps: [203.0.113.0/24, 198.51.100.0/24]}", "", true, []string{"203.0.113.0/24", "198.51.100.0/24"}},
		{"internal in the default VPC", "{port: 80, external: false}", "", false, []string{"172.31.0.0/16"}},
		{"internal in a managed VPC", "{port: 80, external: false}", "{cidrBlock: 10.8.0.0/16}", false, []string{"10.8.0.0/16"}},
		{"internal in an existing VPC", "{port: 80, external: false}", "{existing: {vpcId: vpc-0a1b2c3d, publicSubnetIds: [subnet-0a1b2c3d, subnet-0a1b2c3e]}}", false, []string{"10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"}},
		{"internal, restricted", "{port: 80, external: false, allowedSourceIps: [10.8.1.0/24]}", "{}", false, []string{"10.8.1.0/24"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := "name: shop\nlisteners:\n  web: " + tt.listener + "\n"
			cluster := ""
			if tt.vpc != "" {
				doc += "vpcs:\n  main: " + tt.vpc + "\nclusters:\n  shop: {vpc: main}\n"
				cluster = "cluster: shop, "
			}
			doc += "services:\n  web: {" + cluster + "taskDefinition: {container: {image: nginx, portMappings: [{listener: web}]}}}\n"
			lb := mustParse(t, doc).LoadBalancers[0]
			var got []string
			for _, r := range lb.SecurityGroup.Ingress {
				got = append(got, r.CIDR)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" || lb.Public != tt.public {
				t.Errorf("public %v, want %v; ingress (-want +got):\n%s", lb.Public, tt.public, diff)
			}
		})
	}
}

func TestMergeDescriptionsStaysWithinEC2Limit(t *testing.T) {
	desc := "Load balancer web to service a"
	for i := range 20 {
		desc = mergeDescriptions(desc, fmt.Sprintf("Load balancer web to service s%02d", i))
		if len(desc) > maxRuleDescription {
			t.Fatalf("after %d merges the description has %d characters, over %d: %s", i+1, len(desc), maxRuleDescription, desc)
		}
	}
	if !strings.HasSuffix(desc, "; and others") {
		t.Errorf("a full description %q does not say there are others", desc)
	}
}
