package compose

func (c *converter) dependsOn(s *svc) {
	for _, dep := range sortedKeys(s.compose.DependsOn) {
		cond := s.compose.DependsOn[dep].Condition
		if cond == "" {
			cond = "service_started"
		}
		c.report(s.keys("depends_on", dep), "(%s) ecsgen runs each Compose service as its own ECS service, and ECS orders only the containers of one task, so %s starts without waiting for %s; make it retry until %s answers", cond, s.compose.Name, dep, dep)
	}
}
