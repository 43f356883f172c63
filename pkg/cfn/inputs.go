package cfn

import (
	"slices"
	"strings"

	"github.com/ecsgen/ecsgen/pkg/expand"
	"github.com/ecsgen/ecsgen/pkg/model"
)

// Inputs is what a template needs from deploy besides itself: the images
// to build and push, and the parameters only the account can answer. It
// is the one contract between synth and publish, so that publish never
// spells a logical ID or re-derives a name that this package owns.
type Inputs struct {
	// Images are the images ecsgen builds, sorted by parameter.
	Images []ImageInput
	// DefaultVpcs are the parameters that take the account's default VPC
	// and its subnets; at most one today.
	DefaultVpcs []DefaultVpcInput
	// RollParameter, when the app has services, takes a nonce: deploy
	// --roll passes a new value (the time, say) to start new tasks in
	// every service, so they read their secrets' current values; any
	// other deploy keeps the previous value (UsePreviousValue), and so
	// starts no tasks that nothing else asked for.
	RollParameter string `json:",omitempty"`
	// ServiceSecrets are the secrets services' containers read when their
	// tasks start, sorted by owner, container and variable: deploy can
	// watch their versions and roll when one changed.
	ServiceSecrets []SecretInput `json:",omitempty"`
}

// SecretInput is one secret a service's tasks read at start.
type SecretInput struct {
	// Owner is the service, as the manifest names it: "services.web".
	Owner     string
	Container string
	// Variable is the environment variable the secret fills.
	Variable string
	Secret   model.Secret
}

// ImageInput is one image to build and push, and the parameter that takes
// its digest-pinned URI (repo@sha256:...).
type ImageInput struct {
	// Parameter is the template parameter for the image's URI.
	Parameter string
	// Owner is the service or task the image belongs to, as the manifest
	// names it: "services.web" or "tasks.migrate".
	Owner string
	// Container is the container's name.
	Container string
	// Build says what to build: a path with a Dockerfile or a Docker
	// build.
	Build model.Image
	// Repository is the ECR repository to push to.
	Repository string
	// Platform is what to build for, linux/amd64 or linux/arm64: the CPU
	// architecture of the task definition the image runs in.
	Platform string
}

// DefaultVpcInput names the parameters that take the default VPC's ID and
// its subnets' IDs.
type DefaultVpcInput struct {
	VpcIDParameter     string
	SubnetIDsParameter string
}

// Inputs returns what deploy must supply for the template.
func (t *Template) Inputs() Inputs {
	in := t.inputs
	slices.SortFunc(in.Images, func(a, b ImageInput) int { return strings.Compare(a.Parameter, b.Parameter) })
	slices.SortFunc(in.ServiceSecrets, func(a, b SecretInput) int {
		return strings.Compare(a.Owner+"\x00"+a.Container+"\x00"+a.Variable, b.Owner+"\x00"+b.Container+"\x00"+b.Variable)
	})
	return in
}

func (t *Template) needImage(param, owner string, c *expand.Container) {
	t.inputs.Images = append(t.inputs.Images, ImageInput{
		Parameter:  param,
		Owner:      owner,
		Container:  c.Name,
		Build:      *c.Image.Build,
		Repository: c.Image.Repository,
		Platform:   c.Image.Platform,
	})
}

func (t *Template) needDefaultVpc(n *expand.Network) {
	t.inputs.DefaultVpcs = append(t.inputs.DefaultVpcs, DefaultVpcInput{
		VpcIDParameter:     vpcIDParam(n),
		SubnetIDsParameter: subnetIDsParam(n),
	})
}
