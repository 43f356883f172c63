package publish_test

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudformation"
	"github.com/ecsgen/ecsgen/internal/testenv"
	"github.com/ecsgen/ecsgen/pkg/cfn"
	"github.com/ecsgen/ecsgen/pkg/model"
	"github.com/ecsgen/ecsgen/pkg/publish"
	"github.com/ecsgen/ecsgen/pkg/publish/image"
)

// TestDeployBuildsAndPushesImages: deploy builds the app's image, pushes it
// to ECR (moto, with docker-registry behind the ECR host) and deploys the
// template with its digest-pinned URI; the same code deploys again with
// no changes, since the build is reproducible.
func TestDeployBuildsAndPushesImages(t *testing.T) {
	c, proxy := setup(t, steadyEnv...)
	t.Setenv("ECSGEN_REGISTRY_MIRROR", testenv.Registry(t))
	testenv.IsolateUserCache(t)
	dir := t.TempDir()
	testenv.WriteFiles(t, dir, map[string]string{
		"ecsgen.yaml": `name: built
services:
  api:
    desiredCount: 2
    taskDefinition:
      containers:
        api:
          memory: 128
          image: {goPackage: ./cmd/api, baseImage: ` + testenv.BaseInRegistry(t) + `}
`,
		"go.mod":          "module example.com/built\n\ngo 1.26\n",
		"cmd/api/main.go": "package main\n\nfunc main() {}\n",
	})
	app, err := model.LoadManifest(filepath.Join(dir, "ecsgen.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	tpl, err := cfn.Synth(app)
	if err != nil {
		t.Fatal(err)
	}
	images := publish.ImagePublisherFunc(func(ctx context.Context, in []cfn.ImageInput) (map[string]string, error) {
		e, err := image.NewECR(c.Config)
		if err != nil {
			return nil, err
		}
		return image.Images(ctx, in, image.Options{Dir: dir, Publisher: e})
	})
	ctx := context.Background()
	for i, wantChanged := range []bool{true, false} {
		var out bytes.Buffer
		o := options("built", &out)
		o.Images = images
		before := proxy.Calls("CreateChangeSet")
		res, err := publish.Deploy(ctx, c, tpl, o)
		if err != nil {
			t.Fatalf("deploy %d: %v\n%s", i+1, err, out.String())
		}
		if res.Changed != wantChanged || !wantChanged && proxy.Calls("CreateChangeSet") != before {
			t.Errorf("deploy %d: changed %v, want %v\n%s", i+1, res.Changed, wantChanged, out.String())
		}
	}
	st, err := c.CloudFormation.DescribeStacks(ctx, &cloudformation.DescribeStacksInput{StackName: aws.String("built")})
	if err != nil {
		t.Fatal(err)
	}
	param := tpl.Inputs().Images[0].Parameter
	for _, p := range st.Stacks[0].Parameters {
		if aws.ToString(p.ParameterKey) == param {
			if v := aws.ToString(p.ParameterValue); !strings.HasPrefix(v, "123456789012.dkr.ecr.us-east-1.amazonaws.com/built/api/api@sha256:") {
				t.Errorf("%s = %q, want the pushed image's digest-pinned URI", param, v)
			}
			return
		}
	}
	t.Errorf("the stack has no parameter %s", param)
}
