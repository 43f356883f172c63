package copilot

import "go.yaml.in/yaml/v3"

// The Copilot manifest format, as documented at
// https://aws.github.io/copilot-cli/docs/manifest/overview/: only the
// fields the importer reads. Copilot's own types are internal to its
// repository. A field that takes several shapes (a string or a mapping,
// false or a mapping) is a yaml.Node, read by the converter.
//
// Every key a manifest holds that these types do not declare is reported
// as not imported; declaring a field here is a promise to convert it.

// manifest is one workload: a service or a job.
type manifest struct {
	Name       string               `yaml:"name"`
	Type       string               `yaml:"type"`
	Image      image                `yaml:"image"`
	Entrypoint yaml.Node            `yaml:"entrypoint"`
	Command    yaml.Node            `yaml:"command"`
	CPU        *int                 `yaml:"cpu"`
	Memory     *int                 `yaml:"memory"`
	Count      yaml.Node            `yaml:"count"`
	Exec       *bool                `yaml:"exec"`
	On         on                   `yaml:"on"`
	Variables  map[string]yaml.Node `yaml:"variables"`
	Secrets    map[string]yaml.Node `yaml:"secrets"`
	Storage    storage              `yaml:"storage"`
	Network    network              `yaml:"network"`
	HTTP       yaml.Node            `yaml:"http"`
	NLB        *nlb                 `yaml:"nlb"`
	Sidecars   map[string]*sidecar  `yaml:"sidecars"`
	Logging    logging              `yaml:"logging"`
	// Environments hold per-environment overrides, applied before decoding.
	Environments map[string]yaml.Node `yaml:"environments"`
}

type image struct {
	Build       yaml.Node         `yaml:"build"`
	Location    string            `yaml:"location"`
	Port        *int              `yaml:"port"`
	Healthcheck *healthcheck      `yaml:"healthcheck"`
	DependsOn   map[string]string `yaml:"depends_on"`
}

// buildArgs is image.build in its long form.
type buildArgs struct {
	Context    string            `yaml:"context"`
	Dockerfile string            `yaml:"dockerfile"`
	Args       map[string]string `yaml:"args"`
	Target     string            `yaml:"target"`
}

type healthcheck struct {
	Command     yaml.Node `yaml:"command"`
	Interval    string    `yaml:"interval"`
	Retries     *int      `yaml:"retries"`
	Timeout     string    `yaml:"timeout"`
	StartPeriod string    `yaml:"start_period"`
}

// countConfig is count in its mapping form: autoscaling, Fargate Spot.
type countConfig struct {
	Range            yaml.Node `yaml:"range"`
	CPUPercentage    yaml.Node `yaml:"cpu_percentage"`
	MemoryPercentage yaml.Node `yaml:"memory_percentage"`
	Requests         yaml.Node `yaml:"requests"`
	Cooldown         cooldown  `yaml:"cooldown"`
	Spot             *int      `yaml:"spot"`
}

// countRange is count.range in its mapping form.
type countRange struct {
	Min      *int `yaml:"min"`
	Max      *int `yaml:"max"`
	SpotFrom *int `yaml:"spot_from"`
}

// scalingTarget is a count metric in its mapping form.
type scalingTarget struct {
	Value    *int     `yaml:"value"`
	Cooldown cooldown `yaml:"cooldown"`
}

// cooldown is how long scaling waits after the last scaling, as Go
// durations.
type cooldown struct {
	In  string `yaml:"in"`
	Out string `yaml:"out"`
}

// on is a Scheduled Job's trigger.
type on struct {
	Schedule string `yaml:"schedule"`
}

// httpConfig is http in its mapping form.
type httpConfig struct {
	Path                string    `yaml:"path"`
	Healthcheck         yaml.Node `yaml:"healthcheck"`
	Alias               yaml.Node `yaml:"alias"`
	HostedZone          string    `yaml:"hosted_zone"`
	RedirectToHTTPS     *bool     `yaml:"redirect_to_https"`
	AllowedSourceIPs    []string  `yaml:"allowed_source_ips"`
	DeregistrationDelay string    `yaml:"deregistration_delay"`
	TargetPort          *int      `yaml:"target_port"`
}

// targetHealthcheck is http.healthcheck in its mapping form: the load
// balancer's check of its targets.
type targetHealthcheck struct {
	Path               string `yaml:"path"`
	SuccessCodes       string `yaml:"success_codes"`
	HealthyThreshold   *int   `yaml:"healthy_threshold"`
	UnhealthyThreshold *int   `yaml:"unhealthy_threshold"`
	Interval           string `yaml:"interval"`
	Timeout            string `yaml:"timeout"`
	GracePeriod        string `yaml:"grace_period"`
}

// alias is one entry of http.alias in its long form.
type alias struct {
	Name       string `yaml:"name"`
	HostedZone string `yaml:"hosted_zone"`
}

type nlb struct {
	Port       string `yaml:"port"`
	TargetPort *int   `yaml:"target_port"`
}

type storage struct {
	Volumes map[string]*volume `yaml:"volumes"`
}

type volume struct {
	Path     string    `yaml:"path"`
	ReadOnly *bool     `yaml:"read_only"`
	EFS      yaml.Node `yaml:"efs"`
}

// efs is a volume's efs in its mapping form: an existing file system.
type efs struct {
	ID      string `yaml:"id"`
	RootDir string `yaml:"root_dir"`
}

type network struct {
	// Connect is true, false or {alias: NAME}: Service Connect.
	Connect yaml.Node `yaml:"connect"`
	VPC     struct {
		SecurityGroups yaml.Node `yaml:"security_groups"`
	} `yaml:"vpc"`
}

// connect is network.connect in its mapping form.
type connect struct {
	Alias string `yaml:"alias"`
}

type sidecar struct {
	Image       string               `yaml:"image"`
	Port        yaml.Node            `yaml:"port"`
	Essential   *bool                `yaml:"essential"`
	Variables   map[string]yaml.Node `yaml:"variables"`
	Secrets     map[string]yaml.Node `yaml:"secrets"`
	Command     yaml.Node            `yaml:"command"`
	Entrypoint  yaml.Node            `yaml:"entrypoint"`
	Healthcheck *healthcheck         `yaml:"healthcheck"`
	DependsOn   map[string]string    `yaml:"depends_on"`
}

type logging struct {
	Retention *int `yaml:"retention"`
}
