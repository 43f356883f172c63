package copilot

import (
	"slices"

	"github.com/ecsgen/ecsgen/pkg/model"
)

// copilotFlowLogs is the mapping form of network.vpc.flow_logs; the short
// form is a boolean.
type copilotFlowLogs struct {
	Retention *int `yaml:"retention"`
}

// flowLogs reads network.vpc.flow_logs. Copilot's flow log records all
// traffic, kept 14 days unless retention says otherwise; ecsgen's VPCs log
// rejected traffic by default, so an environment that asks for flow logs
// gets trafficType ALL. It returns nil when the manifest asks for none.
func (c *converter) flowLogs() *model.FlowLogs {
	n := &c.envManifest.Network.VPC.FlowLogs
	keys := []string{"network", "vpc", "flow_logs"}
	var on bool
	if n.IsZero() || n.Decode(&on) == nil && !on {
		if !n.IsZero() {
			c.report(c.envFile, keys, "false: ecsgen logs the rejected traffic of every VPC it creates (flowLogs.trafficType REJECT); it is left on")
		}
		return nil
	}
	fl := &model.FlowLogs{TrafficType: "ALL"}
	var m copilotFlowLogs
	if !on && n.Decode(&m) != nil {
		c.report(c.envFile, keys, "is neither a boolean nor {retention: DAYS}; left out")
		return nil
	}
	if r := m.Retention; r != nil {
		if slices.Contains(model.Values("flowLogRetention"), *r) {
			fl.RetentionInDays = r
		} else {
			c.report(c.envFile, append(keys, "retention"), "%d days is not a period CloudWatch Logs offers; the flow log keeps 14 days: set flowLogs.retentionInDays to one of %v", *r, model.Values("flowLogRetention"))
		}
	}
	return fl
}
