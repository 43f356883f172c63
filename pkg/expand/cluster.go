package expand

import (
	"fmt"
	"maps"
	"slices"

	"github.com/ecsgen/ecsgen/pkg/model"
)

// Cluster is an ECS cluster: one the app creates, or an existing one it
// only references.
type Cluster struct {
	Name string
	// Existing is the name or ARN of a cluster the stack does not manage.
	Existing string
	Network  *Network
	// ContainerInsights turns on CloudWatch Container Insights: the
	// per-task CPU, memory and network metrics operators expect to have
	// when something goes wrong.
	ContainerInsights bool
	Tags              []Tag
	// SecurityGroups guard the cluster's instances.
	SecurityGroups []*SecurityGroup
	// GivenSecurityGroups are the groups the user named for the cluster,
	// which also guard its awsvpc tasks unless a service names its own.
	GivenSecurityGroups []*SecurityGroup
	// Capacity is the cluster's EC2 capacity; nil for Fargate only.
	Capacity *Capacity
	// FargateProviders makes the FARGATE and FARGATE_SPOT capacity
	// providers available, for services with a capacity provider
	// strategy.
	FargateProviders bool
}

// Capacity is an Auto Scaling group of ECS instances behind a capacity
// provider, so that ECS scales the instances to fit the tasks.
type Capacity struct {
	InstanceType string
	// Architecture is the instances' CPU architecture, X86_64 or ARM64,
	// which selects their AMI.
	Architecture string
	MinSize      int
	MaxSize      int
	// DesiredCapacity is the starting size; zero leaves it to managed
	// scaling.
	DesiredCapacity int
	InstanceRole    *Role
	// PublicIP gives instances public IPs, which they need to reach ECS
	// when their subnets have no NAT.
	PublicIP bool
	// TargetCapacityPercent is how full managed scaling keeps the
	// instances; 100 means no idle instances are kept.
	TargetCapacityPercent int
}

// Tag is one resource tag.
type Tag struct {
	Key, Value string
}

func tags(m map[string]string) []Tag {
	var out []Tag
	for _, k := range slices.Sorted(maps.Keys(m)) {
		out = append(out, Tag{k, m[k]})
	}
	return out
}

// cluster returns the cluster a service or task names, creating the
// default cluster on first use.
func (x *expander) cluster(name string) *Cluster {
	if c, ok := x.clusters[name]; ok {
		return c
	}
	if name == "" {
		c := &Cluster{Name: model.DefaultClusterName, Network: x.network(""), ContainerInsights: true}
		x.clusters[""] = c
		x.app.Clusters = append(x.app.Clusters, c)
		return c
	}
	c := x.expandCluster(name, x.model.Clusters[name])
	x.clusters[name] = c
	x.app.Clusters = append(x.app.Clusters, c)
	return c
}

func (x *expander) expandCluster(name string, m *model.Cluster) *Cluster {
	c := &Cluster{Name: name, Network: x.network(m.Vpc)}
	if m.Existing != "" {
		c.Existing = m.Existing
		return c
	}
	c.ContainerInsights = true
	c.Tags = tags(m.Tags)
	for _, id := range m.SecurityGroupIds {
		c.GivenSecurityGroups = append(c.GivenSecurityGroups, x.externalSecurityGroup(id, "clusters."+name+".securityGroupIds"))
	}
	c.SecurityGroups = c.GivenSecurityGroups
	asg := m.AutoScalingGroup
	if asg == nil {
		return c
	}
	minSize, maxSize, desired := asg.Size()
	c.Capacity = &Capacity{
		InstanceType: asg.InstanceType(), Architecture: asg.Architecture(), MinSize: minSize, MaxSize: maxSize, DesiredCapacity: desired,
		InstanceRole: &Role{
			Name:            name + "-instance",
			Principal:       "ec2.amazonaws.com",
			ManagedPolicies: []string{"service-role/AmazonEC2ContainerServiceforEC2Role"},
		},
		PublicIP:              !c.Network.PrivatePlacement(),
		TargetCapacityPercent: 100,
	}
	if len(c.SecurityGroups) == 0 {
		sg := x.newSecurityGroup(name+"-instances", "clusters."+name, fmt.Sprintf("Cluster %s instances: admit their load balancers only", name), c.Network)
		sg.Output = true
		sg.Egress = append(sg.Egress, allEgress("instances and their tasks reach ECS, image registries and logs"))
		if m.Ssh != nil {
			sg.Ingress = append(sg.Ingress, Rule{
				Description: "SSH from " + m.Ssh.Cidr,
				Protocol:    ProtocolTCP, FromPort: 22, ToPort: 22, CIDR: m.Ssh.Cidr,
			})
		}
		c.SecurityGroups = []*SecurityGroup{sg}
	}
	return c
}

// network returns the network a VPC name means, the default VPC for "".
func (x *expander) network(name string) *Network {
	if n, ok := x.networks[name]; ok {
		return n
	}
	n := defaultNetwork()
	if name != "" {
		n = expandVpc(name, x.model.Vpcs[name])
	}
	x.networks[name] = n
	x.app.Networks = append(x.app.Networks, n)
	return n
}
