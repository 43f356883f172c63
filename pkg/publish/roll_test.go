package publish_test

import (
	"bytes"
	"context"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudformation"
	"github.com/ecsgen/ecsgen/pkg/cfn"
	"github.com/ecsgen/ecsgen/pkg/publish"
)

// TestRollRestartsServicesAndNothingElse: a first deploy takes the roll
// nonce's default; plain deploys keep the stack's nonce (no change set when
// nothing else changed, UsePreviousValue when something did); Roll sets a
// new one, which diff and deploy report as the service modified.
func TestRollRestartsServicesAndNothingElse(t *testing.T) {
	c, proxy := setup(t, steadyEnv...)
	ctx := context.Background()
	tpl := synth(t, "nginx")
	const stack = "rolled"
	nonce := func() string {
		t.Helper()
		out, err := c.CloudFormation.DescribeStacks(ctx, &cloudformation.DescribeStacksInput{StackName: aws.String(stack)})
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range out.Stacks[0].Parameters {
			if aws.ToString(p.ParameterKey) == tpl.Inputs().RollParameter {
				return aws.ToString(p.ParameterValue)
			}
		}
		t.Fatalf("stack %s has no parameter %s", stack, tpl.Inputs().RollParameter)
		return ""
	}
	var out bytes.Buffer
	deploy := func(roll bool, params map[string]string) *publish.Result {
		t.Helper()
		out.Reset()
		o := options(stack, &out)
		o.Roll, o.Parameters = roll, params
		res, err := publish.Deploy(ctx, c, tpl, o)
		if err != nil {
			t.Fatalf("deploy (roll %v): %v\n%s", roll, err, out.String())
		}
		return res
	}

	deploy(false, nil)
	if got := nonce(); got != "initial" {
		t.Errorf("after the first deploy the nonce is %q, want the default, initial", got)
	}
	before := proxy.Calls("CreateChangeSet")
	if res := deploy(false, nil); res.Changed || proxy.Calls("CreateChangeSet") != before {
		t.Errorf("a plain redeploy changed the stack or made a change set:\n%s", out.String())
	}

	out.Reset()
	o := options(stack, &out)
	o.Roll = true
	changed, err := publish.Diff(ctx, c, tpl, o)
	if err != nil || !changed || !strings.Contains(out.String(), "~ NginxService") {
		t.Errorf("diff --roll: changed %v, %v; want the service modified:\n%s", changed, err, out.String())
	}
	if res := deploy(true, nil); !res.Changed || res.Summary.Add+res.Summary.Remove+res.Summary.Replace != 0 || !strings.Contains(out.String(), "~ NginxService") {
		t.Errorf("deploy --roll: changed %v, summary %+v; want only modifications, of the service:\n%s", res.Changed, res.Summary, out.String())
	}
	rolled := nonce()
	if !regexp.MustCompile(`^\d{8}T\d{6}Z$`).MatchString(rolled) {
		t.Errorf("after a roll the nonce is %q, want a UTC timestamp", rolled)
	}

	before = proxy.Calls("CreateChangeSet")
	if res := deploy(false, nil); res.Changed || proxy.Calls("CreateChangeSet") != before {
		t.Errorf("a plain deploy after a roll changed the stack:\n%s", out.String())
	}
	// Another change keeps the nonce: the services do not restart for it.
	tpl = synthEdited(t, "nginx", "memory: 128", "memory: 256")
	deploy(false, nil)
	if got := nonce(); got != rolled {
		t.Errorf("a deploy that changed a parameter set the nonce to %q, want %q kept", got, rolled)
	}
}

// TestRollWithoutServices: --roll of an app without services says there is
// nothing to restart, before it touches the stack.
func TestRollWithoutServices(t *testing.T) {
	c, proxy := setup(t, steadyEnv...)
	var out bytes.Buffer
	o := options("roll-nothing", &out)
	o.Roll = true
	_, err := publish.Deploy(context.Background(), c, synth(t, "hello-task"), o)
	if err == nil || !strings.Contains(err.Error(), "no services") {
		t.Errorf("deploy --roll of an app without services: %v, want an error saying it has no services", err)
	}
	if n := proxy.Calls("CreateChangeSet"); n != 0 {
		t.Errorf("deploy --roll of an app without services created %d change sets", n)
	}
}

// synthEdited synthesizes an example's manifest with old replaced by new.
func synthEdited(t *testing.T, example, old, new string) *cfn.Template {
	t.Helper()
	src, err := os.ReadFile("../../examples/" + example + "/ecsgen.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return synthManifest(t, strings.Replace(string(src), old, new, 1))
}
