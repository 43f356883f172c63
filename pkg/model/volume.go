package model

// Volume is a data volume containers can mount.
type Volume struct {
	// Name is what mountPoints call the volume.
	Name string `yaml:"name"`
	// Host is a path on the EC2 instance (ec2 only); without it the volume
	// is a scratch space that lives as long as the task.
	Host *HostVolume `yaml:"host"`
	// Efs is an Amazon EFS file system, mounted with TLS.
	Efs *EfsVolume `yaml:"efs"`
}

// HostVolume is a bind mount from the instance.
type HostVolume struct {
	SourcePath string `yaml:"sourcePath"`
}

// EfsVolume is an EFS file system.
type EfsVolume struct {
	FileSystemId string `yaml:"fileSystemId" ecsgen:"fileSystemId"`
	// RootDirectory is the directory to mount; default /.
	RootDirectory string `yaml:"rootDirectory"`
}

func (vol *Volume) validate(v *Errors, path string, fargate bool) {
	switch {
	case vol.Name == "":
		v.add(field(path, "name"), "is required: mountPoints refer to the volume by it")
	case len(vol.Name) > 255:
		v.add(field(path, "name"), "volume name is too long: %d characters, at most 255", len(vol.Name))
	case !namePattern().MatchString(vol.Name):
		v.add(field(path, "name"), "%q is not a valid volume name: use letters, digits, hyphens and underscores", vol.Name)
	}
	if vol.Host != nil && vol.Efs != nil {
		v.add(path, "give host or efs, not both")
	}
	if vol.Host != nil && vol.Host.SourcePath != "" && fargate {
		v.add(field(field(path, "host"), "sourcePath"), "Fargate has no instance paths; remove host for a task-scoped volume, or use efs")
	}
	if vol.Efs != nil {
		if vol.Efs.FileSystemId == "" {
			v.add(field(field(path, "efs"), "fileSystemId"), "is required, e.g. fs-0123456789abcdef0")
		}
	}
}
