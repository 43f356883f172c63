package copilot

import (
	"strconv"
	"strings"

	"github.com/ecsgen/ecsgen/pkg/importer"
	"github.com/ecsgen/ecsgen/pkg/model"
	"go.yaml.in/yaml/v3"
)

// sidecars become more containers of the task.
func (c *converter) sidecars(w *workload) {
	for _, name := range sortedKeys(w.m.Sidecars) {
		sc := w.m.Sidecars[name]
		if sc == nil {
			continue
		}
		keys := []string{"sidecars", name}
		ct := c.container(w, keys, image{Location: sc.Image}, sc.Entrypoint, sc.Command, sc.Variables, sc.Secrets, sc.Healthcheck, sc.DependsOn)
		ct.Essential = sc.Essential
		if sc.Port.Kind == yaml.ScalarNode {
			num, proto, _ := strings.Cut(strings.ToLower(sc.Port.Value), "/")
			if port, err := strconv.Atoi(num); err == nil {
				pm := model.PortMapping{ContainerPort: &port}
				if proto == "udp" {
					pm.Protocol = proto
				}
				ct.PortMappings = append(ct.PortMappings, pm)
			}
		}
		if !c.usable(w, keys, ct.Image) {
			continue
		}
		w.td.Containers[name] = ct
	}
}

// storage turns Copilot volumes into task volumes: an existing EFS file
// system stays one, anything else becomes task storage.
func (c *converter) storage(w *workload) {
	for _, name := range sortedKeys(w.m.Storage.Volumes) {
		v := w.m.Storage.Volumes[name]
		if v == nil {
			continue
		}
		keys := []string{"storage", "volumes", name}
		vol := model.Volume{Name: name}
		switch v.EFS.Kind {
		case yaml.MappingNode:
			var e efs
			if err := v.EFS.Decode(&e); err == nil && e.ID != "" {
				vol.Efs = &model.EfsVolume{FileSystemId: e.ID, RootDirectory: e.RootDir}
			} else {
				c.report(w, append(keys, "efs"), "ecsgen mounts an existing file system by id; a managed one (uid, gid) is not created: create it and give its id")
			}
		case yaml.ScalarNode:
			if v.EFS.Value == "true" {
				c.report(w, append(keys, "efs"), "Copilot creates an EFS file system for the environment; ecsgen does not: create one and give the volume efs.fileSystemId. Until then it is task storage, lost when the task stops")
			}
		}
		w.td.Volumes = append(w.td.Volumes, vol)
		c.res.Note(importer.Index(importer.Field(w.tdPath, "volumes"), len(w.td.Volumes)-1), "Copilot volume "+name)
		mp := model.MountPoint{SourceVolume: name, ContainerPath: v.Path}
		if v.ReadOnly != nil {
			mp.ReadOnly = *v.ReadOnly
		} else if vol.Efs != nil {
			mp.ReadOnly = true // Copilot mounts EFS read-only unless told
		}
		w.container.MountPoints = append(w.container.MountPoints, mp)
	}
}
