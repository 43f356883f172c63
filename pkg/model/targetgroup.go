package model

// TargetGroup is where a listener route sends its traffic: under a
// listener, the target group of its default route; under a port mapping
// with a rule, the target group of that rule's route.
type TargetGroup struct {
	// Port is the port targets receive traffic on, which becomes the
	// container port; default: the listener's port.
	Port int `yaml:"port" ecsgen:"port"`
	// HealthCheck is how the load balancer decides a target is healthy.
	HealthCheck *TargetHealthCheck `yaml:"healthCheck"`
	// DeregistrationDelay is how long, in seconds, a stopping target keeps
	// serving open connections, 0-3600; default 60 (AWS's 300 makes every
	// deploy slow).
	DeregistrationDelay *int `yaml:"deregistrationDelay" ecsgen:"deregistrationDelay"`
}

// TargetHealthCheck is a load balancer's health check of its targets, as
// CDK's healthCheck and Copilot's healthcheck; times are in seconds.
type TargetHealthCheck struct {
	// Path is the HTTP path checked; default /. Application listeners only.
	Path string `yaml:"path" ecsgen:"targetHealthCheckPath"`
	// Matcher is the HTTP codes of a healthy answer, 200-499: 200, a list
	// 200,204 or a range 200-299; default 200-399. Application listeners
	// only.
	Matcher string `yaml:"matcher" ecsgen:"targetHealthCheckMatcher"`
	// Interval between checks, 5-300; default 30.
	Interval *int `yaml:"interval" ecsgen:"targetHealthCheckInterval"`
	// Timeout of one check, 2-120 and less than interval; default 5 for
	// HTTP, 10 for TCP.
	Timeout *int `yaml:"timeout" ecsgen:"targetHealthCheckTimeout"`
	// HealthyThreshold is how many passed checks make a target healthy,
	// 2-10; default 5 for HTTP, 3 for TCP.
	HealthyThreshold *int `yaml:"healthyThreshold" ecsgen:"healthCheckThreshold"`
	// UnhealthyThreshold is how many failed checks make a target
	// unhealthy, 2-10; default 2 for HTTP, 3 for TCP.
	UnhealthyThreshold *int `yaml:"unhealthyThreshold" ecsgen:"healthCheckThreshold"`
}

// Delay returns deregistrationDelay with its default; tg may be nil.
func (tg *TargetGroup) Delay() int {
	if tg == nil {
		return rules["deregistrationDelay"].orInt(nil)
	}
	return rules["deregistrationDelay"].orInt(tg.DeregistrationDelay)
}

// Check returns the health check settings the user gave, or nil.
func (tg *TargetGroup) Check() *TargetHealthCheck {
	if tg == nil {
		return nil
	}
	return tg.HealthCheck
}

// CheckPath returns the path with its default; h may be nil.
func (h *TargetHealthCheck) CheckPath() string {
	if h == nil {
		return rules["targetHealthCheckPath"].or("")
	}
	return rules["targetHealthCheckPath"].or(h.Path)
}

// CheckMatcher returns the matcher with its default; h may be nil.
func (h *TargetHealthCheck) CheckMatcher() string {
	if h == nil {
		return rules["targetHealthCheckMatcher"].or("")
	}
	return rules["targetHealthCheckMatcher"].or(h.Matcher)
}

// CheckInterval returns the interval with its default; h may be nil.
func (h *TargetHealthCheck) CheckInterval() int {
	if h == nil {
		return rules["targetHealthCheckInterval"].orInt(nil)
	}
	return rules["targetHealthCheckInterval"].orInt(h.Interval)
}

// maxHealthCheckPath is ELB's limit on a health check path's length.
const maxHealthCheckPath = 1024

func (tg *TargetGroup) validate(v *Errors, path, listenerKind string) {
	h := tg.HealthCheck
	if h == nil {
		return
	}
	p := field(path, "healthCheck")
	if len(h.Path) > maxHealthCheckPath {
		v.add(field(p, "path"), "is %d characters; a health check path has at most %d", len(h.Path), maxHealthCheckPath)
	}
	if listenerKind == ListenerNetwork {
		if h.Path != "" {
			v.add(field(p, "path"), "network listeners check targets over TCP, which has no path; remove it")
		}
		if h.Matcher != "" {
			v.add(field(p, "matcher"), "network listeners check targets over TCP, which has no status code; remove it")
		}
	}
	if h.Timeout != nil && *h.Timeout >= h.CheckInterval() {
		v.add(field(p, "timeout"), "is %d seconds, not less than the interval (%d seconds); a check must time out before the next one starts", *h.Timeout, h.CheckInterval())
	}
}
