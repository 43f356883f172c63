package testenv

import (
	"encoding/json"
	"fmt"
	"html"
	"io"
	"maps"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// fixMoto repairs the answers of moto 5.2.1 that differ from AWS in ways
// the Go SDK or ecsgen would trip over (see
// /work/shared/reference/test-peers.md and deploy-facts.md). Each fix is
// what AWS itself would have answered.
func (p *Proxy) fixMoto(c *call, status int, body []byte) []byte {
	if status != http.StatusOK {
		return body
	}
	switch c.op {
	case "RunTask", "DescribeTasks", "StopTask":
		return containerSizesAsStrings(body)
	case "CreateChangeSet":
		p.recordSSMParameters(c.form)
		p.recordParameterChanges(c)
	case "DescribeChangeSet":
		return p.listParameterChanges(c.form, body)
	case "DescribeStacks":
		return p.ssmParametersAsGiven(c.form.Get("StackName"), listParametersAsCommaText(body))
	case "ExecuteChangeSet":
		p.computeOutputs(c)
	}
	return body
}

// containerSizesAsStrings: moto sends a task's containers' cpu and memory as
// JSON numbers where the ECS API (and so the Go SDK) has strings.
func containerSizesAsStrings(body []byte) []byte {
	var doc map[string]any
	if json.Unmarshal(body, &doc) != nil {
		return body
	}
	fix := func(task any) {
		t, _ := task.(map[string]any)
		cs, _ := t["containers"].([]any)
		for _, c := range cs {
			m, _ := c.(map[string]any)
			for _, k := range []string{"cpu", "memory", "memoryReservation"} {
				if n, ok := m[k].(float64); ok {
					m[k] = strconv.FormatFloat(n, 'f', -1, 64)
				}
			}
		}
	}
	if ts, ok := doc["tasks"].([]any); ok {
		for _, t := range ts {
			fix(t)
		}
	}
	if t, ok := doc["task"]; ok {
		fix(t)
	}
	out, err := json.Marshal(doc)
	if err != nil {
		return body
	}
	return out
}

var pyList = regexp.MustCompile(`<ParameterValue>(\[[^<]*\])</ParameterValue>`)

// listParametersAsCommaText: moto renders a List<...> parameter's value as
// a Python list, "['subnet-a', 'subnet-b']"; AWS gives "subnet-a,subnet-b".
func listParametersAsCommaText(body []byte) []byte {
	return pyList.ReplaceAllFunc(body, func(m []byte) []byte {
		v := html.UnescapeString(string(pyList.FindSubmatch(m)[1]))
		v = strings.Trim(v, "[]")
		var items []string
		for _, it := range strings.Split(v, ",") {
			if it = strings.Trim(strings.TrimSpace(it), `'"`); it != "" {
				items = append(items, it)
			}
		}
		return []byte("<ParameterValue>" + html.EscapeString(strings.Join(items, ",")) + "</ParameterValue>")
	})
}

// computeOutputs: moto never computes a stack's Outputs when it executes a
// change set (they stay empty after a create, stale after an update), but
// UpdateStack does. An UpdateStack with the same template and the same
// parameter values changes no resource and leaves the template byte-for-byte
// the same, so a later diff still reports no changes.
func (p *Proxy) computeOutputs(c *call) {
	stack := c.form.Get("StackName")
	if stack == "" {
		return
	}
	params, err := p.stackParameters(c, stack)
	if err != nil {
		return
	}
	form := url.Values{"Action": {"UpdateStack"}, "StackName": {stack}, "UsePreviousTemplate": {"true"}}
	for i, key := range slices.Sorted(maps.Keys(params)) {
		n := strconv.Itoa(i + 1)
		form.Set("Parameters.member."+n+".ParameterKey", key)
		form.Set("Parameters.member."+n+".ParameterValue", params[key])
	}
	_, _ = p.motoQuery(c, form)
}

// motoQuery sends a CloudFormation query call straight to moto, signed as
// the call being fixed so that moto picks the same region.
func (p *Proxy) motoQuery(c *call, form url.Values) ([]byte, error) {
	form.Set("Version", "2010-05-15")
	req, err := http.NewRequest(http.MethodPost, p.moto.String(), strings.NewReader(form.Encode()))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Authorization", c.header.Get("Authorization"))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}

var ssmType = "AWS::SSM::Parameter::Value<"

// recordSSMParameters notes, per stack, the value given (or defaulted) for
// each SSM-typed parameter of a change set's template: moto shows the value
// it resolved from SSM where AWS shows the given one (and the resolved one
// apart, as ResolvedValue).
func (p *Proxy) recordSSMParameters(form url.Values) {
	var tpl struct {
		Parameters map[string]struct {
			Type    string
			Default any
		}
	}
	if json.Unmarshal([]byte(form.Get("TemplateBody")), &tpl) != nil {
		return
	}
	given := map[string]string{}
	for i := 1; form.Has(fmt.Sprintf("Parameters.member.%d.ParameterKey", i)); i++ {
		given[form.Get(fmt.Sprintf("Parameters.member.%d.ParameterKey", i))] = form.Get(fmt.Sprintf("Parameters.member.%d.ParameterValue", i))
	}
	ssm := map[string]string{}
	for name, prm := range tpl.Parameters {
		if !strings.HasPrefix(prm.Type, ssmType) {
			continue
		}
		if v, ok := given[name]; ok {
			ssm[name] = v
		} else if prm.Default != nil {
			ssm[name] = fmt.Sprint(prm.Default)
		}
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.ssm == nil {
		p.ssm = map[string]map[string]string{}
	}
	p.ssm[form.Get("StackName")] = ssm
}

var stackParameter = regexp.MustCompile(`<ParameterKey>([^<]*)</ParameterKey><ParameterValue>([^<]*)</ParameterValue>`)

func (p *Proxy) ssmParametersAsGiven(stack string, body []byte) []byte {
	p.mu.Lock()
	ssm := p.ssm[stack]
	p.mu.Unlock()
	if len(ssm) == 0 {
		return body
	}
	return stackParameter.ReplaceAllFunc(body, func(m []byte) []byte {
		sub := stackParameter.FindSubmatch(m)
		v, ok := ssm[string(sub[1])]
		if !ok {
			return m
		}
		return []byte("<ParameterKey>" + string(sub[1]) + "</ParameterKey><ParameterValue>" + html.EscapeString(v) +
			"</ParameterValue><ResolvedValue>" + string(sub[2]) + "</ResolvedValue>")
	})
}
