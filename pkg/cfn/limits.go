package cfn

import (
	"errors"
	"fmt"
)

// CloudFormation's quotas that a generated template can reach; see
// "CloudFormation quotas" in the AWS CloudFormation User Guide.
const (
	// MaxInlineBytes is the largest template CreateStack accepts in the
	// request body; larger ones must be uploaded to S3 by deploy.
	MaxInlineBytes = 51_200
	// MaxTemplateBytes is the largest template CloudFormation accepts at
	// all, from S3.
	MaxTemplateBytes = 1_000_000
	MaxResources     = 500
	MaxParameters    = 200
	MaxOutputs       = 200
)

// ErrOverLimit is wrapped by every error about a CloudFormation quota.
var ErrOverLimit = errors.New("over a CloudFormation limit")

// checkLimits rejects a template CloudFormation would refuse, saying which
// limit it passes and by how much.
func checkLimits(rendered []byte, t *document) error {
	switch {
	case len(rendered) > MaxTemplateBytes:
		return fmt.Errorf("%w: the template is %d bytes, over CloudFormation's limit of %d; split the app into smaller ones", ErrOverLimit, len(rendered), MaxTemplateBytes)
	case len(t.Resources) > MaxResources:
		return fmt.Errorf("%w: the template has %d resources, over CloudFormation's limit of %d; split the app into smaller ones", ErrOverLimit, len(t.Resources), MaxResources)
	case len(t.Parameters) > MaxParameters:
		return fmt.Errorf("%w: the template has %d parameters, over CloudFormation's limit of %d", ErrOverLimit, len(t.Parameters), MaxParameters)
	case len(t.Outputs) > MaxOutputs:
		return fmt.Errorf("%w: the template has %d outputs, over CloudFormation's limit of %d; remove some outputs", ErrOverLimit, len(t.Outputs), MaxOutputs)
	}
	return nil
}
