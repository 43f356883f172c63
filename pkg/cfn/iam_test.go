package cfn

import (
	"testing"

	"github.com/ecsgen/ecsgen/pkg/expand"
)

// TestSecretARNsInPolicies checks that the execution role's grant on a
// Secrets Manager secret given by ARN matches the secret: a complete ARN
// as it is, a partial one (without the six random characters Secrets
// Manager appends) with exactly six more.
func TestSecretARNsInPolicies(t *testing.T) {
	const prefix = "arn:aws:secretsmanager:us-east-1:123456789012:secret:"
	tests := []struct{ given, want string }{
		{prefix + "prod/db-AbCdEf", prefix + "prod/db-AbCdEf"},
		{prefix + "prod/db", prefix + "prod/db-??????"},
		{prefix + "db", prefix + "db-??????"},
		{prefix + "prod/db-key", prefix + "prod/db-key-??????"},
		{prefix + "prod/db_AbCdEf", prefix + "prod/db_AbCdEf-??????"},
	}
	for _, tt := range tests {
		if got := resourceARN(expand.Resource{Secret: tt.given}); got != tt.want {
			t.Errorf("resourceARN(%s) = %s, want %s", tt.given, got, tt.want)
		}
	}
}
