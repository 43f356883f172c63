package cfn

import (
	"encoding/json"
	"strings"
	"testing"

	elbv2 "github.com/awslabs/goformation/v7/cloudformation/elasticloadbalancingv2"
	"github.com/awslabs/goformation/v7/cloudformation/s3"
	"github.com/google/go-cmp/cmp"
)

// TestAccessLogBucketPolicy: the bucket ecsgen creates is written by
// exactly the principals of the load balancers that use it, each under
// its own prefix, and every load balancer logging there waits for the
// policy; a load balancer with a bucket of its own leaves no bucket.
func TestAccessLogBucketPolicy(t *testing.T) {
	const services = `
services:
  web:
    taskDefinition:
      container:
        image: nginx
        portMappings: [{listener: web}]
`
	tests := []struct {
		name, listener string
		wantSids       []string // nil: no bucket
		wantAttrs      map[string]string
		wantDependsOn  bool
	}{{
		name:          "application",
		listener:      `{port: 80, accessLogs: true}`,
		wantSids:      []string{"ElbLogDelivery", "ElbAccountLogDelivery", "DenyInsecureTransport"},
		wantAttrs:     map[string]string{"access_logs.s3.enabled": "true", "access_logs.s3.bucket": `{"Ref":"AccessLogsBucket"}`, "access_logs.s3.prefix": "web"},
		wantDependsOn: true,
	}, {
		name:          "network with TLS",
		listener:      `{type: network, port: 443, certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/abc", accessLogs: {prefix: tls}}`,
		wantSids:      []string{"AWSLogDeliveryAclCheck", "AWSLogDeliveryWrite", "DenyInsecureTransport"},
		wantAttrs:     map[string]string{"access_logs.s3.enabled": "true", "access_logs.s3.bucket": `{"Ref":"AccessLogsBucket"}`, "access_logs.s3.prefix": "tls"},
		wantDependsOn: true,
	}, {
		name:      "existing bucket",
		listener:  `{port: 80, accessLogs: {bucket: my-logs}}`,
		wantAttrs: map[string]string{"access_logs.s3.enabled": "true", "access_logs.s3.bucket": "my-logs"},
	}, {
		name:     "off",
		listener: `{port: 80, accessLogs: false}`,
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tmpl := synthManifest(t, "name: shop\nlisteners:\n  web: "+tt.listener+"\n"+services)
			lb := resourceOf[elbv2.LoadBalancer](t, tmpl, "WebLoadBalancer")
			attrs := map[string]string{}
			for _, a := range lb.LoadBalancerAttributes {
				if k := *a.Key; strings.HasPrefix(k, "access_logs.") {
					attrs[k] = rendered(t, *a.Value)
				}
			}
			if len(attrs) == 0 {
				attrs = nil
			}
			if diff := cmp.Diff(tt.wantAttrs, attrs); diff != "" {
				t.Errorf("access log attributes (-want +got):\n%s", diff)
			}
			dependsOnPolicy := false
			for _, d := range lb.AWSCloudFormationDependsOn {
				dependsOnPolicy = dependsOnPolicy || d == accessLogBucketPolicyID
			}
			if dependsOnPolicy != tt.wantDependsOn {
				t.Errorf("load balancer depends on the bucket policy: %v, want %v", dependsOnPolicy, tt.wantDependsOn)
			}
			if tt.wantSids == nil {
				if _, ok := tmpl.Resources()[accessLogBucketID]; ok {
					t.Error("a bucket is created that no load balancer writes to")
				}
				return
			}
			policy := resourceOf[s3.BucketPolicy](t, tmpl, accessLogBucketPolicyID)
			var sids []string
			for _, s := range policy.PolicyDocument.(PolicyDocument).Statement {
				sids = append(sids, s.Sid)
			}
			if diff := cmp.Diff(tt.wantSids, sids); diff != "" {
				t.Errorf("policy statements (-want +got):\n%s", diff)
			}
		})
	}
}

// rendered is a property value as the template shows it: an intrinsic
// function as its JSON, text as itself.
func rendered(t *testing.T, v string) string {
	t.Helper()
	m, ok := decodeIntrinsic(v)
	if !ok {
		return v
	}
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
