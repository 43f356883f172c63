package expand

import (
	"cmp"
	"maps"
	"slices"

	"github.com/ecsgen/ecsgen/pkg/model"
)

// App is an application with every default applied. Its slices are sorted
// by name, so everything rendered from it is deterministic.
type App struct {
	Name           string
	Networks       []*Network
	Clusters       []*Cluster
	SecurityGroups []*SecurityGroup
	LoadBalancers  []*LoadBalancer
	Services       []*Service
	Tasks          []*Task
	Outputs        []*Output
	// Namespace is where services find each other with Service Connect;
	// nil when none uses it.
	Namespace *Namespace
	// Triggers start tasks on a schedule or on HTTP requests.
	Triggers []*Trigger
	// AccessLogBucket holds the access logs of load balancers that name no
	// bucket of their own; nil when none writes there.
	AccessLogBucket *AccessLogBucket
}

// Expand derives the full application from a model. The model must have
// passed Validate; Expand checks it again and returns its errors if not,
// so a Go program cannot skip validation by accident.
func Expand(m *model.App) (*App, error) {
	if err := m.Validate(); err != nil {
		return nil, err
	}
	x := &expander{
		app:       &App{Name: m.Name},
		model:     m,
		networks:  map[string]*Network{},
		clusters:  map[string]*Cluster{},
		external:  map[string]*SecurityGroup{},
		listeners: map[string]*Listener{},
		services:  map[string]*Service{},
		tasks:     map[string]*Task{},
	}
	x.expand()
	return x.app, nil
}

// expander holds what one expansion has built so far, so that later steps
// can find what earlier ones made by the user's names. The default VPC and
// cluster, and load balancers, are made on first use: nothing implicit is
// created that no service or task needs.
type expander struct {
	app       *App
	model     *model.App
	networks  map[string]*Network
	clusters  map[string]*Cluster
	external  map[string]*SecurityGroup
	listeners map[string]*Listener
	services  map[string]*Service
	tasks     map[string]*Task
}

func (x *expander) expand() {
	for _, name := range sortedKeys(x.model.Clusters) {
		x.cluster(name)
	}
	for _, name := range sortedKeys(x.model.Vpcs) {
		x.network(name)
	}
	for _, name := range sortedKeys(x.model.Services) {
		x.expandService(name, x.model.Services[name])
	}
	x.connectServices()
	for _, name := range sortedKeys(x.model.Tasks) {
		x.expandTask(name, x.model.Tasks[name])
	}
	for _, name := range sortedKeys(x.model.Outputs) {
		x.expandOutput(name, x.model.Outputs[name])
	}
	sortByName(x.app.Networks, func(n *Network) string { return n.Name })
	sortByName(x.app.Clusters, func(c *Cluster) string { return c.Name })
	sortByName(x.app.SecurityGroups, func(g *SecurityGroup) string { return g.Name })
	sortByName(x.app.LoadBalancers, func(lb *LoadBalancer) string { return lb.Name })
	if b := x.app.AccessLogBucket; b != nil {
		sortByName(b.Writers, func(lb *LoadBalancer) string { return lb.Name })
	}
}

// sortByName orders things made on first use, whose creation order
// depends on which service used them first.
func sortByName[T any](s []T, name func(T) string) {
	slices.SortStableFunc(s, func(a, b T) int { return cmp.Compare(name(a), name(b)) })
}

func sortedKeys[V any](m map[string]V) []string {
	return slices.Sorted(maps.Keys(m))
}
