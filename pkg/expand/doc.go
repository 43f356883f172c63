// Package expand turns a validated model.App into the complete set of
// things the application needs: every default applied and every implied
// resource (the default cluster and VPC, security groups and their rules,
// target groups, roles, log groups) made explicit.
//
// Its output says what to build, not how CloudFormation spells it; package
// cfn renders it. Keeping the two apart means the defaults can be read and
// tested in one place, and the template encoding in another.
package expand
