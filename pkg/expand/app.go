package expand

import (
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
	Outputs        []*Output
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
		listeners: map[string]*Listener{},
		services:  map[string]*Service{},
	}
	x.expand()
	return x.app, nil
}

// expander holds what one expansion has built so far, so that later steps
// can find the resources earlier ones made by the user's names.
type expander struct {
	app       *App
	model     *model.App
	network   *Network
	cluster   *Cluster
	listeners map[string]*Listener
	services  map[string]*Service
}

func (x *expander) expand() {
	x.network = defaultNetwork()
	x.app.Networks = append(x.app.Networks, x.network)
	x.cluster = defaultCluster()
	x.app.Clusters = append(x.app.Clusters, x.cluster)
	for _, name := range sortedKeys(x.model.Listeners) {
		x.expandListener(name, x.model.Listeners[name])
	}
	for _, name := range sortedKeys(x.model.Services) {
		x.expandService(name, x.model.Services[name])
	}
	for _, name := range sortedKeys(x.model.Outputs) {
		x.expandOutput(name, x.model.Outputs[name])
	}
}

func sortedKeys[V any](m map[string]V) []string {
	return slices.Sorted(maps.Keys(m))
}
