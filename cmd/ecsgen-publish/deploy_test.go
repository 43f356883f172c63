package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/ecsgen/ecsgen/internal/cli"
	"github.com/ecsgen/ecsgen/internal/testenv"
)

// TestCommandsAgainstMoto walks the commands the way the README does, with
// the built binary against moto: deploy, deploy again, diff, outputs, run,
// destroy.
func TestCommandsAgainstMoto(t *testing.T) {
	moto := testenv.StartMoto(t, "MOTO_ECS_SERVICE_RUNNING=2")
	proxy := testenv.StartProxy(t, moto)
	env := testenv.CleanEnv(t, append(testenv.Env(proxy.URL), "CI=true")...)
	nginx := []string{"-f", "examples/nginx/ecsgen.yaml", "--stack", "cli-nginx"}
	hello := []string{"-f", "examples/hello-task/ecsgen.yaml", "--stack", "cli-hello"}
	args := func(cmd string, app []string, more ...string) []string {
		return append(append([]string{cmd}, app...), more...)
	}
	steps := []struct {
		name    string
		args    []string
		code    int
		stdout  []string // each in stdout
		stderr  []string // each in stderr
		prepare func()
	}{
		{name: "deploy without --yes asks for it", args: args("deploy", nginx), code: cli.ExitFailure,
			stderr: []string{"pass --yes"}},
		{name: "deploy", args: args("deploy", nginx, "--yes"),
			stdout: []string{"12 to add", "+ NginxService", "Outputs:", "url: cli-nginx-"},
			stderr: []string{"Deploying stack cli-nginx", "service NginxService: 2/2 running", "is UPDATE_COMPLETE"}},
		{name: "deploy again", args: args("deploy", nginx, "--yes"),
			stdout: []string{"url: cli-nginx-"}, stderr: []string{"up to date: no changes"}},
		{name: "diff, no changes", args: args("diff", nginx), stdout: []string{"no changes"}},
		{name: "diff --roll", args: args("diff", nginx, "--roll"), code: cli.ExitDrift,
			stdout: []string{"0 to add, 1 to change, 0 to replace, 0 to remove", "~ NginxService"}},
		{name: "deploy --roll", args: args("deploy", nginx, "--roll", "--yes"),
			stdout: []string{"1 to change", "~ NginxService"}, stderr: []string{"is UPDATE_COMPLETE"}},
		{name: "deploy after a roll", args: args("deploy", nginx, "--yes"), stderr: []string{"up to date: no changes"}},
		{name: "diff of a new stack", args: args("diff", hello), code: cli.ExitDrift,
			stdout: []string{"5 to add", "+ HelloWorldTaskDefinition"}},
		{name: "diff left no stack behind", args: args("outputs", hello), code: cli.ExitFailure,
			stderr: []string{"stack cli-hello does not exist"}},
		{name: "outputs url", args: args("outputs", nginx, "url"), stdout: []string{"cli-nginx-", ".elb.amazonaws.com\n"}},
		{name: "outputs of a stack, without a manifest", args: []string{"outputs", "--stack", "cli-nginx", "url"}, stdout: []string{"cli-nginx-", ".elb.amazonaws.com\n"}},
		{name: "outputs of a missing key", args: args("outputs", nginx, "nope"), code: cli.ExitFailure,
			stderr: []string{`no output "nope"`, "url"}},
		{name: "deploy hello-task through throttling, 5xx and resets", args: args("deploy", hello, "-y"),
			stdout: []string{"HelloWorldTaskDefinitionArn: arn:aws:ecs:"},
			prepare: func() {
				proxy.Inject("DescribeStacks", 2, testenv.Throttle)
				proxy.Inject("DescribeVpcs", 1, testenv.Reset)
				proxy.Inject("CreateChangeSet", 1, testenv.Unavailable)
				proxy.Inject("ExecuteChangeSet", 1, testenv.InternalError)
				proxy.Inject("DescribeStackEvents", 8, testenv.Throttle)
			}},
		{name: "run --wait", args: args("run", hello, "hello-world", "--wait"),
			stdout: []string{"arn:aws:ecs:us-east-1:123456789012:task/", "container container exited with code 0"}},
		{name: "run --wait exits with the container's code", args: args("run", hello, "hello-world", "--wait", "--command", "false"), code: 3,
			stdout: []string{"container container exited with code 3"},
			prepare: func() {
				proxy.Inject("DescribeTasks", 10, testenv.Fault{Rewrite: func(b []byte) []byte {
					return []byte(strings.ReplaceAll(string(b), `"exitCode":0`, `"exitCode":3`))
				}})
			}},
		{name: "run of an unknown task", args: args("run", hello, "nope"), code: cli.ExitFailure, stderr: []string{`no task "nope"`, "hello-world"}},
		{name: "destroy", args: args("destroy", hello, "--yes"), stderr: []string{"Stack cli-hello is deleted", "Kept the log groups cli-hello-"}},
		{name: "destroyed", args: args("outputs", hello), code: cli.ExitFailure, stderr: []string{"does not exist"}},
	}
	for _, s := range steps {
		if s.prepare != nil {
			s.prepare()
		}
		r := testenv.Run(t, env, s.args...)
		if r.Code != s.code {
			t.Fatalf("%s: ecsgen %s exited %d, want %d\nstdout:\n%s\nstderr:\n%s", s.name, strings.Join(s.args, " "), r.Code, s.code, r.Stdout, r.Stderr)
		}
		for _, want := range s.stdout {
			if !strings.Contains(r.Stdout, want) {
				t.Errorf("%s: stdout lacks %q:\n%s", s.name, want, r.Stdout)
			}
		}
		for _, want := range s.stderr {
			if !strings.Contains(r.Stderr, want) {
				t.Errorf("%s: stderr lacks %q:\n%s", s.name, want, r.Stderr)
			}
		}
	}
	for _, op := range []string{"DescribeStacks", "DescribeVpcs", "CreateChangeSet", "ExecuteChangeSet", "DescribeStackEvents"} {
		if n := proxy.Pending(op); n != 0 {
			t.Errorf("%s: %d injected faults never met", op, n)
		}
	}
	r := testenv.Run(t, env, args("outputs", nginx, "--output", "json")...)
	var outs map[string]string
	if err := json.Unmarshal([]byte(r.Stdout), &outs); err != nil || outs["url"] == "" {
		t.Errorf("outputs --output json: %v\n%s", err, r.Stdout)
	}
}

func TestNoCredentials(t *testing.T) {
	moto := testenv.StartMoto(t, "MOTO_ECS_SERVICE_RUNNING=2")
	var env []string
	for _, kv := range testenv.Env(moto.URL) {
		if !strings.HasPrefix(kv, "AWS_ACCESS_KEY_ID=") && !strings.HasPrefix(kv, "AWS_SECRET_ACCESS_KEY=") {
			env = append(env, kv)
		}
	}
	r := testenv.Run(t, testenv.CleanEnv(t, env...), "diff", "-f", "examples/nginx/ecsgen.yaml")
	if r.Code != cli.ExitFailure || !strings.Contains(r.Stderr, "no AWS credentials found") {
		t.Errorf("diff without credentials: exit %d\n%s", r.Code, r.Stderr)
	}
}
