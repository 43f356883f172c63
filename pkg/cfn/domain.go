package cfn

import (
	"github.com/awslabs/goformation/v7/cloudformation"
	"github.com/awslabs/goformation/v7/cloudformation/certificatemanager"
	"github.com/awslabs/goformation/v7/cloudformation/route53"
	"github.com/ecsgen/ecsgen/pkg/expand"
)

func certificateID(l *expand.Listener) string  { return LogicalID(l.Name, "Certificate") }
func domainRecordID(l *expand.Listener) string { return LogicalID(l.Name, "DomainRecord") }

// certificateArn is the ARN of a TLS listener's certificate: the one the
// user gave, or one the stack requests for the listener's domain, which
// CloudFormation validates by adding its DNS records to the hosted zone
// (the stack waits until ACM issues it).
func certificateArn(t *Template, l *expand.Listener) string {
	if l.Domain == nil || !l.Domain.Certificate {
		return l.CertificateArn
	}
	id := certificateID(l)
	t.addResource(id, "listeners."+l.Name, &certificatemanager.Certificate{
		DomainName:       l.Domain.Name,
		ValidationMethod: new("DNS"),
		DomainValidationOptions: []certificatemanager.Certificate_DomainValidationOption{{
			DomainName: l.Domain.Name, HostedZoneId: new(l.Domain.HostedZoneID),
		}},
	})
	return cloudformation.Ref(id) // a certificate's Ref is its ARN
}

// addDomainRecord points the listener's domain at its load balancer with
// an alias record, which follows the load balancer's changing addresses
// and costs no queries.
func addDomainRecord(t *Template, l *expand.Listener, owner string) {
	lbID := loadBalancerID(l.LoadBalancer)
	t.addResource(domainRecordID(l), owner, &route53.RecordSet{
		HostedZoneId: new(l.Domain.HostedZoneID),
		Name:         l.Domain.Name,
		Type:         "A",
		AliasTarget: &route53.RecordSet_AliasTarget{
			DNSName:              cloudformation.GetAtt(lbID, "DNSName"),
			HostedZoneId:         cloudformation.GetAtt(lbID, "CanonicalHostedZoneID"),
			EvaluateTargetHealth: new(true),
		},
	})
}
