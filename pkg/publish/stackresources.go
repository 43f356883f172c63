package publish

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudformation"
	"github.com/aws/aws-sdk-go-v2/service/cloudformation/types"
)

// stackResources lists every resource of stack, over all pages: deploy
// reads what the services run, the supervisor which services exist, and
// destroy which log groups it keeps.
func stackResources(ctx context.Context, cf cloudformation.ListStackResourcesAPIClient, stack string) ([]types.StackResourceSummary, error) {
	var out []types.StackResourceSummary
	pages := cloudformation.NewListStackResourcesPaginator(cf, &cloudformation.ListStackResourcesInput{StackName: aws.String(stack)})
	for pages.HasMorePages() {
		page, err := pages.NextPage(ctx)
		if err != nil {
			return nil, err
		}
		out = append(out, page.StackResourceSummaries...)
	}
	return out, nil
}

// physicalIDs maps the logical IDs of resources to their physical IDs.
func physicalIDs(resources []types.StackResourceSummary) map[string]string {
	out := make(map[string]string, len(resources))
	for _, r := range resources {
		out[aws.ToString(r.LogicalResourceId)] = aws.ToString(r.PhysicalResourceId)
	}
	return out
}
