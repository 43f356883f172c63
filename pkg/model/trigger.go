package model

// Trigger starts a task on a schedule or on an HTTPS request; give one of
// schedule or http.
type Trigger struct {
	// Schedule is an EventBridge Scheduler expression: rate(1 hour),
	// rate(5 minutes) or cron(0 9 ? * MON-FRI *), in UTC.
	Schedule string `yaml:"schedule" ecsgen:"scheduleExpression"`
	// Singleton skips a scheduled run while an earlier run of the task is
	// still going, so runs never overlap.
	Singleton bool `yaml:"singleton"`
	// Http starts the task on a request to an HTTPS endpoint, whose URL
	// is a stack output.
	Http *HttpTrigger `yaml:"http"`
}

// HttpTrigger is an HTTPS endpoint that starts a task and answers 200.
type HttpTrigger struct {
	// Path is the endpoint's path, e.g. /hello.
	Path string `yaml:"path" ecsgen:"httpPath"`
	// Method is GET, POST, PUT, PATCH, DELETE or ANY; default POST.
	Method string `yaml:"method" ecsgen:"httpMethod"`
}

// Verb returns the method with its default.
func (h *HttpTrigger) Verb() string { return rules["httpMethod"].or(h.Method) }

// validateTriggers checks a task's triggers; both kinds run the task with
// its network settings, so they need awsvpc.
func (t *Task) validateTriggers(v *Errors, path string, launch string) {
	for i, tr := range t.Triggers {
		p := index(field(path, "triggers"), i)
		switch {
		case tr.Schedule == "" && tr.Http == nil:
			v.add(p, "give schedule or http, e.g. `schedule: rate(1 hour)` or `http: {path: /run}`")
		case tr.Schedule != "" && tr.Http != nil:
			v.add(p, "give schedule or http, not both; add a second trigger for the other")
		}
		if tr.Singleton && tr.Schedule == "" {
			v.add(field(p, "singleton"), "only applies to a schedule")
		}
		if h := tr.Http; h != nil {
			if h.Path == "" {
				v.add(field(field(p, "http"), "path"), "is required: the endpoint's path, e.g. /hello")
			}
		}
	}
	if len(t.Triggers) > 0 && t.Mode(launch) != NetworkModeAwsvpc {
		v.add(field(path, "triggers"), "need awsvpc networking, with which each run gets the task's subnets and security groups; this task uses %s", t.Mode(launch))
	}
}

// validateTriggerRoutes rejects two HTTP triggers on one route: the app
// has one API, where a method and path lead to one task.
func (a *App) validateTriggerRoutes(v *Errors) {
	first := map[string]string{}
	for _, name := range sortedKeys(a.Tasks) {
		t := a.Tasks[name]
		if t == nil {
			continue
		}
		for i, tr := range t.Triggers {
			if tr.Http == nil || tr.Http.Path == "" {
				continue
			}
			route := tr.Http.Verb() + " " + tr.Http.Path
			p := field(index(field(field("tasks", name), "triggers"), i), "http")
			if prev, taken := first[route]; taken {
				v.add(p, "%s is already the route of %s; give each trigger its own", route, prev)
				continue
			}
			first[route] = p
		}
	}
}
