package cfn

import (
	"regexp"
	"strings"

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
	Sid       string     `json:"Sid,omitempty"`
	Effect    string     `json:"Effect"`
	Principal *Principal `json:"Principal,omitempty"`
	Action    []string   `json:"Action"`
	Resource  []string   `json:"Resource,omitempty"`
	Condition *Condition `json:"Condition,omitempty"`
}

// Condition limits when a statement applies.
type Condition struct {
	ArnEquals    map[string]string `json:"ArnEquals,omitempty"`
	ArnLike      map[string]string `json:"ArnLike,omitempty"`
	StringEquals map[string]string `json:"StringEquals,omitempty"`
	Bool         map[string]string `json:"Bool,omitempty"`
}

// Principal is who a statement applies to: AWS services, or AWS accounts
// (a list of ARNs, an intrinsic that gives one, or "*" for anyone).
type Principal struct {
	AWS     any      `json:"AWS,omitempty"`
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
	if len(r.Statements) > 0 {
		doc := PolicyDocument{Version: policyVersion}
		for _, s := range r.Statements {
			st := Statement{Effect: "Allow", Action: s.Actions}
			if s.Deny {
				st.Effect = "Deny"
			}
			if s.InCluster != nil {
				st.Condition = &Condition{ArnEquals: map[string]string{"ecs:cluster": clusterARN(s.InCluster)}}
			}
			for _, res := range s.Resources {
				st.Resource = append(st.Resource, resourceARN(res))
			}
			doc.Statement = append(doc.Statement, st)
		}
		role.Policies = []iam.Role_Policy{{PolicyName: "access", PolicyDocument: doc}}
	}
	t.addResource(roleID(r), owner, role)
}

// managedPolicyARN is the ARN of an AWS managed policy in whatever
// partition the stack is deployed to (aws, aws-cn, aws-us-gov).
func managedPolicyARN(name string) string {
	return cloudformation.Sub("arn:${AWS::Partition}:iam::aws:policy/" + name)
}

// resourceARN is the ARN a policy names for a resource: as given when it
// is an ARN, else built in the stack's partition, region and account.
func resourceARN(r expand.Resource) string {
	switch {
	case r.ARN != "":
		return r.ARN
	case r.TaskDefinition != nil:
		// The Ref is the ARN with its revision: exactly this definition.
		return cloudformation.Ref(taskDefinitionID(r.TaskDefinition))
	case r.Role != nil:
		return cloudformation.GetAtt(roleID(r.Role), "Arn")
	case r.StateMachine != nil:
		return cloudformation.Ref(stateMachineID(r.StateMachine))
	case r.LogGroup != nil:
		return cloudformation.GetAtt(logGroupID(r.LogGroup), "Arn")
	case r.SSMParameter != "":
		if strings.HasPrefix(r.SSMParameter, "arn:") {
			return r.SSMParameter
		}
		return cloudformation.Sub("arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/" +
			subLiteral(strings.TrimPrefix(r.SSMParameter, "/")))
	case r.Secret != "":
		// Secrets Manager appends six random characters to a secret's
		// ARN; ?????? matches exactly those and no longer name.
		if strings.HasPrefix(r.Secret, "arn:") {
			if hasSecretSuffix(r.Secret) {
				return r.Secret
			}
			return r.Secret + "-??????"
		}
		return cloudformation.Sub("arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:" +
			subLiteral(r.Secret) + "-??????")
	}
	return r.KMSKey
}

// secretSuffix is the hyphen and six random characters Secrets Manager
// ends every secret's ARN with.
var secretSuffix = regexp.MustCompile(`-[A-Za-z0-9]{6}$`)

// hasSecretSuffix reports whether a secret's ARN is complete rather than
// partial (ending at the name). Secrets Manager itself cannot tell a name
// that ends in a hyphen and six characters from a complete ARN, and warns
// against such names; ecsgen reads them as it does.
func hasSecretSuffix(secretARN string) bool {
	return secretSuffix.MatchString(secretARN)
}
