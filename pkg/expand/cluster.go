package expand

// Cluster is an ECS cluster the app creates.
type Cluster struct {
	Name string
	// ContainerInsights turns on CloudWatch Container Insights: the
	// per-task CPU, memory and network metrics operators expect to have
	// when something goes wrong.
	ContainerInsights bool
}

// defaultCluster is the cluster services run in when they name none, as
// awsx creates one behind a FargateService.
func defaultCluster() *Cluster {
	return &Cluster{Name: "default", ContainerInsights: true}
}
