package expand

import (
	"strconv"

	"github.com/ecsgen/ecsgen/pkg/model"
)

// Output is a stack output the user asked for.
type Output struct {
	Name  string
	Parts []OutputPart
}

// OutputPart is literal text or an attribute of something the app creates.
type OutputPart struct {
	Text string
	Attr *Attribute
}

// Attribute is a value only known once the stack exists.
type Attribute struct {
	// Of is the *LoadBalancer, *Service or *Cluster the value belongs to.
	Of any
	// Name is DNSName for a load balancer, Name for a service or cluster.
	Name string
}

// Attribute names.
const (
	AttrDNSName = "DNSName"
	AttrName    = "Name"
)

func (x *expander) expandOutput(name, value string) {
	parts, _ := model.ParseOutput(value) // validated already
	o := &Output{Name: name}
	for _, p := range parts {
		if p.Ref == nil {
			o.Parts = append(o.Parts, OutputPart{Text: p.Text})
			continue
		}
		o.Parts = append(o.Parts, x.resolve(*p.Ref))
	}
	x.app.Outputs = append(x.app.Outputs, o)
}

// resolve maps a model reference to what it means in the expanded app;
// model.Validate guarantees it names something that exists.
func (x *expander) resolve(r model.Reference) OutputPart {
	switch r.Section + "." + r.Attribute {
	case "listeners.endpoint.hostname":
		return OutputPart{Attr: &Attribute{Of: x.listeners[r.Name].LoadBalancer, Name: AttrDNSName}}
	case "listeners.endpoint.port":
		return OutputPart{Text: strconv.Itoa(x.listeners[r.Name].Port)}
	default: // services.name
		return OutputPart{Attr: &Attribute{Of: x.services[r.Name], Name: AttrName}}
	}
}
