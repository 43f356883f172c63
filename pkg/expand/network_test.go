package expand

import (
	"fmt"
	"net/netip"
	"testing"

	"github.com/ecsgen/ecsgen/pkg/model"
)

// TestSubnetsFitLoadBalancers lays out every VPC range and zone count
// validation accepts, and checks each subnet: /27 or larger (what a load
// balancer needs), inside the VPC, and overlapping no other. It also
// checks that validation rejects the next smaller range.
func TestSubnetsFitLoadBalancers(t *testing.T) {
	for bits := 16; ; bits++ {
		cidr := fmt.Sprintf("10.0.0.0/%d", bits)
		if bits > 16 && rejected(t, cidr) {
			if bits+model.SubnetBits <= 27 {
				t.Errorf("validation rejects %s, whose subnets would be /%d", cidr, bits+model.SubnetBits)
			}
			return
		}
		for zones := 2; zones <= 6; zones++ {
			vpc := netip.MustParsePrefix(cidr)
			n := expandVpc("main", &model.Vpc{CidrBlock: cidr, NumberOfAvailabilityZones: &zones})
			var seen []netip.Prefix
			for _, z := range n.Zones {
				for _, s := range []string{z.PublicCIDR, z.PrivateCIDR} {
					p := netip.MustParsePrefix(s)
					if p.Bits() > 27 || !vpc.Contains(p.Addr()) || p.Bits() < vpc.Bits() {
						t.Errorf("%s, %d zones: subnet %s is smaller than /27 or outside the VPC", cidr, zones, s)
					}
					for _, q := range seen {
						if p.Overlaps(q) {
							t.Errorf("%s, %d zones: subnet %s overlaps %s", cidr, zones, p, q)
						}
					}
					seen = append(seen, p)
				}
			}
		}
	}
}

// rejected reports whether validation rejects a VPC with this range.
func rejected(t *testing.T, cidr string) bool {
	t.Helper()
	_, err := model.ParseManifest("test.yaml", []byte(`
name: shop
vpcs: {main: {cidrBlock: `+cidr+`}}
clusters: {main: {vpc: main}}
services: {web: {cluster: main, taskDefinition: {container: {image: nginx}}}}
`))
	return err != nil
}
