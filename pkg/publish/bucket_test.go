package publish_test

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/ecsgen/ecsgen/pkg/cfn"
	"github.com/ecsgen/ecsgen/pkg/publish"
)

// TestLargeTemplateGoesThroughS3: a template over CloudFormation's inline
// limit (51,200 bytes) is uploaded to a private, encrypted bucket that
// ecsgen creates once and reuses.
func TestLargeTemplateGoesThroughS3(t *testing.T) {
	c, proxy := setup(t, steadyEnv...)
	tpl := largeApp(t, 12)
	body, err := tpl.JSON()
	if err != nil {
		t.Fatal(err)
	}
	if len(body) <= 51200 {
		t.Fatalf("the template is %d bytes; the test needs more than 51,200", len(body))
	}
	for i, stack := range []string{"large-a", "large-b"} {
		var out bytes.Buffer
		changed, err := publish.Diff(context.Background(), c, tpl, options(stack, &out))
		if err != nil || !changed {
			t.Fatalf("diff %s: changed %v, %v\n%s", stack, changed, err, out.String())
		}
		if !strings.Contains(out.String(), "+ Web11Service") {
			t.Errorf("summary lacks the last service:\n%s", out.String())
		}
		if n := proxy.Calls("CreateBucket"); n != 1 {
			t.Errorf("after diff %d: %d CreateBucket calls, want 1 (created once, then reused)", i+1, n)
		}
	}
	cfg, err := config.LoadDefaultConfig(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	api := s3.NewFromConfig(cfg)
	bucket := aws.String("ecsgen-templates-123456789012-us-east-1")
	enc, err := api.GetBucketEncryption(context.Background(), &s3.GetBucketEncryptionInput{Bucket: bucket})
	if err != nil || len(enc.ServerSideEncryptionConfiguration.Rules) == 0 {
		t.Errorf("template bucket encryption: %v", err)
	}
	pab, err := api.GetPublicAccessBlock(context.Background(), &s3.GetPublicAccessBlockInput{Bucket: bucket})
	if err != nil || !aws.ToBool(pab.PublicAccessBlockConfiguration.BlockPublicPolicy) || !aws.ToBool(pab.PublicAccessBlockConfiguration.RestrictPublicBuckets) {
		t.Errorf("template bucket public access block: %+v, %v", pab, err)
	}
}

// largeApp is an app of n load-balanced services.
func largeApp(t *testing.T, n int) *cfn.Template {
	t.Helper()
	var b strings.Builder
	b.WriteString("name: large\nlisteners:\n")
	for i := range n {
		fmt.Fprintf(&b, "  web%d:\n    port: %d\n", i, 8000+i)
	}
	b.WriteString("services:\n")
	for i := range n {
		fmt.Fprintf(&b, "  web%d:\n    taskDefinition:\n      containers:\n        web:\n          image: nginx\n          memory: 128\n          portMappings:\n            - listener: web%d\n", i, i)
	}
	return synthManifest(t, b.String())
}
