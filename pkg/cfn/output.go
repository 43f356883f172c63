package cfn

import (
	"fmt"
	"strings"

	"github.com/awslabs/goformation/v7/cloudformation"
	"github.com/ecsgen/ecsgen/pkg/expand"
)

// addUserOutput renders an output the user declared. A value that is one
// attribute becomes a GetAtt; text mixed with attributes becomes a Sub.
func addUserOutput(t *Template, o *expand.Output) {
	owner := "outputs." + o.Name
	var value string
	switch {
	case len(o.Parts) == 1 && o.Parts[0].Attr == nil:
		value = o.Parts[0].Text
	case len(o.Parts) == 1:
		id, attr := attribute(o.Parts[0].Attr)
		value = cloudformation.GetAtt(id, attr)
	default:
		var b strings.Builder
		for _, p := range o.Parts {
			if p.Attr == nil {
				// ${ starts a Sub variable; ${! is CloudFormation's escape for it.
				b.WriteString(strings.ReplaceAll(p.Text, "${", "${!"))
				continue
			}
			id, attr := attribute(p.Attr)
			fmt.Fprintf(&b, "${%s.%s}", id, attr)
		}
		value = cloudformation.Sub(b.String())
	}
	t.addOutput(o.Name, owner, cloudformation.Output{Value: value})
}

// attribute maps an expanded attribute to the resource and GetAtt name
// that hold it.
func attribute(a *expand.Attribute) (id, attr string) {
	switch of := a.Of.(type) {
	case *expand.LoadBalancer:
		return loadBalancerID(of), a.Name
	case *expand.Service:
		return serviceID(of), a.Name
	}
	panic(fmt.Sprintf("cfn: no resource renders attribute %s of %T", a.Name, a.Of))
}
