package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// resource is a rendered resource as these checks read it.
type resource struct {
	Type                string
	Properties          map[string]any
	DependsOn           []string
	DeletionPolicy      string
	UpdateReplacePolicy string
	UpdatePolicy        map[string]any
}

// secureDefault is one property every template ecsgen writes must have.
// check returns problems with one resource, or nil if the check does not
// apply to its type; an applicable resource that passes returns an empty,
// non-nil slice so the test can tell that the check ran.
type secureDefault struct {
	name  string
	check func(id string, r resource) []string
}

var secureDefaults = []secureDefault{
	{"IMDSv2 required on instances", func(id string, r resource) []string {
		if r.Type != "AWS::EC2::LaunchTemplate" {
			return nil
		}
		if get(r.Properties, "LaunchTemplateData", "MetadataOptions", "HttpTokens") != "required" {
			return []string{"MetadataOptions.HttpTokens is not required"}
		}
		return []string{}
	}},
	{"encrypted instance volumes", func(id string, r resource) []string {
		if r.Type != "AWS::EC2::LaunchTemplate" {
			return nil
		}
		out := []string{}
		for _, bd := range list(get(r.Properties, "LaunchTemplateData", "BlockDeviceMappings")) {
			if get(bd, "Ebs", "Encrypted") != true {
				out = append(out, "a block device is not encrypted")
			}
		}
		return out
	}},
	{"container insights on clusters", func(id string, r resource) []string {
		if r.Type != "AWS::ECS::Cluster" {
			return nil
		}
		for _, s := range list(r.Properties["ClusterSettings"]) {
			if get(s, "Name") == "containerInsights" && (get(s, "Value") == "enabled" || get(s, "Value") == "enhanced") {
				return []string{}
			}
		}
		return []string{"containerInsights is off"}
	}},
	{"ALBs drop invalid header fields", func(id string, r resource) []string {
		if r.Type != "AWS::ElasticLoadBalancingV2::LoadBalancer" || r.Properties["Type"] != "application" {
			return nil
		}
		for _, a := range list(r.Properties["LoadBalancerAttributes"]) {
			if get(a, "Key") == "routing.http.drop_invalid_header_fields.enabled" && get(a, "Value") == "true" {
				return []string{}
			}
		}
		return []string{"routing.http.drop_invalid_header_fields.enabled is not true"}
	}},
	{"every security group rule has a description", func(id string, r resource) []string {
		var rules []any
		switch r.Type {
		case "AWS::EC2::SecurityGroup":
			rules = append(list(r.Properties["SecurityGroupIngress"]), list(r.Properties["SecurityGroupEgress"])...)
		case "AWS::EC2::SecurityGroupIngress", "AWS::EC2::SecurityGroupEgress":
			rules = []any{r.Properties}
		default:
			return nil
		}
		out := []string{}
		for _, rule := range rules {
			if d, _ := get(rule, "Description").(string); d == "" {
				out = append(out, fmt.Sprintf("rule %v has no description", rule))
			}
		}
		return out
	}},
	{"no SSH or RDP from the internet", func(id string, r resource) []string {
		var rules []any
		switch r.Type {
		case "AWS::EC2::SecurityGroup":
			rules = list(r.Properties["SecurityGroupIngress"])
		case "AWS::EC2::SecurityGroupIngress":
			rules = []any{r.Properties}
		default:
			return nil
		}
		out := []string{}
		for _, rule := range rules {
			if cidr := get(rule, "CidrIp"); cidr != "0.0.0.0/0" && get(rule, "CidrIpv6") != "::/0" {
				continue
			}
			from, to := num(get(rule, "FromPort")), num(get(rule, "ToPort"))
			if get(rule, "IpProtocol") == "-1" || from <= 22 && 22 <= to || from <= 3389 && 3389 <= to {
				out = append(out, fmt.Sprintf("ingress %v-%v is open to the internet", from, to))
			}
		}
		return out
	}},
	{"IAM grants no wildcards", func(id string, r resource) []string {
		if r.Type != "AWS::IAM::Role" {
			return nil
		}
		out := []string{}
		for _, p := range list(r.Properties["Policies"]) {
			for _, s := range list(get(p, "PolicyDocument", "Statement")) {
				for _, a := range list(get(s, "Action")) {
					if a == "*" || strings.HasSuffix(fmt.Sprint(a), ":*") {
						out = append(out, fmt.Sprintf("action %v", a))
					}
				}
				for _, res := range list(get(s, "Resource")) {
					if res == "*" && !onlyUnscopable(s) {
						out = append(out, "resource *")
					}
				}
			}
		}
		return out
	}},
	{"log groups have retention", func(id string, r resource) []string {
		if r.Type != "AWS::Logs::LogGroup" {
			return nil
		}
		if r.Properties["RetentionInDays"] == nil {
			return []string{"no RetentionInDays"}
		}
		return []string{}
	}},
	{"log groups survive stack deletion and replacement", func(id string, r resource) []string {
		if r.Type != "AWS::Logs::LogGroup" {
			return nil
		}
		out := []string{}
		if r.DeletionPolicy != "Retain" {
			out = append(out, "DeletionPolicy is not Retain")
		}
		if r.UpdateReplacePolicy != "Retain" {
			out = append(out, "UpdateReplacePolicy is not Retain")
		}
		return out
	}},
	{"S3 buckets block public access, encrypt and are retained", func(id string, r resource) []string {
		if r.Type != "AWS::S3::Bucket" {
			return nil
		}
		out := []string{}
		for _, k := range []string{"BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets"} {
			if get(r.Properties, "PublicAccessBlockConfiguration", k) != true {
				out = append(out, k+" is not true")
			}
		}
		if get(r.Properties, "BucketEncryption", "ServerSideEncryptionConfiguration") == nil {
			out = append(out, "no BucketEncryption")
		}
		if get(r.Properties, "OwnershipControls", "Rules") == nil {
			out = append(out, "no OwnershipControls: ACLs may grant access")
		}
		if r.DeletionPolicy != "Retain" {
			out = append(out, "DeletionPolicy is not Retain")
		}
		return out
	}},
	{"subnets do not map public IPs on launch", func(id string, r resource) []string {
		if r.Type != "AWS::EC2::Subnet" {
			return nil
		}
		if r.Properties["MapPublicIpOnLaunch"] == true {
			return []string{"MapPublicIpOnLaunch is true"}
		}
		return []string{}
	}},
	{"TLS listeners use TLS 1.2 or later", func(id string, r resource) []string {
		if r.Type != "AWS::ElasticLoadBalancingV2::Listener" || (r.Properties["Protocol"] != "HTTPS" && r.Properties["Protocol"] != "TLS") {
			return nil
		}
		policy, _ := r.Properties["SslPolicy"].(string)
		if !strings.HasPrefix(policy, "ELBSecurityPolicy-TLS13-") && !strings.HasPrefix(policy, "ELBSecurityPolicy-TLS-1-2") {
			return []string{fmt.Sprintf("SslPolicy %q allows TLS before 1.2", policy)}
		}
		return []string{}
	}},
	{"EFS volumes encrypt in transit", func(id string, r resource) []string {
		if r.Type != "AWS::ECS::TaskDefinition" {
			return nil
		}
		var out []string
		for _, v := range list(r.Properties["Volumes"]) {
			if efs := get(v, "EFSVolumeConfiguration"); efs != nil {
				if out == nil {
					out = []string{}
				}
				if get(efs, "TransitEncryption") != "ENABLED" {
					out = append(out, "an EFS volume without TransitEncryption ENABLED")
				}
			}
		}
		return out
	}},
	{"ECR repositories scan on push and have immutable tags", func(id string, r resource) []string {
		if r.Type != "AWS::ECR::Repository" {
			return nil
		}
		out := []string{}
		if get(r.Properties, "ImageScanningConfiguration", "ScanOnPush") != true {
			out = append(out, "images are not scanned on push")
		}
		if r.Properties["ImageTagMutability"] != "IMMUTABLE" {
			out = append(out, "tags are mutable")
		}
		return out
	}},
	{"no credentials in plain environment variables", func(id string, r resource) []string {
		if r.Type != "AWS::ECS::TaskDefinition" {
			return nil
		}
		out := []string{}
		for _, c := range list(r.Properties["ContainerDefinitions"]) {
			for _, e := range list(get(c, "Environment")) {
				if credentialLike.MatchString(fmt.Sprint(get(e, "Value"))) {
					out = append(out, fmt.Sprintf("environment variable %v holds a credential", get(e, "Name")))
				}
			}
		}
		return out
	}},
}

// notYetRendered names checks of resources no template declares yet, and
// why; they still must reject their bad example below.
var notYetRendered = map[string]string{
	"ECR repositories scan on push and have immutable tags": "image repositories are made by deploy through the ECR API, not declared in templates",
}

// credentialLike is an independent, coarse check for secrets in plain
// environment values: AWS keys, private keys, passwords in URLs.
var credentialLike = regexp.MustCompile(`AKIA[0-9A-Z]{16}|PRIVATE KEY|://[^/\s:@]+:[^/\s@]+@`)

// TestSecureDefaults checks every golden template for the defaults ecsgen
// promises, and that each check examined at least one resource somewhere,
// so none passes for lack of anything to look at.
// unscopableActions have no resource type in IAM: "*" is the only
// resource they take. ecs:ListTasks must come with a condition that keeps
// it to one cluster.
var unscopableActions = map[string]bool{
	"ssmmessages:CreateControlChannel": true, "ssmmessages:CreateDataChannel": true,
	"ssmmessages:OpenControlChannel": true, "ssmmessages:OpenDataChannel": true,
	"ecs:ListTasks": true,
}

// onlyUnscopable reports whether statement s grants only actions that
// take no other resource than "*", each as narrowly as IAM allows.
func onlyUnscopable(s any) bool {
	for _, a := range list(get(s, "Action")) {
		if !unscopableActions[fmt.Sprint(a)] || a == "ecs:ListTasks" && get(s, "Condition", "ArnEquals", "ecs:cluster") == nil {
			return false
		}
	}
	return true
}

func TestSecureDefaults(t *testing.T) {
	ran := map[string]int{}
	for _, dir := range goldenCases(t) {
		resources := readResources(t, filepath.Join(dir, "template.json"))
		for id, r := range resources {
			for _, d := range secureDefaults {
				problems := d.check(id, r)
				if problems == nil {
					continue
				}
				ran[d.name]++
				for _, p := range problems {
					t.Errorf("%s: %s: %s: %s", filepath.Base(dir), id, d.name, p)
				}
			}
		}
	}
	for _, d := range secureDefaults {
		if ran[d.name] == 0 && notYetRendered[d.name] == "" {
			t.Errorf("check %q applied to no resource in any golden; add a golden that exercises it", d.name)
		}
	}
}

// TestSecureDefaultChecksCatchViolations feeds each check a resource that
// breaks it, proving the checks above can fail.
func TestSecureDefaultChecksCatchViolations(t *testing.T) {
	bad := map[string]resource{
		"IMDSv2 required on instances":                             {Type: "AWS::EC2::LaunchTemplate", Properties: obj(`{"LaunchTemplateData":{"MetadataOptions":{"HttpTokens":"optional"}}}`)},
		"encrypted instance volumes":                               {Type: "AWS::EC2::LaunchTemplate", Properties: obj(`{"LaunchTemplateData":{"BlockDeviceMappings":[{"Ebs":{"Encrypted":false}}]}}`)},
		"container insights on clusters":                           {Type: "AWS::ECS::Cluster", Properties: obj(`{}`)},
		"ALBs drop invalid header fields":                          {Type: "AWS::ElasticLoadBalancingV2::LoadBalancer", Properties: obj(`{"Type":"application"}`)},
		"every security group rule has a description":              {Type: "AWS::EC2::SecurityGroup", Properties: obj(`{"SecurityGroupIngress":[{"CidrIp":"10.0.0.0/8","IpProtocol":"tcp","FromPort":80,"ToPort":80}]}`)},
		"no SSH or RDP from the internet":                          {Type: "AWS::EC2::SecurityGroupIngress", Properties: obj(`{"CidrIp":"0.0.0.0/0","IpProtocol":"tcp","FromPort":0,"ToPort":1024}`)},
		"IAM grants no wildcards":                                  {Type: "AWS::IAM::Role", Properties: obj(`{"Policies":[{"PolicyDocument":{"Statement":[{"Action":["s3:*"],"Resource":["*"]}]}}]}`)},
		"log groups have retention":                                {Type: "AWS::Logs::LogGroup", Properties: obj(`{}`)},
		"subnets do not map public IPs on launch":                  {Type: "AWS::EC2::Subnet", Properties: obj(`{"MapPublicIpOnLaunch":true}`)},
		"S3 buckets block public access, encrypt and are retained": {Type: "AWS::S3::Bucket", Properties: obj(`{"PublicAccessBlockConfiguration":{"BlockPublicAcls":true}}`)},
		"log groups survive stack deletion and replacement":        {Type: "AWS::Logs::LogGroup", Properties: obj(`{"RetentionInDays":1}`), DeletionPolicy: "Delete"},
		"TLS listeners use TLS 1.2 or later":                       {Type: "AWS::ElasticLoadBalancingV2::Listener", Properties: obj(`{"Protocol":"HTTPS","SslPolicy":"ELBSecurityPolicy-2016-08"}`)},
		"EFS volumes encrypt in transit":                           {Type: "AWS::ECS::TaskDefinition", Properties: obj(`{"Volumes":[{"EFSVolumeConfiguration":{"FilesystemId":"fs-1"}}]}`)},
		"ECR repositories scan on push and have immutable tags":    {Type: "AWS::ECR::Repository", Properties: obj(`{"ImageTagMutability":"MUTABLE"}`)},
		"no credentials in plain environment variables":            {Type: "AWS::ECS::TaskDefinition", Properties: obj(`{"ContainerDefinitions":[{"Environment":[{"Name":"K","Value":"AKIAIOSFODNN7EXAMPLE"}]}]}`)},
	}
	for _, d := range secureDefaults {
		r, ok := bad[d.name]
		if !ok {
			t.Errorf("check %q has no violating example here", d.name)
			continue
		}
		if len(d.check("Bad", r)) == 0 {
			t.Errorf("check %q accepted a violating %s", d.name, r.Type)
		}
	}
}

func readResources(t *testing.T, path string) map[string]resource {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct{ Resources map[string]resource }
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	return doc.Resources
}

func obj(s string) map[string]any {
	var m map[string]any
	if err := json.Unmarshal([]byte(s), &m); err != nil {
		panic(err)
	}
	return m
}

// get walks nested objects by key; nil when a key is missing.
func get(v any, keys ...string) any {
	for _, k := range keys {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[k]
	}
	return v
}

func list(v any) []any { l, _ := v.([]any); return l }

func num(v any) float64 { f, _ := v.(float64); return f }
