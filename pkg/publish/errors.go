package publish

import (
	"errors"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/smithy-go"
)

// isThrottle reports whether AWS asked ecsgen to slow down, after the
// client's own retries: a poll loop then waits longer instead of failing.
func isThrottle(err error) bool {
	var ae smithy.APIError
	if !errors.As(err, &ae) {
		return false
	}
	_, ok := retry.DefaultThrottleErrorCodes[ae.ErrorCode()]
	return ok
}

// apiMessage returns the message of an AWS error, or err's text.
func apiMessage(err error) string {
	var ae smithy.APIError
	if errors.As(err, &ae) {
		return ae.ErrorMessage()
	}
	return err.Error()
}

// isNotFound reports CloudFormation's answer for a stack that is not there.
func isNotFound(err error) bool { return strings.Contains(apiMessage(err), "does not exist") }
