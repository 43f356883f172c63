package cfn

import (
	"github.com/ecsgen/ecsgen/pkg/expand"
)

// Build renders an expanded app as a template. It fails only when two of
// the user's names produce the same logical ID.
func Build(app *expand.App) (*Template, error) {
	t := newTemplate("ecsgen application " + app.Name)
	for _, n := range app.Networks {
		addNetwork(t, n)
	}
	for _, c := range app.Clusters {
		addCluster(t, c)
	}
	for _, sg := range app.SecurityGroups {
		addSecurityGroup(t, sg)
	}
	if app.AccessLogBucket != nil {
		addAccessLogBucket(t, app.AccessLogBucket)
	}
	for _, lb := range app.LoadBalancers {
		addLoadBalancer(t, lb)
	}
	if app.Namespace != nil {
		addNamespace(t, app.Namespace)
	}
	for _, s := range app.Services {
		addService(t, s)
	}
	for _, task := range app.Tasks {
		addTask(t, task)
	}
	addTriggers(t, app.Triggers)
	for _, o := range app.Outputs {
		addUserOutput(t, o)
	}
	if err := t.err(); err != nil {
		return nil, err
	}
	return t, nil
}
