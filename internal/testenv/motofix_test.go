package testenv

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestMotoFixes(t *testing.T) {
	tests := []struct {
		name     string
		fix      func([]byte) []byte
		in, want string
	}{
		{"list parameter", listParametersAsCommaText,
			`<ParameterValue>[&#x27;subnet-a&#x27;, &#x27;subnet-b&#x27;]</ParameterValue><ParameterValue>vpc-1</ParameterValue>`,
			`<ParameterValue>subnet-a,subnet-b</ParameterValue><ParameterValue>vpc-1</ParameterValue>`},
		{"list parameter, plain quotes", listParametersAsCommaText,
			`<ParameterValue>['subnet-a']</ParameterValue>`, `<ParameterValue>subnet-a</ParameterValue>`},
		{"container sizes", containerSizesAsStrings,
			`{"tasks": [{"containers": [{"name": "c", "cpu": 0, "memory": 20}]}]}`,
			`{"tasks":[{"containers":[{"cpu":"0","memory":"20","name":"c"}]}]}`},
		{"one stopped task", containerSizesAsStrings,
			`{"task": {"containers": [{"cpu": 256}]}}`, `{"task":{"containers":[{"cpu":"256"}]}}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if d := cmp.Diff(tt.want, string(tt.fix([]byte(tt.in)))); d != "" {
				t.Errorf("(-want +got):\n%s", d)
			}
		})
	}
}

func TestOperationNames(t *testing.T) {
	tests := []struct {
		method, target, path, body, want string
	}{
		{"POST", "AmazonEC2ContainerServiceV20141113.RunTask", "/", "{}", "RunTask"},
		{"POST", "", "/", "Action=CreateChangeSet&Version=2010-05-15", "CreateChangeSet"},
		{"HEAD", "", "/bucket", "", "HeadBucket"},
		{"PUT", "", "/bucket", "", "CreateBucket"},
		{"PUT", "", "/bucket?encryption=", "", "PutBucketEncryption"},
		{"PUT", "", "/bucket?publicAccessBlock=", "", "PutPublicAccessBlock"},
		{"PUT", "", "/bucket/stack/abc.json", "{}", "PutObject"},
	}
	for _, tt := range tests {
		r := httptest.NewRequest(tt.method, tt.path, strings.NewReader(tt.body))
		if tt.target != "" {
			r.Header.Set("X-Amz-Target", tt.target)
		}
		if got, _ := operation(r, []byte(tt.body)); got != tt.want {
			t.Errorf("%s %s %q: operation %q, want %q", tt.method, tt.path, tt.body, got, tt.want)
		}
	}
	r := httptest.NewRequest(http.MethodPost, "/", nil)
	r.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential=AKID/20261125/us-east-1/ec2/aws4_request, SignedHeaders=host, Signature=x")
	if got := signingService(r); got != "ec2" {
		t.Errorf("signing service %q, want ec2", got)
	}
}

func TestRefersTo(t *testing.T) {
	tests := []struct {
		props string
		want  bool
	}{
		{`{"ForceNewDeployment": {"ForceNewDeploymentNonce": {"Ref": "RollNonce"}}}`, true},
		{`{"Image": {"Fn::Sub": "${RollNonce}-x"}}`, true},
		{`{"List": [{"Ref": "Other"}, {"Ref": "RollNonce"}]}`, true},
		{`{"Ref": "RollNonceX", "Name": "RollNonce"}`, false},
	}
	for _, tt := range tests {
		var v any
		if err := json.Unmarshal([]byte(tt.props), &v); err != nil {
			t.Fatal(err)
		}
		if got := refersTo(v, "RollNonce"); got != tt.want {
			t.Errorf("refersTo(%s, RollNonce) = %v, want %v", tt.props, got, tt.want)
		}
	}
}
