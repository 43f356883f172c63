package model

import (
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws/arn"
)

// DefaultClusterName is the name of the cluster ecsgen creates for the
// services and tasks that name none.
const DefaultClusterName = "default"

// Cluster is an ECS cluster, like awsx's Cluster: one ecsgen creates (with
// tags, in a VPC, with EC2 capacity) or an existing one it only uses.
type Cluster struct {
	// Existing is the name or ARN of a cluster that already exists, like
	// aws.ecs.Cluster.get: ecsgen uses it and never creates or changes it.
	Existing string `yaml:"existing"`
	// Tags are added to the cluster.
	Tags map[string]string `yaml:"tags"`
	// Vpc names a VPC under vpcs: for the cluster's services, load
	// balancers and instances; default: the account's default VPC.
	Vpc string `yaml:"vpc"`
	// SecurityGroupIds replaces the security group ecsgen creates for the
	// cluster's instances and tasks with existing groups.
	SecurityGroupIds []string `yaml:"securityGroupIds" ecsgen:"securityGroupId"`
	// AutoScalingGroup gives the cluster EC2 capacity, as awsx's
	// cluster.createAutoScalingGroup does; required for ec2 services.
	AutoScalingGroup *AutoScalingGroup `yaml:"autoScalingGroup"`
	// Ssh admits SSH to the cluster's instances from one CIDR. awsx opens
	// port 22 to the whole internet by default; ecsgen never does, and
	// asks for the narrowest range you can give (a VPN, a bastion).
	Ssh *Ssh `yaml:"ssh"`
}

// AutoScalingGroup is the EC2 capacity of a cluster: instances of the
// ECS-optimized Amazon Linux 2023 AMI that join the cluster, scaled by an
// ECS capacity provider.
type AutoScalingGroup struct {
	TemplateParameters      *TemplateParameters      `yaml:"templateParameters"`
	LaunchConfigurationArgs *LaunchConfigurationArgs `yaml:"launchConfigurationArgs"`
}

// TemplateParameters sizes the Auto Scaling group, as in awsx.
type TemplateParameters struct {
	// MinSize is the fewest instances; default 2.
	MinSize *int `yaml:"minSize" ecsgen:"minSize"`
	// MaxSize is the most instances; default 100.
	MaxSize *int `yaml:"maxSize" ecsgen:"maxSize"`
	// DesiredCapacity is the instances to start with; default: left to
	// the capacity provider's managed scaling.
	DesiredCapacity *int `yaml:"desiredCapacity" ecsgen:"desiredCapacity"`
}

// LaunchConfigurationArgs describes the instances, as in awsx.
type LaunchConfigurationArgs struct {
	// InstanceType is the EC2 instance type; default t3.medium.
	InstanceType string `yaml:"instanceType" ecsgen:"instanceType"`
}

// Ssh admits SSH to a cluster's instances.
type Ssh struct {
	// Cidr is the IPv4 range allowed to connect on port 22.
	Cidr string `yaml:"cidr" ecsgen:"sshCidr"`
}

func (c *Cluster) validate(v *Errors, path string, app *App) {
	if c.Existing != "" {
		validateExistingCluster(v, field(path, "existing"), c.Existing)
		for name, set := range map[string]bool{
			"tags": len(c.Tags) > 0, "securityGroupIds": len(c.SecurityGroupIds) > 0,
			"autoScalingGroup": c.AutoScalingGroup != nil, "ssh": c.Ssh != nil,
		} {
			if set {
				v.add(field(path, name), "cannot be set on an existing cluster, which ecsgen does not manage")
			}
		}
	}
	if c.Vpc != "" && app.Vpcs[c.Vpc] == nil {
		v.add(field(path, "vpc"), "no VPC named %q; declare it under vpcs:%s", c.Vpc, known(app.Vpcs))
	}
	if c.Ssh != nil {
		validateSSHCidr(v, field(field(path, "ssh"), "cidr"), c.Ssh.Cidr)
		if c.AutoScalingGroup == nil && c.Existing == "" {
			v.add(field(path, "ssh"), "only applies to a cluster with an autoScalingGroup: Fargate tasks have no SSH")
		}
		if len(c.SecurityGroupIds) > 0 {
			v.add(field(path, "ssh"), "cannot be combined with securityGroupIds: ecsgen adds the SSH rule to the group it creates; add it to your own group instead")
		}
	}
	if asg := c.AutoScalingGroup; asg != nil {
		asg.validate(v, field(path, "autoScalingGroup"))
	}
	validateTags(v, field(path, "tags"), c.Tags)
}

// Size returns the group's min, max and desired sizes with defaults; a
// desired of 0 means "let managed scaling decide".
func (a *AutoScalingGroup) Size() (minSize, maxSize, desired int) {
	minSize, maxSize = rules["minSize"].orInt(nil), rules["maxSize"].orInt(nil)
	if tp := a.TemplateParameters; tp != nil {
		minSize = rules["minSize"].orInt(tp.MinSize)
		if tp.MaxSize != nil {
			maxSize = *tp.MaxSize
		} else if minSize > maxSize {
			maxSize = minSize
		}
		if tp.DesiredCapacity != nil {
			desired = *tp.DesiredCapacity
		}
	}
	return minSize, maxSize, desired
}

// InstanceType returns the instances' type with its default.
func (a *AutoScalingGroup) InstanceType() string {
	if a.LaunchConfigurationArgs != nil {
		return rules["instanceType"].or(a.LaunchConfigurationArgs.InstanceType)
	}
	return rules["instanceType"].or("")
}

func (a *AutoScalingGroup) validate(v *Errors, path string) {
	tp := field(path, "templateParameters")
	if lc := a.LaunchConfigurationArgs; lc != nil && lc.InstanceType != "" {
		validateInstanceType(v, field(field(path, "launchConfigurationArgs"), "instanceType"), lc.InstanceType)
	}
	minSize, maxSize, desired := a.Size()
	if maxSize < minSize {
		v.add(field(tp, "maxSize"), "is %d, less than minSize %d", maxSize, minSize)
	}
	if maxSize == 0 {
		v.add(field(tp, "maxSize"), "must be at least 1, or the cluster can never run a task")
	}
	if desired != 0 && (desired < minSize || desired > maxSize) {
		v.add(field(tp, "desiredCapacity"), "is %d, outside minSize %d to maxSize %d", desired, minSize, maxSize)
	}
}

// instanceTypePattern is the shape of every EC2 instance type, family.size:
// t3.medium, c6gn.16xlarge, u-6tb1.metal, m7i.metal-48xl.
var instanceTypePattern = lazyRegexp(`^[a-z][a-z0-9-]*[0-9][a-z0-9-]*\.[a-z0-9][a-z0-9-]*$`)

// validateInstanceType checks the shape of an instance type; which types a
// region offers is only known there.
func validateInstanceType(v *Errors, path, instanceType string) {
	if !instanceTypePattern().MatchString(instanceType) {
		v.add(path, "%q is not an EC2 instance type: write family.size in lower case, such as t3.medium or m7g.large", instanceType)
	}
}

// clusterNamePattern is ECS's rule for cluster names.
var clusterNamePattern = lazyRegexp(`^[A-Za-z0-9_-]{1,255}$`)

// validateExistingCluster checks that an existing cluster is named by an
// ECS cluster name or ARN: the ARN of another service, or of another ECS
// resource, would reach CloudFormation as a cluster that does not exist.
func validateExistingCluster(v *Errors, path, s string) {
	if !strings.HasPrefix(s, "arn:") {
		if !clusterNamePattern().MatchString(s) {
			v.add(path, "%q is not an ECS cluster name (up to 255 letters, digits, - and _) or cluster ARN such as arn:aws:ecs:us-east-1:123456789012:cluster/name", s)
		}
		return
	}
	a, err := arn.Parse(s)
	name, isCluster := strings.CutPrefix(a.Resource, "cluster/")
	if err != nil || a.Service != "ecs" || !isCluster || !clusterNamePattern().MatchString(name) || !accountPattern().MatchString(a.AccountID) || a.Region == "" {
		v.add(path, "%q is not an ECS cluster ARN such as arn:aws:ecs:us-east-1:123456789012:cluster/name", s)
	}
}

// accountPattern is an AWS account ID.
var accountPattern = lazyRegexp(`^[0-9]{12}$`)
