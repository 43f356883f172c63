// Package cfn renders an expanded application as one CloudFormation
// template: it names every resource with a stable logical ID, declares the
// parameters deploy fills in and the outputs users read back, and writes
// deterministic JSON or YAML within CloudFormation's limits.
//
// Every resource is a typed goformation struct. Where CloudFormation has a
// property that goformation's schema predates, a small typed overlay
// extends the type rather than falling back to untyped maps: it embeds the
// goformation struct, adds the typed field and marshals both, as
// rollableService does for ECS services' ForceNewDeployment (roll.go).
package cfn
