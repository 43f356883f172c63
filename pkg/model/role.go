package model

import (
	"github.com/aws/aws-sdk-go-v2/aws/arn"
)

// roleResourcePattern is the resource part of an IAM role ARN: role/, an
// optional path, and a name of up to 64 of IAM's characters.
var roleResourcePattern = lazyRegexp(`^role/(?:[\x21-\x7e]+/)?[\w+=,.@-]{1,64}$`)

// validateRoleARN checks that s is the ARN of an IAM role, in any
// partition. Any other IAM ARN (a user, a policy) would pass ECS's own
// shape check at deploy and fail only when ECS tries to assume it.
func validateRoleARN(v *Errors, path, s string) {
	a, err := arn.Parse(s)
	if err != nil || a.Service != "iam" || a.Region != "" || !accountPattern().MatchString(a.AccountID) || !roleResourcePattern().MatchString(a.Resource) {
		v.add(path, "%q is not an IAM role ARN such as arn:aws:iam::123456789012:role/name", s)
	}
}
