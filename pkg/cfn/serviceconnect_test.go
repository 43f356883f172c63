package cfn

import (
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestServiceConnect: services in the namespace call a server at
// http://<discoveryName>:<port>, and its security group admits exactly
// them on that port. moto cannot create Cloud Map namespaces through
// CloudFormation, so this checks the template.
func TestServiceConnect(t *testing.T) {
	res := synthResources(t, `
name: shop
services:
  web:
    serviceConnect: {}
    taskDefinition:
      container: {image: nginx, memory: 512}
  api:
    serviceConnect: {port: http, discoveryName: backend}
    taskDefinition:
      container:
        image: nginx
        memory: 512
        portMappings: [{name: http, containerPort: 8080}]
  other:
    taskDefinition:
      container: {image: nginx, memory: 512}
`)
	arn := map[string]any{"Fn::GetAtt": []any{"ServiceConnectNamespace", "Arn"}}
	want := map[string]any{
		"WebService": map[string]any{"Enabled": true, "Namespace": arn},
		"ApiService": map[string]any{"Enabled": true, "Namespace": arn, "Services": []any{map[string]any{
			"PortName": "http", "DiscoveryName": "backend",
			"ClientAliases": []any{map[string]any{"DnsName": "backend", "Port": 8080.0}},
		}}},
		"OtherService": nil,
	}
	for id, w := range want {
		if diff := cmp.Diff(w, res[id]["Properties"].(map[string]any)["ServiceConnectConfiguration"]); diff != "" {
			t.Errorf("%s (-want +got):\n%s", id, diff)
		}
	}
	mapping := res["ApiTaskDefinition"]["Properties"].(map[string]any)["ContainerDefinitions"].([]any)[0].(map[string]any)["PortMappings"].([]any)[0]
	if name := mapping.(map[string]any)["Name"]; name != "http" {
		t.Errorf("port mapping name = %v, want http", name)
	}
	var ingress []string
	for _, id := range slices.Sorted(maps.Keys(res)) {
		if strings.HasPrefix(id, "ApiServiceIngress") {
			ingress = append(ingress, id)
		}
	}
	if diff := cmp.Diff([]string{"ApiServiceIngressFromWebService8080"}, ingress); diff != "" {
		t.Errorf("ingress to api (-want +got):\n%s", diff)
	}
}
