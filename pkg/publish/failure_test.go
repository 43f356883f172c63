package publish_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/ecsgen/ecsgen/internal/testenv"
	"github.com/ecsgen/ecsgen/pkg/publish"
)

// TestDeploySurvivesFaults injects throttling, 5xx answers and dropped
// connections into every step; the deploy must ride them all out.
func TestDeploySurvivesFaults(t *testing.T) {
	c, proxy := setup(t, steadyEnv...)
	faults := []struct {
		op string
		n  int
		f  testenv.Fault
	}{
		{"DescribeStacks", 2, testenv.Throttle},
		{"DescribeVpcs", 1, testenv.Reset},
		{"DescribeSubnets", 2, testenv.Unavailable},
		{"CreateChangeSet", 2, testenv.Throttle},
		{"DescribeChangeSet", 1, testenv.InternalError},
		{"ExecuteChangeSet", 1, testenv.Reset},
		// More than the client retries: the poll loop must wait longer,
		// not fail.
		{"DescribeStackEvents", 12, testenv.Throttle},
		{"DescribeServices", 7, testenv.Throttle},
		{"ListTasks", 1, testenv.Unavailable},
	}
	for _, f := range faults {
		proxy.Inject(f.op, f.n, f.f)
	}
	var out bytes.Buffer
	res, err := publish.Deploy(context.Background(), c, synth(t, "nginx"), options("nginx-faults", &out))
	if err != nil {
		t.Fatalf("deploy under faults: %v\n%s", err, out.String())
	}
	if res.Outputs["url"] == "" {
		t.Errorf("no url output after deploy under faults:\n%s", out.String())
	}
	for _, f := range faults {
		if n := proxy.Pending(f.op); n != 0 {
			t.Errorf("%s: %d of %d faults never met; the test proves less than it says", f.op, n, f.n)
		}
	}
}

func TestClearErrors(t *testing.T) {
	tests := []struct {
		name   string
		faults map[string]testenv.Fault
		params map[string]string
		// want is in the error; untouched are operations that must not
		// have been called.
		want      []string
		untouched []string
		example   string // default hello-task
	}{
		{
			name:      "bad credentials",
			faults:    map[string]testenv.Fault{"DescribeStacks": {Status: 403, ErrorCode: "InvalidClientTokenId"}},
			want:      []string{"AWS rejected the credentials", "--profile"},
			untouched: []string{"CreateChangeSet"},
		},
		{
			name:      "busy stack",
			faults:    map[string]testenv.Fault{"DescribeStacks": {Rewrite: statusAs("UPDATE_IN_PROGRESS")}},
			want:      []string{"is UPDATE_IN_PROGRESS", "another operation", "changed nothing"},
			untouched: []string{"CreateChangeSet", "DescribeVpcs"},
		},
		{
			name:      "first create failed",
			faults:    map[string]testenv.Fault{"DescribeStacks": {Rewrite: statusAs("ROLLBACK_COMPLETE")}},
			want:      []string{"ROLLBACK_COMPLETE", "--replace-failed-stack"},
			untouched: []string{"CreateChangeSet", "DeleteStack"},
		},
		{
			name: "change set rejected",
			faults: map[string]testenv.Fault{"DescribeChangeSet": {Rewrite: func(b []byte) []byte {
				return bytes.Replace(b, []byte("<Status>CREATE_COMPLETE</Status>"),
					[]byte("<Status>FAILED</Status><StatusReason>Template error: Unresolved resource dependencies [Nope]</StatusReason>"), 1)
			}}},
			want:      []string{"CloudFormation rejected the change set", "Unresolved resource dependencies"},
			untouched: []string{"ExecuteChangeSet"},
		},
		{
			// A real failure of moto's: subnets that do not exist.
			name:    "change set fails to execute",
			params:  map[string]string{"DefaultVpcSubnetIds": "subnet-nope1,subnet-nope2"},
			want:    []string{"could not execute the change set", "subnet"},
			example: "nginx",
		},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, proxy := setup(t, steadyEnv...)
			stack := "errors-" + string(rune('a'+i))
			if tt.name != "bad credentials" && tt.name != "change set rejected" && tt.name != "change set fails to execute" {
				deployed(t, c, stack)
			}
			before := map[string]int{}
			for _, op := range tt.untouched {
				before[op] = proxy.Calls(op)
			}
			for op, f := range tt.faults {
				proxy.Inject(op, 1, f)
			}
			example := tt.example
			if example == "" {
				example = "hello-task"
			}
			var out bytes.Buffer
			o := options(stack, &out)
			o.Parameters = tt.params
			_, err := publish.Deploy(context.Background(), c, synth(t, example), o)
			if err == nil {
				t.Fatalf("deploy succeeded:\n%s", out.String())
			}
			t.Log(err)
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error lacks %q: %v", w, err)
				}
			}
			for _, op := range tt.untouched {
				if n := proxy.Calls(op) - before[op]; n != 0 {
					t.Errorf("%s called %d times; nothing may be touched", op, n)
				}
			}
		})
	}
}

// deployed deploys the hello-task example as stack, for tests that need a
// stack to be there.
func deployed(t *testing.T, c *publish.Clients, stack string) {
	t.Helper()
	var out bytes.Buffer
	if _, err := publish.Deploy(context.Background(), c, synth(t, "hello-task"), options(stack, &out)); err != nil {
		t.Fatalf("deploying %s: %v\n%s", stack, err, out.String())
	}
}

// TestReplaceFailedStack: with ReplaceFailedStack, a ROLLBACK_COMPLETE
// stack is deleted and created anew.
func TestReplaceFailedStack(t *testing.T) {
	c, proxy := setup(t, steadyEnv...)
	deployed(t, c, "replaced")
	proxy.Inject("DescribeStacks", 1, testenv.Fault{Rewrite: statusAs("ROLLBACK_COMPLETE")})
	var out bytes.Buffer
	o := options("replaced", &out)
	o.ReplaceFailedStack = true
	res, err := publish.Deploy(context.Background(), c, synth(t, "hello-task"), o)
	if err != nil {
		t.Fatalf("deploy: %v\n%s", err, out.String())
	}
	if n := proxy.Calls("DeleteStack"); n != 1 {
		t.Errorf("DeleteStack called %d times, want once", n)
	}
	if !res.Changed || res.Summary.Add != 5 || !strings.Contains(out.String(), "left ROLLBACK_COMPLETE by a failed create") {
		t.Errorf("the stack was not created anew: %+v\n%s", res, out.String())
	}
}
