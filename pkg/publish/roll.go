package publish

import (
	"errors"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudformation/types"
)

// rollNonce picks the value of the template's roll parameter. With Roll it
// is the time, new on every roll, so that every service starts new tasks
// that read their secrets' current values. Otherwise a stack that has the
// parameter keeps its value (returned as a name to send UsePreviousValue
// for), so that a deploy starts no tasks nothing else asked for; a first
// deploy leaves it to the template's default. A --parameter value wins.
func (d *deployer) rollNonce(current *types.Stack, params map[string]string) (keep []string, err error) {
	name := d.t.Inputs().RollParameter
	if name == "" {
		if d.o.Roll {
			return nil, errors.New("--roll: the app has no services, so there are no tasks to restart")
		}
		return nil, nil
	}
	if _, ok := d.o.Parameters[name]; ok {
		return nil, nil
	}
	if d.o.Roll {
		params[name] = d.clock.Now().UTC().Format("20060102T150405Z")
		return nil, nil
	}
	if current == nil {
		return nil, nil
	}
	for _, p := range current.Parameters {
		if aws.ToString(p.ParameterKey) == name {
			return []string{name}, nil
		}
	}
	return nil, nil
}
