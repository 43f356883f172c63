package model

import "net/netip"

// privateRanges are the IPv4 ranges of RFC 1918 and RFC 6598 (carrier-grade
// NAT): a wide SSH range inside them admits only the user's own network.
var privateRanges = []netip.Prefix{
	netip.MustParsePrefix("10.0.0.0/8"),
	netip.MustParsePrefix("172.16.0.0/12"),
	netip.MustParsePrefix("192.168.0.0/16"),
	netip.MustParsePrefix("100.64.0.0/10"),
}

// maxPublicSSHBits is the widest public range SSH may be opened to: a /16
// is already 65,536 addresses of other people's machines.
const maxPublicSSHBits = 16

// validateSSHCidr checks the range SSH is opened to. A range with host bits
// set is refused rather than masked, since the user may have meant a single
// host (/32) and typed another length; a public range wider than a /16 is
// no longer "a VPN or a bastion". Width is checked first, so that the
// masked range a host-bits message offers is one synth accepts.
func validateSSHCidr(v *Errors, path, cidr string) {
	prefix, err := netip.ParsePrefix(cidr)
	switch {
	case cidr == "":
		v.add(path, "is required: the range allowed to connect, e.g. `cidr: 203.0.113.0/24`")
	case err != nil || !prefix.Addr().Is4():
		v.add(path, "%q is not an IPv4 CIDR such as 203.0.113.0/24", cidr)
	case prefix.Bits() == 0:
		v.add(path, "would open SSH to the whole internet; give the narrowest range you can (a VPN or bastion)")
	case prefix.Bits() < maxPublicSSHBits && !isPrivate(prefix):
		v.add(path, "%s is a public range wider than a /%d; give the narrowest range you can (a VPN or bastion), a /%d or smaller", cidr, maxPublicSSHBits, maxPublicSSHBits)
	case prefix.Masked() != prefix:
		v.add(path, "%s has host bits set; write the range as %s, or the host as %s/32", cidr, prefix.Masked(), prefix.Addr())
	}
}

// isPrivate reports whether all of p lies in one private range.
func isPrivate(p netip.Prefix) bool {
	for _, r := range privateRanges {
		if r.Bits() <= p.Bits() && r.Contains(p.Addr()) {
			return true
		}
	}
	return false
}
