package copilot

import (
	"reflect"
	"strings"

	"go.yaml.in/yaml/v3"
)

// shapes are the types of the mapping forms of fields declared as
// yaml.Node, so their keys are checked too.
var shapes = map[string]reflect.Type{
	"http":                    reflect.TypeFor[httpConfig](),
	"http.healthcheck":        reflect.TypeFor[targetHealthcheck](),
	"count":                   reflect.TypeFor[countConfig](),
	"count.range":             reflect.TypeFor[countRange](),
	"count.cpu_percentage":    reflect.TypeFor[scalingTarget](),
	"count.memory_percentage": reflect.TypeFor[scalingTarget](),
	"count.requests":          reflect.TypeFor[scalingTarget](),
	"network.connect": reflect.TypeFor[struct {
		Alias string `yaml:"alias"`
	}](),
	"image.build":              reflect.TypeFor[buildArgs](),
	"sidecars.*.image.build":   reflect.TypeFor[buildArgs](),
	"storage.volumes.*.efs":    reflect.TypeFor[efs](),
	"network.vpc.flow_logs":    reflect.TypeFor[copilotFlowLogs](),
	"http.public.access_logs":  reflect.TypeFor[copilotAccessLogs](),
	"http.private.access_logs": reflect.TypeFor[copilotAccessLogs](),
}

var nodeType = reflect.TypeFor[yaml.Node]()

// advice says what to do instead of Copilot fields ecsgen has no
// equivalent of, by path; a field without advice of its own takes its
// parent's.
var advice = map[string]string{
	"platform":                     "ecsgen's Fargate tasks run linux/x86_64; build the image for that platform",
	"deployment":                   "ecsgen rolls out with minimum 100% and maximum 200% and a circuit breaker that rolls back; tune deploymentMinimumHealthyPercent and deploymentMaximumPercent instead",
	"taskdef_overrides":            "ecsgen has no task definition overrides; express the change in the manifest, or apply it to the synthesized template",
	"publish":                      "ecsgen creates no SNS topics; create them outside ecsgen and pass their ARNs through variables",
	"subscribe":                    "ecsgen creates no SQS queues or subscriptions; create them outside ecsgen and pass the queue URL through variables",
	"retries":                      "ecsgen runs a task once; retry from whatever starts it",
	"timeout":                      "ecsgen sets no task timeout; stop the task from whatever starts it",
	"env_file":                     "ecsgen has no env files: copy the variables into variables",
	"observability":                "ecsgen has no X-Ray tracing option; add the OpenTelemetry collector as a sidecar",
	"count":                        "ecsgen's autoscaling has no such setting; it scales on cpuUtilization, memoryUtilization or requestsPerTarget",
	"count.response_time":          "ecsgen scales on CPU, memory or requests per task, not response time; scale on requests or cpu_percentage instead",
	"count.queue_delay":            "ecsgen scales on CPU, memory or requests per task, not an SQS backlog; scale the worker on cpu_percentage, or add a step scaling policy on the queue's age outside ecsgen",
	"network.vpc.placement":        "ecsgen places tasks by their cluster's VPC (private subnets when it has NAT gateways); declare a vpc and cluster to choose",
	"storage.ephemeral":            "ecsgen has no ephemeral storage size yet; Fargate gives each task 20 GiB",
	"storage.readonly_fs":          "ecsgen has no read-only root file system option yet",
	"http":                         "ecsgen's listeners have no such setting yet",
	"http.healthcheck.port":        "ecsgen's target groups check the port they route to; answer the health check there",
	"http.stickiness":              "ecsgen's target groups have no sticky sessions yet; keep session state out of the tasks (ElastiCache, DynamoDB)",
	"http.version":                 "ecsgen's target groups speak HTTP/1.1 to the targets; gRPC and HTTP/2 to the targets are left out",
	"http.additional_rules":        "ecsgen routes one rule per service and listener; give the other ports listeners of their own, or serve them behind the first path",
	"http.target_container":        "ecsgen routes the listener to the main container here; give the sidecar's port a listener of its own",
	"cdn":                          "ecsgen creates no CloudFront distribution: create one outside ecsgen whose origin is the load balancer (`ecsgen outputs` shows its endpoint), and serve static_assets from their S3 bucket there",
	"http.public.ingress.cdn":      "ecsgen's listeners admit IPv4 CIDR ranges (allowedSourceIps), not CloudFront's managed prefix list, so the load balancer stays open to the internet: to admit CloudFront only, add an ingress rule from the prefix list com.amazonaws.global.cloudfront.origin-facing to its security group outside ecsgen",
	"http.public.security_groups":  "ecsgen's listeners admit IPv4 CIDR ranges (allowedSourceIps), not CloudFront's managed prefix list, so the load balancer stays open to the internet: to admit CloudFront only, add an ingress rule from the prefix list com.amazonaws.global.cloudfront.origin-facing to its security group outside ecsgen",
	"http.private.security_groups": "ecsgen's internal load balancers admit the VPC's range by default (Copilot's from_vpc: true), or the ranges in allowedSourceIps; a rule naming security groups is left out",
	"network.vpc.security_group":   "ecsgen gives each service its own security group (inbound from its load balancer on the container port, all outbound); these environment-wide rules are left out: create a group with them and list it in each service's securityGroups, which replaces ecsgen's",
	"nlb":                          "ecsgen's network listeners have no such setting yet",
	"logging":                      "ecsgen sends container output to CloudWatch Logs; FireLens routing is left out",
	"sidecars.*":                   "ecsgen's containers have no such setting yet",
	"image":                        "ecsgen's images have no such setting yet",
	"variables.*":                  "ecsgen's environment values are plain text; from_cfn imports are left out: write the value",
	"secrets.*":                    "ecsgen reads secrets from SSM or Secrets Manager by name; from_cfn imports are left out: give the parameter's name",
}

// adviceFor finds the advice for path or its nearest parent.
func adviceFor(path string) string {
	for p := path; p != ""; {
		if a := advice[p]; a != "" {
			return a
		}
		i := strings.LastIndex(p, ".")
		if i < 0 {
			break
		}
		p = p[:i]
	}
	return "ecsgen has no equivalent; it is left out"
}

// unknownKeys reports every key of n that t does not declare.
func (c *converter) unknownKeys(w *workload, n *yaml.Node, t reflect.Type, keys []string) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	pattern := strings.Join(wildcard(keys), ".")
	if shape := shapes[pattern]; shape != nil && n.Kind == yaml.MappingNode && t == nodeType {
		t = shape
	}
	switch {
	case n.Kind != yaml.MappingNode || t == nodeType:
		// A yaml.Node without a shape takes forms the converter reads.
		return
	case t.Kind() == reflect.Map:
		for i := 0; i+1 < len(n.Content); i += 2 {
			c.unknownKeys(w, n.Content[i+1], t.Elem(), append(keys, n.Content[i].Value))
		}
		return
	case t.Kind() != reflect.Struct:
		return
	}
	fields := map[string]reflect.Type{}
	for i := range t.NumField() {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ",")
		fields[name] = t.Field(i).Type
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i].Value
		path := append(append([]string{}, keys...), k)
		ft, ok := fields[k]
		if !ok {
			c.res.Report.Add(w.file, n.Content[i].Line, strings.Join(path, "."), "%s", adviceFor(strings.Join(wildcard(path), ".")))
			continue
		}
		c.unknownKeys(w, n.Content[i+1], ft, path)
	}
}

// wildcard replaces the names of map entries (sidecars, volumes) in a
// path with *, as advice and shapes spell them.
func wildcard(keys []string) []string {
	out := append([]string{}, keys...)
	for i := 1; i < len(out); i++ {
		switch out[i-1] {
		case "sidecars", "volumes", "variables", "secrets":
			out[i] = "*"
		}
	}
	return out
}
