package importer

import "testing"

// TestReportAddsAnItemOnce: a field several services inherit (an
// environment's) is reported once, each different item in order.
func TestReportAddsAnItemOnce(t *testing.T) {
	var r Report
	r.Add("env.yml", 3, "http.public.access_logs", "%q is not an S3 bucket name", "B")
	r.Add("env.yml", 3, "http.public.access_logs", "%q is not an S3 bucket name", "B")
	r.Add("web.yml", 7, "privileged", "ECS on Fargate runs no privileged container")
	want := "env.yml:3: http.public.access_logs: \"B\" is not an S3 bucket name\nweb.yml:7: privileged: ECS on Fargate runs no privileged container\n"
	if got := r.String(); got != want {
		t.Errorf("report:\n%s\nwant:\n%s", got, want)
	}
}
