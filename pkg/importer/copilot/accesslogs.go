package copilot

import (
	"strings"

	"github.com/ecsgen/ecsgen/pkg/importer"
	"github.com/ecsgen/ecsgen/pkg/model"
	"go.yaml.in/yaml/v3"
)

// copilotAccessLogs is the mapping form of http.public.access_logs; the
// short form is a boolean.
type copilotAccessLogs struct {
	BucketName string `yaml:"bucket_name"`
	Prefix     string `yaml:"prefix"`
}

// accessLogs reads http.<which>.access_logs, which Copilot has for the
// environment's public load balancer only: true makes Copilot create the
// bucket, as accessLogs: true makes ecsgen, and bucket_name names an
// existing one, as accessLogs.bucket does. It returns nil when the
// manifest asks for none, or for what ecsgen cannot take.
func (c *converter) accessLogs(which, listener string) *model.AccessLogs {
	if c.envManifest == nil {
		return nil
	}
	n := &c.envManifest.HTTP.Public.AccessLogs
	if which == "private" {
		n = &c.envManifest.HTTP.Private.AccessLogs
	}
	keys := []string{"http", which, "access_logs"}
	var on bool
	if n.IsZero() || n.Decode(&on) == nil && !on {
		return nil
	}
	if which == "private" {
		c.report(c.envFile, keys, "Copilot keeps access logs of the public load balancer only; set accessLogs on listener %s to keep them", listener)
		return nil
	}
	note := importer.Field(importer.Field("listeners", listener), "accessLogs")
	if on {
		c.res.Note(note, "Copilot's http.public.access_logs: in a bucket ecsgen creates, under the listener's name")
		return &model.AccessLogs{}
	}
	var m copilotAccessLogs
	if n.Kind != yaml.MappingNode || n.Decode(&m) != nil {
		c.report(c.envFile, keys, "is neither a boolean nor {bucket_name, prefix}; left out")
		return nil
	}
	a := &model.AccessLogs{Bucket: m.BucketName, Prefix: strings.Trim(m.Prefix, "/")}
	if problem := model.BucketNameProblem(a.Bucket); a.Bucket != "" && problem != "" {
		c.report(c.envFile, append(keys, "bucket_name"), "%q is not an S3 bucket name (%s); the logs go to a bucket ecsgen creates instead", a.Bucket, problem)
		a.Bucket = ""
	}
	if strings.Contains(a.Prefix, "AWSLogs") {
		c.report(c.envFile, append(keys, "prefix"), "%q contains AWSLogs, which ELB refuses in a prefix; the logs go under the listener's name instead", m.Prefix)
		a.Prefix = ""
	}
	if a.Bucket != "" {
		c.res.Note(note, "Copilot's http.public.access_logs: ecsgen does not change "+a.Bucket+"'s policy, which must let Elastic Load Balancing write (README, Access logs)")
	} else {
		c.res.Note(note, "Copilot's http.public.access_logs: in a bucket ecsgen creates")
	}
	return a
}
