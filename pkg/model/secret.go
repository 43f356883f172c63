package model

import (
	"regexp"
	"strings"
	"sync"
)

// Secret is where a secret environment variable's value comes from: an SSM
// parameter or a Secrets Manager secret, by name or ARN. ECS reads it when
// the task starts, so the value never appears in the template or the task
// definition, and the execution role gets read access to exactly it.
type Secret struct {
	// Ssm is an SSM Parameter Store parameter's name (/shop/api-token) or
	// ARN.
	Ssm string `yaml:"ssm"`
	// SecretsManager is a Secrets Manager secret's name (prod/db) or ARN.
	SecretsManager string `yaml:"secretsManager"`
	// Key picks one field of a Secrets Manager secret that holds JSON.
	Key string `yaml:"key"`
	// KmsKeyArn is the customer-managed KMS key the secret is encrypted
	// with, if any; the execution role then may decrypt with that key
	// only. Secrets under AWS managed keys need no such grant.
	KmsKeyArn string `yaml:"kmsKeyArn" ecsgen:"kmsKeyArn"`
}

// envNameExpr is what shells and ECS accept as a variable name; the
// envName rule of a build secret's env reads it too.
const envNameExpr = `^[A-Za-z_][A-Za-z0-9_]*$`

var envNamePattern = lazyRegexp(envNameExpr)

func (s Secret) validate(v *Errors, path string) {
	switch {
	case s.Ssm == "" && s.SecretsManager == "":
		v.add(path, "needs ssm or secretsManager, e.g. `{ssm: /shop/api-token}` or `{secretsManager: prod/db, key: password}`")
	case s.Ssm != "" && s.SecretsManager != "":
		v.add(path, "give ssm or secretsManager, not both")
	}
	if strings.HasPrefix(s.Ssm, "arn:") {
		validateARN(v, field(path, "ssm"), s.Ssm, "ssm")
	}
	if strings.HasPrefix(s.SecretsManager, "arn:") {
		validateARN(v, field(path, "secretsManager"), s.SecretsManager, "secretsmanager")
	}
	for _, src := range []struct{ field, name, kind string }{
		{"ssm", s.Ssm, "parameter"},
		{"secretsManager", s.SecretsManager, "secret"},
	} {
		// IAM reads * and ? in a resource ARN as wildcards: the execution
		// role would be granted every secret the pattern matches.
		if strings.ContainsAny(src.name, "*?") {
			v.add(field(path, src.field), "%q contains a wildcard (* or ?), which would grant the task access to every %s it matches; name exactly one %s", src.name, src.kind, src.kind)
		}
	}
	if s.Key != "" && s.SecretsManager == "" {
		v.add(field(path, "key"), "only applies to secretsManager secrets, whose value can be JSON")
	}
}

// credentialPatterns recognise values that are secrets by their shape.
// Such a value in `environment` would be stored in plain text in the
// template, the task definition and the console; the message names the
// kind of credential but never echoes the value.
// They compile on first use: most manifests set no environment, and
// every synth would otherwise pay for them at start-up.
var credentialPatterns = sync.OnceValue(func() []credentialPattern {
	return []credentialPattern{
		{"an AWS access key ID", regexp.MustCompile(`\b(AKIA|ASIA)[0-9A-Z]{16}\b`)},
		{"a private key", regexp.MustCompile(`-----BEGIN [A-Z ]*PRIVATE KEY-----`)},
		{"a URL with a password", regexp.MustCompile(`://[^/\s:@]+:[^/\s@]+@`)},
		{"a GitHub or GitLab token", regexp.MustCompile(`\b(gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,}|glpat-[A-Za-z0-9_-]{20,})`)},
		{"a password or token assignment", regexp.MustCompile(`(?i)\b(password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key)\s*[=:]\s*\S`)},
	}
})

// credentialIn names the kind of credential value looks like, or "".
func credentialIn(value string) string {
	for _, cp := range credentialPatterns() {
		if cp.re.MatchString(value) {
			return cp.what
		}
	}
	return ""
}

type credentialPattern struct {
	what string
	re   *regexp.Regexp
}

// validateEnvironment rejects variables with bad names, names that are
// also secrets, and values that look like credentials.
func validateEnvironment(v *Errors, path string, c *Container) {
	for _, name := range sortedKeys(c.Environment) {
		p := field(field(path, "environment"), name)
		if !envNamePattern().MatchString(name) {
			v.add(p, "%q is not a variable name: use letters, digits and underscores, not starting with a digit", name)
		}
		if _, dup := c.Secrets[name]; dup {
			v.add(p, "is also under secrets; keep it in one place, secrets")
		}
		if what := credentialIn(c.Environment[name]); what != "" {
			v.add(p, "looks like %s; never put credentials in environment: store it in SSM Parameter Store or Secrets Manager and list it under secrets:, e.g. `%s: {ssm: /app/%s}`", what, name, strings.ToLower(name))
		}
	}
	for _, name := range sortedKeys(c.Secrets) {
		p := field(field(path, "secrets"), name)
		if !envNamePattern().MatchString(name) {
			v.add(p, "%q is not a variable name: use letters, digits and underscores, not starting with a digit", name)
		}
		c.Secrets[name].validate(v, p)
	}
}
