package cfn

import (
	"fmt"

	"github.com/awslabs/goformation/v7/cloudformation"
	elbv2 "github.com/awslabs/goformation/v7/cloudformation/elasticloadbalancingv2"
	"github.com/ecsgen/ecsgen/pkg/expand"
)

func loadBalancerID(lb *expand.LoadBalancer) string { return LogicalID(lb.Name, "LoadBalancer") }
func listenerID(l *expand.Listener) string          { return LogicalID(l.Name, "Listener") }
func targetGroupID(tg *expand.TargetGroup) string   { return LogicalID(tg.Name, "TargetGroup") }

func addLoadBalancer(t *Template, lb *expand.LoadBalancer) {
	owner := "listeners." + lb.Name
	r := &elbv2.LoadBalancer{
		Type:    new(lb.Type),
		Scheme:  new("internal"),
		Subnets: privateSubnets(lb.Network),
	}
	if lb.Public {
		r.Scheme, r.Subnets = new("internet-facing"), publicSubnets(lb.Network)
		r.AWSCloudFormationDependsOn = internetRoutes(lb.Network)
	}
	if lb.SecurityGroup != nil {
		r.SecurityGroups = []string{groupID(lb.SecurityGroup)}
	}
	if lb.DropInvalidHeaders {
		r.LoadBalancerAttributes = append(r.LoadBalancerAttributes, elbv2.LoadBalancer_LoadBalancerAttribute{
			Key: new("routing.http.drop_invalid_header_fields.enabled"), Value: new("true"),
		})
	}
	if lb.AccessLogs != nil {
		logAccessTo(r, lb)
	}
	id := loadBalancerID(lb)
	t.addResource(id, owner, r)
	for _, l := range lb.Listeners {
		addListener(t, l)
	}
}

func addListener(t *Template, l *expand.Listener) {
	owner := "listeners." + l.Name
	lbID := loadBalancerID(l.LoadBalancer)
	r := &elbv2.Listener{
		LoadBalancerArn: cloudformation.Ref(lbID),
		Port:            new(l.Port),
		Protocol:        new(l.Protocol),
	}
	if l.SslPolicy != "" {
		r.Certificates = []elbv2.Listener_Certificate{{CertificateArn: new(certificateArn(t, l))}}
		r.SslPolicy = new(l.SslPolicy)
	}
	if to := l.RedirectTo; to != nil {
		r.DefaultActions = []elbv2.Listener_Action{{Type: "redirect", RedirectConfig: &elbv2.Listener_RedirectConfig{
			Protocol: new("HTTPS"), Port: new(fmt.Sprint(to.Port)), StatusCode: "HTTP_301",
		}}}
		t.addResource(listenerID(l), owner, r)
		return
	}
	if tg := l.TargetGroup; tg != nil {
		addTargetGroup(t, tg, owner)
		r.DefaultActions = []elbv2.Listener_Action{{Type: "forward", TargetGroupArn: new(cloudformation.Ref(targetGroupID(tg)))}}
	} else {
		// Every route has a rule: what none matches is not found, rather
		// than sent to a service that did not ask for it.
		r.DefaultActions = []elbv2.Listener_Action{{Type: "fixed-response", FixedResponseConfig: &elbv2.Listener_FixedResponseConfig{
			StatusCode: "404", ContentType: new("text/plain"), MessageBody: new("Not found"),
		}}}
	}
	t.addResource(listenerID(l), owner, r)
	for _, rule := range l.Rules {
		addListenerRule(t, rule, owner)
	}
	if l.Domain != nil {
		addDomainRecord(t, l, owner)
	}

	dns := cloudformation.GetAtt(lbID, "DNSName")
	if l.Protocol == "TCP" || l.Protocol == "TLS" {
		t.addOutput(LogicalID(l.Name, "ListenerEndpoint"), owner, cloudformation.Output{
			Value:       cloudformation.Join(":", []string{dns, fmt.Sprint(l.Port)}),
			Description: new("host:port of listener " + l.Name),
		})
		return
	}
	scheme, defaultPort := "http", 80
	if l.Protocol == "HTTPS" {
		scheme, defaultPort = "https", 443
	}
	port := ""
	if l.Port != defaultPort {
		port = fmt.Sprintf(":%d", l.Port)
	}
	url := cloudformation.Sub(fmt.Sprintf("%s://${%s.DNSName}%s", scheme, lbID, port))
	if l.Domain != nil {
		url = fmt.Sprintf("%s://%s%s", scheme, l.Domain.Name, port)
	}
	t.addOutput(LogicalID(l.Name, "ListenerUrl"), owner, cloudformation.Output{
		Value:       url,
		Description: new("URL of listener " + l.Name),
	})
}

func addTargetGroup(t *Template, tg *expand.TargetGroup, owner string) {
	hc := tg.HealthCheck
	r := &elbv2.TargetGroup{
		Port:                       new(tg.Port),
		Protocol:                   new(tg.Protocol),
		TargetType:                 new(tg.TargetType),
		VpcId:                      new(vpcID(tg.Network)),
		HealthCheckProtocol:        new(hc.Protocol),
		HealthCheckPort:            new(hc.Port),
		HealthCheckIntervalSeconds: new(hc.IntervalSeconds),
		HealthCheckTimeoutSeconds:  new(hc.TimeoutSeconds),
		HealthyThresholdCount:      new(hc.HealthyThresholdCount),
		UnhealthyThresholdCount:    new(hc.UnhealthyThresholdCount),
		TargetGroupAttributes: []elbv2.TargetGroup_TargetGroupAttribute{{
			Key: new("deregistration_delay.timeout_seconds"), Value: new(fmt.Sprint(tg.DeregistrationDelaySeconds)),
		}},
	}
	if hc.Path != "" {
		r.HealthCheckPath = new(hc.Path)
	}
	if hc.Matcher != "" {
		r.Matcher = &elbv2.TargetGroup_Matcher{HttpCode: new(hc.Matcher)}
	}
	t.addResource(targetGroupID(tg), owner, r)
}
