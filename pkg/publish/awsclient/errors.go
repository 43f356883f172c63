package awsclient

import (
	"errors"
	"fmt"
	"strings"

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

// Explain turns the SDK's errors that users meet most into what to do:
// credentials to renew, or an API error as its code and message alone.
func Explain(err error) error {
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

// awsError shows an AWS error as its code and message, without the SDK's
// operation, status and request ID, which say nothing to a user.
type awsError struct {
	err       error
	code, msg string
}

func (e *awsError) Error() string { return e.code + ": " + e.msg }
func (e *awsError) Unwrap() error { return e.err }
