package cfn

import (
	"encoding/json"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/ecsgen/ecsgen/pkg/model"
)

// subManifest puts ${Injected} wherever the manifest takes free text that
// ecsgen may splice into an Fn::Sub: names of parameters and secrets, a
// secret's JSON key, the text of an output. (Names of existing clusters
// and log groups cannot hold ${: synth rejects them as invalid names.) No template defines Injected, so a ${ that reached a Sub
// unescaped shows as an undefined variable.
const subManifest = `
name: shop
clusters:
  ext: {existing: ext}
listeners:
  web: {port: 80}
services:
  web:
    taskDefinition:
      logGroup: /ecs/shop
      containers:
        web:
          image: nginx
          portMappings: [{listener: web}]
          environment: {GREETING: 'hello ${Injected}'}
          command: [sh, -c, 'echo ${Injected}']
          secrets:
            API: {ssm: '/shop/${Injected}/token'}
            DB: {secretsManager: 'prod/${Injected}', key: 'pass${Injected}'}
            RAW: {ssm: '/x${AWS::AccountId}'}
tasks:
  job:
    cluster: ext
    containers:
      job:
        image: nginx
        secrets:
          S: {secretsManager: '${Injected}'}
outputs:
  Url: 'http://${listeners.web.endpoint.hostname}/$'
  Cluster: 'cluster ${clusters.ext.name} in $ {braces}'
`

// subVariable is a ${...} that Fn::Sub substitutes; ${!...} is its
// escape for a literal ${.
var subVariable = regexp.MustCompile(`\$\{([^!}][^}]*)\}`)

// TestSubStringsReferOnlyToTheTemplate: every variable of every Fn::Sub
// ecsgen writes names a parameter, a resource (or its attribute) or an
// AWS:: pseudo parameter. A ${ from the user's text that reached a Sub
// unescaped would be substituted, or fail the stack, at deploy time.
func TestSubStringsReferOnlyToTheTemplate(t *testing.T) {
	apps := map[string]*model.App{}
	app, err := model.ParseManifest("sub.yaml", []byte(subManifest))
	if err != nil {
		t.Fatal(err)
	}
	apps["hostile"] = app
	manifests, err := filepath.Glob("../../testdata/golden/*/ecsgen.yaml")
	if err != nil || len(manifests) == 0 {
		t.Fatalf("no golden manifests: %v", err)
	}
	for _, m := range manifests {
		if apps[filepath.Base(filepath.Dir(m))], err = model.LoadManifest(m); err != nil {
			t.Fatal(err)
		}
	}
	for name, app := range apps {
		t.Run(name, func(t *testing.T) {
			tmpl, err := Synth(app)
			if err != nil {
				t.Fatal(err)
			}
			out, err := tmpl.JSON()
			if err != nil {
				t.Fatal(err)
			}
			var doc struct {
				Parameters map[string]any
				Resources  map[string]any
			}
			var all any
			if err := json.Unmarshal(out, &doc); err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(out, &all); err != nil {
				t.Fatal(err)
			}
			for _, s := range subStrings(all) {
				for _, m := range subVariable.FindAllStringSubmatch(s.text, -1) {
					v := m[1]
					id, _, _ := strings.Cut(v, ".")
					_, param := doc.Parameters[v]
					_, resource := doc.Resources[id]
					_, own := s.vars[v]
					if !param && !resource && !own && !strings.HasPrefix(v, "AWS::") || strings.HasPrefix(v, "AWS::") && !pseudoParameters[v] {
						t.Errorf("Fn::Sub %q substitutes ${%s}, which the template does not define", s.text, v)
					}
				}
			}
		})
	}
}

var pseudoParameters = map[string]bool{
	"AWS::AccountId": true, "AWS::NotificationARNs": true, "AWS::NoValue": true, "AWS::Partition": true,
	"AWS::Region": true, "AWS::StackId": true, "AWS::StackName": true, "AWS::URLSuffix": true,
}

// subString is the template string of an Fn::Sub and the variables it
// defines itself.
type subString struct {
	text string
	vars map[string]any
}

// subStrings collects every Fn::Sub in v.
func subStrings(v any) []subString {
	var out []subString
	switch v := v.(type) {
	case map[string]any:
		for k, e := range v {
			if k == "Fn::Sub" {
				switch s := e.(type) {
				case string:
					out = append(out, subString{text: s})
				case []any:
					vars, _ := s[1].(map[string]any)
					out = append(out, subString{s[0].(string), vars})
				}
			}
			out = append(out, subStrings(e)...)
		}
	case []any:
		for _, e := range v {
			out = append(out, subStrings(e)...)
		}
	}
	return out
}
