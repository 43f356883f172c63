package model

// Domain is a custom DNS name for a listener: ecsgen adds an alias record
// for it in a Route 53 hosted zone and, unless the listener has a
// certificateArn, a DNS-validated ACM certificate for it, as Copilot's
// http.alias and CDK's domainName/domainZone do.
type Domain struct {
	// Name is the DNS name clients use, e.g. app.example.com.
	Name string `yaml:"name" ecsgen:"domainName"`
	// HostedZoneId is the public Route 53 hosted zone that holds Name and
	// the certificate's validation records.
	HostedZoneId string `yaml:"hostedZoneId" ecsgen:"hostedZoneId"`
}

// maxDomainLength is DNS's limit on a name's length.
const maxDomainLength = 253

func (d *Domain) validate(v *Errors, path string, l *Listener) {
	switch {
	case d.Name == "":
		v.add(field(path, "name"), "is required: the DNS name clients use, e.g. `name: app.example.com`")
	case len(d.Name) > maxDomainLength:
		v.add(field(path, "name"), "is %d characters; DNS names have at most %d", len(d.Name), maxDomainLength)
	}
	if d.HostedZoneId == "" {
		v.add(field(path, "hostedZoneId"), "is required: the Route 53 hosted zone of %s, e.g. `hostedZoneId: Z0123456789ABCDEFGHIJ`", d.Name)
	}
	if l.CertificateArn == "" && l.Port == 80 {
		v.add(path, "gets an HTTPS certificate, which port 80 cannot serve; listen on 443 (and add redirectHttp for port 80)")
	}
}
