package expand

import "github.com/ecsgen/ecsgen/pkg/model"

// Health checks ELB runs when the user sets nothing: for HTTP, 200-399 on
// the model's default path, so an app that redirects / to a login page is
// healthy; for TCP, a connection. Their timeouts and thresholds depend on
// the protocol, so they are stated here rather than in the model's rules.
var (
	httpCheck = HealthCheck{Protocol: "HTTP", Port: "traffic-port", TimeoutSeconds: 5, HealthyThresholdCount: 5, UnhealthyThresholdCount: 2}
	tcpCheck  = HealthCheck{Protocol: "TCP", Port: "traffic-port", TimeoutSeconds: 10, HealthyThresholdCount: 3, UnhealthyThresholdCount: 3}
)

// newTargetGroup makes the target group of one route of listener l, with
// the user's settings (which may be nil) over the defaults.
func newTargetGroup(name string, l *Listener, targetType string, port int, m *model.TargetGroup) *TargetGroup {
	protocol := "HTTP" // TLS ends at the load balancer
	if l.LoadBalancer.Type == TypeNetwork {
		protocol = "TCP"
	}
	return &TargetGroup{
		Name:                       name,
		Port:                       port,
		Protocol:                   protocol,
		TargetType:                 targetType,
		Network:                    l.LoadBalancer.Network,
		HealthCheck:                healthCheck(protocol, m.Check()),
		DeregistrationDelaySeconds: m.Delay(),
	}
}

func healthCheck(protocol string, m *model.TargetHealthCheck) HealthCheck {
	hc := tcpCheck
	if protocol == "HTTP" {
		hc = httpCheck
		hc.Path, hc.Matcher = m.CheckPath(), m.CheckMatcher()
	}
	hc.IntervalSeconds = m.CheckInterval()
	if m == nil {
		return hc
	}
	for _, o := range []struct {
		set *int
		to  *int
	}{{m.Timeout, &hc.TimeoutSeconds}, {m.HealthyThreshold, &hc.HealthyThresholdCount}, {m.UnhealthyThreshold, &hc.UnhealthyThresholdCount}} {
		if o.set != nil {
			*o.to = *o.set
		}
	}
	return hc
}
