// Package model is ecsgen's user-facing description of an ECS application:
// clusters, services, tasks, listeners and the outputs a user wants back.
//
// There is one model and two front ends. A YAML manifest decodes into
// exactly these types (ParseManifest), and a Go program builds the same
// values directly; both then call Validate, which reports every problem
// with the path of the field it concerns. Field names follow the Pulumi
// Crosswalk (awsx) names in camelCase, so that awsx users feel at home.
//
// The model holds what the user wrote and nothing more: defaults are
// applied later, by package expand, so that a manifest and the template it
// produces can be read side by side.
package model
