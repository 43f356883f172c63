package model

import (
	"slices"

	"github.com/agnivade/levenshtein"
)

// sslPolicies are Elastic Load Balancing's predefined security policies
// for HTTPS and TLS listeners (DescribeSSLPolicies); ELB has no custom
// ones, so any other name fails at deploy.
var sslPolicies = []string{
	"ELBSecurityPolicy-2015-05",
	"ELBSecurityPolicy-2016-08",
	"ELBSecurityPolicy-FS-1-1-2019-08",
	"ELBSecurityPolicy-FS-1-2-2019-08",
	"ELBSecurityPolicy-FS-1-2-Res-2019-08",
	"ELBSecurityPolicy-FS-1-2-Res-2020-10",
	"ELBSecurityPolicy-FS-2018-06",
	"ELBSecurityPolicy-TLS-1-0-2015-04",
	"ELBSecurityPolicy-TLS-1-1-2017-01",
	"ELBSecurityPolicy-TLS-1-2-2017-01",
	"ELBSecurityPolicy-TLS-1-2-Ext-2018-06",
	"ELBSecurityPolicy-TLS13-1-0-2021-06",
	"ELBSecurityPolicy-TLS13-1-0-FIPS-2023-04",
	"ELBSecurityPolicy-TLS13-1-0-PQ-2025-09",
	"ELBSecurityPolicy-TLS13-1-1-2021-06",
	"ELBSecurityPolicy-TLS13-1-1-FIPS-2023-04",
	"ELBSecurityPolicy-TLS13-1-1-PQ-2025-09",
	"ELBSecurityPolicy-TLS13-1-2-2021-06",
	"ELBSecurityPolicy-TLS13-1-2-Ext0-FIPS-2023-04",
	"ELBSecurityPolicy-TLS13-1-2-Ext0-FIPS-PQ-2025-09",
	"ELBSecurityPolicy-TLS13-1-2-Ext0-PQ-2025-09",
	"ELBSecurityPolicy-TLS13-1-2-Ext1-2021-06",
	"ELBSecurityPolicy-TLS13-1-2-Ext1-FIPS-2023-04",
	"ELBSecurityPolicy-TLS13-1-2-Ext1-FIPS-PQ-2025-09",
	"ELBSecurityPolicy-TLS13-1-2-Ext1-PQ-2025-09",
	"ELBSecurityPolicy-TLS13-1-2-Ext2-2021-06",
	"ELBSecurityPolicy-TLS13-1-2-Ext2-FIPS-2023-04",
	"ELBSecurityPolicy-TLS13-1-2-Ext2-FIPS-PQ-2025-09",
	"ELBSecurityPolicy-TLS13-1-2-Ext2-PQ-2025-09",
	"ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04",
	"ELBSecurityPolicy-TLS13-1-2-FIPS-PQ-2025-09",
	"ELBSecurityPolicy-TLS13-1-2-PQ-2025-09",
	"ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
	"ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04",
	"ELBSecurityPolicy-TLS13-1-2-Res-FIPS-PQ-2025-09",
	"ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09",
	"ELBSecurityPolicy-TLS13-1-3-2021-06",
	"ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04",
	"ELBSecurityPolicy-TLS13-1-3-FIPS-PQ-2025-09",
	"ELBSecurityPolicy-TLS13-1-3-PQ-2025-09",
}

// validateSslPolicy checks that policy is one ELB offers, suggesting the
// closest when it is not.
func validateSslPolicy(v *Errors, path, policy string) {
	if slices.Contains(sslPolicies, policy) {
		return
	}
	closest, best := DefaultSslPolicy, -1
	for _, p := range sslPolicies {
		if d := levenshtein.ComputeDistance(policy, p); best < 0 || d < best {
			closest, best = p, d
		}
	}
	v.add(path, "%q is not an ELB security policy; did you mean %q? (the default, %s, allows TLS 1.3 and 1.2 only)", policy, closest, DefaultSslPolicy)
}
