package copilot

import (
	"net/netip"
	"slices"
	"strings"

	"github.com/ecsgen/ecsgen/pkg/importer"
	"github.com/ecsgen/ecsgen/pkg/model"
	"go.yaml.in/yaml/v3"
)

// Copilot gives each environment one public Application Load Balancer,
// which all its Load Balanced Web Services share, and one internal one for
// Backend Services with http: each service is routed by its path (and its
// aliases as host names). Each becomes one listener here, with a rule per
// service; the service at / without aliases takes the default route.

// sharedName is the listener each of the environment's load balancers
// becomes, by Copilot's name for it.
var sharedName = map[string]string{"public": "public", "private": "internal"}

type sharedListener struct {
	which, name string
	l           *model.Listener
	routes      []*sharedRoute
	defaultBy   string // the service with the default route
	noRedirect  bool
}

// sharedRoute is one service's route on a shared listener.
type sharedRoute struct {
	w       *workload
	index   int // of its port mapping in the main container
	tg      *model.TargetGroup
	path    string // Copilot's path without slashes; "" for /
	target  int
	aliases []alias
	sources []string
}

func (c *converter) shared(which string) *sharedListener {
	if sl := c.sharedListeners[which]; sl != nil {
		return sl
	}
	sl := &sharedListener{which: which, name: c.lbs.Name(sharedName[which]), l: &model.Listener{Port: 80}}
	note := "Copilot environment's public Application Load Balancer, which its Load Balanced Web Services share: each is routed by its http.path"
	if which == "private" {
		sl.l.External = new(false)
		note = "Copilot environment's internal Application Load Balancer, which its Backend Services with http share, reachable from the VPC only: each is routed by its http.path"
	}
	if c.envManifest != nil {
		alb := c.envManifest.HTTP.Public
		if which == "private" {
			alb = c.envManifest.HTTP.Private
		}
		sl.l.AccessLogs = c.accessLogs(which, sl.name)
		sl.l.CertificateArn = c.certificate(alb, which)
		if alb.SSLPolicy != "" {
			sl.l.SslPolicy = alb.SSLPolicy
		}
		for _, cidr := range alb.Ingress.SourceIPs {
			if p, err := netip.ParsePrefix(cidr); err == nil && p.Masked() == p && p.Addr().Is4() {
				sl.l.AllowedSourceIps = append(sl.l.AllowedSourceIps, cidr)
				continue
			}
			c.report(c.envFile, []string{"http", which, "ingress", "source_ips"}, "%q is not an IPv4 CIDR range such as 203.0.113.0/24; left out", cidr)
		}
	}
	c.addListener(sl.name, sl.l, note)
	if c.sharedListeners == nil {
		c.sharedListeners = map[string]*sharedListener{}
	}
	c.sharedListeners[which] = sl
	return sl
}

// route adds the workload's http to its environment's shared listener.
func (c *converter) route(w *workload, s *model.Service, h httpConfig, port int) {
	which := "public"
	if w.m.Type != loadBalanced {
		which = "private"
	}
	sl := c.shared(which)
	r := &sharedRoute{w: w, path: strings.Trim(h.Path, "/"), target: port, sources: h.AllowedSourceIPs}
	if h.TargetPort != nil {
		r.target = *h.TargetPort
	}
	r.aliases = c.aliases(w, h)
	r.tg = c.targetGroup(w, s, h)
	if r.target != 80 {
		if r.tg == nil {
			r.tg = &model.TargetGroup{}
		}
		r.tg.Port = r.target
	}
	if h.RedirectToHTTPS != nil && !*h.RedirectToHTTPS {
		sl.noRedirect = true
	}
	pm := model.PortMapping{Listener: sl.name}
	switch {
	case r.path == "" && len(r.aliases) == 0 && sl.defaultBy != "":
		// Two services at / without aliases: Copilot would refuse the
		// second; here it keeps a load balancer of its own.
		c.report(w, []string{"http", "path"}, "/ on listener %s already goes to %s; %s gets a load balancer of its own (listener %s): give it another path or an alias to share", sl.name, sl.defaultBy, w.name, c.ownListener(w, r))
		return
	case r.path == "" && sl.defaultBy == "":
		sl.defaultBy = w.name
		sl.l.TargetGroup = r.tg
	default:
		pm.TargetGroup = r.tg
		pm.Rule = &model.ListenerRule{}
		if r.path != "" {
			pm.Rule.Paths = []string{"/" + r.path, "/" + r.path + "/*"}
		}
		for _, a := range r.aliases {
			pm.Rule.Hosts = append(pm.Rule.Hosts, a.Name)
		}
	}
	r.index = len(w.container.PortMappings)
	w.container.PortMappings = append(w.container.PortMappings, pm)
	sl.routes = append(sl.routes, r)
}

// ownListener gives a route that cannot share a load balancer of its own.
func (c *converter) ownListener(w *workload, r *sharedRoute) string {
	name := c.lbs.Name(w.name)
	l := &model.Listener{Port: 80, TargetGroup: r.tg}
	if w.m.Type != loadBalanced {
		l.External = new(false)
	} else {
		// Its requests would have been in the public load balancer's logs.
		l.AccessLogs = c.accessLogs("public", name)
	}
	c.addListener(name, l, "Copilot's http for "+w.m.Name+", on a load balancer of its own")
	w.container.PortMappings = append(w.container.PortMappings, model.PortMapping{Listener: name})
	return name
}

// aliases reads http.alias: a name, a list of names, or a list of
// {name, hosted_zone}; http.hosted_zone applies to those that name none.
func (c *converter) aliases(w *workload, h httpConfig) []alias {
	var out []alias
	add := func(n *yaml.Node) {
		a := alias{HostedZone: h.HostedZone}
		switch n.Kind {
		case yaml.ScalarNode:
			a.Name = n.Value
		case yaml.MappingNode:
			var long alias
			_ = n.Decode(&long)
			a.Name = long.Name
			if long.HostedZone != "" {
				a.HostedZone = long.HostedZone
			}
		}
		if strings.Contains(a.Name, "${") {
			c.res.Report.Add(w.file, n.Line, "http.alias", "%s takes a shell variable, which Copilot fills at deploy and ecsgen does not; write the name, then import again. Left out", a.Name)
			return
		}
		if a.Name != "" {
			out = append(out, a)
		}
	}
	switch h.Alias.Kind {
	case yaml.ScalarNode:
		add(&h.Alias)
	case yaml.SequenceNode:
		for _, n := range h.Alias.Content {
			add(n)
		}
	}
	return out
}

// targetGroup reads the target group settings of http: the health check
// and the deregistration delay.
func (c *converter) targetGroup(w *workload, s *model.Service, h httpConfig) *model.TargetGroup {
	tg := &model.TargetGroup{DeregistrationDelay: seconds(h.DeregistrationDelay, "deregistrationDelay")}
	hc := &model.TargetHealthCheck{}
	switch n := h.Healthcheck; n.Kind {
	case yaml.ScalarNode:
		hc.Path = n.Value
	case yaml.MappingNode:
		var t targetHealthcheck
		_ = n.Decode(&t)
		hc.Path, hc.Matcher = t.Path, strings.ReplaceAll(t.SuccessCodes, " ", "")
		if t.HealthyThreshold != nil {
			hc.HealthyThreshold = clamp(*t.HealthyThreshold, "healthCheckThreshold")
		}
		if t.UnhealthyThreshold != nil {
			hc.UnhealthyThreshold = clamp(*t.UnhealthyThreshold, "healthCheckThreshold")
		}
		hc.Interval = seconds(t.Interval, "targetHealthCheckInterval")
		hc.Timeout = seconds(t.Timeout, "targetHealthCheckTimeout")
		if hc.Timeout != nil && *hc.Timeout >= hc.CheckInterval() {
			// Copilot checks every 10 s by default, ecsgen every 30 s.
			hc.Interval = new(max(*hc.Timeout+1, 10))
		}
		s.HealthCheckGracePeriodSeconds = seconds(t.GracePeriod, "gracePeriod")
	}
	if hc.Path == "/" {
		hc.Path = ""
	}
	if *hc != (model.TargetHealthCheck{}) {
		tg.HealthCheck = hc
	}
	if tg.HealthCheck == nil && tg.DeregistrationDelay == nil {
		return nil
	}
	return tg
}

// finishShared settles what depends on every route of a shared listener:
// its domain and certificate, who may reach it, target ports and rule
// priorities.
func (c *converter) finishShared() {
	for _, which := range sortedKeys(c.sharedListeners) {
		sl := c.sharedListeners[which]
		c.domain(sl)
		if sl.l.ServesTLS() {
			sl.l.Port = 443
			sl.l.RedirectHttp = which == "public" && !sl.noRedirect
		}
		for _, r := range sl.routes {
			if r.target == sl.l.Port || r.tg != nil && r.tg.Port != 0 {
				continue
			}
			// The listener moved to 443; the service still serves 80.
			r.tg = &model.TargetGroup{Port: r.target}
			if pm := r.mapping(); pm.Rule != nil {
				pm.TargetGroup = r.tg
			} else {
				sl.l.TargetGroup = r.tg
			}
		}
		c.sources(sl)
		c.priorities(sl)
	}
}

// domain gives the listener the one alias its services have, with its
// hosted zone, so ecsgen makes the certificate and the DNS record, as
// Copilot does; more aliases need a certificate that covers them all.
func (c *converter) domain(sl *sharedListener) {
	var all []alias
	var first *sharedRoute
	for _, r := range sl.routes {
		for _, a := range r.aliases {
			if !slices.ContainsFunc(all, func(b alias) bool { return strings.EqualFold(a.Name, b.Name) }) {
				all = append(all, a)
				if first == nil {
					first = r
				}
			}
		}
	}
	if len(all) == 0 {
		return
	}
	if len(all) == 1 && validZone(all[0].HostedZone) {
		sl.l.Domain = &model.Domain{Name: all[0].Name, HostedZoneId: all[0].HostedZone}
		c.res.Note(importer.Field(importer.Field("listeners", sl.name), "domain"), "Copilot's http.alias of "+first.w.m.Name+": ecsgen adds its DNS record and, without a certificateArn, a certificate for it")
		return
	}
	names := make([]string, len(all))
	for i, a := range all {
		names[i] = a.Name
	}
	if sl.l.CertificateArn == "" {
		c.report(first.w, []string{"http", "alias"}, "listener %s is reached as %s, whose hosted zone Copilot took from the app's domain: give the listener domain: {name, hostedZoneId} for one name (ecsgen then makes its certificate and DNS record), or for several an ACM certificate that covers them as certificateArn, and point their DNS records at the load balancer", sl.name, strings.Join(names, ", "))
		return
	}
	c.report(first.w, []string{"http", "alias"}, "point the DNS records of %s at listener %s's load balancer: ecsgen makes the record only for one domain with its hostedZoneId", strings.Join(names, ", "), sl.name)
}

func validZone(id string) bool {
	if len(id) < 2 || len(id) > 32 || id[0] != 'Z' {
		return false
	}
	return !strings.ContainsFunc(id, func(r rune) bool { return !(r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') })
}

// sources restricts the listener to the ranges its services allow, when
// they all allow the same: an ecsgen listener admits sources for the
// whole load balancer, where Copilot matches them per service's rule.
func (c *converter) sources(sl *sharedListener) {
	var set []string
	same := true
	for i, r := range sl.routes {
		if i == 0 {
			set = r.sources
		}
		same = same && slices.Equal(set, r.sources)
	}
	for _, cidr := range set {
		if p, err := netip.ParsePrefix(cidr); err != nil || p.Masked() != p || !p.Addr().Is4() {
			same = false // reported below
		}
	}
	for _, r := range sl.routes {
		switch {
		case len(r.sources) == 0:
		case same && len(sl.l.AllowedSourceIps) == 0:
		default:
			c.report(r.w, []string{"http", "allowed_source_ips"}, "left out: ecsgen admits IPv4 CIDR ranges per load balancer, and listener %s also serves services that allow others (or these are not CIDRs): give %s a listener of its own with allowedSourceIps", sl.name, r.w.name)
		}
	}
	if same && len(set) > 0 && len(sl.l.AllowedSourceIps) == 0 {
		sl.l.AllowedSourceIps = set
		c.res.Note(importer.Field(importer.Field("listeners", sl.name), "allowedSourceIps"), "Copilot's http.allowed_source_ips, the same for every service on this load balancer")
	}
}

// priorities keeps the rules' derived priorities when they differ and try
// a longer path before a shorter one it starts with, as Copilot does;
// otherwise it numbers the rules in Copilot's order.
func (c *converter) priorities(sl *sharedListener) {
	var rules []*sharedRoute
	for _, r := range sl.routes {
		if r.mapping().Rule != nil {
			rules = append(rules, r)
		}
	}
	ok := true
	for i, a := range rules {
		for _, b := range rules[:i] {
			pa, pb := model.DerivedPriority(a.w.name), model.DerivedPriority(b.w.name)
			ok = ok && pa != pb && !(within(a.path, b.path) && pa > pb) && !(within(b.path, a.path) && pb > pa)
		}
	}
	if ok {
		return
	}
	slices.SortStableFunc(rules, func(a, b *sharedRoute) int {
		return strings.Count(b.path, "/") + len(b.path) - strings.Count(a.path, "/") - len(a.path)
	})
	for i, r := range rules {
		r.mapping().Rule.Priority = new(10 * (i + 1))
		p := importer.Field(importer.Field(importer.Index(importer.Field(importer.Field(importer.Field(r.w.tdPath, "containers"), r.w.name), "portMappings"), r.index), "rule"), "priority")
		c.res.Note(p, "numbered as Copilot orders rules, longest path first: the priorities ecsgen derives from the services' names would clash or try a shorter path first")
	}
}

// within reports whether path a lies under path b (b is a prefix of a).
func within(a, b string) bool { return b == "" || a != b && strings.HasPrefix(a+"/", b+"/") }

// mapping is the route's port mapping.
func (r *sharedRoute) mapping() *model.PortMapping { return &r.w.container.PortMappings[r.index] }
