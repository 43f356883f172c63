package publish_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/ecsgen/ecsgen/pkg/publish"
)

// TestSecondDeployNeedsNoChangeSet: deployed template and parameters (those
// left to their defaults too) are recognised without a change set.
func TestSecondDeployNeedsNoChangeSet(t *testing.T) {
	c, proxy := setup(t, steadyEnv...)
	for _, example := range []string{"hello-task", "ec2-service"} {
		var out bytes.Buffer
		tpl := synth(t, example)
		if _, err := publish.Deploy(context.Background(), c, tpl, options("again-"+example, &out)); err != nil {
			t.Fatalf("%s: deploy: %v\n%s", example, err, out.String())
		}
		before := proxy.Calls("CreateChangeSet")
		res, err := publish.Deploy(context.Background(), c, tpl, options("again-"+example, &out))
		if err != nil || res.Changed {
			t.Fatalf("%s: second deploy: changed %v, %v\n%s", example, res != nil && res.Changed, err, out.String())
		}
		if n := proxy.Calls("CreateChangeSet") - before; n != 0 {
			t.Errorf("%s: second deploy created %d change sets, want none", example, n)
		}
	}
}

func TestDeployNginxThenNoChanges(t *testing.T) {
	c, proxy := setup(t, steadyEnv...)
	ctx := context.Background()
	tpl := synth(t, "nginx")
	var out bytes.Buffer
	res, err := publish.Deploy(ctx, c, tpl, options("nginx-first", &out))
	if err != nil {
		t.Fatalf("deploy: %v\n%s", err, out.String())
	}
	if !res.Changed || res.Summary.Add == 0 {
		t.Errorf("first deploy: changed %v, summary %v; want resources added", res.Changed, res.Summary)
	}
	if !strings.HasSuffix(res.Outputs["url"], ".elb.amazonaws.com") {
		t.Errorf("outputs: url = %q, want the load balancer's DNS name", res.Outputs["url"])
	}
	for _, want := range []string{"12 to add", "+ NginxService  ", "service NginxService: 2/2 running", "url: nginx-first-"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("deploy output lacks %q:\n%s", want, out.String())
		}
	}

	out.Reset()
	before := proxy.Calls("CreateChangeSet")
	res, err = publish.Deploy(ctx, c, tpl, options("nginx-first", &out))
	if err != nil {
		t.Fatalf("second deploy: %v\n%s", err, out.String())
	}
	if res.Changed {
		t.Errorf("second deploy changed the stack:\n%s", out.String())
	}
	if n := proxy.Calls("CreateChangeSet") - before; n != 0 {
		t.Errorf("second deploy created %d change sets; identical template and parameters need none", n)
	}
	if !strings.Contains(out.String(), "no changes") {
		t.Errorf("second deploy does not say there are no changes:\n%s", out.String())
	}
}
