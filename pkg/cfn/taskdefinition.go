package cfn

import (
	"strconv"

	"github.com/awslabs/goformation/v7/cloudformation"
	"github.com/awslabs/goformation/v7/cloudformation/ecs"
	"github.com/awslabs/goformation/v7/cloudformation/logs"
	"github.com/ecsgen/ecsgen/pkg/expand"
)

func taskDefinitionID(td *expand.TaskDefinition) string { return LogicalID(td.Name, "TaskDefinition") }
func logGroupID(lg *expand.LogGroup) string             { return LogicalID(lg.Name, "LogGroup") }

// imageParam names the parameter that carries the URI of an image ecsgen
// builds: deploy pushes the image and passes its digest-pinned URI here, so
// the committed template does not change when only the code does.
func imageParam(td *expand.TaskDefinition, c *expand.Container) string {
	return LogicalID(td.Name, c.Name, "Image")
}

func addTaskDefinition(t *Template, td *expand.TaskDefinition, owner string) {
	r := &ecs.TaskDefinition{
		Family:                  new(cloudformation.Sub("${AWS::StackName}-" + td.Name)),
		Cpu:                     new(strconv.Itoa(td.Cpu)),
		Memory:                  new(strconv.Itoa(td.Memory)),
		NetworkMode:             new(td.NetworkMode),
		RequiresCompatibilities: td.Compatibilities,
	}
	if td.ExecutionRole != nil {
		addRole(t, td.ExecutionRole, owner)
		r.ExecutionRoleArn = new(cloudformation.GetAtt(roleID(td.ExecutionRole), "Arn"))
	}
	if td.LogGroup != nil {
		t.addResource(logGroupID(td.LogGroup), owner, &logs.LogGroup{RetentionInDays: new(td.LogGroup.RetentionDays)})
	}
	for _, c := range td.Containers {
		r.ContainerDefinitions = append(r.ContainerDefinitions, containerDefinition(t, td, c, owner))
	}
	t.addResource(taskDefinitionID(td), owner, r)
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
	}
	for _, pm := range c.PortMappings {
		d.PortMappings = append(d.PortMappings, ecs.TaskDefinition_PortMapping{
			ContainerPort: new(pm.ContainerPort),
			Protocol:      new(pm.Protocol),
		})
	}
	for _, e := range c.Environment {
		d.Environment = append(d.Environment, ecs.TaskDefinition_KeyValuePair{Name: new(e.Name), Value: new(e.Value)})
	}
	if c.Logs != nil {
		d.LogConfiguration = &ecs.TaskDefinition_LogConfiguration{
			LogDriver: "awslogs",
			Options: map[string]string{
				"awslogs-group":         cloudformation.Ref(logGroupID(c.Logs.Group)),
				"awslogs-region":        cloudformation.Ref("AWS::Region"),
				"awslogs-stream-prefix": c.Logs.StreamPrefix,
			},
		}
	}
	return d
}
