package model

import (
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// A rule is what one manifest field may hold and what it defaults to. Each
// is declared once, in rules below, and bound to the fields it governs by
// their `ecsgen:"<rule>"` tag; the validator (validateRules), the schema
// (schemaRules) and the methods that apply defaults (or, orInt) all read
// the same declaration, so none can drift from the others.
type rule struct {
	enum     []string // the values a text field may take
	values   []int    // the values a whole-number field may take
	min, max *int     // the range of a whole number
	maxItems int      // the most items of a list
	unit     string   // of a whole number, for messages: MiB, seconds
	why      string   // the reason for the rule, for messages
	idPrefix string   // an AWS resource ID, e.g. subnet-0123abcd
	arn      string   // an ARN of this AWS service (as validateARN names it)
	// pattern is a regular expression a non-empty text value matches; want
	// says what it is, for messages.
	pattern, want string
	// schemaOnly marks a pattern that approximates a stricter check the
	// validator makes itself with better messages (CIDRs, by netip).
	schemaOnly bool
	def        any // the default, when the field has one of its own
}

func bound(n int) *int { return &n }

// logRetentionDays are the retention periods CloudWatch Logs offers.
var logRetentionDays = []int{1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653}

// rules are the declarations, by the name fields' tags use.
var rules = map[string]*rule{
	"launchType":             {enum: []string{LaunchFargate, LaunchEC2}, def: LaunchFargate},
	"schedulingStrategy":     {enum: []string{SchedulingReplica, SchedulingDaemon}, def: SchedulingReplica},
	"cpuArchitecture":        {enum: []string{ArchX86_64, ArchARM64}}, // the default depends on the cluster
	"operatingSystemFamily":  {enum: []string{OSLinux}, why: "the only family ecsgen supports", def: OSLinux},
	"networkMode":            {enum: []string{NetworkModeAwsvpc, NetworkModeBridge, NetworkModeHost, NetworkModeNone}}, // the default depends on the launch type
	"listenerType":           {enum: []string{ListenerApplication, ListenerNetwork}, def: ListenerApplication},
	"natStrategy":            {enum: []string{NatOnePerAz, NatSingle, NatNone}, def: NatOnePerAz},
	"protocol":               {enum: []string{"tcp", "udp"}, def: "tcp"},
	"placementStrategy":      {enum: []string{"random", "spread", "binpack"}},
	"placementConstraint":    {enum: []string{"distinctInstance", "memberOf"}},
	"dependencyCondition":    {enum: []string{"START", "COMPLETE", "SUCCESS", "HEALTHY"}},
	"retentionInDays":        {why: "the periods CloudWatch Logs offers", values: logRetentionDays, def: 1},
	"flowLogRetention":       {why: "the periods CloudWatch Logs offers", values: logRetentionDays, def: 14},
	"flowLogTraffic":         {enum: []string{"REJECT", "ACCEPT", "ALL"}, def: "REJECT"},
	"port":                   {min: bound(1), max: bound(65535)},
	"hostPort":               {min: bound(0), max: bound(65535)},
	"desiredCount":           {min: bound(0), def: 1},
	"maximumPercent":         {min: bound(100), def: 200},
	"minimumHealthyPercent":  {min: bound(0), max: bound(100), def: 100},
	"gracePeriod":            {min: bound(0), max: bound(7200), unit: "seconds", def: 60},
	"waitForSteadyState":     {def: true},
	"essential":              {def: true},
	"placementStrategies":    {maxItems: 5, why: "an ECS limit"},
	"placementConstraints":   {maxItems: 10, why: "an ECS limit"},
	"zones":                  {min: bound(2), max: bound(6), why: "load balancers need two zones", def: 2},
	"vpcCidr":                {pattern: `^[0-9]{1,3}(\.[0-9]{1,3}){3}/(` + prefixLengths(largestVpcBits, smallestVpcBits) + `)$`, schemaOnly: true, def: "10.0.0.0/16"},
	"sshCidr":                {pattern: `^[0-9]{1,3}(\.[0-9]{1,3}){3}/([1-9]|[12][0-9]|3[0-2])$`, schemaOnly: true},
	"minSize":                {min: bound(0), def: 2},
	"maxSize":                {min: bound(0), def: 100},
	"desiredCapacity":        {min: bound(0)}, // default: left to managed scaling
	"instanceType":           {def: "t3.medium"},
	"baseImage":              {def: "cgr.dev/chainguard/static:latest"}, // ko's: static, non-root, CA certificates and time zones, no shell
	"envName":                {pattern: envNameExpr, want: "a variable name: letters, digits and underscores, not starting with a digit"},
	"goBuildTag":             {pattern: `^[A-Za-z0-9_.]+$`, want: "a build tag: letters, digits, _ and ., such as netgo"},
	"buildSsh":               {pattern: `^(default|` + buildIDExpr + `=[^,]+)$`, want: "default (the agent at $SSH_AUTH_SOCK) or ID=PATH (an agent socket or a private key), such as github=./deploy_key"},
	"containerCpu":           {min: bound(0), unit: "CPU units"},
	"containerMemory":        {min: bound(1), unit: "MiB"},
	"healthCheckInterval":    {min: bound(5), max: bound(300), unit: "seconds", def: 30},
	"healthCheckTimeout":     {min: bound(2), max: bound(120), unit: "seconds", def: 5},
	"healthCheckRetries":     {min: bound(1), max: bound(10), def: 3},
	"healthCheckStartPeriod": {min: bound(0), max: bound(300), unit: "seconds", def: 0},
	"absolutePath":           {pattern: `^/`, want: "an absolute path such as /data"},
	"vpcId":                  {idPrefix: "vpc-"},
	"subnetId":               {idPrefix: "subnet-"},
	"securityGroupId":        {idPrefix: "sg-"},
	"fileSystemId":           {idPrefix: "fs-"},
	"iamRoleArn":             {arn: "iam"},
	"acmCertificateArn":      {arn: "acm"},
	"kmsKeyArn":              {arn: "kms"},
	// Load balancing. A target group's timeout and thresholds default by
	// protocol (expand's HTTP and TCP checks), so their rules bound only.
	"external":                  {def: true},
	"sourceCidrs":               {maxItems: 25, pattern: `^[0-9]{1,3}(\.[0-9]{1,3}){3}/([0-9]|[12][0-9]|3[0-2])$`, schemaOnly: true, why: "each range is one inbound rule per port; a security group holds 60"},
	"rulePriority":              {min: bound(1), max: bound(50000), why: "the priorities an ALB listener rule may have"},
	"rulePaths":                 {maxItems: 5, pattern: `^/[A-Za-z0-9_.$/~"'@:+&*?-]{0,127}$`, want: "a path pattern such as /api/* of at most 128 characters: letters, digits, * ? and _ - . $ / ~ \" ' @ : + &"},
	"ruleHosts":                 {maxItems: 5, pattern: `^[A-Za-z0-9.*?-]{1,128}$`, want: "a host name such as api.example.com or *.example.com: letters, digits, - . * ?, at most 128 characters"},
	"targetHealthCheckPath":     {pattern: `^/[\x21-\x7e]*$`, want: "an absolute path without spaces, such as /healthz", def: "/"},
	"targetHealthCheckMatcher":  {pattern: `^[2-4][0-9]{2}(-[2-4][0-9]{2})?(,[2-4][0-9]{2}(-[2-4][0-9]{2})?)*$`, want: "HTTP codes 200-499: one (200), a list (200,204) or a range (200-299)", def: "200-399"},
	"targetHealthCheckInterval": {min: bound(5), max: bound(300), unit: "seconds", def: 30},
	"targetHealthCheckTimeout":  {min: bound(2), max: bound(120), unit: "seconds"},
	"healthCheckThreshold":      {min: bound(2), max: bound(10), why: "the counts ELB accepts"},
	"deregistrationDelay":       {min: bound(0), max: bound(3600), unit: "seconds", def: 60},
	"s3BucketName":              {pattern: `^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$`, schemaOnly: true}, // validateBucketName checks the rest
	"accessLogPrefix":           {pattern: `^[^/](.*[^/])?$`, schemaOnly: true},                    // AccessLogs.validate says what is wrong
	"hostedZoneId":              {pattern: `^Z[A-Z0-9]{1,31}$`, want: "a Route 53 hosted zone ID such as Z0123456789ABCDEFGHIJ"},
	"domainName":                {pattern: `^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?$`, want: "a lower-case DNS name such as app.example.com (no wildcard, no trailing dot)"},
	"minCapacity":               {min: bound(0), def: 1},
	"maxCapacity":               {min: bound(1)},
	"utilizationPercent":        {min: bound(1), max: bound(100), unit: "percent"},
	"requestsPerTarget":         {min: bound(1), unit: "requests per task per minute"},
	"fargateCapacityProvider":   {enum: []string{"FARGATE", "FARGATE_SPOT"}},
	"capacityWeight":            {min: bound(0), max: bound(1000), def: 1},
	"capacityBase":              {min: bound(0), max: bound(100000)},
	"statementEffect":           {enum: []string{"Allow", "Deny"}, def: "Allow"},
	"iamAction":                 {pattern: `^[A-Za-z0-9-]+:[A-Za-z0-9*?]+$`, want: "an IAM action such as s3:GetObject"},
	"portName":                  {pattern: `^[a-z0-9][a-z0-9_-]{0,63}$`, want: "up to 64 lowercase letters, digits, hyphens and underscores, such as http"},
	"dnsLabel":                  {pattern: `^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$`, want: "a DNS label such as worker (lowercase letters, digits and hyphens)"},
	"scheduleExpression":        {pattern: `^(rate\((1 (minute|hour|day)|([2-9]|[1-9][0-9]+) (minutes|hours|days))\)|cron\(\S+( \S+){5}\))$`, want: "rate(1 hour), rate(5 minutes) or cron(0 9 ? * MON-FRI *)"},
	"httpPath":                  {pattern: `^(/[A-Za-z0-9._~-]+)+$`, want: "a path such as /hello or /jobs/report (letters, digits and . _ ~ - between slashes)"},
	"httpMethod":                {enum: []string{"GET", "POST", "PUT", "PATCH", "DELETE", "ANY"}, def: "POST"},
	"cooldown":                  {min: bound(0), max: bound(3600), unit: "seconds"}, // default: Application Auto Scaling's, 300
}

// prefixLengths is a pattern alternative of the prefix lengths lo to hi.
func prefixLengths(lo, hi int) string {
	var out []string
	for n := lo; n <= hi; n++ {
		out = append(out, strconv.Itoa(n))
	}
	return strings.Join(out, "|")
}

// ruleOf returns the rule a struct field's tag names, or nil.
func ruleOf(f reflect.StructField) *rule {
	name := f.Tag.Get("ecsgen")
	if name == "" {
		return nil
	}
	r, ok := rules[name]
	if !ok {
		panic(fmt.Sprintf("model: field %s has tag ecsgen:%q, which names no rule in rules.go", f.Name, name))
	}
	return r
}

// or returns value, or the rule's default when value is unset.
func (r *rule) or(value string) string {
	if value == "" {
		return r.def.(string)
	}
	return value
}

// orInt returns *value, or the rule's default when value is unset.
func (r *rule) orInt(value *int) int {
	if value == nil {
		return r.def.(int)
	}
	return *value
}

// orBool returns *value, or the rule's default when value is unset.
func (r *rule) orBool(value *bool) bool {
	if value == nil {
		return r.def.(bool)
	}
	return *value
}

var patterns sync.Map // pattern -> *regexp.Regexp

func (r *rule) regexp() *regexp.Regexp {
	if re, ok := patterns.Load(r.pattern); ok {
		return re.(*regexp.Regexp)
	}
	re := regexp.MustCompile(r.pattern)
	patterns.Store(r.pattern, re)
	return re
}

// checkText checks a text value against the rule.
func (r *rule) checkText(v *Errors, path, s string) {
	switch {
	case s == "":
	case r.enum != nil && !slices.Contains(r.enum, s):
		v.add(path, "must be %s%s, got %q", oneOf(r.enum), r.because(), s)
	case r.idPrefix != "":
		validateID(v, path, s, r.idPrefix)
	case r.arn != "":
		validateARN(v, path, s, r.arn)
	case r.pattern != "" && !r.schemaOnly && !r.regexp().MatchString(s):
		v.add(path, "must be %s, got %q", r.want, s)
	}
}

// checkInt checks a whole number against the rule.
func (r *rule) checkInt(v *Errors, path string, n int) {
	unit := ""
	if r.unit != "" {
		unit = " " + r.unit
	}
	switch {
	case r.values != nil && !slices.Contains(r.values, n):
		v.add(path, "%d is not allowed%s; use one of %s", n, r.because(), oneOf(intStrings(r.values)))
	case r.min != nil && r.max != nil && (n < *r.min || n > *r.max):
		v.add(path, "must be %d to %d%s%s, got %d", *r.min, *r.max, unit, r.because(), n)
	case r.min != nil && n < *r.min:
		v.add(path, "must be >= %d%s%s, got %d", *r.min, unit, r.because(), n)
	}
}

// because is the rule's reason for a message, or nothing.
func (r *rule) because() string {
	if r.why == "" {
		return ""
	}
	return " (" + r.why + ")"
}

func intStrings(ns []int) []string {
	out := make([]string, len(ns))
	for i, n := range ns {
		out[i] = strconv.Itoa(n)
	}
	return out
}

// oneOf lists values for a message: "a or b", "a, b or c".
func oneOf(values []string) string {
	if len(values) == 1 {
		return values[0]
	}
	return strings.Join(values[:len(values)-1], ", ") + " or " + values[len(values)-1]
}

// validateRules checks every field of v, and of everything under it, that
// a rule governs. A whole number that is not a pointer is unset at zero,
// as a listener's port is, and is left to its own validation then.
func validateRules(errs *Errors, path string, v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			validateRules(errs, path, v.Elem())
		}
	case reflect.Map:
		for _, k := range v.MapKeys() {
			validateRules(errs, field(path, k.String()), v.MapIndex(k))
		}
	case reflect.Slice:
		for i := range v.Len() {
			validateRules(errs, index(path, i), v.Index(i))
		}
	case reflect.Struct:
		t := v.Type()
		for i := range t.NumField() {
			f := t.Field(i)
			name, opts, _ := strings.Cut(f.Tag.Get("yaml"), ",")
			if !f.IsExported() || name == "-" {
				continue
			}
			p := field(path, name)
			if opts == "inline" {
				p = path
			}
			if r := ruleOf(f); r != nil {
				checkField(errs, p, v.Field(i), r)
			}
			validateRules(errs, p, v.Field(i))
		}
	}
}

// checkField applies r to one field's value.
func checkField(errs *Errors, path string, v reflect.Value, r *rule) {
	set := true // a pointer is set when not nil; a plain number when not zero
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return
		}
		v = v.Elem()
	} else {
		set = !v.IsZero()
	}
	switch v.Kind() {
	case reflect.String:
		r.checkText(errs, path, v.String())
	case reflect.Int:
		if set {
			r.checkInt(errs, path, int(v.Int()))
		}
	case reflect.Slice:
		if r.maxItems > 0 && v.Len() > r.maxItems {
			errs.add(path, "has %d items; at most %d are allowed%s", v.Len(), r.maxItems, r.because())
		}
		if v.Type().Elem().Kind() == reflect.String {
			for i := range v.Len() {
				r.checkText(errs, index(path, i), v.Index(i).String())
			}
		}
	}
}
