package testenv

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"html"
	"net/url"
	"regexp"
	"slices"
	"strings"
)

// moto's change sets list only the resources whose text in the template
// changed. AWS also lists, as Modify, every resource that refers to a
// parameter whose value changes: an ECS service whose ForceNewDeployment
// nonce is a parameter, for one. recordParameterChanges notes those
// resources when a change set is created, and listParameterChanges adds
// them to DescribeChangeSet's answer, as AWS would. (moto executes such a
// change set correctly; only its description lacks them.) Templates sent
// by TemplateURL are not read: no test rolls a template that large.

// resourceChange is one resource a change set modifies.
type resourceChange struct{ id, typ string }

func (p *Proxy) recordParameterChanges(c *call) {
	form := c.form
	if form.Get("ChangeSetType") != "UPDATE" || form.Get("TemplateBody") == "" {
		return
	}
	var tpl struct {
		Parameters map[string]struct{ Default any }
		Resources  map[string]struct {
			Type       string
			Properties any
		}
	}
	if json.Unmarshal([]byte(form.Get("TemplateBody")), &tpl) != nil {
		return
	}
	current, err := p.stackParameters(c, form.Get("StackName"))
	if err != nil {
		return
	}
	var changed []string
	for name, prm := range tpl.Parameters {
		value, given := givenParameter(form, name)
		if !given && prm.Default != nil {
			value, given = fmt.Sprint(prm.Default), true
		}
		if given && value != current[name] {
			changed = append(changed, name)
		}
	}
	var mods []resourceChange
	for id, r := range tpl.Resources {
		if slices.ContainsFunc(changed, func(name string) bool { return refersTo(r.Properties, name) }) {
			mods = append(mods, resourceChange{id, r.Type})
		}
	}
	slices.SortFunc(mods, func(a, b resourceChange) int { return strings.Compare(a.id, b.id) })
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.paramChanges == nil {
		p.paramChanges = map[string][]resourceChange{}
	}
	p.paramChanges[form.Get("StackName")+"/"+form.Get("ChangeSetName")] = mods
}

// givenParameter is the value a change set gives a parameter; one with
// UsePreviousValue counts as not given a new one.
func givenParameter(form url.Values, name string) (string, bool) {
	for i := 1; form.Has(fmt.Sprintf("Parameters.member.%d.ParameterKey", i)); i++ {
		if form.Get(fmt.Sprintf("Parameters.member.%d.ParameterKey", i)) != name {
			continue
		}
		v := fmt.Sprintf("Parameters.member.%d.ParameterValue", i)
		return form.Get(v), form.Has(v)
	}
	return "", false
}

// refersTo reports whether a resource's properties Ref the parameter or
// name it in an Fn::Sub.
func refersTo(v any, name string) bool {
	switch v := v.(type) {
	case map[string]any:
		if len(v) == 1 && v["Ref"] == name {
			return true
		}
		if s, ok := v["Fn::Sub"].(string); ok && strings.Contains(s, "${"+name+"}") {
			return true
		}
		for _, e := range v {
			if refersTo(e, name) {
				return true
			}
		}
	case []any:
		return slices.ContainsFunc(v, func(e any) bool { return refersTo(e, name) })
	}
	return false
}

func (p *Proxy) stackParameters(c *call, stack string) (map[string]string, error) {
	var d struct {
		Params []struct {
			Key   string `xml:"ParameterKey"`
			Value string `xml:"ParameterValue"`
		} `xml:"DescribeStacksResult>Stacks>member>Parameters>member"`
	}
	body, err := p.motoQuery(c, url.Values{"Action": {"DescribeStacks"}, "StackName": {stack}})
	if err != nil {
		return nil, err
	}
	if err := xml.Unmarshal(listParametersAsCommaText(body), &d); err != nil {
		return nil, err
	}
	out := map[string]string{}
	for _, prm := range d.Params {
		out[prm.Key] = prm.Value
	}
	return out, nil
}

var listedResource = regexp.MustCompile(`<LogicalResourceId>([^<]*)</LogicalResourceId>`)

func (p *Proxy) listParameterChanges(form url.Values, body []byte) []byte {
	p.mu.Lock()
	mods := p.paramChanges[form.Get("StackName")+"/"+form.Get("ChangeSetName")]
	p.mu.Unlock()
	listed := map[string]bool{}
	for _, m := range listedResource.FindAllSubmatch(body, -1) {
		listed[html.UnescapeString(string(m[1]))] = true
	}
	var add strings.Builder
	for _, m := range mods {
		if !listed[m.id] {
			fmt.Fprintf(&add, "<member><Type>Resource</Type><ResourceChange><Action>Modify</Action><LogicalResourceId>%s</LogicalResourceId>"+
				"<ResourceType>%s</ResourceType><Replacement>False</Replacement></ResourceChange></member>", html.EscapeString(m.id), html.EscapeString(m.typ))
		}
	}
	if add.Len() == 0 {
		return body
	}
	s := string(body)
	switch {
	case strings.Contains(s, "</Changes>"):
		s = strings.Replace(s, "</Changes>", add.String()+"</Changes>", 1)
	case strings.Contains(s, "<Changes/>"):
		s = strings.Replace(s, "<Changes/>", "<Changes>"+add.String()+"</Changes>", 1)
	default:
		s = strings.Replace(s, "</DescribeChangeSetResult>", "<Changes>"+add.String()+"</Changes></DescribeChangeSetResult>", 1)
	}
	return []byte(s)
}
