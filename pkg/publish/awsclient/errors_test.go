package awsclient

import (
	"errors"
	"fmt"
	"testing"

	"github.com/aws/smithy-go"
)

// TestExplain: what a user reads for each kind of AWS failure.
func TestExplain(t *testing.T) {
	wrapped := func(code, msg string) error {
		return fmt.Errorf("operation DescribeStacks: https response error StatusCode: 400, RequestID: 1, %w", &smithy.GenericAPIError{Code: code, Message: msg})
	}
	other := errors.New("dial tcp 127.0.0.1:1: connection refused")
	for _, tc := range []struct {
		name  string
		err   error
		want  string
		wraps bool // the explained error wraps the original, for errors.As
	}{
		{name: "no error", err: nil, want: "<nil>"},
		{name: "credentials rejected", err: wrapped("ExpiredToken", "The security token included in the request is expired"),
			want: "AWS rejected the credentials (ExpiredToken: The security token included in the request is expired); check --profile or AWS_PROFILE, or sign in again (aws sso login, aws configure)"},
		{name: "another AWS error", err: wrapped("ValidationError", "Stack with id app does not exist"),
			want: "ValidationError: Stack with id app does not exist", wraps: true},
		{name: "no credentials", err: errors.New("failed to refresh cached credentials, failed to retrieve credentials"),
			want: "no AWS credentials found; pass --profile, set AWS_PROFILE or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or sign in (aws sso login): failed to refresh cached credentials, failed to retrieve credentials", wraps: true},
		{name: "anything else", err: other, want: other.Error()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := fmt.Sprint(Explain(tc.err))
			if got != tc.want {
				t.Errorf("Explain gave\n%s\nwant\n%s", got, tc.want)
			}
			if tc.wraps && !errors.Is(Explain(tc.err), tc.err) {
				t.Error("the explained error does not wrap the original")
			}
		})
	}
}
