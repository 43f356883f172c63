package compose

import (
	"fmt"
	"path"
	"strings"

	"github.com/compose-spec/compose-go/v2/types"
	"github.com/ecsgen/ecsgen/pkg/importer"
	"github.com/ecsgen/ecsgen/pkg/model"
)

func (c *converter) volumes(s *svc) {
	td := s.service.TaskDefinition
	var names importer.Names
	for i, v := range s.compose.Volumes {
		keys := s.keys("volumes")
		switch v.Type {
		case types.VolumeTypeBind:
			c.report(keys, "volume %d binds %s from the host; Fargate tasks have no host files: copy them into the image (COPY in the Dockerfile), or put them on EFS", i+1, relTo(c.project.WorkingDir, v.Source))
			continue
		case types.VolumeTypeVolume:
		default:
			c.report(keys, "volume %d is a %s mount, which ecsgen's task definitions cannot declare; for scratch space mount a volume without efs", i+1, v.Type)
			continue
		}
		if v.Target == "" {
			continue
		}
		source := v.Source
		if source == "" {
			source = path.Base(v.Target)
		}
		name := names.Name(source)
		vol := model.Volume{Name: name}
		p := importer.Index(importer.Field(s.tdPath, "volumes"), len(td.Volumes))
		if fs := efsID(c.project.Volumes[v.Source]); fs != "" {
			vol.Efs = &model.EfsVolume{FileSystemId: fs}
			c.res.Note(p, "Compose volume "+v.Source+" is the existing EFS file system "+fs)
		} else {
			c.res.Note(p, "Compose volume "+source+": ECS keeps it only as long as the task runs")
			c.report(keys, "volume %d (%s) becomes task storage, which is lost when the task stops; for data that must outlive it, create an EFS file system and give the volume efs.fileSystemId", i+1, source)
		}
		td.Volumes = append(td.Volumes, vol)
		s.container.MountPoints = append(s.container.MountPoints, model.MountPoint{SourceVolume: name, ContainerPath: v.Target, ReadOnly: v.ReadOnly})
	}
	if len(s.compose.VolumesFrom) > 0 {
		c.report(s.keys("volumes_from"), "ECS shares volumes only between containers of one task; declare the volumes here instead")
	}
}

// efsID is the EFS file system behind a Compose volume: an external volume
// named fs-..., as Docker's ECS integration read it.
func efsID(v types.VolumeConfig) string {
	if bool(v.External) && strings.HasPrefix(v.Name, "fs-") {
		return v.Name
	}
	return ""
}

// secrets turns Compose secrets, files mounted at /run/secrets/NAME, into
// ECS secrets, which arrive as environment variables.
func (c *converter) secrets(s *svc) {
	for _, ref := range s.compose.Secrets {
		def := c.project.Secrets[ref.Source]
		target := ref.Target
		if target == "" {
			target = ref.Source
		}
		file := "/run/secrets/" + path.Base(target)
		if strings.HasPrefix(target, "/") {
			file = target
		}
		env := envName(path.Base(target))
		fileVar := fileVariable(s, file)
		if fileVar != "" {
			env = strings.TrimSuffix(fileVar, "_FILE")
		}
		sec := model.Secret{}
		p := importer.Field(importer.Field(s.cPath, "secrets"), env)
		if bool(def.External) {
			name := def.Name
			if name == "" {
				name = ref.Source
			}
			sec.SecretsManager = name
			if keys, ok := def.Extensions["x-aws-keys"].([]any); ok && len(keys) == 1 && keys[0] != "*" {
				sec.Key = fmt.Sprint(keys[0])
			}
			c.res.Note(p, "Compose secret "+ref.Source+", external: the Secrets Manager secret "+name+", as Docker's ECS integration read it")
		} else {
			sec.SecretsManager = c.app.Name + "/" + ref.Source
			from := "the value of $" + def.Environment
			if def.File != "" {
				from = "the content of " + c.rel(def.File)
			}
			c.report(s.keys("secrets"), "secret %s: store %s in Secrets Manager as %s (`aws secretsmanager create-secret --name %s`)", ref.Source, from, sec.SecretsManager, sec.SecretsManager)
			c.res.Note(p, "Compose secret "+ref.Source)
		}
		if s.container.Secrets == nil {
			s.container.Secrets = map[string]model.Secret{}
		}
		s.container.Secrets[env] = sec
		if fileVar == "" {
			c.report(s.keys("secrets"), "secret %s: ECS passes secrets as environment variables, not files: the app gets $%s instead of %s; read the variable, or write it to the file at start-up", ref.Source, env, file)
			continue
		}
		delete(s.container.Environment, fileVar)
		if len(s.container.Environment) == 0 {
			s.container.Environment = nil
		}
		c.res.Note(p, "Compose sets "+fileVar+"="+file+"; images that read NAME_FILE (the official mysql, mariadb and postgres images) read NAME too")
		c.report(s.keys("secrets"), "secret %s: ECS passes secrets as environment variables, not files: %s=%s becomes $%s, which images following the NAME_FILE convention read instead; anything else that reads %s (a healthcheck, a script) must read $%s", ref.Source, fileVar, file, env, file, env)
	}
}

// fileVariable is the service's variable NAME_FILE that points at a
// secret's file, the convention of images that read a credential from the
// file NAME_FILE names or from NAME (MYSQL_ROOT_PASSWORD_FILE). ECS has no
// secret files, so the importer passes the secret as NAME and drops
// NAME_FILE, which would point nowhere.
func fileVariable(s *svc, file string) string {
	for _, k := range sortedKeys(s.container.Environment) {
		if name, ok := strings.CutSuffix(k, "_FILE"); ok && name != "" && s.container.Environment[k] == file {
			return k
		}
	}
	return ""
}

// envName makes a secret's name into an environment variable name.
func envName(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z':
			return r - 'a' + 'A'
		case r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '_':
			return r
		}
		return '_'
	}, s)
	if s == "" || s[0] >= '0' && s[0] <= '9' {
		s = "_" + s
	}
	return s
}
