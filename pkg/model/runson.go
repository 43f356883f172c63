package model

import "slices"

// launchOrDefault applies the default launch type, Fargate, as awsx's
// FargateService is the common case.
func launchOrDefault(launchType string) string { return rules["launchType"].or(launchType) }

// validateRunsOn checks where a service or task (kind) runs: its launch
// type and cluster, and that the cluster can run that launch type. It
// returns the launch type to judge the rest by (the default, when the
// given one is invalid and already reported) and the cluster, nil for the
// default one.
func validateRunsOn(v *Errors, path, kind, launchType, clusterName string, app *App) (string, *Cluster) {
	launch := launchOrDefault(launchType)
	if !slices.Contains(rules["launchType"].enum, launch) {
		launch = LaunchFargate // validateRules reports it
	}
	cluster := app.Clusters[clusterName]
	switch {
	case clusterName != "" && cluster == nil:
		v.add(field(path, "cluster"), "no cluster named %q; declare it under clusters:%s", clusterName, known(app.Clusters))
	case launch == LaunchEC2 && (cluster == nil || cluster.AutoScalingGroup == nil && cluster.Existing == ""):
		v.add(field(path, "launchType"), "ec2 needs EC2 instances: run the %s in a cluster with an autoScalingGroup, or in an existing cluster", kind)
	}
	return launch, cluster
}

// validateRoutable checks that ecsgen can open a path from a load
// balancer to the tasks of t: in an existing cluster it cannot see the
// instances' groups, so bridge and host tasks there are out of reach.
func validateRoutable(v *Errors, path, kind string, t *TaskDefinition, launch string, cluster *Cluster) {
	if t.routesListener() && t.Mode(launch) != NetworkModeAwsvpc && cluster != nil && cluster.Existing != "" {
		v.add(field(path, "networkMode"), "a load-balanced %s in an existing cluster needs awsvpc, so ecsgen can admit the load balancer to its tasks; it cannot see the existing instances' groups", kind)
	}
}
