package model

import (
	"strings"

	"go.yaml.in/yaml/v3"
)

// TaskRole is the role the containers' code runs as. In a manifest it is
// the ARN of an existing role, or a mapping of statements for a role
// ecsgen creates that may do exactly that.
type TaskRole struct {
	// Arn is an existing role's ARN; set by the string form.
	Arn string `yaml:"-"`
	// Statements are what the role may do, each on named resources.
	Statements []PolicyStatement `yaml:"statements"`
	// AllowWildcardResources lets statements name resources with * in
	// them; without it, each resource must be named exactly.
	AllowWildcardResources bool `yaml:"allowWildcardResources"`
}

// PolicyStatement allows or denies actions on resources, as an IAM policy
// statement does.
type PolicyStatement struct {
	// Effect is Allow (the default) or Deny.
	Effect string `yaml:"effect" ecsgen:"statementEffect"`
	// Actions are IAM actions such as s3:GetObject; an Allow may not use
	// wildcards, so the role gets no action nobody listed.
	Actions []string `yaml:"actions" ecsgen:"iamAction"`
	// Resources are the ARNs the actions apply to.
	Resources []string `yaml:"resources"`
}

// Allows returns the statement's effect with its default.
func (s PolicyStatement) Allows() bool { return rules["statementEffect"].or(s.Effect) == "Allow" }

func (r *TaskRole) decodeNode(d *decoder, n *yaml.Node, path string) {
	if n.Kind == yaml.ScalarNode {
		r.Arn = n.Value
		return
	}
	if n.Kind != yaml.MappingNode {
		d.errorf(n, path, "must be a role ARN or a mapping such as {statements: [{actions: [s3:GetObject], resources: [arn:aws:s3:::bucket/*]}]}; got %s", describe(n))
		return
	}
	type plain TaskRole // without decodeNode, so decoding does not recurse
	d.decodeStruct(n, reflectValue((*plain)(r)), path)
}

func (r *TaskRole) validate(v *Errors, path string) {
	if r.Arn != "" {
		validateRoleARN(v, path, r.Arn)
		if len(r.Statements) > 0 || r.AllowWildcardResources {
			v.add(path, "give a role ARN or statements, not both")
		}
		return
	}
	if len(r.Statements) == 0 {
		v.add(field(path, "statements"), "is required: list what the role may do, e.g. [{actions: [s3:GetObject], resources: [arn:aws:s3:::bucket/key]}]")
	}
	for i, s := range r.Statements {
		p := index(field(path, "statements"), i)
		if len(s.Actions) == 0 {
			v.add(field(p, "actions"), "is required: IAM actions such as s3:GetObject")
		}
		if len(s.Resources) == 0 {
			v.add(field(p, "resources"), "is required: the ARNs the actions apply to")
		}
		for j, a := range s.Actions {
			if s.Allows() && strings.ContainsAny(a, "*?") {
				v.add(index(field(p, "actions"), j), "%q is a wildcard; list the actions the code calls, e.g. s3:GetObject", a)
			}
		}
		for j, res := range s.Resources {
			rp := index(field(p, "resources"), j)
			switch {
			case res != "*" && !strings.HasPrefix(res, "arn:"):
				v.add(rp, "%q is not an ARN such as arn:aws:s3:::bucket/key", res)
			case s.Allows() && strings.ContainsAny(res, "*?") && !r.AllowWildcardResources:
				v.add(rp, "%q is a wildcard; name the resource exactly, or set `allowWildcardResources: true` on taskRole if the code needs it", res)
			}
		}
	}
}
