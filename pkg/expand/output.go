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
	// Of is the *LoadBalancer, *Service, *TaskDefinition, *Cluster or
	// *Network the value belongs to.
	Of any
	// Name is one of the Attr constants.
	Name string
}

// Attribute names.
const (
	AttrDNSName = "DNSName"
	AttrName    = "Name"
	AttrArn     = "Arn"
	AttrID      = "Id"
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
		if d := x.listeners[r.Name].Domain; d != nil {
			return OutputPart{Text: d.Name}
		}
		return OutputPart{Attr: &Attribute{Of: x.listeners[r.Name].LoadBalancer, Name: AttrDNSName}}
	case "listeners.endpoint.port":
		return OutputPart{Text: strconv.Itoa(x.listeners[r.Name].Port)}
	case "services.name":
		return OutputPart{Attr: &Attribute{Of: x.services[r.Name], Name: AttrName}}
	case "tasks.taskDefinitionArn":
		return OutputPart{Attr: &Attribute{Of: x.tasks[r.Name].Definition, Name: AttrArn}}
	case "clusters.name":
		return OutputPart{Attr: &Attribute{Of: x.cluster(r.Name), Name: AttrName}}
	case "vpcs.id":
		return OutputPart{Attr: &Attribute{Of: x.network(r.Name), Name: AttrID}}
	}
	panic("expand: reference " + r.String() + " passed validation but means nothing here")
}
