package expand

import "github.com/ecsgen/ecsgen/pkg/model"

// AccessLogs is where a load balancer writes its access logs.
type AccessLogs struct {
	// Bucket names an existing bucket; empty for the app's
	// AccessLogBucket.
	Bucket string
	// Prefix is the folder under the bucket, or empty.
	Prefix string
}

// AccessLogBucket is the S3 bucket ecsgen creates for the access logs of
// the load balancers that name no bucket of their own: one per app, each
// load balancer under its own prefix, so one policy and one lifecycle
// cover them all.
type AccessLogBucket struct {
	// ExpirationDays is how long a log is kept: 90 days, the span PCI DSS
	// asks to keep audit logs at hand and long past what an incident
	// review reads, while storage stays bounded (Copilot's bucket keeps
	// logs forever).
	ExpirationDays int
	// NoncurrentExpirationDays is how long a deleted or overwritten log
	// stays recoverable (the bucket is versioned, so logs are tamper-
	// evident) before it is gone for good.
	NoncurrentExpirationDays int
	// Writers are the load balancers that write to it, by name.
	Writers []*LoadBalancer
}

// Retention of the access log bucket; see AccessLogBucket.
const (
	accessLogExpirationDays           = 90
	accessLogNoncurrentExpirationDays = 30
)

// accessLogs returns where lb writes the access logs m asks for, or nil;
// the app's bucket is made on first use.
func (x *expander) accessLogs(lb *LoadBalancer, m *model.AccessLogs) *AccessLogs {
	if !m.Enabled() {
		return nil
	}
	if m.Bucket != "" {
		return &AccessLogs{Bucket: m.Bucket, Prefix: m.Prefix}
	}
	b := x.app.AccessLogBucket
	if b == nil {
		b = &AccessLogBucket{ExpirationDays: accessLogExpirationDays, NoncurrentExpirationDays: accessLogNoncurrentExpirationDays}
		x.app.AccessLogBucket = b
	}
	b.Writers = append(b.Writers, lb)
	prefix := m.Prefix
	if prefix == "" {
		prefix = lb.Name
	}
	return &AccessLogs{Prefix: prefix}
}
