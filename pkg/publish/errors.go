package publish

import (
	"errors"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/smithy-go"
)

// credentialCodes are the answers AWS gives to missing, wrong or expired
// credentials, across services.
var credentialCodes = map[string]bool{
	"InvalidClientTokenId":        true,
	"UnrecognizedClientException": true,
	"SignatureDoesNotMatch":       true,
	"ExpiredToken":                true,
	"ExpiredTokenException":       true,
	"AuthFailure":                 true,
	"InvalidAccessKeyId":          true,
}

// explain turns the SDK's errors that users meet most into what to do.
func explain(err error) error {
	if err == nil {
		return nil
	}
	var ae smithy.APIError
	if errors.As(err, &ae) && credentialCodes[ae.ErrorCode()] {
		return fmt.Errorf("AWS rejected the credentials (%s: %s); check --profile or AWS_PROFILE, or sign in again (aws sso login, aws configure)", ae.ErrorCode(), ae.ErrorMessage())
	}
	if errors.As(err, &ae) {
		return &awsError{err: err, code: ae.ErrorCode(), msg: ae.ErrorMessage()}
	}
	msg := err.Error()
	if strings.Contains(msg, "failed to retrieve credentials") || strings.Contains(msg, "no EC2 IMDS role found") {
		return fmt.Errorf("no AWS credentials found; pass --profile, set AWS_PROFILE or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or sign in (aws sso login): %w", err)
	}
	return err
}

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

// awsError shows an AWS error as its code and message, without the SDK's
// operation, status and request ID, which say nothing to a user.
type awsError struct {
	err       error
	code, msg string
}

func (e *awsError) Error() string { return e.code + ": " + e.msg }
func (e *awsError) Unwrap() error { return e.err }
