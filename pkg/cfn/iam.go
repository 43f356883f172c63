package cfn

import (
	"github.com/awslabs/goformation/v7/cloudformation"
	"github.com/awslabs/goformation/v7/cloudformation/iam"
	"github.com/ecsgen/ecsgen/pkg/expand"
)

// PolicyDocument is an IAM policy. goformation types policy documents as
// interface{}; these structs keep them typed.
type PolicyDocument struct {
	Version   string      `json:"Version"`
	Statement []Statement `json:"Statement"`
}

// Statement is one statement of a PolicyDocument.
type Statement struct {
	Effect    string     `json:"Effect"`
	Principal *Principal `json:"Principal,omitempty"`
	Action    []string   `json:"Action"`
	Resource  []string   `json:"Resource,omitempty"`
}

// Principal is who a trust policy lets assume a role.
type Principal struct {
	Service []string `json:"Service,omitempty"`
}

const policyVersion = "2012-10-17"

func roleID(r *expand.Role) string { return LogicalID(r.Name, "Role") }

func addRole(t *Template, r *expand.Role, owner string) {
	role := &iam.Role{
		AssumeRolePolicyDocument: PolicyDocument{
			Version: policyVersion,
			Statement: []Statement{{
				Effect:    "Allow",
				Principal: &Principal{Service: []string{r.Principal}},
				Action:    []string{"sts:AssumeRole"},
			}},
		},
	}
	for _, p := range r.ManagedPolicies {
		role.ManagedPolicyArns = append(role.ManagedPolicyArns, managedPolicyARN(p))
	}
	t.addResource(roleID(r), owner, role)
}

// managedPolicyARN is the ARN of an AWS managed policy in whatever
// partition the stack is deployed to (aws, aws-cn, aws-us-gov).
func managedPolicyARN(name string) string {
	return cloudformation.Sub("arn:${AWS::Partition}:iam::aws:policy/" + name)
}
