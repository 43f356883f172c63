package expand

import (
	"testing"

	_ "github.com/ecsgen/ecsgen/internal/golden" // accepts go test ./... -update
	"github.com/ecsgen/ecsgen/pkg/model"
	"github.com/google/go-cmp/cmp"
)

func mustParse(t *testing.T, doc string) *App {
	t.Helper()
	m, err := model.ParseManifest("test.yaml", []byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	app, err := Expand(m)
	if err != nil {
		t.Fatal(err)
	}
	return app
}

const nginx = `
name: nginx
listeners:
  nginx: {port: 80}
services:
  nginx:
    desiredCount: 2
    taskDefinition:
      containers:
        nginx:
          image: nginx
          memory: 128
          portMappings: [{listener: nginx}]
`

func TestServiceDefaults(t *testing.T) {
	app := mustParse(t, nginx)
	s := app.Services[0]
	got := struct {
		Desired, MaxPct, MinPct, Grace int
		Breaker, PublicIP              bool
		Cpu, Memory                    int
		Cluster                        string
	}{*s.DesiredCount, s.MaximumPercent, s.MinimumHealthyPercent, s.HealthCheckGracePeriodSeconds,
		s.CircuitBreaker, s.Network.AssignPublicIP, s.Task.Cpu, s.Task.Memory, s.Cluster.Name}
	want := got
	want.Desired, want.MaxPct, want.MinPct, want.Grace = 2, 200, 100, 60
	want.Breaker, want.PublicIP = true, true
	want.Cpu, want.Memory, want.Cluster = 256, 512, "default"
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if lg := s.Task.LogGroup; lg == nil || lg.RetentionDays != 1 {
		t.Errorf("log group = %+v, want one with 1-day retention", lg)
	}
}

func TestServiceWithoutListenerHasNoGracePeriod(t *testing.T) {
	app := mustParse(t, `
name: worker
services:
  worker:
    taskDefinition:
      container: {image: busybox}
`)
	s := app.Services[0]
	if *s.DesiredCount != 1 || s.HealthCheckGracePeriodSeconds != 0 || len(s.Targets) != 0 {
		t.Errorf("desired %d, grace %d, targets %d; want 1, 0, 0", *s.DesiredCount, s.HealthCheckGracePeriodSeconds, len(s.Targets))
	}
	if got := s.Task.Containers[0].Name; got != model.SingleContainerName {
		t.Errorf("container name = %q, want %q", got, model.SingleContainerName)
	}
}

// TestSecurityGroupsAdmitOnlyWhatIsRouted checks the network rules: the
// internet reaches the load balancer on the listener port only, and only
// the load balancer reaches the tasks, on the container port only.
func TestSecurityGroupsAdmitOnlyWhatIsRouted(t *testing.T) {
	app := mustParse(t, `
name: shop
listeners:
  web: {port: 80}
services:
  web:
    taskDefinition:
      containers:
        web:
          image: shop
          portMappings: [{listener: web, containerPort: 8080}]
`)
	lb, svc := app.LoadBalancers[0].SecurityGroup, app.Services[0].Network.SecurityGroups[0]
	type rule struct {
		Proto      string
		From, To   int
		CIDR, Peer string
	}
	rules := func(rs []Rule) []rule {
		var out []rule
		for _, r := range rs {
			peer := ""
			if r.Peer != nil {
				peer = r.Peer.Name
			}
			if r.Description == "" {
				t.Errorf("rule %+v has no description", r)
			}
			out = append(out, rule{r.Protocol, r.FromPort, r.ToPort, r.CIDR, peer})
		}
		return out
	}
	tests := []struct {
		name string
		got  []Rule
		want []rule
	}{
		{"load balancer ingress", lb.Ingress, []rule{{"tcp", 80, 80, "0.0.0.0/0", ""}}},
		{"load balancer egress", lb.Egress, []rule{{"tcp", 8080, 8080, "", "web-service"}}},
		{"service ingress", svc.Ingress, []rule{{"tcp", 8080, 8080, "", "web-load-balancer"}}},
		{"service egress", svc.Egress, []rule{{"-1", 0, 0, "0.0.0.0/0", ""}}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, rules(tt.got)); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.name, diff)
		}
	}
	tg := app.LoadBalancers[0].Listeners[0].TargetGroup
	if tg.Port != 8080 || tg.TargetType != "ip" {
		t.Errorf("target group port %d type %s, want 8080 ip", tg.Port, tg.TargetType)
	}
}

func TestNetworkListenerUsesTCP(t *testing.T) {
	app := mustParse(t, `
name: tcp
listeners:
  db: {type: network, port: 5432}
services:
  db:
    taskDefinition:
      containers:
        db:
          image: postgres
          portMappings: [{listener: db}]
`)
	l := app.LoadBalancers[0].Listeners[0]
	if l.Protocol != "TCP" || l.TargetGroup.HealthCheck.Protocol != "TCP" || app.LoadBalancers[0].DropInvalidHeaders {
		t.Errorf("listener %s, health check %s, drop headers %v; want TCP, TCP, false",
			l.Protocol, l.TargetGroup.HealthCheck.Protocol, app.LoadBalancers[0].DropInvalidHeaders)
	}
}

func TestExpandRejectsInvalidModel(t *testing.T) {
	if _, err := Expand(&model.App{Name: "x"}); err == nil {
		t.Error("Expand accepted an app with no services")
	}
}

// TestSecurityGroupsNameTheirManifestOwner: errors about a group (a
// logical-ID collision) name the manifest location that caused it, not
// ecsgen's internal name for it.
func TestSecurityGroupsNameTheirManifestOwner(t *testing.T) {
	app := mustParse(t, `
name: shop
listeners:
  web: {port: 80}
clusters:
  main: {autoScalingGroup: {}}
  given: {securityGroupIds: [sg-0123456789abcdef0]}
services:
  web:
    taskDefinition:
      containers:
        web: {image: nginx, portMappings: [{listener: web}]}
  bridge:
    cluster: main
    launchType: ec2
    taskDefinition:
      containers:
        bridge: {image: nginx, memory: 128}
tasks:
  job:
    cluster: given
    containers:
      job: {image: busybox}
`)
	got := map[string]string{}
	for _, sg := range app.SecurityGroups {
		got[sg.Name] = sg.Owner
	}
	want := map[string]string{
		"web-load-balancer":    "listeners.web",
		"web-service":          "services.web",
		"main-instances":       "clusters.main",
		"sg-0123456789abcdef0": "clusters.given.securityGroupIds",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("security group owners (-want +got):\n%s", diff)
	}
}
