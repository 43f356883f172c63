package publish_test

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/ecr"
	ecrtypes "github.com/aws/aws-sdk-go-v2/service/ecr/types"
	"github.com/ecsgen/ecsgen/pkg/publish"
)

// TestDestroyKeepsImagesUnlessAsked: destroy deletes the stack; the ECR
// repositories of built images stay unless DeleteData.
func TestDestroyKeepsImagesUnlessAsked(t *testing.T) {
	c, _ := setup(t, steadyEnv...)
	ctx := context.Background()
	cfg, err := config.LoadDefaultConfig(ctx)
	if err != nil {
		t.Fatal(err)
	}
	api := ecr.NewFromConfig(cfg)
	tpl := synth(t, "target-group-port") // builds one image
	repo := tpl.Inputs().Images[0].Repository
	if _, err := api.CreateRepository(ctx, &ecr.CreateRepositoryInput{RepositoryName: aws.String(repo)}); err != nil {
		t.Fatal(err)
	}
	deployed(t, c, "destroyed") // a stack of another app, under the name destroy is given
	exists := func() bool {
		_, err := api.DescribeRepositories(ctx, &ecr.DescribeRepositoriesInput{RepositoryNames: []string{repo}})
		var nf *ecrtypes.RepositoryNotFoundException
		if err != nil && !errors.As(err, &nf) {
			t.Fatal(err)
		}
		return err == nil
	}
	for _, deleteData := range []bool{false, true} {
		var out bytes.Buffer
		err := publish.Destroy(ctx, c, tpl, publish.DestroyOptions{Stack: "destroyed", DeleteData: deleteData, Progress: publish.NewPlainProgress(&out, false)})
		if err != nil {
			t.Fatalf("destroy (delete data %v): %v\n%s", deleteData, err, out.String())
		}
		if exists() == deleteData {
			t.Errorf("destroy (delete data %v): repository %s exists: %v\n%s", deleteData, repo, exists(), out.String())
		}
		if !deleteData && !strings.Contains(out.String(), "Stack destroyed is deleted.") {
			t.Errorf("destroy did not delete the stack:\n%s", out.String())
		}
	}
	if _, err := publish.Outputs(ctx, c, "destroyed"); err == nil || !strings.Contains(err.Error(), "does not exist") {
		t.Errorf("outputs after destroy: %v", err)
	}
}
