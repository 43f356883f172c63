package model

import "github.com/aws/aws-sdk-go-v2/aws/arn"

// Launch types and scheduling strategies.
const (
	LaunchFargate = "fargate"
	LaunchEC2     = "ec2"

	SchedulingReplica = "REPLICA"
	SchedulingDaemon  = "DAEMON"
)

// Service keeps desiredCount copies of a task running, like awsx's
// FargateService and EC2Service.
type Service struct {
	// Cluster names a cluster under clusters:; default: a cluster ecsgen
	// creates for the app in the default VPC.
	Cluster string `yaml:"cluster"`
	// LaunchType is fargate (the default) or ec2, which needs a cluster
	// with an autoScalingGroup (or an existing cluster with instances).
	LaunchType string `yaml:"launchType" ecsgen:"launchType"`
	// DesiredCount is how many tasks to keep running; default 1. Not with
	// the DAEMON strategy, which runs one task per instance.
	DesiredCount *int `yaml:"desiredCount" ecsgen:"desiredCount"`
	// TaskDefinition describes the containers each task runs.
	TaskDefinition *TaskDefinition `yaml:"taskDefinition"`
	// OrderedPlacementStrategies spread or pack tasks over instances, in
	// order of precedence; ec2 only, at most 5.
	OrderedPlacementStrategies []PlacementStrategy `yaml:"orderedPlacementStrategies" ecsgen:"placementStrategies"`
	// PlacementConstraints limit the instances tasks run on; ec2 only, at
	// most 10.
	PlacementConstraints []PlacementConstraint `yaml:"placementConstraints" ecsgen:"placementConstraints"`
	// SchedulingStrategy is REPLICA (the default) or DAEMON (one task on
	// every instance; ec2 only).
	SchedulingStrategy string `yaml:"schedulingStrategy" ecsgen:"schedulingStrategy"`
	// WaitForSteadyState makes deploy wait until the service is stable,
	// like `aws ecs wait services-stable`; default true.
	WaitForSteadyState *bool `yaml:"waitForSteadyState" ecsgen:"waitForSteadyState"`
	// DeploymentMaximumPercent caps running tasks during a deployment, as
	// a percentage of desiredCount; default 200. Not with DAEMON.
	DeploymentMaximumPercent *int `yaml:"deploymentMaximumPercent" ecsgen:"maximumPercent"`
	// DeploymentMinimumHealthyPercent is the floor of healthy tasks during
	// a deployment, as a percentage of desiredCount; default 100.
	DeploymentMinimumHealthyPercent *int `yaml:"deploymentMinimumHealthyPercent" ecsgen:"minimumHealthyPercent"`
	// HealthCheckGracePeriodSeconds ignores failing load balancer health
	// checks on new tasks for this long, up to 7200; default 60 with a
	// load balancer. Only valid with a load balancer.
	HealthCheckGracePeriodSeconds *int `yaml:"healthCheckGracePeriodSeconds" ecsgen:"gracePeriod"`
	// IamRole is the ARN of a role that lets ECS call the load balancer
	// for you. Only without awsvpc; by default ECS uses its service-linked
	// role.
	IamRole string `yaml:"iamRole" ecsgen:"iamRoleArn"`
	// NetworkConfiguration places an awsvpc service's tasks; default: the
	// cluster VPC's private subnets (public ones, with a public IP, when
	// it has no NAT) and a security group admitting its load balancers.
	NetworkConfiguration *NetworkConfiguration `yaml:"networkConfiguration"`
	// Tags are added to the service and propagated to its tasks.
	Tags map[string]string `yaml:"tags"`
	// Autoscaling scales the task count with load instead of keeping
	// desiredCount.
	Autoscaling *Autoscaling `yaml:"autoscaling"`
	// CapacityProviderStrategy splits tasks between FARGATE and
	// FARGATE_SPOT instead of a launch type; not with launchType.
	CapacityProviderStrategy []CapacityProviderStrategyItem `yaml:"capacityProviderStrategy"`
	// EnableExecuteCommand turns on ECS Exec (`aws ecs execute-command`)
	// and gives the task role exactly the SSM channel permissions it
	// needs, creating the role if there is none. A role given by ARN must
	// allow them itself.
	EnableExecuteCommand bool `yaml:"enableExecuteCommand"`
	// ServiceConnect joins the service to the app's Service Connect
	// namespace, to call other services by name and, with port, to be
	// called.
	ServiceConnect *ServiceConnect `yaml:"serviceConnect"`
}

// PlacementStrategy is one task placement strategy.
type PlacementStrategy struct {
	// Type is random, spread or binpack.
	Type string `yaml:"type" ecsgen:"placementStrategy"`
	// Field is what to spread over (instanceId, attribute:ecs.availability-zone)
	// or pack by (cpu, memory); not with random.
	Field string `yaml:"field"`
}

// PlacementConstraint is one task placement constraint.
type PlacementConstraint struct {
	// Type is distinctInstance or memberOf.
	Type string `yaml:"type" ecsgen:"placementConstraint"`
	// Expression is a cluster query language expression, for memberOf.
	Expression string `yaml:"expression"`
}

// NetworkConfiguration places an awsvpc service's tasks.
type NetworkConfiguration struct {
	// Subnets are subnet IDs for the tasks.
	Subnets []string `yaml:"subnets" ecsgen:"subnetId"`
	// SecurityGroups are security group IDs for the tasks, replacing the
	// group ecsgen creates.
	SecurityGroups []string `yaml:"securityGroups" ecsgen:"securityGroupId"`
	// AssignPublicIp gives each Fargate task a public IP; default: when
	// the cluster's VPC has no NAT (the default VPC, natGateways none, or
	// an existing VPC without private subnets).
	AssignPublicIp *bool `yaml:"assignPublicIp"`
}

// Launch returns the service's launch type with its default applied.
func (s *Service) Launch() string { return launchOrDefault(s.LaunchType) }

// Scheduling returns the scheduling strategy with its default applied.
func (s *Service) Scheduling() string { return rules["schedulingStrategy"].or(s.SchedulingStrategy) }

// Count returns how many tasks to keep running, with its default.
func (s *Service) Count() int { return rules["desiredCount"].orInt(s.DesiredCount) }

// MaximumPercent returns deploymentMaximumPercent with its default.
func (s *Service) MaximumPercent() int {
	return rules["maximumPercent"].orInt(s.DeploymentMaximumPercent)
}

// MinimumHealthyPercent returns deploymentMinimumHealthyPercent with its
// default.
func (s *Service) MinimumHealthyPercent() int {
	return rules["minimumHealthyPercent"].orInt(s.DeploymentMinimumHealthyPercent)
}

// GracePeriod returns healthCheckGracePeriodSeconds with its default, for
// a service behind a load balancer.
func (s *Service) GracePeriod() int {
	return rules["gracePeriod"].orInt(s.HealthCheckGracePeriodSeconds)
}

// WaitsForSteadyState returns waitForSteadyState with its default.
func (s *Service) WaitsForSteadyState() bool {
	return rules["waitForSteadyState"].orBool(s.WaitForSteadyState)
}

func (s *Service) validate(v *Errors, path, name string, app *App) {
	launch, cluster := validateRunsOn(v, path, "service", s.LaunchType, s.Cluster, app)
	daemon := s.Scheduling() == SchedulingDaemon
	if daemon && launch == LaunchFargate {
		v.add(field(path, "schedulingStrategy"), "Fargate does not support DAEMON: it has no instances to run one task on each of; use launchType: ec2")
	}
	if s.DesiredCount != nil && daemon {
		v.add(field(path, "desiredCount"), "cannot be set with DAEMON, which runs one task per instance")
	}
	if s.DeploymentMaximumPercent != nil && daemon {
		v.add(field(path, "deploymentMaximumPercent"), "cannot be set with DAEMON")
	}
	if daemon && len(s.OrderedPlacementStrategies) > 0 {
		v.add(field(path, "orderedPlacementStrategies"), "cannot be set with DAEMON, which places one task on every instance; remove it (placementConstraints still choose the instances)")
	}
	if launch == LaunchFargate {
		if len(s.OrderedPlacementStrategies) > 0 {
			v.add(field(path, "orderedPlacementStrategies"), "only applies to ec2 services: Fargate places tasks itself")
		}
		if len(s.PlacementConstraints) > 0 {
			v.add(field(path, "placementConstraints"), "only applies to ec2 services: Fargate places tasks itself")
		}
	}
	for i, ps := range s.OrderedPlacementStrategies {
		ps.validate(v, index(field(path, "orderedPlacementStrategies"), i))
	}
	for i, pc := range s.PlacementConstraints {
		pc.validate(v, index(field(path, "placementConstraints"), i))
	}
	validateTags(v, field(path, "tags"), s.Tags)
	s.validateAutoscaling(v, path, app)
	s.validateCapacityProviderStrategy(v, path)
	if s.TaskDefinition == nil {
		v.add(field(path, "taskDefinition"), "is required: describe the containers to run under taskDefinition.containers")
		return
	}
	td := field(path, "taskDefinition")
	s.validateServiceConnect(v, path, name, launch)
	s.TaskDefinition.validate(v, td, app, launch)
	validateRoutable(v, td, "service", s.TaskDefinition, launch, cluster)
	validatePlatform(v, td, s.TaskDefinition, launch, cluster)
	mode := s.TaskDefinition.Mode(launch)
	routed := s.TaskDefinition.routesListener()
	if s.HealthCheckGracePeriodSeconds != nil && !routed {
		v.add(field(path, "healthCheckGracePeriodSeconds"), "only applies to a service behind a load balancer; route a listener to it or remove this")
	}
	if s.IamRole != "" {
		switch {
		case mode == NetworkModeAwsvpc:
			v.add(field(path, "iamRole"), "cannot be used with awsvpc networking: ECS uses its service-linked role; remove it")
		case !routed:
			v.add(field(path, "iamRole"), "only applies to a service behind a load balancer; route a listener to it or remove iamRole")
		}
	}
	if nc := s.NetworkConfiguration; nc != nil {
		p := field(path, "networkConfiguration")
		if mode != NetworkModeAwsvpc {
			v.add(p, "only applies to awsvpc networking; this service's tasks use %s", mode)
		}
		validateDistinctIDs(v, field(p, "subnets"), nc.Subnets)
		if nc.AssignPublicIp != nil && *nc.AssignPublicIp && launch == LaunchEC2 {
			v.add(field(p, "assignPublicIp"), "only Fargate tasks can have public IPs; ec2 tasks reach the internet through NAT")
		}
		if len(nc.Subnets) == 1 && routed {
			v.add(field(p, "subnets"), "has one subnet; give two in different zones so the service survives a zone outage")
		}
	}
}

func (ps PlacementStrategy) validate(v *Errors, path string) {
	switch ps.Type {
	case "random":
		if ps.Field != "" {
			v.add(field(path, "field"), "does not apply to random placement")
		}
	case "spread", "binpack":
		if ps.Field == "" {
			v.add(field(path, "field"), "is required for %s: e.g. %s", ps.Type, map[string]string{"spread": "attribute:ecs.availability-zone", "binpack": "memory"}[ps.Type])
		}
		if ps.Type == "binpack" && ps.Field != "" && ps.Field != "cpu" && ps.Field != "memory" {
			v.add(field(path, "field"), "binpack packs by cpu or memory, got %q", ps.Field)
		}
	case "":
		v.add(field(path, "type"), "is required: %s", oneOf(rules["placementStrategy"].enum))
	}
}

func (pc PlacementConstraint) validate(v *Errors, path string) {
	switch pc.Type {
	case "distinctInstance":
		if pc.Expression != "" {
			v.add(field(path, "expression"), "does not apply to distinctInstance")
		}
	case "memberOf":
		if pc.Expression == "" {
			v.add(field(path, "expression"), "is required for memberOf, e.g. attribute:ecs.instance-type =~ t3.*")
		}
	case "":
		v.add(field(path, "type"), "is required: %s", oneOf(rules["placementConstraint"].enum))
	}
}

// arnExamples show, per AWS service, what an ARN the manifest takes looks
// like.
var arnExamples = map[string]string{
	"kms":            "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
	"ssm":            "arn:aws:ssm:us-east-1:123456789012:parameter/name",
	"secretsmanager": "arn:aws:secretsmanager:us-east-1:123456789012:secret:name",
	"acm":            "arn:aws:acm:us-east-1:123456789012:certificate/1234abcd-12ab-34cd-56ef-1234567890ab",
}

// arnServices name the services in messages as AWS does.
var arnServices = map[string]string{"kms": "KMS", "ssm": "SSM", "secretsmanager": "Secrets Manager", "acm": "ACM"}

// validateARN checks that s is an ARN of the given AWS service.
func validateARN(v *Errors, path, s, service string) {
	if service == "iam" {
		validateRoleARN(v, path, s) // every IAM ARN a manifest takes is a role's
		return
	}
	if a, err := arn.Parse(s); err != nil || a.Service != service {
		v.add(path, "%q is not a valid %s ARN such as %s", s, arnServices[service], arnExamples[service])
	}
}
