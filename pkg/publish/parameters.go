package publish

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/ecsgen/ecsgen/pkg/cfn"
)

// resolveParameters gives every template parameter its value: image URIs
// from the publisher, the default VPC and its subnets from EC2, and the
// user's --parameter values, which win over both.
func resolveParameters(ctx context.Context, c *Clients, t *cfn.Template, images ImagePublisher, user map[string]string) (map[string]string, error) {
	declared := t.Parameters()
	for k := range user {
		if _, ok := declared[k]; !ok {
			return nil, fmt.Errorf("--parameter %s: the template has no such parameter; it has %s", k, strings.Join(slices.Sorted(maps.Keys(declared)), ", "))
		}
	}
	in := t.Inputs()
	values := map[string]string{}
	var unbuilt []cfn.ImageInput
	for _, im := range in.Images {
		if _, ok := user[im.Parameter]; !ok {
			unbuilt = append(unbuilt, im)
		}
	}
	uris, err := publishImages(ctx, images, unbuilt)
	if err != nil {
		return nil, err
	}
	maps.Copy(values, uris)
	for _, d := range in.DefaultVpcs {
		_, hasVpc := user[d.VpcIDParameter]
		_, hasSubnets := user[d.SubnetIDsParameter]
		if hasVpc && hasSubnets {
			continue
		}
		vpc, subnets, err := defaultVpc(ctx, c.EC2, c.Region)
		if err != nil {
			return nil, err
		}
		values[d.VpcIDParameter] = vpc
		values[d.SubnetIDsParameter] = strings.Join(subnets, ",")
	}
	maps.Copy(values, user)
	var missing []string
	for name, p := range declared {
		if _, ok := values[name]; !ok && p.Default == nil {
			missing = append(missing, name)
		}
	}
	if len(missing) > 0 {
		slices.Sort(missing)
		return nil, fmt.Errorf("no value for template parameter %s; pass --parameter %s=VALUE", strings.Join(missing, ", "), missing[0])
	}
	return values, nil
}

// ParseParameters reads --parameter flags, each KEY=VALUE.
func ParseParameters(kvs []string) (map[string]string, error) {
	out := map[string]string{}
	for _, kv := range kvs {
		k, v, ok := strings.Cut(kv, "=")
		if !ok || k == "" {
			return nil, fmt.Errorf("--parameter %q: want KEY=VALUE", kv)
		}
		out[k] = v
	}
	return out, nil
}
