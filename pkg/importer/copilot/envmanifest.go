package copilot

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"

	"github.com/ecsgen/ecsgen/pkg/importer"
	"github.com/ecsgen/ecsgen/pkg/model"
	"go.yaml.in/yaml/v3"
)

// envManifest is copilot/environments/<env>/manifest.yml, as documented at
// https://aws.github.io/copilot-cli/docs/manifest/environment/: only the
// fields the importer reads; every other key is reported.
type envManifest struct {
	Name    string `yaml:"name"`
	Type    string `yaml:"type"`
	Network struct {
		VPC envVPC `yaml:"vpc"`
	} `yaml:"network"`
	HTTP struct {
		Public  envALB `yaml:"public"`
		Private envALB `yaml:"private"`
	} `yaml:"http"`
	Observability struct {
		ContainerInsights *bool `yaml:"container_insights"`
	} `yaml:"observability"`
}

type envVPC struct {
	ID      string `yaml:"id"`
	CIDR    string `yaml:"cidr"`
	Subnets struct {
		Public  []envSubnet `yaml:"public"`
		Private []envSubnet `yaml:"private"`
	} `yaml:"subnets"`
	// FlowLogs is a boolean or a copilotFlowLogs.
	FlowLogs yaml.Node `yaml:"flow_logs"`
}

type envSubnet struct {
	ID   string `yaml:"id"`
	CIDR string `yaml:"cidr"`
	AZ   string `yaml:"az"`
}

// envALB is the environment's public or private Application Load
// Balancer, which its services share.
type envALB struct {
	Certificates []string `yaml:"certificates"`
	SSLPolicy    string   `yaml:"ssl_policy"`
	Ingress      struct {
		SourceIPs []string `yaml:"source_ips"`
	} `yaml:"ingress"`
	// AccessLogs is a boolean or a copilotAccessLogs; Copilot keeps access
	// logs of the public load balancer only.
	AccessLogs yaml.Node `yaml:"access_logs"`
}

// readEnvironment reads the chosen environment's manifest, if the
// workspace has one; the environment's settings then apply to the shared
// load balancers and the VPC.
func (c *converter) readEnvironment() {
	path := filepath.Join(c.dir, "copilot", "environments", c.env, "manifest.yml")
	data, err := os.ReadFile(path)
	if err != nil {
		return // environments made with copilot env init --default-config have none
	}
	w := &workload{file: relTo(c.dir, path)}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil || len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		c.res.Report.Add(w.file, 0, "", "is not a Copilot environment manifest (a YAML mapping), so the environment's settings are not imported: %v", err)
		return
	}
	w.root = doc.Content[0]
	var m envManifest
	if err := w.root.Decode(&m); err != nil {
		c.res.Report.Add(w.file, 0, "", "does not read as a Copilot environment manifest, so the environment's settings are not imported: %s", strings.TrimPrefix(err.Error(), "yaml: "))
		return
	}
	c.envFile, c.envManifest = w, &m
	c.unknownKeys(w, w.root, reflect.TypeFor[envManifest](), []string{})
	if ci := m.Observability.ContainerInsights; ci != nil && !*ci {
		c.report(w, []string{"observability", "container_insights"}, "false: ecsgen turns Container Insights on for every cluster it creates (its metrics are what autoscaling and alarms read); it is left on")
	}
}

// environmentVPC declares the environment's VPC and a cluster in it for
// every service and task, once they are converted.
func (c *converter) environmentVPC() {
	if c.envManifest == nil {
		return
	}
	v, w := c.envManifest.Network.VPC, c.envFile
	keys := []string{"network", "vpc"}
	var vpc *model.Vpc
	flow := c.flowLogs()
	ids := append([]string{v.ID}, append(subnetIDs(v.Subnets.Public), subnetIDs(v.Subnets.Private)...)...)
	if bad := slices.DeleteFunc(ids, func(id string) bool { return id == "" || awsID.MatchString(id) }); v.ID != "" && len(bad) > 0 {
		c.report(w, keys, "%s: not AWS IDs (vpc- or subnet- and 8 or 17 hex digits), so the VPC is left out and the services run in the account's default VPC; declare it under vpcs: with existing: {vpcId, publicSubnetIds, privateSubnetIds}", strings.Join(bad, ", "))
		if flow != nil {
			c.report(w, append(keys, "flow_logs"), "the VPC is left out (see network.vpc), and ecsgen does not change an existing VPC: turn on its flow logs outside ecsgen")
		}
		return
	}
	switch {
	case v.ID != "":
		vpc = &model.Vpc{Existing: &model.ExistingVpc{VpcId: v.ID, PublicSubnetIds: subnetIDs(v.Subnets.Public), PrivateSubnetIds: subnetIDs(v.Subnets.Private)}}
		c.res.Note(importer.Field("vpcs", c.envName()), "Copilot environment "+c.env+"'s VPC ("+w.file+"), which ecsgen uses and does not change")
		if len(v.Subnets.Public) < 2 {
			c.report(w, append(keys, "subnets"), "ecsgen puts load balancers in public subnets and needs two in different zones; Copilot's environment has %d: add them under vpcs.%s.existing.publicSubnetIds", len(v.Subnets.Public), c.envName())
		}
		if flow != nil {
			c.report(w, append(keys, "flow_logs"), "ecsgen does not change an existing VPC: turn on %s's flow logs outside ecsgen (`aws ec2 create-flow-logs --resource-type VPC --resource-ids %s --traffic-type ALL ...`), as Copilot's environment stack did", v.ID, v.ID)
		}
	case v.CIDR != "" || len(v.Subnets.Public) > 0 || len(v.Subnets.Private) > 0 || flow != nil:
		vpc = &model.Vpc{CidrBlock: v.CIDR, FlowLogs: flow}
		if flow != nil {
			c.res.Note(importer.Field(importer.Field("vpcs", c.envName()), "flowLogs"), "Copilot's network.vpc.flow_logs: every connection, as Copilot's flow log records")
		}
		if n := len(v.Subnets.Public); n >= 2 {
			vpc.NumberOfAvailabilityZones = new(n)
		}
		c.res.Note(importer.Field("vpcs", c.envName()), "Copilot environment "+c.env+"'s VPC ("+w.file+"): ecsgen creates it with a public and a private subnet in each zone")
		if len(v.Subnets.Public)+len(v.Subnets.Private) > 0 {
			c.report(w, append(keys, "subnets"), "ecsgen cuts the VPC's range into subnets itself (4 bits smaller, one public and one private per zone); the subnets' own cidr and az are left out")
		}
	default:
		return
	}
	name := c.envName()
	c.app.Vpcs = map[string]*model.Vpc{name: vpc}
	c.app.Clusters = map[string]*model.Cluster{name: {Vpc: name}}
	c.res.Note(importer.Field("clusters", name), fmt.Sprintf("Copilot environment %s's cluster, in its VPC; every service and task runs in it", c.env))
	for _, s := range c.app.Services {
		s.Cluster = name
	}
	for _, t := range c.app.Tasks {
		t.Cluster = name
	}
}

// awsID is the shape of the VPC and subnet IDs AWS hands out, which
// CloudFormation checks.
var awsID = regexp.MustCompile(`^(vpc|subnet)-([0-9a-f]{8}|[0-9a-f]{17})$`)

// envName is the environment's name as an ecsgen name.
func (c *converter) envName() string {
	var n importer.Names
	name := n.Name(c.env)
	if name == model.DefaultClusterName {
		name = c.env + "-env"
	}
	return name
}

func subnetIDs(subnets []envSubnet) []string {
	var ids []string
	for _, s := range subnets {
		if s.ID != "" {
			ids = append(ids, s.ID)
		}
	}
	return ids
}

// certificate is the first certificate of a Copilot load balancer, which
// the listener serves; ecsgen's listeners take one.
func (c *converter) certificate(alb envALB, which string) string {
	keys := []string{"http", which, "certificates"}
	var cert string
	for _, arn := range alb.Certificates {
		switch {
		case strings.Contains(arn, "${"):
			c.report(c.envFile, keys, "%s takes a shell variable, which Copilot fills at deploy and ecsgen does not; write the ARN as listeners.%s.certificateArn", arn, sharedName[which])
		case !strings.HasPrefix(arn, "arn:"):
			c.report(c.envFile, keys, "%q is not a certificate ARN; write the ACM certificate's ARN as listeners.%s.certificateArn", arn, sharedName[which])
		case cert == "":
			cert = arn
		default:
			c.report(c.envFile, keys, "ecsgen's listeners serve one certificate; %s is left out: request one certificate that covers every name", arn)
		}
	}
	return cert
}

// unreadEnvironments reports the environment manifests an import without
// --env leaves aside.
func (c *converter) unreadEnvironments() {
	files, _ := filepath.Glob(filepath.Join(c.dir, "copilot", "environments", "*", "manifest.yml"))
	for _, f := range files {
		env := filepath.Base(filepath.Dir(f))
		c.res.Report.Add(relTo(c.dir, f), 0, "", "environment %s's VPC, certificates and load balancer settings are not applied; import with --env %s to apply them", env, env)
	}
}
