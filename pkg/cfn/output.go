package cfn

import (
	"fmt"
	"slices"
	"strings"

	"github.com/awslabs/goformation/v7/cloudformation"
	"github.com/ecsgen/ecsgen/pkg/expand"
)

// addUserOutput renders an output the user declared. A value that is one
// attribute becomes that attribute's Ref or GetAtt; text mixed with
// attributes becomes a Sub.
func addUserOutput(t *Template, o *expand.Output) {
	owner := "outputs." + o.Name
	var value string
	switch {
	case len(o.Parts) == 1 && o.Parts[0].Attr == nil:
		value = o.Parts[0].Text
	case len(o.Parts) == 1:
		value, _ = attribute(o.Parts[0].Attr)
	case !slices.ContainsFunc(o.Parts, func(p expand.OutputPart) bool { return p.Attr != nil }):
		// Text only (a listener's domain stands for its hostname): no Sub.
		var b strings.Builder
		for _, p := range o.Parts {
			b.WriteString(p.Text)
		}
		value = b.String()
	default:
		var b strings.Builder
		for _, p := range o.Parts {
			if p.Attr == nil {
				b.WriteString(subLiteral(p.Text))
				continue
			}
			_, sub := attribute(p.Attr)
			b.WriteString(sub)
		}
		value = cloudformation.Sub(b.String())
	}
	t.addOutput(o.Name, owner, cloudformation.Output{Value: value})
}

// subLiteral escapes text for a Sub string, where ${ starts a variable;
// ${! is CloudFormation's escape for a literal ${.
func subLiteral(s string) string { return strings.ReplaceAll(s, "${", "${!") }

// attribute renders an expanded attribute both as a template value and as
// a piece of a Sub string.
func attribute(a *expand.Attribute) (value, sub string) {
	ref := func(id string) (string, string) { return cloudformation.Ref(id), "${" + id + "}" }
	getAtt := func(id, attr string) (string, string) {
		return cloudformation.GetAtt(id, attr), "${" + id + "." + attr + "}"
	}
	switch of := a.Of.(type) {
	case *expand.LoadBalancer:
		return getAtt(loadBalancerID(of), "DNSName")
	case *expand.Service:
		return getAtt(serviceID(of), "Name")
	case *expand.TaskDefinition:
		return ref(taskDefinitionID(of)) // a task definition's Ref is its ARN
	case *expand.Cluster:
		if of.Existing != "" {
			return of.Existing, subLiteral(of.Existing)
		}
		return ref(clusterID(of))
	case *expand.Network:
		switch of.Kind {
		case expand.ExistingVPC:
			return of.VpcID, subLiteral(of.VpcID)
		case expand.ManagedVPC:
			return ref(managedVPCID(of))
		}
		return ref(vpcIDParam(of))
	}
	panic(fmt.Sprintf("cfn: no resource renders attribute %s of %T", a.Name, a.Of))
}
