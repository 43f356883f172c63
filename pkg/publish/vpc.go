package publish

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/ecsgen/ecsgen/pkg/publish/awsclient"
)

// defaultVpc finds the account's default VPC in the region and its
// default subnets, one per Availability Zone, sorted by zone so that the
// same account always gives the same parameter value (and a deploy with no
// changes stays one).
func defaultVpc(ctx context.Context, api EC2, region string) (string, []string, error) {
	vpcs, err := api.DescribeVpcs(ctx, &ec2.DescribeVpcsInput{
		Filters: []types.Filter{{Name: aws.String("is-default"), Values: []string{"true"}}},
	})
	if err != nil {
		return "", nil, fmt.Errorf("looking up the default VPC: %w", awsclient.Explain(err))
	}
	if len(vpcs.Vpcs) == 0 {
		return "", nil, fmt.Errorf("the account has no default VPC in %s, and the app uses it; "+
			"create one (aws ec2 create-default-vpc --region %s), or give the app its own VPC (vpc: in the manifest)", region, region)
	}
	vpc := aws.ToString(vpcs.Vpcs[0].VpcId)
	subs, err := api.DescribeSubnets(ctx, &ec2.DescribeSubnetsInput{
		Filters: []types.Filter{
			{Name: aws.String("vpc-id"), Values: []string{vpc}},
			{Name: aws.String("default-for-az"), Values: []string{"true"}},
		},
	})
	if err != nil {
		return "", nil, fmt.Errorf("looking up the subnets of default VPC %s: %w", vpc, awsclient.Explain(err))
	}
	slices.SortFunc(subs.Subnets, func(a, b types.Subnet) int {
		return strings.Compare(aws.ToString(a.AvailabilityZone), aws.ToString(b.AvailabilityZone))
	})
	var ids []string
	for _, s := range subs.Subnets {
		ids = append(ids, aws.ToString(s.SubnetId))
	}
	if len(ids) < 2 {
		return "", nil, fmt.Errorf("default VPC %s has %d default subnets in %s; the app needs two in different Availability Zones "+
			"(aws ec2 create-default-subnet --availability-zone ZONE)", vpc, len(ids), region)
	}
	return vpc, ids, nil
}
