package cfn

import (
	"strconv"
	"strings"

	"github.com/awslabs/goformation/v7/cloudformation"
	"github.com/awslabs/goformation/v7/cloudformation/ecs"
	"github.com/ecsgen/ecsgen/pkg/expand"
	"github.com/ecsgen/ecsgen/pkg/model"
)

func taskDefinitionID(td *expand.TaskDefinition) string { return LogicalID(td.Name, "TaskDefinition") }
func logGroupID(lg *expand.LogGroup) string             { return LogicalID(lg.Name, "LogGroup") }

// imageParam names the parameter that carries the URI of an image ecsgen
// builds: deploy pushes the image and passes its digest-pinned URI here, so
// the committed template does not change when only the code does.
func imageParam(td *expand.TaskDefinition, c *expand.Container) string {
	return LogicalID(td.Name, c.Name, "Image")
}

// addTaskDefinition adds td and what it alone uses, and returns it.
func addTaskDefinition(t *Template, td *expand.TaskDefinition, owner string) *ecs.TaskDefinition {
	r := &ecs.TaskDefinition{
		Family:                  new(cloudformation.Sub("${AWS::StackName}-" + td.Name)),
		NetworkMode:             new(td.NetworkMode),
		RequiresCompatibilities: td.Compatibilities,
		// Always given, Fargate included: ECS then places tasks only where
		// their images run, instead of failing them on arm64 instances or
		// Fargate's default x86_64 with "exec format error".
		RuntimePlatform: &ecs.TaskDefinition_RuntimePlatform{
			CpuArchitecture:       new(td.CpuArchitecture),
			OperatingSystemFamily: new(td.OperatingSystemFamily),
		},
	}
	if td.Cpu > 0 {
		r.Cpu = new(strconv.Itoa(td.Cpu))
	}
	if td.Memory > 0 {
		r.Memory = new(strconv.Itoa(td.Memory))
	}
	switch {
	case td.ExecutionRole != nil:
		addRole(t, td.ExecutionRole, owner)
		r.ExecutionRoleArn = new(cloudformation.GetAtt(roleID(td.ExecutionRole), "Arn"))
	case td.ExecutionRoleArn != "":
		r.ExecutionRoleArn = new(td.ExecutionRoleArn)
	}
	switch {
	case td.TaskRole != nil:
		addRole(t, td.TaskRole, owner)
		r.TaskRoleArn = new(cloudformation.GetAtt(roleID(td.TaskRole), "Arn"))
	case td.TaskRoleArn != "":
		r.TaskRoleArn = new(td.TaskRoleArn)
	}
	if td.LogGroup != nil {
		t.addResource(logGroupID(td.LogGroup), owner, logGroup(td.LogGroup))
	}
	for _, v := range td.Volumes {
		vol := ecs.TaskDefinition_Volume{Name: new(v.Name)}
		if v.Host != nil && v.Host.SourcePath != "" {
			vol.Host = &ecs.TaskDefinition_HostVolumeProperties{SourcePath: new(v.Host.SourcePath)}
		}
		if v.Efs != nil {
			vol.EFSVolumeConfiguration = &ecs.TaskDefinition_EFSVolumeConfiguration{
				FilesystemId: v.Efs.FileSystemId,
				// TLS in transit: EFS traffic leaves the task encrypted.
				TransitEncryption: new("ENABLED"),
			}
			if v.Efs.RootDirectory != "" {
				vol.EFSVolumeConfiguration.RootDirectory = new(v.Efs.RootDirectory)
			}
		}
		r.Volumes = append(r.Volumes, vol)
	}
	for _, c := range td.Containers {
		r.ContainerDefinitions = append(r.ContainerDefinitions, containerDefinition(t, td, c, owner))
	}
	t.addResource(taskDefinitionID(td), owner, r)
	return r
}

func containerDefinition(t *Template, td *expand.TaskDefinition, c *expand.Container, owner string) ecs.TaskDefinition_ContainerDefinition {
	d := ecs.TaskDefinition_ContainerDefinition{
		Name:              c.Name,
		Image:             c.Image.Reference,
		Cpu:               c.Cpu,
		Memory:            c.Memory,
		MemoryReservation: c.MemoryReservation,
		Essential:         new(c.Essential),
		Command:           c.Command,
		EntryPoint:        c.EntryPoint,
	}
	if c.Image.Built {
		param := imageParam(td, c)
		t.addParameter(param, owner, cloudformation.Parameter{
			Type:        "String",
			Description: new("Digest-pinned URI of the image built for container " + c.Name + "; ecsgen deploy fills it in."),
		})
		d.Image = cloudformation.Ref(param)
		t.needImage(param, owner, c)
	}
	for _, pm := range c.PortMappings {
		m := ecs.TaskDefinition_PortMapping{ContainerPort: new(pm.ContainerPort), Protocol: new(pm.Protocol)}
		if pm.Name != "" {
			m.Name = new(pm.Name)
		}
		if td.NetworkMode == "bridge" {
			// 0 asks ECS for an ephemeral host port, so several copies of
			// the task fit on one instance.
			m.HostPort = new(pm.HostPort)
		}
		d.PortMappings = append(d.PortMappings, m)
	}
	for _, e := range c.Environment {
		d.Environment = append(d.Environment, ecs.TaskDefinition_KeyValuePair{Name: new(e.Name), Value: new(e.Value)})
	}
	for _, sv := range c.Secrets {
		d.Secrets = append(d.Secrets, ecs.TaskDefinition_Secret{Name: sv.Name, ValueFrom: secretValueFrom(sv.Secret)})
	}
	if hc := c.HealthCheck; hc != nil {
		d.HealthCheck = &ecs.TaskDefinition_HealthCheck{
			Command: hc.Command, Interval: hc.Interval, Timeout: hc.Timeout, Retries: hc.Retries, StartPeriod: hc.StartPeriod,
		}
	}
	for _, mp := range c.MountPoints {
		d.MountPoints = append(d.MountPoints, ecs.TaskDefinition_MountPoint{
			SourceVolume: new(mp.SourceVolume), ContainerPath: new(mp.ContainerPath), ReadOnly: new(mp.ReadOnly),
		})
	}
	for _, dep := range c.DependsOn {
		d.DependsOnProp = append(d.DependsOnProp, ecs.TaskDefinition_ContainerDependency{
			ContainerName: new(dep.ContainerName), Condition: new(dep.Condition),
		})
	}
	if l := c.Logs; l != nil {
		group := l.GroupName
		if l.Group != nil {
			group = cloudformation.Ref(logGroupID(l.Group))
		}
		d.LogConfiguration = &ecs.TaskDefinition_LogConfiguration{
			LogDriver: "awslogs",
			Options: map[string]string{
				"awslogs-group":         group,
				"awslogs-region":        cloudformation.Ref("AWS::Region"),
				"awslogs-stream-prefix": l.StreamPrefix,
			},
		}
	}
	return d
}

// secretValueFrom is where ECS reads a secret: an SSM parameter's ARN, or
// a Secrets Manager secret's ARN (a name makes a partial ARN, which ECS
// resolves) with an optional JSON key in ECS's arn:key:stage:version form.
func secretValueFrom(s model.Secret) string {
	if s.Ssm != "" {
		if strings.HasPrefix(s.Ssm, "arn:") {
			return s.Ssm
		}
		return cloudformation.Sub("arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/" +
			subLiteral(strings.TrimPrefix(s.Ssm, "/")))
	}
	key := ""
	if s.Key != "" {
		key = ":" + s.Key + "::"
	}
	if strings.HasPrefix(s.SecretsManager, "arn:") {
		return s.SecretsManager + key
	}
	return cloudformation.Sub("arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:" +
		subLiteral(s.SecretsManager+key))
}
