package model

import (
	"fmt"
	"strings"
)

// OutputPart is one piece of an output's value: literal text, or a
// reference to something the app declares.
type OutputPart struct {
	Text string
	Ref  *Reference
}

// Reference names an attribute of something the app declares, written
// ${section.name.attribute} in an output, for example
// ${listeners.web.endpoint.hostname}.
type Reference struct {
	Section   string // listeners, services, tasks, clusters, vpcs
	Name      string
	Attribute string // endpoint.hostname, endpoint.port, name
}

func (r Reference) String() string {
	return "${" + r.Section + "." + r.Name + "." + r.Attribute + "}"
}

// referenceAttributes lists, per section, the attributes an output can
// reference and what each means.
var referenceAttributes = map[string]map[string]string{
	"listeners": {
		"endpoint.hostname": "the load balancer's DNS name",
		"endpoint.port":     "the listener's port",
	},
	"services": {
		"name": "the ECS service's name",
	},
	"tasks": {
		"taskDefinitionArn": "the task definition's ARN",
	},
	"clusters": {
		"name": "the ECS cluster's name",
	},
	"vpcs": {
		"id": "the VPC's ID",
	},
}

// outputNamePattern is CloudFormation's rule for output names, up to 255
// characters. (A bounded repetition such as {1,255} would compile to a program of
// hundreds of kilobytes at start-up; the length is checked separately.)
var outputNamePattern = lazyRegexp(`^[A-Za-z0-9]+$`)

// ParseOutput splits an output value into text and references. It checks
// only the syntax; Validate checks that references resolve.
func ParseOutput(value string) ([]OutputPart, error) {
	var parts []OutputPart
	for value != "" {
		start := strings.Index(value, "${")
		if start < 0 {
			parts = append(parts, OutputPart{Text: value})
			break
		}
		if start > 0 {
			parts = append(parts, OutputPart{Text: value[:start]})
		}
		end := strings.IndexByte(value[start:], '}')
		if end < 0 {
			return nil, fmt.Errorf("%q has ${ without a closing }", value)
		}
		expr := value[start+2 : start+end]
		section, rest, _ := strings.Cut(expr, ".")
		name, attr, _ := strings.Cut(rest, ".")
		if section == "" || name == "" || attr == "" {
			return nil, fmt.Errorf("${%s} is not a reference: write ${section.name.attribute}, e.g. ${listeners.web.endpoint.hostname}", expr)
		}
		parts = append(parts, OutputPart{Ref: &Reference{section, name, attr}})
		value = value[start+end+1:]
	}
	return parts, nil
}

func validateOutput(v *Errors, path, name, value string, app *App) {
	switch {
	case len(name) > 255:
		v.add(path, "output name is too long: %d characters, at most 255", len(name))
	case !outputNamePattern().MatchString(name):
		v.add(path, "%q is not a valid output name: CloudFormation allows only letters and digits", name)
	}
	if value == "" {
		v.add(path, "is empty: give a value such as ${listeners.web.endpoint.hostname}")
		return
	}
	parts, err := ParseOutput(value)
	if err != nil {
		v.add(path, "%v", err)
		return
	}
	for _, p := range parts {
		if p.Ref != nil {
			validateReference(v, path, *p.Ref, app)
		}
	}
}

func validateReference(v *Errors, path string, r Reference, app *App) {
	attrs, ok := referenceAttributes[r.Section]
	if !ok {
		v.add(path, "%s: unknown section %q; references start with %s", r, r.Section, strings.Join(sortedKeys(referenceAttributes), ", "))
		return
	}
	var exists bool
	var declared string
	switch r.Section {
	case "listeners":
		exists, declared = app.Listeners[r.Name] != nil, known(app.Listeners)
	case "services":
		exists, declared = app.Services[r.Name] != nil, known(app.Services)
	case "tasks":
		exists, declared = app.Tasks[r.Name] != nil, known(app.Tasks)
	case "clusters":
		exists, declared = app.Clusters[r.Name] != nil, known(app.Clusters)
	case "vpcs":
		exists, declared = app.Vpcs[r.Name] != nil, known(app.Vpcs)
	}
	if !exists {
		v.add(path, "%s: no %s named %q%s", r, strings.TrimSuffix(r.Section, "s"), r.Name, declared)
	}
	if _, ok := attrs[r.Attribute]; !ok {
		v.add(path, "%s: %s have no attribute %q; use one of: %s", r, r.Section, r.Attribute, strings.Join(sortedKeys(attrs), ", "))
	}
}
