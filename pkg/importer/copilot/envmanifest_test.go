package copilot_test

import (
	"strings"
	"testing"

	"github.com/ecsgen/ecsgen/internal/testenv"
	"github.com/ecsgen/ecsgen/pkg/importer/copilot"
	"github.com/ecsgen/ecsgen/pkg/model"
	"github.com/google/go-cmp/cmp"
)

// TestEnvironmentManifest imports a workspace with an environment manifest
// whose IDs and certificate are real-shaped (the corpus's are mock
// values): the VPC, the cluster in it and the shared listener's HTTPS.
func TestEnvironmentManifest(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"copilot/web/manifest.yml": "name: web\ntype: Load Balanced Web Service\nimage: {location: nginx, port: 8080}\nhttp: {path: /}\n",
		"copilot/api/manifest.yml": "name: api\ntype: Load Balanced Web Service\nimage: {location: api, port: 9000}\nhttp: {path: api, healthcheck: /healthz}\n",
		"copilot/environments/prod/manifest.yml": `name: prod
type: Environment
network:
  vpc:
    id: vpc-0123456789abcdef0
    subnets:
      public: [{id: subnet-0a1b2c3d}, {id: subnet-1a2b3c4d}]
      private: [{id: subnet-2a3b4c5d}, {id: subnet-3a4b5c6d}]
http:
  public:
    certificates: [arn:aws:acm:us-east-1:123456789012:certificate/0d7e4b1c-8f2a-4c1e-9b3d-5a6f7e8d9c0b]
    ingress: {source_ips: [203.0.113.0/24]}
`,
	}
	testenv.WriteFiles(t, dir, files)
	res, err := copilot.Import(copilot.Options{Dir: dir, Env: "prod"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Report) > 0 {
		t.Errorf("unexpected report:\n%s", res.Report)
	}
	app := res.App
	if err := app.Validate(); err != nil {
		t.Fatalf("the imported app does not validate: %v", err)
	}
	want := &model.Vpc{Existing: &model.ExistingVpc{VpcId: "vpc-0123456789abcdef0", PublicSubnetIds: []string{"subnet-0a1b2c3d", "subnet-1a2b3c4d"}, PrivateSubnetIds: []string{"subnet-2a3b4c5d", "subnet-3a4b5c6d"}}}
	if diff := cmp.Diff(want, app.Vpcs["prod"]); diff != "" {
		t.Errorf("vpcs.prod (-want +got):\n%s", diff)
	}
	for name, s := range app.Services {
		if s.Cluster != "prod" {
			t.Errorf("services.%s.cluster = %q, want prod", name, s.Cluster)
		}
	}
	l := app.Listeners["public"]
	if l == nil || l.Port != 443 || !l.RedirectHttp || l.CertificateArn == "" || !cmp.Equal(l.AllowedSourceIps, []string{"203.0.113.0/24"}) {
		t.Errorf("listeners.public = %+v, want HTTPS on 443 with the certificate, a redirect and the source range", l)
	}
	api := app.Services["api"].TaskDefinition.Containers["api"].PortMappings[0]
	wantAPI := model.PortMapping{Listener: "public", Rule: &model.ListenerRule{Paths: []string{"/api", "/api/*"}}, TargetGroup: &model.TargetGroup{Port: 9000, HealthCheck: &model.TargetHealthCheck{Path: "/healthz"}}}
	if diff := cmp.Diff(wantAPI, api); diff != "" {
		t.Errorf("api's route (-want +got):\n%s", diff)
	}
}

// TestEnvironmentFlowLogs maps network.vpc.flow_logs: Copilot's flow log
// records all traffic, so a VPC ecsgen creates gets trafficType ALL, with
// Copilot's retention; an existing VPC is not changed, which the report says.
func TestEnvironmentFlowLogs(t *testing.T) {
	const existing = "id: vpc-0123456789abcdef0\n    subnets: {public: [{id: subnet-0a1b2c3d}, {id: subnet-1a2b3c4d}]}\n    "
	tests := []struct {
		name, vpc string
		want      *model.Vpc
		report    string
	}{
		{"on", "flow_logs: on", &model.Vpc{FlowLogs: &model.FlowLogs{TrafficType: "ALL"}}, ""},
		{"retention", "cidr: 10.1.0.0/16\n    flow_logs: {retention: 30}", &model.Vpc{CidrBlock: "10.1.0.0/16", FlowLogs: &model.FlowLogs{TrafficType: "ALL", RetentionInDays: new(30)}}, ""},
		{"retention CloudWatch lacks", "flow_logs: {retention: 10}", &model.Vpc{FlowLogs: &model.FlowLogs{TrafficType: "ALL"}}, "network.vpc.flow_logs.retention: 10 days is not a period CloudWatch Logs offers"},
		{"off", "cidr: 10.1.0.0/16\n    flow_logs: false", &model.Vpc{CidrBlock: "10.1.0.0/16"}, "network.vpc.flow_logs: false: ecsgen logs the rejected traffic"},
		{"existing VPC", existing + "flow_logs: true", &model.Vpc{Existing: &model.ExistingVpc{VpcId: "vpc-0123456789abcdef0", PublicSubnetIds: []string{"subnet-0a1b2c3d", "subnet-1a2b3c4d"}}}, "ecsgen does not change an existing VPC: turn on vpc-0123456789abcdef0's flow logs outside ecsgen"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			testenv.WriteFiles(t, dir, map[string]string{
				"copilot/web/manifest.yml":               "name: web\ntype: Backend Service\nimage: {location: nginx}\n",
				"copilot/environments/prod/manifest.yml": "name: prod\ntype: Environment\nnetwork:\n  vpc:\n    " + tt.vpc + "\n",
			})
			res, err := copilot.Import(copilot.Options{Dir: dir, Env: "prod"})
			if err != nil {
				t.Fatal(err)
			}
			if err := res.App.Validate(); err != nil {
				t.Fatalf("the imported app does not validate: %v", err)
			}
			if diff := cmp.Diff(tt.want, res.App.Vpcs["prod"]); diff != "" {
				t.Errorf("vpcs.prod (-want +got):\n%s", diff)
			}
			if got := res.Report.String(); tt.report == "" && got != "" || !strings.Contains(got, tt.report) {
				t.Errorf("report:\n%s\nwant it to contain %q", got, tt.report)
			}
		})
	}
}

// TestEnvironmentAccessLogs maps http.public.access_logs onto the shared
// public listener's accessLogs: true onto a bucket ecsgen creates,
// bucket_name and prefix onto an existing bucket; what ELB would refuse
// is reported and left to ecsgen's defaults.
func TestEnvironmentAccessLogs(t *testing.T) {
	tests := []struct {
		name, http string
		want       *model.AccessLogs
		report     string
	}{
		{"true", "public: {access_logs: true}", &model.AccessLogs{}, ""},
		{"false", "public: {access_logs: false}", nil, ""},
		{"bucket and prefix", "public: {access_logs: {bucket_name: my-logs, prefix: /web/}}", &model.AccessLogs{Bucket: "my-logs", Prefix: "web"}, ""},
		{"prefix only", "public: {access_logs: {prefix: web}}", &model.AccessLogs{Prefix: "web"}, ""},
		{"bad bucket", "public: {access_logs: {bucket_name: My_Logs}}", &model.AccessLogs{}, `http.public.access_logs.bucket_name: "My_Logs" is not an S3 bucket name`},
		{"AWSLogs prefix", "public: {access_logs: {bucket_name: my-logs, prefix: AWSLogs}}", &model.AccessLogs{Bucket: "my-logs"}, "contains AWSLogs"},
		{"neither", "public: {access_logs: [a]}", nil, "is neither a boolean nor {bucket_name, prefix}"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			testenv.WriteFiles(t, dir, map[string]string{
				"copilot/web/manifest.yml":               "name: web\ntype: Load Balanced Web Service\nimage: {location: nginx, port: 80}\n",
				"copilot/environments/prod/manifest.yml": "name: prod\ntype: Environment\nhttp:\n  " + tt.http + "\n",
			})
			res, err := copilot.Import(copilot.Options{Dir: dir, Env: "prod"})
			if err != nil {
				t.Fatal(err)
			}
			if err := res.App.Validate(); err != nil {
				t.Fatalf("the imported app does not validate: %v", err)
			}
			if diff := cmp.Diff(tt.want, res.App.Listeners["public"].AccessLogs); diff != "" {
				t.Errorf("listeners.public.accessLogs (-want +got):\n%s", diff)
			}
			if got := res.Report.String(); tt.report == "" && got != "" || !strings.Contains(got, tt.report) {
				t.Errorf("report:\n%s\nwant it to contain %q", got, tt.report)
			}
		})
	}
}
