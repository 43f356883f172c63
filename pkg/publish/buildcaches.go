package publish

import (
	"context"
	"errors"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/service/ecr"
	"github.com/aws/aws-sdk-go-v2/service/ecr/types"
	"github.com/ecsgen/ecsgen/pkg/cfn"
	"github.com/ecsgen/ecsgen/pkg/publish/awsclient"
	"github.com/ecsgen/ecsgen/pkg/publish/image"
)

// maybeBuildCaches names the cache repositories images may have, for a
// destroy that keeps them to name without asking ECR: every Dockerfile
// image's, the ones buildCaches would look for and delete, since a cache
// made before cacheFrom left the manifest is there still.
func maybeBuildCaches(images []cfn.ImageInput) []string {
	var caches []string
	for _, im := range images {
		if im.Build.GoPackage == "" {
			caches = append(caches, image.CacheRepository(im.Repository))
		}
	}
	return caches
}

// buildCaches returns the cache repositories of images that exist, for
// destroy --delete-data to name and delete with the image repositories.
// Every Dockerfile image's is looked for (see maybeBuildCaches), and one
// that was never made (docker's builds, builds never pushed) is not named.
func buildCaches(ctx context.Context, api Repositories, images []cfn.ImageInput) ([]string, error) {
	var caches []string
	for _, cache := range maybeBuildCaches(images) {
		_, err := api.DescribeRepositories(ctx, &ecr.DescribeRepositoriesInput{RepositoryNames: []string{cache}})
		var notFound *types.RepositoryNotFoundException
		if errors.As(err, &notFound) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("looking for ECR repository %s: %w", cache, awsclient.Explain(err))
		}
		caches = append(caches, cache)
	}
	return caches, nil
}
